package server

import (
	"context"
	"fmt"
	"slices"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/chain"
	"github.com/groundcrew/groundcrew/internal/chain/bitcoin"
	"github.com/groundcrew/groundcrew/internal/chain/diagnose"
	"github.com/groundcrew/groundcrew/internal/chain/evm"
	"github.com/groundcrew/groundcrew/internal/exchange"
	"github.com/groundcrew/groundcrew/internal/exchange/exchangehttp"
	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
)

var (
	bitcoinFamily = []string{"bitcoin", "litecoin", "dogecoin", "bitcoin-cash"}
	evmFamily     = []string{"ethereum", "bsc", "polygon", "arbitrum", "optimism", "base", "avalanche-c"}
)

// openCrypto builds the network registry, the exchange adapter (the sandbox
// unless an exchange URL is configured), the chain clients and diagnosis.
func (a *App) openCrypto(ctx context.Context) error {
	var err error
	if a.registry, err = chain.LoadRegistry(a.cfg.NetworksFile); err != nil {
		return err
	}
	clients := map[string]chain.Client{}
	if a.cfg.ExchangeURL != "" {
		a.exchange, err = exchangehttp.NewClient(exchangehttp.Config{BaseURL: a.cfg.ExchangeURL, KeyID: a.cfg.ExchangeKeyID, Secret: []byte(a.cfg.ExchangeSecret)})
		if err != nil {
			return fmt.Errorf("exchange adapter: %w", err)
		}
	} else {
		sb := sandbox.New(nil)
		a.exchange, a.sandbox = sb, sb
		// The sandbox's own chains answer for the demo transactions.
		for _, c := range sb.Chains() {
			clients[c.Network()] = c
		}
		a.demoCustomers = demoCustomers(ctx, sb)
	}
	for network, url := range a.cfg.ChainNodes {
		c, err := chainClient(network, url)
		if err != nil {
			return err
		}
		clients[network] = c
	}
	a.diagnose = &diagnose.HTTP{Audit: a.audit, Diagnoser: &diagnose.Diagnoser{
		Registry:    diagnose.FromRegistry(a.registry),
		Exchange:    diagnose.FromExchange(a.exchange),
		Clients:     clients,
		RecoveryFee: a.cfg.RecoveryFee,
	}}
	secret := a.cfg.IdentitySecret
	if secret == "" {
		if secret, err = a.setting(ctx, "identity_secret", func() string { return auth.NewToken("") }); err != nil {
			return err
		}
	}
	a.identity = auth.IdentitySigner{Secret: []byte(secret)}
	return nil
}

func chainClient(network, url string) (chain.Client, error) {
	switch {
	case slices.Contains(bitcoinFamily, network):
		return bitcoin.New(bitcoin.Config{Network: network, URL: url})
	case slices.Contains(evmFamily, network):
		return evm.New(evm.Config{Network: network, URL: url})
	}
	return nil, fmt.Errorf("chain node for %s: no client for this network yet (Bitcoin-family and EVM networks are supported)", network)
}

// demoCustomers lists the sandbox's scenario customers for the demo page.
func demoCustomers(ctx context.Context, x exchange.Exchange) []DemoCustomer {
	var out []DemoCustomer
	for _, sc := range sandbox.Scenarios() {
		name := sc.UserID
		if u, err := x.User(ctx, sc.UserID); err == nil {
			name = u.Name
		}
		out = append(out, DemoCustomer{UserID: sc.UserID, Name: name, Scenario: sc.Name, TxID: sc.TxID, Address: sc.Address})
	}
	return out
}

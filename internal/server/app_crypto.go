package server

import (
	"cmp"
	"context"
	"errors"
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
	"github.com/groundcrew/groundcrew/internal/seal"
	"github.com/groundcrew/groundcrew/internal/store"
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
	secret, err := a.identitySecret(ctx)
	if err != nil {
		return err
	}
	a.identity = auth.IdentitySigner{Secret: []byte(secret), MaxLife: a.cfg.WidgetTokenLife}
	return nil
}

// identitySetting names the settings row that keeps the generated customer
// identity secret, sealed with the encryption keys (identityAAD binds it to
// that row): a dump of the database alone must not let anyone sign customer
// identity tokens.
const (
	identitySetting = "identity_secret"
	identityAAD     = "settings.value:" + identitySetting
)

// identitySecret returns GROUNDCREW_IDENTITY_SECRET, or else the secret kept
// in the database, generated and stored sealed on the first start. A row
// left in plain text by an older version, or sealed with a key that is no
// longer the active one, is sealed again with the active key in place.
func (a *App) identitySecret(ctx context.Context) (string, error) {
	var secret, was string
	err := a.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		stored, found, err := tx.Setting(ctx, identitySetting)
		if err != nil {
			return err
		}
		if !found {
			if a.cfg.IdentitySecret != "" {
				secret = a.cfg.IdentitySecret
				return nil
			}
			created := false
			if secret, created, err = a.createIdentitySecret(ctx, tx); err != nil || created {
				return err
			}
			// Another node created it first: use theirs.
			if stored, _, err = tx.Setting(ctx, identitySetting); err != nil {
				return err
			}
		}
		plain, err := a.keys.Open(stored, identityAAD)
		if err != nil {
			if a.cfg.IdentitySecret != "" {
				a.log.Warn("the stored customer identity secret does not open; GROUNDCREW_IDENTITY_SECRET is used", "err", err)
				secret = a.cfg.IdentitySecret
				return nil
			}
			return fmt.Errorf("the customer identity secret kept in the database does not open with the configured encryption keys (restore them, or set GROUNDCREW_IDENTITY_SECRET): %w", err)
		}
		if plain == "" && a.cfg.IdentitySecret == "" {
			// An empty HMAC key would let anyone sign customer identities.
			return errors.New("the customer identity secret kept in the database is empty: delete its settings row to generate a new one, or set GROUNDCREW_IDENTITY_SECRET")
		}
		secret = cmp.Or(a.cfg.IdentitySecret, plain)
		if a.keys.SealedWithActive(stored) {
			return nil
		}
		sealed, err := a.keys.Seal(plain, identityAAD)
		if err != nil {
			return err
		}
		// Only if unchanged: a node converting it at the same time wins.
		if _, err := tx.Exec(ctx, `UPDATE settings SET value = ? WHERE name = ? AND value = ?`, sealed, identitySetting, stored); err != nil {
			return err
		}
		was = "plain text"
		if id, ok := seal.KeyID(stored); ok {
			was = "key " + id
		}
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("customer identity secret: %w", err)
	}
	if was != "" {
		a.log.Info("sealed the stored customer identity secret with the active encryption key", "was", was, "key", a.keys.Active())
	}
	return secret, nil
}

// createIdentitySecret generates the secret and stores it sealed. created
// is false when another node stored one first.
func (a *App) createIdentitySecret(ctx context.Context, tx *store.Tx) (secret string, created bool, err error) {
	secret = auth.NewToken("")
	sealed, err := a.keys.Seal(secret, identityAAD)
	if err != nil {
		return "", false, err
	}
	created, err = tx.AddSetting(ctx, identitySetting, sealed)
	return secret, created, err
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

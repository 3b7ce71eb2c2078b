package diagnose

import (
	"context"
	"errors"

	"github.com/groundcrew/groundcrew/internal/chain"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/exchange"
)

// FromRegistry adapts the network registry to what diagnosis needs.
func FromRegistry(r *chain.Registry) Registry { return registry{r} }

type registry struct{ r *chain.Registry }

func (a registry) Network(id string) (NetworkInfo, bool) {
	n, err := a.r.Network(id)
	if err != nil {
		return NetworkInfo{}, false
	}
	return NetworkInfo{ID: n.ID, Name: n.Name, NativeAsset: n.Symbol, Confirmations: n.Confirmations,
		BlockTimeSeconds: n.BlockTime, MemoRequired: n.Memo.Requirement == "required"}, true
}

func (a registry) TxIDNetworks(txid string) []string {
	var out []string
	for _, m := range a.r.Identify(txid).TxIDs {
		out = append(out, m.Network)
	}
	return out
}

func (a registry) AddressNetworks(address string) []string {
	var out []string
	for _, m := range a.r.Identify(address).Addresses {
		out = append(out, m.Network)
	}
	return out
}

// FromExchange adapts the exchange adapter to what diagnosis needs.
func FromExchange(x exchange.Exchange) Exchange { return exchangeAdapter{x} }

type exchangeAdapter struct{ x exchange.Exchange }

func (a exchangeAdapter) FindDepositAddress(ctx context.Context, network, address, memo string) (DepositAddress, error) {
	d, err := a.x.FindDepositAddress(ctx, network, address, memo)
	if err != nil {
		return DepositAddress{}, err
	}
	return DepositAddress{UserID: d.UserID, Network: d.Network, Address: d.Address, Memo: d.Memo}, nil
}

func (a exchangeAdapter) SharedAddress(ctx context.Context, network, address string) (bool, error) {
	_, err := a.x.FindDepositAddress(ctx, network, address, "")
	if errors.Is(err, exchange.ErrSharedAddress) {
		return true, nil
	}
	if err != nil && !errs.Is(err, errs.NotFound) {
		return false, err
	}
	return false, nil
}

func (a exchangeAdapter) DepositByTxID(ctx context.Context, network, txid string) (Deposit, error) {
	d, err := a.x.DepositByTxID(ctx, network, txid)
	if err != nil {
		return Deposit{}, err
	}
	return Deposit{ID: d.ID, UserID: d.UserID, Asset: d.Asset, Amount: d.Amount, Status: string(d.Status), CreditedAt: d.CreditedAt}, nil
}

func (a exchangeAdapter) Assets(ctx context.Context) ([]Asset, error) {
	as, err := a.x.Assets(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Asset, 0, len(as))
	for _, x := range as {
		out = append(out, Asset{Network: x.Network, Symbol: x.Symbol, Contract: x.Contract, Decimals: x.Decimals,
			MinDeposit: x.MinDeposit, DepositsEnabled: x.DepositsEnabled})
	}
	return out, nil
}

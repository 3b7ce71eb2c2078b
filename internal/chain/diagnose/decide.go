package diagnose

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/groundcrew/groundcrew/internal/chain"
	"github.com/groundcrew/groundcrew/internal/errs"
)

// decide picks the verdict from the facts, asking the exchange as needed.
func (d *Diagnoser) decide(ctx context.Context, f *facts) string {
	if len(f.found) == 0 {
		if len(f.unavailable) > 0 {
			f.set("network", strings.Join(f.unavailable, ", "))
			return NodeUnavailable
		}
		return NotFound
	}
	tx := d.pick(ctx, f)
	info, _ := d.Registry.Network(tx.Network)
	f.set("network", info.Name)
	f.add("found_on", "network", info.Name, "block", strconv.FormatInt(tx.BlockHeight, 10), "confirmations", strconv.FormatInt(tx.Confirmations, 10))
	if tx.Failed {
		return Failed
	}
	transfer, owner, verdict := d.match(ctx, f, tx, info)
	if verdict != "" {
		return verdict
	}
	return d.judgeTransfer(ctx, f, tx, info, transfer, owner)
}

// pick chooses the transaction that matters when the TxID exists on several
// chains (EVM chains share hash formats): the one on the deposit address's
// network, else the first.
func (d *Diagnoser) pick(ctx context.Context, f *facts) chain.Tx {
	tx := f.found[0]
	if len(f.found) > 1 {
		var nets []string
		for _, t := range f.found {
			nets = append(nets, t.Network)
		}
		f.add("several_networks", "networks", strings.Join(nets, ", "))
		if f.req.Address != "" {
			for _, t := range f.found {
				if _, err := d.Exchange.FindDepositAddress(ctx, t.Network, f.req.Address, f.req.Memo); err == nil {
					tx = t
					break
				}
			}
		}
	}
	return tx
}

// match finds the transfer that was meant for the exchange and its owner,
// or returns the verdict that explains why there is none.
func (d *Diagnoser) match(ctx context.Context, f *facts, tx chain.Tx, info NetworkInfo) (chain.Transfer, DepositAddress, string) {
	if len(tx.Transfers) == 0 {
		f.add("transfers_none")
		return chain.Transfer{}, DepositAddress{}, NotOurAddress
	}
	if f.req.Address != "" {
		// The address the customer meant, if it is not on this network, is
		// the exchange's on another one: the wrong-network case.
		_, err := d.Exchange.FindDepositAddress(ctx, tx.Network, f.req.Address, "")
		switch {
		case errs.Is(err, errs.NotFound):
			if v := d.otherNetwork(ctx, f, tx, f.req.Address); v != "" {
				return chain.Transfer{}, DepositAddress{}, v
			}
		case err != nil:
			return chain.Transfer{}, DepositAddress{}, d.exchangeDown(f, err)
		}
	}
	var sawShared bool
	for _, t := range tx.Transfers {
		if f.req.Address != "" && !sameAddress(t.To, f.req.Address) {
			continue
		}
		owner, err := d.Exchange.FindDepositAddress(ctx, tx.Network, t.To, t.Memo)
		if err == nil {
			if f.req.UserID != "" && owner.UserID != f.req.UserID {
				f.add("recipient_other_customer")
				return t, owner, wrongMemoOrAddress(t)
			}
			f.add("recipient_user", "user", owner.UserID)
			return t, owner, ""
		}
		if !errs.Is(err, errs.NotFound) {
			return t, DepositAddress{}, d.exchangeDown(f, err)
		}
		shared, err := d.Exchange.SharedAddress(ctx, tx.Network, t.To)
		if err != nil {
			return t, DepositAddress{}, d.exchangeDown(f, err)
		}
		if shared {
			sawShared = true
			f.add("recipient_shared", "network", info.Name)
			f.setTransfer(t)
			if t.Memo == "" {
				return t, DepositAddress{}, MissingMemo
			}
			f.add("memo_unknown", "memo", t.Memo)
			return t, DepositAddress{}, WrongMemo
		}
	}
	if !sawShared {
		for _, t := range tx.Transfers {
			if v := d.otherNetwork(ctx, f, tx, t.To); v != "" {
				return t, DepositAddress{}, v
			}
		}
	}
	f.add("recipient_not_ours")
	return chain.Transfer{}, DepositAddress{}, NotOurAddress
}

// otherNetwork reports WrongNetwork when address is the exchange's deposit
// address on another network than the one the transaction is on.
func (d *Diagnoser) otherNetwork(ctx context.Context, f *facts, tx chain.Tx, address string) string {
	for _, n := range d.Registry.AddressNetworks(address) {
		if n == tx.Network {
			continue
		}
		if _, err := d.Exchange.FindDepositAddress(ctx, n, address, ""); err == nil {
			other, _ := d.Registry.Network(n)
			f.set("address_network", other.Name)
			f.add("address_network", "address_network", other.Name, "network", f.vars["network"])
			return WrongNetwork
		}
	}
	return ""
}

func wrongMemoOrAddress(t chain.Transfer) string {
	if t.Memo != "" {
		return WrongMemo
	}
	return NotOurAddress
}

func (d *Diagnoser) exchangeDown(f *facts, err error) string {
	f.add("exchange_down", "error", err.Error())
	f.set("network", "exchange")
	return NodeUnavailable
}

func sameAddress(a, b string) bool {
	if strings.HasPrefix(a, "0x") || strings.HasPrefix(a, "0X") {
		return strings.EqualFold(a, b)
	}
	return a == b
}

func (f *facts) setTransfer(t chain.Transfer) {
	f.set("asset", t.Asset)
}

// judgeTransfer decides for a transfer that reached a user's deposit address.
func (d *Diagnoser) judgeTransfer(ctx context.Context, f *facts, tx chain.Tx, info NetworkInfo, t chain.Transfer, owner DepositAddress) string {
	f.setTransfer(t)
	if dep, err := d.Exchange.DepositByTxID(ctx, tx.Network, tx.TxID); err == nil && dep.Status == "credited" {
		f.set("deposit_id", dep.ID)
		f.set("amount", dep.Amount)
		f.add("credited", "amount", dep.Amount, "asset", dep.Asset, "time", dep.CreditedAt.Format("2006-01-02 15:04 UTC"), "deposit", dep.ID)
		return Credited
	} else if err != nil && !errs.Is(err, errs.NotFound) {
		return d.exchangeDown(f, err)
	}
	assets, err := d.Exchange.Assets(ctx)
	if err != nil {
		return d.exchangeDown(f, err)
	}
	asset, listed := findAsset(assets, tx.Network, t.Contract)
	if !listed {
		if t.Contract != "" {
			f.add("token_unlisted", "contract", t.Contract, "network", info.Name)
		}
		return UnlistedToken
	}
	f.set("asset", asset.Symbol)
	amount := units(t.Amount, asset.Decimals)
	f.set("amount", amount)
	f.add("amount", "amount", amount, "asset", asset.Symbol)
	if !asset.DepositsEnabled {
		return DepositsSuspended
	}
	if tx.Confirmations < info.Confirmations {
		f.set("confirmations", fmt.Sprint(tx.Confirmations))
		f.set("required", fmt.Sprint(info.Confirmations))
		left := float64(info.Confirmations-tx.Confirmations) * info.BlockTimeSeconds / 60
		f.set("minutes", fmt.Sprint(int64(math.Max(1, math.Ceil(left)))))
		return Pending
	}
	if asset.MinDeposit != "" && lessThan(amount, asset.MinDeposit) {
		f.set("minimum", asset.MinDeposit)
		f.add("minimum", "minimum", asset.MinDeposit, "asset", asset.Symbol)
		return BelowMinimum
	}
	return NotCredited
}

func findAsset(assets []Asset, network, contract string) (Asset, bool) {
	for _, a := range assets {
		if a.Network == network && strings.EqualFold(a.Contract, contract) {
			return a, true
		}
	}
	return Asset{}, false
}

package sandbox

import (
	"context"
	"fmt"
	"math/big"
	"strings"

	"github.com/groundcrew/groundcrew/internal/chain"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/exchange"
)

// tokenDecimals is what the sandbox knows of tokens it does not list, so
// that it can send them back.
var tokenDecimals = map[string]int{strings.ToLower(ShibContract): 18}

// ReturnDeposit sends funds that reached the exchange back to the address
// they came from, as a new transaction in the newest block of the sandbox
// chain (Mine confirms it further). It checks the chain first: the
// transaction exists, is confirmed, paid this exchange (and not another
// user) at least amount of the asset, and to_address is its sender.
// Idempotent by req.IdempotencyKey.
func (x *Exchange) ReturnDeposit(ctx context.Context, req exchange.ReturnRequest) (exchange.ActionResult, error) {
	if err := req.Validate(); err != nil {
		return exchange.ActionResult{}, err
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	u, err := x.user(req.UserID)
	if err != nil {
		return exchange.ActionResult{}, err
	}
	key := exchange.ActionReturnDeposit + "\x00" + req.IdempotencyKey
	fp := strings.Join([]string{req.Network, txKey(req.Network, req.TxID), req.UserID, strings.ToLower(req.Contract), req.Asset,
		req.Amount, req.ToAddress, req.TicketRef}, "\x00")
	if res, ok, err := x.replay(key, fp); ok {
		return res, err
	}
	if err := refuseFrozen(u, "returning a deposit"); err != nil {
		return exchange.ActionResult{}, err
	}
	l := x.chains[req.Network]
	tx, ok := l.get(req.TxID)
	switch {
	case !ok:
		return exchange.ActionResult{}, errs.E(errs.NotFound, "no transaction %s on %s", req.TxID, req.Network)
	case tx.Failed:
		return exchange.ActionResult{}, errs.E(errs.Conflict, "the transaction failed on chain; nothing arrived")
	case x.returned[txKey(req.Network, req.TxID)] != "":
		return exchange.ActionResult{}, errs.E(errs.Conflict, "this deposit was already returned in %s", x.returned[txKey(req.Network, req.TxID)])
	}
	if need := x.nativeConfirmations(req.Network); tx.Confirmations < need {
		return exchange.ActionResult{}, errs.E(errs.Conflict, "the transaction has %d of the %d confirmations needed", tx.Confirmations, need)
	}
	decimals := x.decimalsOf(req.Network, req.Contract)
	want, err := toUnits(req.Amount, decimals)
	if err != nil {
		return exchange.ActionResult{}, err
	}
	paid, sender := new(big.Int), ""
	for _, t := range tx.Transfers {
		owner, ours := x.ownerOf(req.Network, t.To, t.Memo)
		if !strings.EqualFold(t.Contract, req.Contract) || !ours || (owner != "" && owner != req.UserID) {
			continue
		}
		if n, ok := new(big.Int).SetString(t.Amount, 10); ok {
			paid.Add(paid, n)
		}
		sender = t.From
	}
	switch {
	case sender == "":
		return exchange.ActionResult{}, errs.E(errs.Conflict, "the transaction sent nothing of that asset to this user's or the exchange's addresses")
	case !sameAddress(req.Network, sender, req.ToAddress):
		return exchange.ActionResult{}, errs.E(errs.Conflict, "funds go back only to the address they came from (%s)", sender)
	case want.Cmp(paid) > 0:
		return exchange.ActionResult{}, errs.E(errs.Conflict, "%s is more than the %s that arrived", req.Amount, fromUnits(paid, decimals))
	}
	out := &chain.Tx{Network: req.Network, TxID: txidFor(req.Network, "return/"+req.IdempotencyKey), BlockHeight: l.tip, Time: x.clock(),
		Transfers: []chain.Transfer{{Asset: req.Asset, Contract: req.Contract, From: hotWallet(req.Network), To: req.ToAddress, Amount: want.String()}}}
	l.add(out)
	x.returned[txKey(req.Network, req.TxID)] = out.TxID
	return x.record(key, fp, exchange.ActionResult{Action: exchange.ActionReturnDeposit, UserID: req.UserID, Status: exchange.ResultDone,
		TxID: out.TxID, Message: fmt.Sprintf("returned %s %s to %s", req.Amount, req.Asset, req.ToAddress)}), nil
}

// decimalsOf is a token's (or the native asset's) decimals on network; the
// caller holds mu.
func (x *Exchange) decimalsOf(network, contract string) int {
	for _, a := range x.assets {
		if a.Network == network && strings.EqualFold(a.Contract, contract) {
			return a.Decimals
		}
	}
	if d, ok := tokenDecimals[strings.ToLower(contract)]; ok {
		return d
	}
	return 18
}

// nativeConfirmations is what the network's native asset needs; the
// caller holds mu.
func (x *Exchange) nativeConfirmations(network string) int64 {
	for _, a := range x.assets {
		if a.Network == network && a.Contract == "" {
			return a.Confirmations
		}
	}
	return 1
}

package sandbox

import (
	"context"
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/exchange"
)

// actionRecord is a done action kept under its idempotency key. The
// fingerprint tells a true repeat from a key reused for another request.
type actionRecord struct {
	fingerprint string
	result      exchange.ActionResult
}

// replay returns the earlier result for key, if any; the caller holds mu.
func (x *Exchange) replay(key, fingerprint string) (exchange.ActionResult, bool, error) {
	rec, ok := x.actions[key]
	switch {
	case !ok:
		return exchange.ActionResult{}, false, nil
	case rec.fingerprint != fingerprint:
		return exchange.ActionResult{}, true, errs.E(errs.Conflict, "idempotency key %q was already used for a different request", key)
	}
	res := rec.result
	res.Replayed = true
	return res, true, nil
}

// record stores a new result under key with the next action id.
func (x *Exchange) record(key, fingerprint string, res exchange.ActionResult) exchange.ActionResult {
	x.seq++
	res.ID, res.At = fmt.Sprintf("a-%04d", x.seq), x.clock()
	x.actions[key] = actionRecord{fingerprint: fingerprint, result: res}
	return res
}

// refuseFrozen is the Conflict every action gives on a frozen account.
func refuseFrozen(u *exchange.User, what string) error {
	if u.State != exchange.StateFrozen {
		return nil
	}
	return errs.E(errs.Conflict, "%s is refused: the account is frozen (%s); only the exchange's security team can act on it", what, u.StateReason)
}

// refuseLocks is a Conflict naming every active lock of kinds, or nil.
func (x *Exchange) refuseLocks(u *exchange.User, what string, kinds ...exchange.LockKind) error {
	var why []string
	for _, l := range x.view(u).Locks {
		for _, k := range kinds {
			if l.Kind == k {
				until := "until it is lifted"
				if !l.Until.IsZero() {
					until = "until " + l.Until.Format(time.RFC3339)
				}
				why = append(why, fmt.Sprintf("%s %s (%s)", l.Kind, until, l.Reason))
			}
		}
	}
	if len(why) == 0 {
		return nil
	}
	return errs.E(errs.Conflict, "%s is refused while the exchange's lock applies: %s; nothing overrides it, it ends by itself",
		what, strings.Join(why, "; "))
}

// RequestTwoFactorReset starts the exchange's own 2FA reset flow (the user
// confirms it with identity verification). Idempotent by (user, ticketRef).
func (x *Exchange) RequestTwoFactorReset(ctx context.Context, userID, ticketRef string) (exchange.ActionResult, error) {
	if err := exchange.CheckText("ticket_ref", ticketRef, exchange.MaxID); err != nil {
		return exchange.ActionResult{}, err
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	u, err := x.user(userID)
	if err != nil {
		return exchange.ActionResult{}, err
	}
	key := exchange.ActionTwoFactorReset + "\x00" + userID + "\x00" + ticketRef
	if res, ok, err := x.replay(key, key); ok {
		return res, err
	}
	const what = "a two-factor reset"
	if err := refuseFrozen(u, what); err != nil {
		return exchange.ActionResult{}, err
	}
	if err := x.refuseLocks(u, what, exchange.LockSettings); err != nil {
		return exchange.ActionResult{}, err
	}
	if !u.TwoFactorEnabled {
		return exchange.ActionResult{}, errs.E(errs.Conflict, "two-factor authentication is not enabled on this account; there is nothing to reset")
	}
	if id := x.resets[userID]; id != "" {
		return exchange.ActionResult{}, errs.E(errs.Conflict, "a two-factor reset is already in progress for this account (action %s)", id)
	}
	res := x.record(key, key, exchange.ActionResult{Action: exchange.ActionTwoFactorReset, UserID: userID, Status: exchange.ResultRequested,
		Message: "the exchange e-mailed the user a link to confirm the reset with identity verification; " +
			"security settings lock for 24 hours once it completes"})
	x.resets[userID] = res.ID
	return res, nil
}

// UnlockWithdrawals lifts a withdrawals_locked lock, and only when no other
// lock applies. Idempotent by (user, ticketRef).
func (x *Exchange) UnlockWithdrawals(ctx context.Context, userID, ticketRef string) (exchange.ActionResult, error) {
	if err := exchange.CheckText("ticket_ref", ticketRef, exchange.MaxID); err != nil {
		return exchange.ActionResult{}, err
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	u, err := x.user(userID)
	if err != nil {
		return exchange.ActionResult{}, err
	}
	key := exchange.ActionUnlockWithdrawals + "\x00" + userID + "\x00" + ticketRef
	if res, ok, err := x.replay(key, key); ok {
		return res, err
	}
	const what = "unlocking withdrawals"
	if err := refuseFrozen(u, what); err != nil {
		return exchange.ActionResult{}, err
	}
	if err := x.refuseLocks(u, what, exchange.LockNewAddressHold, exchange.LockDeviceTrust, exchange.LockSettings); err != nil {
		return exchange.ActionResult{}, err
	}
	if _, locked := x.view(u).LockOf(exchange.LockWithdrawals); !locked {
		return exchange.ActionResult{}, errs.E(errs.Conflict, "withdrawals are not locked on this account; there is nothing to unlock")
	}
	kept := u.Locks[:0]
	for _, l := range u.Locks {
		if l.Kind != exchange.LockWithdrawals {
			kept = append(kept, l)
		}
	}
	u.Locks = kept
	return x.record(key, key, exchange.ActionResult{Action: exchange.ActionUnlockWithdrawals, UserID: userID, Status: exchange.ResultDone,
		Message: "withdrawals are unlocked"}), nil
}

// FreezeAccount freezes the account at once; only the exchange's security
// team can lift it. Idempotent by user: a second freeze returns the first.
func (x *Exchange) FreezeAccount(ctx context.Context, userID, reason string) (exchange.ActionResult, error) {
	if err := exchange.CheckText("reason", reason, exchange.MaxReason); err != nil {
		return exchange.ActionResult{}, err
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	u, err := x.user(userID)
	if err != nil {
		return exchange.ActionResult{}, err
	}
	key := exchange.ActionFreezeAccount + "\x00" + userID
	if res, ok, err := x.replay(key, key); ok {
		return res, err
	}
	res := exchange.ActionResult{Action: exchange.ActionFreezeAccount, UserID: userID, Status: exchange.ResultDone,
		Message: "the account is frozen: trading, withdrawals and sign-ins are blocked until the security team lifts it"}
	if u.State == exchange.StateFrozen {
		res.Message = "the account was already frozen (" + u.StateReason + ")"
	} else {
		u.State, u.StateReason = exchange.StateFrozen, reason
	}
	return x.record(key, key, res), nil
}

// CreditDeposit credits a deposit the exchange did not credit (a missing
// memo, a below-minimum amount), after checking the sandbox chain: the
// transaction exists, is confirmed, paid this exchange in a listed asset,
// and at least the amount asked. Idempotent by req.IdempotencyKey.
func (x *Exchange) CreditDeposit(ctx context.Context, req exchange.CreditRequest) (exchange.ActionResult, error) {
	if err := req.Validate(); err != nil {
		return exchange.ActionResult{}, err
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	u, err := x.user(req.UserID)
	if err != nil {
		return exchange.ActionResult{}, err
	}
	key := exchange.ActionCreditDeposit + "\x00" + req.IdempotencyKey
	fp := strings.Join([]string{req.Network, txKey(req.Network, req.TxID), req.UserID, req.Asset, req.Amount, req.TicketRef}, "\x00")
	if res, ok, err := x.replay(key, fp); ok {
		return res, err
	}
	if err := refuseFrozen(u, "crediting a deposit"); err != nil {
		return exchange.ActionResult{}, err
	}
	a, listed := x.asset(req.Network, req.Asset, "")
	switch {
	case !listed:
		return exchange.ActionResult{}, errs.E(errs.Conflict, "%s is not listed on %s; the exchange cannot credit it", req.Asset, req.Network)
	case !a.DepositsEnabled:
		return exchange.ActionResult{}, errs.E(errs.Conflict, "%s deposits on %s are suspended; credit after they resume", a.Symbol, a.Network)
	}
	want, err := toUnits(req.Amount, a.Decimals)
	if err != nil {
		return exchange.ActionResult{}, err
	}
	tx, ok := x.chains[req.Network].get(req.TxID)
	if !ok {
		return exchange.ActionResult{}, errs.E(errs.NotFound, "no transaction %s on %s", req.TxID, req.Network)
	}
	for _, d := range x.deposits {
		if d.Network == req.Network && txKey(d.Network, d.TxID) == txKey(req.Network, req.TxID) && d.Asset == a.Symbol {
			return x.creditKnown(key, fp, req, d, a, tx.Confirmations, want)
		}
	}
	if tx.Failed {
		return exchange.ActionResult{}, errs.E(errs.Conflict, "the transaction failed on chain; nothing arrived")
	}
	if tx.Confirmations < a.Confirmations {
		return exchange.ActionResult{}, errs.E(errs.Conflict, "the transaction has %d of the %d confirmations %s needs; credit it once confirmed",
			tx.Confirmations, a.Confirmations, a.Symbol)
	}
	paid, first, other := new(big.Int), -1, ""
	for i, t := range tx.Transfers {
		if !strings.EqualFold(t.Contract, a.Contract) {
			continue
		}
		owner, ours := x.ownerOf(req.Network, t.To, t.Memo)
		switch {
		case !ours:
			continue
		case owner != "" && owner != req.UserID:
			other = owner
			continue
		}
		n, _ := new(big.Int).SetString(t.Amount, 10)
		if n != nil {
			paid.Add(paid, n)
		}
		if first < 0 {
			first = i
		}
	}
	switch {
	case first < 0 && other != "":
		return exchange.ActionResult{}, errs.E(errs.Conflict, "the transaction paid another user's deposit address, not %s's", req.UserID)
	case first < 0:
		return exchange.ActionResult{}, errs.E(errs.Conflict, "the transaction sent no %s to any deposit address of this exchange on %s", a.Symbol, req.Network)
	case want.Cmp(paid) > 0:
		return exchange.ActionResult{}, errs.E(errs.Conflict, "%s %s is more than the %s %s that arrived", req.Amount, a.Symbol, fromUnits(paid, a.Decimals), a.Symbol)
	}
	t := tx.Transfers[first]
	now := x.clock()
	x.seq++
	d := &exchange.Deposit{ID: fmt.Sprintf("d-%d", 8000+x.seq), UserID: req.UserID, Network: req.Network, Asset: a.Symbol,
		Amount: fromUnits(want, a.Decimals), TxID: tx.TxID, Address: t.To, Memo: t.Memo, Status: exchange.DepositCredited,
		Note: "credited through support recovery, ticket " + req.TicketRef, DetectedAt: tx.Time, CreditedAt: now}
	x.deposits = append(x.deposits, d)
	return x.record(key, fp, exchange.ActionResult{Action: exchange.ActionCreditDeposit, UserID: req.UserID, Status: exchange.ResultDone,
		DepositID: d.ID, Message: fmt.Sprintf("credited %s %s", d.Amount, a.Symbol)}), nil
}

// creditKnown credits a deposit the exchange already recorded, where its
// state allows; the caller holds mu.
func (x *Exchange) creditKnown(key, fp string, req exchange.CreditRequest, d *exchange.Deposit, a exchange.Asset, conf int64, want *big.Int) (exchange.ActionResult, error) {
	switch {
	case d.UserID != req.UserID:
		return exchange.ActionResult{}, errs.E(errs.Conflict, "deposit %s belongs to another user", d.ID)
	case d.Status == exchange.DepositCredited:
		return exchange.ActionResult{}, errs.E(errs.Conflict, "deposit %s was already credited at %s", d.ID, d.CreditedAt.Format(time.RFC3339))
	case d.Status == exchange.DepositPending:
		return exchange.ActionResult{}, errs.E(errs.Conflict, "deposit %s has %d of the %d confirmations %s needs; the exchange credits it by itself",
			d.ID, conf, a.Confirmations, a.Symbol)
	case d.Hold != exchange.HoldBelowMinimum:
		return exchange.ActionResult{}, errs.E(errs.Conflict, "deposit %s is held by the exchange (%s: %s); support cannot release it", d.ID, d.Hold, d.Note)
	}
	arrived, err := toUnits(d.Amount, a.Decimals)
	if err != nil {
		return exchange.ActionResult{}, fmt.Errorf("sandbox deposit %s: %w", d.ID, err)
	}
	if want.Cmp(arrived) > 0 {
		return exchange.ActionResult{}, errs.E(errs.Conflict, "%s %s is more than the %s %s that arrived", req.Amount, a.Symbol, d.Amount, a.Symbol)
	}
	d.Status, d.Hold, d.CreditedAt = exchange.DepositCredited, "", x.clock()
	d.Note = fmt.Sprintf("%s %s arrived; %s credited through support recovery, ticket %s", d.Amount, a.Symbol, fromUnits(want, a.Decimals), req.TicketRef)
	d.Amount = fromUnits(want, a.Decimals)
	return x.record(key, fp, exchange.ActionResult{Action: exchange.ActionCreditDeposit, UserID: req.UserID, Status: exchange.ResultDone,
		DepositID: d.ID, Message: fmt.Sprintf("credited %s %s", d.Amount, a.Symbol)}), nil
}

// ownerOf says whose deposit address to (with memo) is: a user id, "" with
// ours for the shared address under an unknown memo, or not ours at all.
// On EVM networks the exchange holds the key of each deposit address on
// every EVM network, so a user's Ethereum address received on BSC is
// theirs too (the wrong-network case recovery credits).
func (x *Exchange) ownerOf(network, to, memo string) (userID string, ours bool) {
	shared := exchange.IsSharedAddressNetwork(network) && sameAddress(network, to, sharedAddress(network))
	for _, a := range x.addresses {
		if a.Network == network && sameAddress(network, a.Address, to) && (!shared || a.Memo == memo) {
			return a.UserID, true
		}
	}
	if exchange.IsEVM(network) {
		for _, a := range x.addresses {
			if exchange.IsEVM(a.Network) && sameAddress(network, a.Address, to) {
				return a.UserID, true
			}
		}
	}
	return "", shared
}

// Package sandbox is an in-memory exchange with demo data and its own
// sandbox chains, so that Groundcrew runs, demos and tests end to end with
// no exchange and no chain node. Seeding is deterministic: two sandboxes on
// the same clock hold the same data and answer the same.
//
// The demo users (UserMaria … UserKarim) each carry a story: locks that
// refuse actions, a frozen account, failed logins from a new country. The
// deposit stories are Scenarios, each with a fixed TxID:
//
//	TxWrongNetwork          Li Wei   USDT sent on tron; he gives his ethereum address
//	TxMissingTag            Jordan   XRP to the shared address without a destination tag
//	TxUnlistedToken         Ayşe     SHIB (not listed) to her ethereum address
//	TxAwaitingConfirmations An       BTC at 1 of 2 confirmations (Mine credits it)
//	TxCredited              Maria    USDT on ethereum, credited
//	TxBelowMinimum          Olena    0.0002 BTC, below the 0.0005 minimum, held
//
// Every address is a valid one for its network (checksums included), made
// from fixed labels, so no real person's address appears.
package sandbox

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/groundcrew/groundcrew/internal/chain"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/exchange"
)

// Exchange is the sandbox exchange. It is safe for concurrent use.
type Exchange struct {
	now func() time.Time

	mu          sync.Mutex
	users       map[string]*exchange.User // every lock, expired ones too
	userOrder   []string
	addresses   []exchange.DepositAddress
	assets      []exchange.Asset
	deposits    []*exchange.Deposit
	withdrawals []exchange.Withdrawal
	logins      map[string][]exchange.LoginEvent // newest first
	chains      map[string]*ledger
	actions     map[string]actionRecord // by idempotency key
	resets      map[string]string       // user id → pending 2FA reset action id
	seq         int                     // for action and deposit ids
	returned    map[string]string       // txKey of a returned deposit → its return txid
}

var _ exchange.Exchange = (*Exchange)(nil)

// New builds a sandbox seeded relative to now() at the time of the call.
// A nil now means time.Now; tests pass a fixed clock.
func New(now func() time.Time) *Exchange {
	if now == nil {
		now = time.Now
	}
	b := now().UTC().Truncate(time.Second)
	x := &Exchange{
		now: now, users: map[string]*exchange.User{}, assets: seedAssets(), logins: seedLogins(b),
		chains: map[string]*ledger{}, actions: map[string]actionRecord{}, resets: map[string]string{},
		returned: map[string]string{},
	}
	users := seedUsers(b)
	for i := range users {
		x.users[users[i].ID] = &users[i]
		x.userOrder = append(x.userOrder, users[i].ID)
	}
	x.addresses = seedAddresses(users)
	for _, n := range exchange.Networks {
		x.chains[n] = &ledger{network: n, tip: startTip[n], txs: map[string]*chain.Tx{}}
	}
	for _, t := range seedTransactions() {
		l := x.chains[t.network]
		tx := &chain.Tx{Network: t.network, TxID: t.txid, BlockHeight: l.tip - t.depth + 1,
			Time: blockTime(b, t.network, t.depth), Transfers: t.transfers}
		l.add(tx)
		if d := t.deposit; d != nil {
			tr := t.transfers[0]
			d.Network, d.TxID, d.Address, d.Memo, d.DetectedAt = t.network, t.txid, tr.To, tr.Memo, tx.Time
			if d.Status == exchange.DepositCredited {
				a, _ := x.asset(t.network, d.Asset, tr.Contract)
				d.CreditedAt = blockTime(b, t.network, t.depth-a.Confirmations+1)
			}
			x.deposits = append(x.deposits, d)
		}
	}
	for _, w := range seedWithdrawals(b) {
		x.withdrawals = append(x.withdrawals, w.w)
	}
	return x
}

func (x *Exchange) clock() time.Time { return x.now().UTC().Truncate(time.Second) }

// user returns the user or a NotFound error; the caller holds mu.
func (x *Exchange) user(userID string) (*exchange.User, error) {
	if err := exchange.CheckText("user_id", userID, exchange.MaxID); err != nil {
		return nil, err
	}
	u, ok := x.users[userID]
	if !ok {
		return nil, errs.E(errs.NotFound, "no user %q", userID)
	}
	return u, nil
}

// view is the user as callers see it: a copy with only the active locks.
func (x *Exchange) view(u *exchange.User) exchange.User {
	out := *u
	now := x.clock()
	out.Locks = []exchange.Lock{}
	for _, l := range u.Locks {
		if l.Active(now) {
			out.Locks = append(out.Locks, l)
		}
	}
	return out
}

// asset finds a listed asset by symbol (native) or contract (token).
func (x *Exchange) asset(network, symbol, contract string) (exchange.Asset, bool) {
	for _, a := range x.assets {
		if a.Network != network {
			continue
		}
		if contract != "" && strings.EqualFold(a.Contract, contract) || contract == "" && a.Symbol == symbol {
			return a, true
		}
	}
	return exchange.Asset{}, false
}

// User implements exchange.Exchange.
func (x *Exchange) User(ctx context.Context, userID string) (exchange.User, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	u, err := x.user(userID)
	if err != nil {
		return exchange.User{}, err
	}
	return x.view(u), nil
}

// DepositAddresses implements exchange.Exchange.
func (x *Exchange) DepositAddresses(ctx context.Context, userID string) ([]exchange.DepositAddress, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if _, err := x.user(userID); err != nil {
		return nil, err
	}
	out := []exchange.DepositAddress{}
	for _, a := range x.addresses {
		if a.UserID == userID {
			out = append(out, a)
		}
	}
	return out, nil
}

// FindDepositAddress implements exchange.Exchange.
func (x *Exchange) FindDepositAddress(ctx context.Context, network, address, memo string) (exchange.DepositAddress, error) {
	if err := exchange.CheckNetwork(network); err != nil {
		return exchange.DepositAddress{}, err
	}
	if err := exchange.CheckText("address", address, exchange.MaxAddress); err != nil {
		return exchange.DepositAddress{}, err
	}
	if err := exchange.CheckMemo(memo); err != nil {
		return exchange.DepositAddress{}, err
	}
	address, memo = strings.TrimSpace(address), strings.TrimSpace(memo)
	shared := exchange.IsSharedAddressNetwork(network) && sameAddress(network, address, sharedAddress(network))
	x.mu.Lock()
	defer x.mu.Unlock()
	for _, a := range x.addresses {
		if a.Network == network && sameAddress(network, a.Address, address) && (!shared || a.Memo == memo) {
			return a, nil
		}
	}
	switch {
	case shared && memo == "":
		return exchange.DepositAddress{}, &errs.Error{Kind: errs.NotFound, Err: exchange.ErrSharedAddress,
			Msg: fmt.Sprintf("%s is the exchange's shared %s deposit address; without a memo no user can be told", address, network)}
	case shared:
		return exchange.DepositAddress{}, &errs.Error{Kind: errs.NotFound, Err: exchange.ErrSharedAddress,
			Msg: fmt.Sprintf("no user has memo %q on the exchange's shared %s deposit address", memo, network)}
	}
	return exchange.DepositAddress{}, errs.E(errs.NotFound, "no user has the %s deposit address %s", network, address)
}

// sameAddress compares addresses the way the network does: EVM hex and
// bech32 family addresses ignore case; base58 and base64 ones do not.
func sameAddress(network, a, b string) bool {
	switch {
	case exchange.IsEVM(network), slices.Contains([]string{"bitcoin", "litecoin", "cosmos", "cardano"}, network):
		return strings.EqualFold(a, b)
	case network == "bitcoin-cash":
		trim := func(s string) string { return strings.TrimPrefix(strings.ToLower(s), "bitcoincash:") }
		return trim(a) == trim(b)
	}
	return a == b
}

// Deposits implements exchange.Exchange, newest first.
func (x *Exchange) Deposits(ctx context.Context, userID string) ([]exchange.Deposit, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if _, err := x.user(userID); err != nil {
		return nil, err
	}
	out := []exchange.Deposit{}
	for _, d := range x.deposits {
		if d.UserID == userID {
			out = append(out, x.depositView(d))
		}
	}
	slices.SortStableFunc(out, func(a, b exchange.Deposit) int { return b.DetectedAt.Compare(a.DetectedAt) })
	return out, nil
}

// depositView copies d with its confirmations as the chain counts them now.
func (x *Exchange) depositView(d *exchange.Deposit) exchange.Deposit {
	out := *d
	if tx, ok := x.chains[d.Network].get(d.TxID); ok {
		out.Confirmations = tx.Confirmations
	}
	return out
}

// DepositByTxID implements exchange.Exchange.
func (x *Exchange) DepositByTxID(ctx context.Context, network, txid string) (exchange.Deposit, error) {
	if err := exchange.CheckNetwork(network); err != nil {
		return exchange.Deposit{}, err
	}
	if err := exchange.CheckText("txid", txid, exchange.MaxTxID); err != nil {
		return exchange.Deposit{}, err
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	for _, d := range x.deposits {
		if d.Network == network && txKey(network, d.TxID) == txKey(network, strings.TrimSpace(txid)) {
			return x.depositView(d), nil
		}
	}
	return exchange.Deposit{}, errs.E(errs.NotFound, "no deposit with txid %s on %s", strings.TrimSpace(txid), network)
}

// Withdrawals implements exchange.Exchange, newest first.
func (x *Exchange) Withdrawals(ctx context.Context, userID string) ([]exchange.Withdrawal, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if _, err := x.user(userID); err != nil {
		return nil, err
	}
	out := []exchange.Withdrawal{}
	for _, w := range x.withdrawals {
		if w.UserID == userID {
			out = append(out, w)
		}
	}
	slices.SortStableFunc(out, func(a, b exchange.Withdrawal) int { return b.CreatedAt.Compare(a.CreatedAt) })
	return out, nil
}

// LoginEvents implements exchange.Exchange.
func (x *Exchange) LoginEvents(ctx context.Context, userID string, limit int) ([]exchange.LoginEvent, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if _, err := x.user(userID); err != nil {
		return nil, err
	}
	evs := x.logins[userID]
	return append([]exchange.LoginEvent{}, evs[:min(len(evs), exchange.LoginLimit(limit))]...), nil
}

// Assets implements exchange.Exchange.
func (x *Exchange) Assets(ctx context.Context) ([]exchange.Asset, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	return slices.Clone(x.assets), nil
}

// SetAssetEnabled pauses or resumes deposits and withdrawals of one asset,
// as the exchange's operators would during an incident (the status page's
// automatic feed reads it through Assets).
func (x *Exchange) SetAssetEnabled(network, symbol string, deposits, withdrawals bool) error {
	x.mu.Lock()
	defer x.mu.Unlock()
	for i, a := range x.assets {
		if a.Network == network && a.Symbol == symbol {
			x.assets[i].DepositsEnabled, x.assets[i].WithdrawalsEnabled = deposits, withdrawals
			return nil
		}
	}
	return errs.E(errs.NotFound, "no asset %s on %s", symbol, network)
}

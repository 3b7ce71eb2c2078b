package sandbox

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/groundcrew/groundcrew/internal/chain"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/exchange"
)

var start = time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC)

// clock is a test clock that can be moved forward.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func newSandbox(t *testing.T) (*Exchange, *clock) {
	t.Helper()
	c := &clock{start}
	return New(c.now), c
}

func wantKind(t *testing.T, err error, kind errs.Kind, contains string) {
	t.Helper()
	if !errs.Is(err, kind) {
		t.Fatalf("err = %v (%s), want %s", err, errs.KindOf(err), kind)
	}
	if !strings.Contains(err.Error(), contains) {
		t.Fatalf("err = %q, want it to mention %q", err, contains)
	}
}

// Every address, txid and memo in the sandbox must pass package chain's
// validators: the demo would be no demo if its data were malformed.
func TestSeedPassesChainValidators(t *testing.T) {
	reg, err := chain.LoadRegistry("")
	if err != nil {
		t.Fatal(err)
	}
	x, _ := newSandbox(t)
	ctx := context.Background()
	for _, id := range x.userOrder {
		addrs, err := x.DepositAddresses(ctx, id)
		want := len(exchange.Networks)
		if id == UserLiWei {
			want-- // no BSC address: see noAddressLiWei
		}
		if err != nil || len(addrs) != want {
			t.Fatalf("%s: %d addresses, %v", id, len(addrs), err)
		}
		for _, a := range addrs {
			if err := reg.ValidateAddress(a.Network, a.Address); err != nil {
				t.Errorf("%s %s address %s: %v", id, a.Network, a.Address, err)
			}
			if exchange.IsSharedAddressNetwork(a.Network) != (a.Memo != "") {
				t.Errorf("%s %s: memo %q on a network that is shared=%v", id, a.Network, a.Memo, exchange.IsSharedAddressNetwork(a.Network))
			}
			if a.Memo != "" {
				if err := reg.ValidateMemo(a.Network, a.Memo); err != nil {
					t.Errorf("%s %s memo %s: %v", id, a.Network, a.Memo, err)
				}
			}
		}
	}
	for n, l := range x.chains {
		for _, tx := range l.txs {
			if err := reg.ValidateTxID(n, tx.TxID); err != nil {
				t.Errorf("%s txid %s: %v", n, tx.TxID, err)
			}
			for _, tr := range tx.Transfers {
				for _, a := range []string{tr.From, tr.To, tr.Contract} {
					if a == "" {
						continue
					}
					if err := reg.ValidateAddress(n, a); err != nil {
						t.Errorf("%s tx %s address %s: %v", n, tx.TxID, a, err)
					}
				}
			}
		}
	}
	for _, a := range seedAssets() {
		if a.Contract != "" {
			if err := reg.ValidateAddress(a.Network, a.Contract); err != nil {
				t.Errorf("%s %s contract %s: %v", a.Network, a.Symbol, a.Contract, err)
			}
		}
	}
}

// Two sandboxes on the same clock are the same, whatever the map order.
func TestSeedIsDeterministic(t *testing.T) {
	a, _ := newSandbox(t)
	b, _ := newSandbox(t)
	ctx := context.Background()
	for _, id := range a.userOrder {
		for name, get := range map[string]func(x *Exchange) (any, error){
			"user":        func(x *Exchange) (any, error) { return x.User(ctx, id) },
			"addresses":   func(x *Exchange) (any, error) { return x.DepositAddresses(ctx, id) },
			"deposits":    func(x *Exchange) (any, error) { return x.Deposits(ctx, id) },
			"withdrawals": func(x *Exchange) (any, error) { return x.Withdrawals(ctx, id) },
			"logins":      func(x *Exchange) (any, error) { return x.LoginEvents(ctx, id, 0) },
		} {
			va, errA := get(a)
			vb, errB := get(b)
			if errA != nil || errB != nil {
				t.Fatalf("%s %s: %v / %v", id, name, errA, errB)
			}
			if d := cmp.Diff(va, vb); d != "" {
				t.Errorf("%s %s differs (-a +b):\n%s", id, name, d)
			}
		}
	}
}

func TestScenariosAreInTheData(t *testing.T) {
	x, _ := newSandbox(t)
	ctx := context.Background()
	for _, sc := range Scenarios() {
		t.Run(sc.Expect, func(t *testing.T) {
			u, err := x.User(ctx, sc.UserID)
			if err != nil || u.Name == "" {
				t.Fatalf("scenario user %s: %v", sc.UserID, err)
			}
			owner, err := x.FindDepositAddress(ctx, sc.Network, sc.Address, sc.Memo)
			if sc.Expect == ExpectMissingMemo {
				if !errs.Is(err, errs.NotFound) || !errors.Is(err, exchange.ErrSharedAddress) {
					t.Fatalf("shared address without memo: %v", err)
				}
			} else if err != nil || owner.UserID != sc.UserID {
				t.Fatalf("address %s owner = %+v, %v; want %s", sc.Address, owner, err, sc.UserID)
			}
			onNetwork, err := x.Chain(sc.Network).Transaction(ctx, sc.TxID)
			if sc.Expect == ExpectWrongNetwork {
				wantKind(t, err, errs.NotFound, sc.TxID)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			dep, depErr := x.DepositByTxID(ctx, sc.Network, sc.TxID)
			switch sc.Expect {
			case ExpectMissingMemo:
				if onNetwork.Transfers[0].Memo != "" || depErr == nil {
					t.Fatalf("missing memo: transfer %+v, deposit %+v", onNetwork.Transfers[0], dep)
				}
			case ExpectUnlistedToken:
				if _, listed := x.asset(sc.Network, "", onNetwork.Transfers[0].Contract); listed || depErr == nil {
					t.Fatalf("unlisted token %+v is listed or deposited", onNetwork.Transfers[0])
				}
			case ExpectAwaitingConfirmations:
				if onNetwork.Confirmations != 1 || dep.Status != exchange.DepositPending || dep.Confirmations != 1 {
					t.Fatalf("awaiting: tx %d confirmations, deposit %+v", onNetwork.Confirmations, dep)
				}
			case ExpectCredited:
				if dep.Status != exchange.DepositCredited || dep.CreditedAt.IsZero() || dep.CreditedAt.After(start) {
					t.Fatalf("credited deposit %+v", dep)
				}
			case ExpectBelowMinimum:
				if dep.Status != exchange.DepositHeld || dep.Hold != exchange.HoldBelowMinimum || dep.Amount != "0.0002" {
					t.Fatalf("below minimum deposit %+v", dep)
				}
			}
		})
	}
	// The wrong-network transaction is on tron, to an address no user owns.
	tx, err := x.Chain("tron").Transaction(ctx, TxWrongNetwork)
	if err != nil || tx.Transfers[0].Contract != usdtTRC20 {
		t.Fatalf("tron tx %+v, %v", tx, err)
	}
	_, err = x.FindDepositAddress(ctx, "tron", tx.Transfers[0].To, "")
	wantKind(t, err, errs.NotFound, "no user")
}

func TestUserShowsOnlyActiveLocks(t *testing.T) {
	x, c := newSandbox(t)
	ctx := context.Background()
	u, err := x.User(ctx, UserOlena)
	if err != nil {
		t.Fatal(err)
	}
	kinds := func(u exchange.User) (out []exchange.LockKind) {
		for _, l := range u.Locks {
			out = append(out, l.Kind)
		}
		return out
	}
	if got := kinds(u); !slices.Equal(got, []exchange.LockKind{exchange.LockWithdrawals, exchange.LockNewAddressHold}) {
		t.Fatalf("locks = %v", got)
	}
	c.t = start.Add(21 * time.Hour)
	u, _ = x.User(ctx, UserOlena)
	if got := kinds(u); !slices.Equal(got, []exchange.LockKind{exchange.LockWithdrawals}) {
		t.Fatalf("after the hold ended, locks = %v", got)
	}
	k, _ := x.User(ctx, UserKarim)
	if k.State != exchange.StateFrozen || k.Locks == nil {
		t.Fatalf("karim = %+v", k)
	}
}

func TestLookupErrors(t *testing.T) {
	x, _ := newSandbox(t)
	ctx := context.Background()
	_, err := x.User(ctx, "u-404")
	wantKind(t, err, errs.NotFound, "u-404")
	_, err = x.Deposits(ctx, "")
	wantKind(t, err, errs.Invalid, "user_id")
	_, err = x.DepositByTxID(ctx, "dogechain", TxCredited)
	wantKind(t, err, errs.Invalid, "dogechain")
	_, err = x.DepositByTxID(ctx, "bitcoin", TxCredited)
	wantKind(t, err, errs.NotFound, "no deposit")
	_, err = x.FindDepositAddress(ctx, "xrp", sharedAddress("xrp"), "999")
	if !errors.Is(err, exchange.ErrSharedAddress) || !strings.Contains(err.Error(), `"999"`) {
		t.Fatalf("unknown memo: %v", err)
	}
	// EVM addresses match in any case; the memo picks the user on shared networks.
	a, err := x.FindDepositAddress(ctx, "base", strings.ToLower(userAddress(UserAn, "base")), "")
	if err != nil || a.UserID != UserAn {
		t.Fatalf("lowercase EVM look-up = %+v, %v", a, err)
	}
	a, err = x.FindDepositAddress(ctx, "xrp", sharedAddress("xrp"), userMemo(UserJordan, "xrp"))
	if err != nil || a.UserID != UserJordan {
		t.Fatalf("memo look-up = %+v, %v", a, err)
	}
	d, err := x.DepositByTxID(ctx, "ethereum", strings.ToUpper(TxCredited))
	if err != nil || d.ID != "d-7001" {
		t.Fatalf("upper-case txid = %+v, %v", d, err)
	}
	for limit, want := range map[int]int{0: 3, 1: 1, 2: 2, 1000: 3, -5: 3} {
		evs, err := x.LoginEvents(ctx, UserMaria, limit)
		if err != nil || len(evs) != want {
			t.Errorf("limit %d: %d events, %v", limit, len(evs), err)
		}
	}
}

func TestChainClient(t *testing.T) {
	x, _ := newSandbox(t)
	ctx := context.Background()
	if x.Chain("dogechain") != nil || len(x.Chains()) != len(exchange.Networks) {
		t.Fatal("chains do not match the network list")
	}
	btc := x.Chain("bitcoin")
	got, err := btc.TransfersTo(ctx, userAddress(UserMaria, "bitcoin"), 0)
	if err != nil || len(got) != 1 || got[0].Transfer.Amount != "3100000" || got[0].Confirmations != 2100 {
		t.Fatalf("transfers to Maria = %+v, %v", got, err)
	}
	if got, _ := btc.TransfersTo(ctx, userAddress(UserMaria, "bitcoin"), got[0].BlockHeight+1); len(got) != 0 {
		t.Fatalf("fromBlock ignored: %+v", got)
	}
	_, err = btc.Transaction(ctx, strings.Repeat("ab", 32))
	wantKind(t, err, errs.NotFound, "bitcoin")
	if err := x.Mine("bitcoin", 1); err != nil {
		t.Fatal(err)
	}
	tx, _ := btc.Transaction(ctx, TxAwaitingConfirmations)
	d, _ := x.DepositByTxID(ctx, "bitcoin", TxAwaitingConfirmations)
	if tx.Confirmations != 2 || d.Status != exchange.DepositCredited || d.Confirmations != 2 || !d.CreditedAt.Equal(start) {
		t.Fatalf("after one block: tx %d confirmations, deposit %+v", tx.Confirmations, d)
	}
	wantKind(t, x.Mine("bitcoin", 0), errs.Invalid, "blocks")
}

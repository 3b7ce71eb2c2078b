package sandbox

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/exchange"
)

func TestUnlockWithdrawalsRespectsLocks(t *testing.T) {
	x, c := newSandbox(t)
	ctx := context.Background()

	// Olena: a new-address hold applies, so nothing unlocks and nothing changes.
	_, err := x.UnlockWithdrawals(ctx, UserOlena, "T-1")
	wantKind(t, err, errs.Conflict, "new_address_withdrawal_hold until 2026-03-15T05:30:00Z")
	if u, _ := x.User(ctx, UserOlena); len(u.Locks) != 2 {
		t.Fatalf("a refused unlock changed the locks: %+v", u.Locks)
	}
	_, err = x.UnlockWithdrawals(ctx, UserLiWei, "T-2")
	wantKind(t, err, errs.Conflict, "device_trust_window")
	_, err = x.UnlockWithdrawals(ctx, UserJordan, "T-3")
	wantKind(t, err, errs.Conflict, "not locked")
	_, err = x.UnlockWithdrawals(ctx, UserKarim, "T-4")
	wantKind(t, err, errs.Conflict, "frozen")

	// Maria locked her own withdrawals: support may lift that, once.
	res, err := x.UnlockWithdrawals(ctx, UserMaria, "T-5")
	if err != nil || res.Status != exchange.ResultDone || res.Replayed {
		t.Fatalf("unlock = %+v, %v", res, err)
	}
	again, err := x.UnlockWithdrawals(ctx, UserMaria, "T-5")
	if err != nil || again.ID != res.ID || !again.Replayed {
		t.Fatalf("repeat = %+v, %v; want a replay of %s", again, err, res.ID)
	}
	_, err = x.UnlockWithdrawals(ctx, UserMaria, "T-6")
	wantKind(t, err, errs.Conflict, "not locked")

	// Once Olena's hold ends by itself, her lock can be lifted.
	c.t = start.Add(21 * time.Hour)
	if res, err := x.UnlockWithdrawals(ctx, UserOlena, "T-1"); err != nil || res.Status != exchange.ResultDone {
		t.Fatalf("after the hold: %+v, %v", res, err)
	}
	if u, _ := x.User(ctx, UserOlena); len(u.Locks) != 0 {
		t.Fatalf("locks left: %+v", u.Locks)
	}
}

func TestTwoFactorReset(t *testing.T) {
	x, _ := newSandbox(t)
	ctx := context.Background()
	_, err := x.RequestTwoFactorReset(ctx, UserAyse, "T-1")
	wantKind(t, err, errs.Conflict, "settings_lock")
	_, err = x.RequestTwoFactorReset(ctx, UserJordan, "T-1")
	wantKind(t, err, errs.Conflict, "not enabled")
	_, err = x.RequestTwoFactorReset(ctx, UserKarim, "T-1")
	wantKind(t, err, errs.Conflict, "frozen")
	_, err = x.RequestTwoFactorReset(ctx, UserAn, "")
	wantKind(t, err, errs.Invalid, "ticket_ref")
	_, err = x.RequestTwoFactorReset(ctx, "u-404", "T-1")
	wantKind(t, err, errs.NotFound, "u-404")

	res, err := x.RequestTwoFactorReset(ctx, UserAn, "T-7")
	if err != nil || res.Status != exchange.ResultRequested {
		t.Fatalf("reset = %+v, %v", res, err)
	}
	if again, _ := x.RequestTwoFactorReset(ctx, UserAn, "T-7"); !again.Replayed || again.ID != res.ID {
		t.Fatalf("repeat = %+v", again)
	}
	_, err = x.RequestTwoFactorReset(ctx, UserAn, "T-8")
	wantKind(t, err, errs.Conflict, res.ID)
}

func TestFreezeAccount(t *testing.T) {
	x, _ := newSandbox(t)
	ctx := context.Background()
	_, err := x.FreezeAccount(ctx, UserJordan, " ")
	wantKind(t, err, errs.Invalid, "reason")
	res, err := x.FreezeAccount(ctx, UserJordan, "customer reports a stolen phone")
	if err != nil || res.Status != exchange.ResultDone {
		t.Fatalf("freeze = %+v, %v", res, err)
	}
	u, _ := x.User(ctx, UserJordan)
	if u.State != exchange.StateFrozen || u.StateReason != "customer reports a stolen phone" {
		t.Fatalf("user after freeze = %+v", u)
	}
	if again, _ := x.FreezeAccount(ctx, UserJordan, "another reason"); !again.Replayed || again.ID != res.ID {
		t.Fatalf("second freeze = %+v", again)
	}
	if u2, _ := x.User(ctx, UserJordan); u2.StateReason != u.StateReason {
		t.Fatalf("a second freeze rewrote the reason: %q", u2.StateReason)
	}
	_, err = x.UnlockWithdrawals(ctx, UserJordan, "T-9")
	wantKind(t, err, errs.Conflict, "frozen")
	if res, err := x.FreezeAccount(ctx, UserKarim, "again"); err != nil || res.Message == "" {
		t.Fatalf("freezing a frozen account = %+v, %v", res, err)
	}
}

func credit(network, txid, user, asset, amount, key string) exchange.CreditRequest {
	return exchange.CreditRequest{Network: network, TxID: txid, UserID: user, Asset: asset, Amount: amount,
		TicketRef: "T-100", IdempotencyKey: key}
}

func TestCreditDepositRecoversMissingTag(t *testing.T) {
	x, _ := newSandbox(t)
	ctx := context.Background()
	_, err := x.CreditDeposit(ctx, credit("xrp", TxMissingTag, UserJordan, "XRP", "500.000001", "k0"))
	wantKind(t, err, errs.Conflict, "more than the 500 XRP")

	req := credit("xrp", TxMissingTag, UserJordan, "XRP", "475", "k1")
	res, err := x.CreditDeposit(ctx, req)
	if err != nil || res.DepositID == "" || res.Replayed {
		t.Fatalf("credit = %+v, %v", res, err)
	}
	d, err := x.DepositByTxID(ctx, "xrp", TxMissingTag)
	if err != nil || d.ID != res.DepositID || d.Amount != "475" || d.Status != exchange.DepositCredited || d.UserID != UserJordan {
		t.Fatalf("deposit = %+v, %v", d, err)
	}
	again, err := x.CreditDeposit(ctx, req)
	if err != nil || !again.Replayed || again.DepositID != res.DepositID {
		t.Fatalf("repeat = %+v, %v", again, err)
	}
	other := req
	other.Amount = "476"
	_, err = x.CreditDeposit(ctx, other)
	wantKind(t, err, errs.Conflict, "different request")
	other.IdempotencyKey = "k2"
	_, err = x.CreditDeposit(ctx, other)
	wantKind(t, err, errs.Conflict, "already credited")
	if deps, _ := x.Deposits(ctx, UserJordan); len(deps) != 2 {
		t.Fatalf("Jordan has %d deposits, want 2", len(deps))
	}
}

func TestCreditDepositRefusals(t *testing.T) {
	x, _ := newSandbox(t)
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		req  exchange.CreditRequest
		kind errs.Kind
		says string
	}{
		{"wrong network", credit("tron", TxWrongNetwork, UserLiWei, "USDT", "250", "a"), errs.Conflict, "no USDT to any deposit address"},
		{"unlisted token", credit("ethereum", TxUnlistedToken, UserAyse, "SHIB", "2500000", "b"), errs.Conflict, "not listed"},
		{"pending", credit("bitcoin", TxAwaitingConfirmations, UserAn, "BTC", "0.042", "c"), errs.Conflict, "1 of the 2 confirmations"},
		{"credited", credit("ethereum", TxCredited, UserMaria, "USDT", "1500", "d"), errs.Conflict, "already credited"},
		{"other user's deposit", credit("bitcoin", TxBelowMinimum, UserMaria, "BTC", "0.0002", "e"), errs.Conflict, "another user"},
		{"frozen", credit("tron", txidFor("tron", "deposit/d-7008"), UserKarim, "USDT", "25000", "f"), errs.Conflict, "frozen"},
		{"suspended", credit("polygon", TxCredited, UserMaria, "USDC", "1", "g"), errs.Conflict, "suspended"},
		{"unknown tx", credit("bitcoin", "ab"+TxBelowMinimum[2:], UserOlena, "BTC", "0.0001", "h"), errs.NotFound, "no transaction"},
		{"too precise", credit("bitcoin", TxBelowMinimum, UserOlena, "BTC", "0.000000001", "i"), errs.Invalid, "decimal places"},
		{"zero", credit("bitcoin", TxBelowMinimum, UserOlena, "BTC", "0.0", "j"), errs.Invalid, "more than zero"},
		{"no key", credit("bitcoin", TxBelowMinimum, UserOlena, "BTC", "1", ""), errs.Invalid, "idempotency_key"},
		{"unknown user", credit("bitcoin", TxBelowMinimum, "u-404", "BTC", "1", "k"), errs.NotFound, "u-404"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := x.CreditDeposit(ctx, tc.req)
			wantKind(t, err, tc.kind, tc.says)
		})
	}
	if len(x.actions) != 0 {
		t.Fatalf("refused credits were recorded: %v", x.actions)
	}
}

func TestCreditBelowMinimumThroughRecovery(t *testing.T) {
	x, _ := newSandbox(t)
	ctx := context.Background()
	res, err := x.CreditDeposit(ctx, credit("bitcoin", TxBelowMinimum, UserOlena, "BTC", "0.0002", "k"))
	if err != nil || res.DepositID != "d-7007" {
		t.Fatalf("credit = %+v, %v", res, err)
	}
	d, _ := x.DepositByTxID(ctx, "bitcoin", TxBelowMinimum)
	if d.Status != exchange.DepositCredited || d.Hold != "" || !d.CreditedAt.Equal(start) {
		t.Fatalf("deposit = %+v", d)
	}
}

// Many concurrent retries of one credit make one credit.
func TestCreditDepositConcurrentRetries(t *testing.T) {
	x, _ := newSandbox(t)
	ctx := context.Background()
	req := credit("xrp", TxMissingTag, UserJordan, "XRP", "490", "same-key")
	var wg sync.WaitGroup
	results := make([]exchange.ActionResult, 32)
	errors := make([]error, len(results))
	for i := range results {
		wg.Go(func() { results[i], errors[i] = x.CreditDeposit(ctx, req) })
	}
	wg.Wait()
	fresh := 0
	for i, r := range results {
		if errors[i] != nil {
			t.Fatalf("retry %d: %v", i, errors[i])
		}
		if !r.Replayed {
			fresh++
		}
		if r.ID != results[0].ID {
			t.Fatalf("results differ: %s vs %s", r.ID, results[0].ID)
		}
	}
	deps, _ := x.Deposits(ctx, UserJordan)
	if fresh != 1 || len(deps) != 2 {
		t.Fatalf("%d fresh results, %d deposits; want 1 and 2", fresh, len(deps))
	}
}

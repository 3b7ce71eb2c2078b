package recovery

import (
	"context"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/chain"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/exchange"
	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
	"github.com/groundcrew/groundcrew/internal/guard"
	"github.com/groundcrew/groundcrew/internal/seal"
	"github.com/groundcrew/groundcrew/internal/search"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

var start = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// fixture is a recovery service over a real database, the sandbox
// exchange and its chains, with the demo matrix and fees.
type fixture struct {
	t     testing.TB
	db    *store.DB
	svc   *Service
	x     *sandbox.Exchange
	clock *store.FakeClock
	ex    *flakyExchange
}

// flakyExchange passes every call to the sandbox; when failAfter is set,
// the next credit or return is made and then reported as failed, the way
// a lost response looks to the caller.
type flakyExchange struct {
	*sandbox.Exchange
	failAfter atomic.Bool
	down      atomic.Bool // deposit look-ups fail
}

func (f *flakyExchange) DepositByTxID(ctx context.Context, network, txid string) (exchange.Deposit, error) {
	if f.down.Load() {
		return exchange.Deposit{}, errs.E(errs.Unavailable, "the exchange is down")
	}
	return f.Exchange.DepositByTxID(ctx, network, txid)
}

func (f *flakyExchange) CreditDeposit(ctx context.Context, req exchange.CreditRequest) (exchange.ActionResult, error) {
	res, err := f.Exchange.CreditDeposit(ctx, req)
	if err == nil && f.failAfter.Swap(false) {
		return exchange.ActionResult{}, errs.E(errs.Unavailable, "the exchange did not answer in time")
	}
	return res, err
}

func newFixture(t testing.TB, db *store.DB) *fixture {
	t.Helper()
	clock := store.NewFakeClock(start)
	db.SetClock(clock.Now)
	x := sandbox.New(clock.Now)
	reg, err := chain.LoadRegistry("")
	if err != nil {
		t.Fatal(err)
	}
	clients := map[string]chain.Client{}
	for _, c := range x.Chains() {
		clients[c.Network()] = c
	}
	ex := &flakyExchange{Exchange: x}
	log := audit.New(db)
	log.UseChainRefs(search.New([]seal.Derived{{ID: "k1", Bytes: []byte("blind-index-key-blind-index-key!")}}, reg))
	svc := New(db, log, ex, Chains{Registry: reg, Clients: clients}, nil)
	if err := svc.SeedDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	return &fixture{t: t, db: db, svc: svc, x: x, clock: clock, ex: ex}
}

func customerCtx(user string) context.Context {
	return audit.WithActor(context.Background(), audit.Actor{Kind: audit.ActorCustomer, ID: user})
}

func agentCtx() context.Context {
	return audit.WithActor(context.Background(), audit.Actor{Kind: audit.ActorAgent, ID: "7"})
}

// quote asks for a quote and fails the test unless it is eligible.
func (f *fixture) quote(user, txid, lang string) Quote {
	f.t.Helper()
	q, err := f.svc.Quote(customerCtx(user), Claim{UserID: user, TxID: txid, Language: lang})
	if err != nil || !q.Decision.Eligible || q.ID == 0 {
		f.t.Fatalf("quote %s for %s: %+v, %v", txid, user, q, err)
	}
	return q
}

// appeal quotes and accepts, and returns the appeal in review.
func (f *fixture) appeal(user, txid string) Appeal {
	f.t.Helper()
	q := f.quote(user, txid, "en")
	a, err := f.svc.Accept(customerCtx(user), user, q.ID, q.Fee, 0)
	if err != nil || a.Status != InReview {
		f.t.Fatalf("accept quote %d: %+v, %v", q.ID, a, err)
	}
	return a
}

func (f *fixture) refusal(user, txid string) Decision {
	f.t.Helper()
	q, err := f.svc.Quote(customerCtx(user), Claim{UserID: user, TxID: txid, Language: "en"})
	if err != nil || q.Decision.Eligible || q.ID != 0 || len(q.Decision.Reasons) == 0 {
		f.t.Fatalf("quote %s for %s: %+v, %v; want a refusal", txid, user, q, err)
	}
	return q.Decision
}

func (f *fixture) auditCount(action string) int {
	return storetest.Scalar[int](f.t, f.db, `SELECT COUNT(*) FROM audit_log WHERE action = ?`, action)
}

func wantKind(t *testing.T, err error, kind errs.Kind, says string) {
	t.Helper()
	if !errs.Is(err, kind) || !strings.Contains(err.Error(), says) {
		t.Fatalf("error %v, want %s saying %q", err, kind, says)
	}
}

// The done-when story in the package: USDT sent on BSC to an Ethereum
// deposit address is quoted, accepted, approved by two people (it is above
// the threshold), credited once, and a second appeal is refused.
func TestWrongNetworkAppealToCredit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		q := f.quote(sandbox.UserLiWei, sandbox.TxWrongNetworkEVM, "zh")
		d := q.Decision
		if d.Facts.Cause != CauseWrongNetwork || d.Facts.Asset != "USDT" || d.Facts.Amount != "180" || q.Fee != "10" || q.Net != "170" || !d.NeedsSecond {
			t.Fatalf("quote %+v", q)
		}
		if !strings.Contains(d.Reasons[0].Text, "手续费") || strings.Contains(d.Reasons[0].Text, "{") {
			t.Errorf("reason not in Chinese or not filled: %q", d.Reasons[0].Text)
		}
		a, err := f.svc.Accept(customerCtx(sandbox.UserLiWei), sandbox.UserLiWei, q.ID, "10", 0)
		if err != nil || a.Status != InReview || a.Fee != "10" || a.Net != "170" {
			t.Fatalf("accept: %+v, %v", a, err)
		}
		if n := f.auditCount("recovery.quote_accepted"); n != 1 {
			t.Errorf("%d quote_accepted audit entries, want 1", n)
		}
		a, err = f.svc.Approve(agentCtx(), 1, a.ID, "statement matches")
		if err != nil || a.Status != InReview || a.FirstApprover != 1 {
			t.Fatalf("first approval: %+v, %v", a, err)
		}
		_, err = f.svc.Approve(agentCtx(), 1, a.ID, "again")
		wantKind(t, err, errs.Conflict, "second approver must be someone else")
		if n := f.auditCount("recovery.refused"); n != 1 {
			t.Errorf("%d refusal audit entries after the same approver, want 1", n)
		}
		a, err = f.svc.Approve(agentCtx(), 2, a.ID, "ok")
		if err != nil || a.Status != Completed || a.ResultTxID != sandbox.TxWrongNetworkEVM || a.ResultRef == "" || a.SecondApprover != 2 {
			t.Fatalf("second approval: %+v, %v", a, err)
		}
		deps, err := f.x.Deposits(context.Background(), sandbox.UserLiWei)
		if err != nil {
			t.Fatal(err)
		}
		credits := 0
		for _, d := range deps {
			if d.TxID == sandbox.TxWrongNetworkEVM && d.Status == exchange.DepositCredited && d.Amount == "170" {
				credits++
			}
		}
		if credits != 1 {
			t.Errorf("%d credits of the deposit at the exchange, want 1", credits)
		}
		steps, err := f.svc.Timeline(context.Background(), a.ID)
		if err != nil {
			t.Fatal(err)
		}
		var seen []string
		for _, s := range steps {
			seen = append(seen, string(s.Status))
		}
		if got := strings.Join(seen, ","); got != "submitted,checked,in_review,in_review,approved,executing,completed" {
			t.Errorf("timeline %s", got)
		}
		if d := f.refusal(sandbox.UserLiWei, sandbox.TxWrongNetworkEVM); d.Reasons[0].Code != ReasonCredited {
			t.Errorf("second appeal: %+v, want already credited", d.Reasons)
		}
	})
}

// The database, not only the code, refuses a second open appeal and a
// second completed one for the same deposit.
func TestDatabaseEnforcesOneAppealOneCredit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		a := f.appeal(sandbox.UserLiWei, sandbox.TxWrongNetworkEVM)
		ctx := context.Background()
		insert := func(status string) error {
			_, err := db.Exec(ctx, `INSERT INTO recovery_appeals (user_id, quote_id, deposit_key, network, txid, out_index, asset, amount, address,
				cause, path, action, fee, net, language, status, created_at, status_at, due_at)
				SELECT user_id, quote_id, deposit_key, network, txid, out_index, asset, amount, address, cause, path, action, fee, net, language, ?, 1, 1, 1
				FROM recovery_appeals WHERE id = ?`, status, a.ID)
			return err
		}
		if err := insert("in_review"); err == nil || !isUniqueViolation(err) {
			t.Fatalf("second open appeal inserted: %v", err)
		}
		if _, err := db.Exec(ctx, `UPDATE recovery_appeals SET status = 'completed' WHERE id = ?`, a.ID); err != nil {
			t.Fatal(err)
		}
		if err := insert("completed"); err == nil || !isUniqueViolation(err) {
			t.Fatalf("second completed appeal inserted: %v", err)
		}
		if err := insert("rejected"); err != nil {
			t.Fatalf("a rejected appeal beside a completed one: %v", err)
		}
		if _, err := db.Exec(ctx, `INSERT INTO recovery_executions (deposit_key, appeal_id, state, started_at) VALUES (?, ?, 'started', 1)`,
			depositKey(a.Network, strings.ToUpper(a.TxID[2:]), 0), a.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(ctx, `INSERT INTO recovery_executions (deposit_key, appeal_id, state, started_at) VALUES (?, ?, 'started', 1)`,
			depositKey(a.Network, a.TxID[2:], 0), a.ID); err == nil {
			t.Fatal("a second execution claim for the same deposit (txid typed in another case) was stored")
		}
	})
}

// Each claim the issue lists as bad input is refused with its reason, is
// audited, and leaves no quote or appeal behind.
func TestBadClaimsAreRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		maria, err := f.x.Withdrawals(ctx, sandbox.UserMaria)
		if err != nil {
			t.Fatal(err)
		}
		var withdrawal string
		for _, w := range maria {
			if w.TxID != "" {
				withdrawal = w.TxID
			}
		}
		for _, tc := range []struct {
			name, user, txid, code string
			wait                   bool
		}{
			{"a withdrawal", sandbox.UserMaria, withdrawal, ReasonWithdrawal, false},
			{"another account's address", sandbox.UserMaria, sandbox.TxWrongNetworkEVM, ReasonOtherAccount, false},
			{"another account's held deposit", sandbox.UserMaria, sandbox.TxBelowMinimum, ReasonOtherAccount, false},
			{"unconfirmed", sandbox.UserAn, sandbox.TxAwaitingConfirmations, ReasonPending, true},
			{"already credited", sandbox.UserMaria, sandbox.TxCredited, ReasonCredited, false},
			{"an address the exchange does not control", sandbox.UserLiWei, sandbox.TxWrongNetwork, ReasonNotOurAddress, false},
			{"unknown", sandbox.UserLiWei, "0x" + strings.Repeat("ab", 32), ReasonNotFound, false},
			{"fee above the value", sandbox.UserOlena, sandbox.TxBelowMinimum, ReasonFeeExceedsValue, false},
		} {
			t.Run(tc.name, func(t *testing.T) {
				before := f.auditCount("recovery.refused")
				d := f.refusal(tc.user, tc.txid)
				if d.Reasons[0].Code != tc.code || d.Wait != tc.wait || d.Reasons[0].Text == "" {
					t.Errorf("decision %+v, want %s (wait %v)", d, tc.code, tc.wait)
				}
				if n := f.auditCount("recovery.refused"); n != before+1 {
					t.Errorf("%d refusals audited, want %d", n, before+1)
				}
			})
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM recovery_quotes`) + storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM recovery_appeals`); n != 0 {
			t.Errorf("%d quotes and appeals left behind by refusals", n)
		}
		for _, c := range []Claim{{UserID: "u", TxID: ""}, {UserID: "u", TxID: "a b"}, {UserID: "u", TxID: strings.Repeat("a", 200)},
			{UserID: "u", TxID: "ab", Network: "nowhere"}} {
			_, err := f.svc.Check(ctx, c)
			wantKind(t, err, errs.Invalid, "")
		}
	})
}

// failedChain reports one transaction as failed on chain.
type failedChain struct{ chain.Client }

func (c failedChain) Transaction(ctx context.Context, txid string) (chain.Tx, error) {
	tx, err := c.Client.Transaction(ctx, txid)
	tx.Failed = true
	return tx, err
}

func TestFailedTransactionIsRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.svc.chains.Clients["bsc"] = failedChain{f.svc.chains.Clients["bsc"]}
		if d := f.refusal(sandbox.UserLiWei, sandbox.TxWrongNetworkEVM); d.Reasons[0].Code != ReasonFailed {
			t.Errorf("decision %+v, want failed", d)
		}
	})
}

// A second accepted quote for a deposit under appeal is refused.
func TestSecondAppealWhileOpen(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		q1 := f.quote(sandbox.UserLiWei, sandbox.TxWrongNetworkEVM, "en")
		q2 := f.quote(sandbox.UserLiWei, sandbox.TxWrongNetworkEVM, "en")
		if _, err := f.svc.Accept(customerCtx(sandbox.UserLiWei), sandbox.UserLiWei, q1.ID, q1.Fee, 0); err != nil {
			t.Fatal(err)
		}
		_, err := f.svc.Accept(customerCtx(sandbox.UserLiWei), sandbox.UserLiWei, q2.ID, q2.Fee, 0)
		wantKind(t, err, errs.Conflict, "already has an open")
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM recovery_appeals`); n != 1 {
			t.Errorf("%d appeals, want 1", n)
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM recovery_quotes WHERE accepted_at IS NOT NULL`); n != 1 {
			t.Errorf("%d accepted quotes, want 1 (the refused acceptance rolled back)", n)
		}
		if d := f.refusal(sandbox.UserLiWei, sandbox.TxWrongNetworkEVM); d.Reasons[0].Code != ReasonAppealed {
			t.Errorf("third claim: %+v, want already appealed", d.Reasons)
		}
	})
}

// The customer accepts the quoted fee and no other: a different fee, a
// schedule changed since the quote, a second acceptance, an expired quote
// or someone else's quote are refused; a schedule changed after acceptance
// does not touch the appeal's fee.
func TestQuoteTermsAreFixed(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		li := customerCtx(sandbox.UserLiWei)
		q := f.quote(sandbox.UserLiWei, sandbox.TxWrongNetworkEVM, "en")
		_, err := f.svc.Accept(li, sandbox.UserLiWei, q.ID, "9", 0)
		wantKind(t, err, errs.Invalid, "not the quoted fee")
		_, err = f.svc.Accept(customerCtx(sandbox.UserMaria), sandbox.UserMaria, q.ID, q.Fee, 0)
		wantKind(t, err, errs.NotFound, "no quote")
		usdt := DemoFees()[0]
		usdt.MinFee = "12"
		if err := f.svc.SetFee(agentCtx(), 1, usdt); err != nil {
			t.Fatal(err)
		}
		_, err = f.svc.Accept(li, sandbox.UserLiWei, q.ID, q.Fee, 0)
		wantKind(t, err, errs.Conflict, "published fee changed")
		q = f.quote(sandbox.UserLiWei, sandbox.TxWrongNetworkEVM, "en")
		if q.Fee != "12" {
			t.Fatalf("new quote's fee %s, want 12", q.Fee)
		}
		a, err := f.svc.Accept(li, sandbox.UserLiWei, q.ID, "12", 0)
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.svc.Accept(li, sandbox.UserLiWei, q.ID, "12", 0)
		wantKind(t, err, errs.Conflict, "already accepted")
		usdt.MinFee = "50"
		if err := f.svc.SetFee(agentCtx(), 1, usdt); err != nil {
			t.Fatal(err)
		}
		if a, err = f.svc.Get(context.Background(), a.ID); err != nil || a.Fee != "12" || a.Net != "168" {
			t.Errorf("after the schedule changed the appeal says fee %s net %s (%v), want 12 and 168", a.Fee, a.Net, err)
		}
		if n := f.auditCount("recovery.fee_set"); n != 2 {
			t.Errorf("%d fee changes audited, want 2", n)
		}
		old := f.quote(sandbox.UserJordan, sandbox.TxMissingTag, "en")
		f.clock.Advance(25 * time.Hour)
		_, err = f.svc.Accept(customerCtx(sandbox.UserJordan), sandbox.UserJordan, old.ID, old.Fee, 0)
		wantKind(t, err, errs.Conflict, "expired")
	})
}

// An execution that fails half-way (the exchange credited, the answer was
// lost) leaves the appeal executing with the error; the retry replays the
// exchange's first result, so the deposit is credited once.
func TestExecutionFailureRetriesWithoutDoubleCredit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		a := f.appeal(sandbox.UserLiWei, sandbox.TxWrongNetworkEVM)
		if _, err := f.svc.Approve(agentCtx(), 1, a.ID, ""); err != nil {
			t.Fatal(err)
		}
		f.ex.failAfter.Store(true)
		_, err := f.svc.Approve(agentCtx(), 2, a.ID, "")
		wantKind(t, err, errs.Unavailable, "did not answer")
		a, err = f.svc.Get(context.Background(), a.ID)
		if err != nil || a.Status != Executing || !strings.Contains(a.LastError, "did not answer") {
			t.Fatalf("after the failure: %+v, %v", a, err)
		}
		other := f.appeal(sandbox.UserJordan, sandbox.TxMissingTag)
		if _, err := f.svc.Execute(agentCtx(), 3, other.ID); err == nil {
			t.Fatal("an appeal in review was executed")
		}
		a, err = f.svc.Execute(agentCtx(), 2, a.ID)
		if err != nil || a.Status != Completed || a.LastError != "" {
			t.Fatalf("retry: %+v, %v", a, err)
		}
		deps, _ := f.x.Deposits(context.Background(), sandbox.UserLiWei)
		n := 0
		for _, d := range deps {
			if d.TxID == sandbox.TxWrongNetworkEVM {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%d deposits for the transaction after a retry, want 1", n)
		}
		if n := f.auditCount("recovery.execution_failed"); n != 1 {
			t.Errorf("%d execution failures audited, want 1", n)
		}
		_, err = f.svc.Execute(agentCtx(), 2, a.ID)
		wantKind(t, err, errs.Conflict, "only an approved appeal")
	})
}

// Missing memo takes the quick path and needs the sending platform's
// statement before approval.
func TestMissingMemoNeedsStatement(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		q := f.quote(sandbox.UserJordan, sandbox.TxMissingTag, "en")
		d := q.Decision
		if d.Facts.Cause != CauseMissingMemo || d.Facts.Path != PathMemo || d.Facts.Needs != NeedStatement || d.ExpectedHours != 24 || d.NeedsSecond {
			t.Fatalf("decision %+v", d)
		}
		a, err := f.svc.Accept(customerCtx(sandbox.UserJordan), sandbox.UserJordan, q.ID, q.Fee, 0)
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.svc.Approve(agentCtx(), 1, a.ID, "")
		wantKind(t, err, errs.Conflict, "statement")
		err = f.svc.AddEvidence(customerCtx(sandbox.UserMaria), sandbox.UserMaria, a.ID, 0, "mine")
		wantKind(t, err, errs.NotFound, "no appeal")
		if err := f.svc.AddEvidence(customerCtx(sandbox.UserJordan), sandbox.UserJordan, a.ID, 0, "Statement from my other exchange: 500 XRP sent"); err != nil {
			t.Fatal(err)
		}
		a, err = f.svc.Approve(agentCtx(), 1, a.ID, "")
		if err != nil || a.Status != Completed || a.Net != "490" {
			t.Fatalf("approve: %+v, %v", a, err)
		}
	})
}

// An unlisted token goes back to its sender; the appeal completes when
// the return transaction has the network's confirmations.
func TestUnlistedTokenIsReturned(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		a := f.appeal(sandbox.UserAyse, sandbox.TxUnlistedToken)
		if a.Action != ActionReturn || a.Cause != CauseUnlistedToken || !a.NeedsSecond || a.Net != "2400000" {
			t.Fatalf("appeal %+v", a)
		}
		if _, err := f.svc.Approve(agentCtx(), 1, a.ID, ""); err != nil {
			t.Fatal(err)
		}
		a, err := f.svc.Approve(agentCtx(), 2, a.ID, "")
		if err != nil || a.Status != Executing || a.ResultTxID == "" {
			t.Fatalf("approve: %+v, %v", a, err)
		}
		if n, err := f.svc.Watch(context.Background()); err != nil || n != 0 {
			t.Fatalf("watch at 1 confirmation completed %d (%v), want 0", n, err)
		}
		if err := f.x.Mine("ethereum", 11); err != nil {
			t.Fatal(err)
		}
		if n, err := f.svc.Watch(context.Background()); err != nil || n != 1 {
			t.Fatalf("watch after 11 blocks completed %d (%v), want 1", n, err)
		}
		if a, _ = f.svc.Get(context.Background(), a.ID); a.Status != Completed {
			t.Errorf("status %s, want completed", a.Status)
		}
	})
}

// The matrix decides: a network made not possible refuses, with the
// reason in the customer's language; bad entries are refused.
func TestMatrix(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		m, err := f.svc.Matrix(context.Background())
		if err != nil || len(m) != 19 {
			t.Fatalf("demo matrix: %d entries (%v), want 18 networks and SHIB", len(m), err)
		}
		if err := f.svc.SetMatrix(agentCtx(), 1, MatrixEntry{Network: "bsc", Asset: "USDT", Mode: ModeNotPossible, ExpectedHours: 1}); err != nil {
			t.Fatal(err)
		}
		q, err := f.svc.Quote(customerCtx(sandbox.UserLiWei), Claim{UserID: sandbox.UserLiWei, TxID: sandbox.TxWrongNetworkEVM, Language: "de"})
		if err != nil || q.Decision.Eligible || q.Decision.Reasons[0].Code != ReasonNotPossible || !strings.Contains(q.Decision.Reasons[0].Text, "USDT auf bsc") {
			t.Fatalf("quote %+v, %v", q, err)
		}
		for _, e := range []MatrixEntry{
			{Network: "mars", Asset: "*", Mode: ModeDirect, ExpectedHours: 1},
			{Network: "bsc", Asset: "*", Mode: "maybe", ExpectedHours: 1},
			{Network: "bsc", Asset: "*", Mode: ModeConditional, ExpectedHours: 1},
			{Network: "bsc", Asset: "*", Mode: ModeDirect, Condition: CondGasTopUp, ExpectedHours: 1},
			{Network: "bsc", Asset: "*", Mode: ModeDirect, ExpectedHours: 0},
		} {
			if err := f.svc.SetMatrix(agentCtx(), 1, e); !errs.Is(err, errs.Invalid) {
				t.Errorf("entry %+v: %v, want invalid", e, err)
			}
		}
		for _, s := range []FeeSchedule{
			{Asset: "USDT", Cause: "*", Kind: FeePercent, Percent: "101"},
			{Asset: "USDT", Cause: "nope", Kind: FeeFixed, Fixed: "1"},
			{Asset: "USDT", Cause: "*", Kind: FeeFixed, Fixed: "-1"},
			{Asset: "USDT", Cause: "*", Kind: FeePercent, Percent: "1", MinFee: "5", MaxFee: "4"},
		} {
			if err := f.svc.SetFee(agentCtx(), 1, s); !errs.Is(err, errs.Invalid) {
				t.Errorf("fee %+v: %v, want invalid", s, err)
			}
		}
	})
}

// A schedule or a matrix entry typed in lower case applies to the asset:
// a listed one is stored as the exchange spells it, a token the exchange
// does not list (the demo's SHIB) in capitals, and both are found by the
// appeal's symbol whatever its case.
func TestAssetSpellingOfFeesAndMatrix(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		for _, fee := range []FeeSchedule{
			{Asset: "usdt", Cause: AnyAsset, Kind: FeeFixed, Fixed: "3"},
			{Asset: "shib", Cause: AnyAsset, Kind: FeeFixed, Fixed: "7"},
		} {
			if err := f.svc.SetFee(agentCtx(), 1, fee); err != nil {
				t.Fatalf("set fee %s: %v", fee.Asset, err)
			}
		}
		for asset, want := range map[string]FeeSchedule{
			"USDT": {Asset: "USDT", Fixed: "3"},
			"SHIB": {Asset: "SHIB", Fixed: "7"},
			"Shib": {Asset: "SHIB", Fixed: "7"},
		} {
			got, err := f.svc.feeScheduleFor(ctx, asset, CauseWrongNetwork)
			if err != nil {
				t.Fatal(err)
			}
			if got.Asset != want.Asset || got.Fixed != want.Fixed {
				t.Errorf("schedule for %s: %+v, want the one set for %s", asset, got, want.Asset)
			}
		}
		e := MatrixEntry{Network: "ethereum", Asset: "shib", Mode: ModeConditional, Condition: CondContractCall, ExpectedHours: 48}
		if err := f.svc.SetMatrix(agentCtx(), 1, e); err != nil {
			t.Fatal(err)
		}
		got, err := f.svc.matrixFor(ctx, "ethereum", "SHIB")
		if err != nil {
			t.Fatal(err)
		}
		if got.Asset != "SHIB" || got.ExpectedHours != 48 {
			t.Errorf("matrix for SHIB: %+v, want the entry set as shib", got)
		}
	})
}

func TestRejectTellsTheReason(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		a := f.appeal(sandbox.UserLiWei, sandbox.TxWrongNetworkEVM)
		_, err := f.svc.Reject(agentCtx(), 1, a.ID, " ")
		wantKind(t, err, errs.Invalid, "reason")
		f.svc.Outbound = func(text string) string {
			var why []string
			for _, v := range guard.CheckOutbound(text, nil) {
				why = append(why, v.Detail)
			}
			return strings.Join(why, " ")
		}
		_, err = f.svc.Reject(agentCtx(), 1, a.ID, "Please send us your 12-word recovery phrase so we can verify the wallet.")
		wantKind(t, err, errs.Invalid, "outbound guard")
		a, err = f.svc.Reject(agentCtx(), 1, a.ID, "The sending platform's statement names another account.")
		if err != nil || a.Status != Rejected || a.Reason == "" {
			t.Fatalf("reject: %+v, %v", a, err)
		}
		_, err = f.svc.Reject(agentCtx(), 1, a.ID, "again")
		wantKind(t, err, errs.Conflict, "no longer")
		_, err = f.svc.Approve(agentCtx(), 2, a.ID, "")
		wantKind(t, err, errs.Conflict, "not in review")
		// A rejected appeal does not block a new one.
		f.appeal(sandbox.UserLiWei, sandbox.TxWrongNetworkEVM)
	})
}

func TestMessagesInEveryLanguage(t *testing.T) {
	if len(messages) != 17 {
		t.Fatalf("%d languages, want 17", len(messages))
	}
	for lang, m := range messages {
		for key := range messages["en"] {
			if m[key] == "" {
				t.Errorf("%s lacks %s", lang, key)
			}
		}
	}
}

func TestDepositKey(t *testing.T) {
	if depositKey("bsc", "0xABCD", 0) != depositKey("bsc", "0xabcd", 0) {
		t.Error("hex txids differ by case")
	}
	if depositKey("solana", "AbC", 0) == depositKey("solana", "abc", 0) {
		t.Error("base58 txids folded")
	}
}

func TestQueueAndStats(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		li := f.appeal(sandbox.UserLiWei, sandbox.TxWrongNetworkEVM)
		f.clock.Advance(time.Hour)
		jordan := f.appeal(sandbox.UserJordan, sandbox.TxMissingTag)
		ayse := f.appeal(sandbox.UserAyse, sandbox.TxUnlistedToken)
		q, err := f.svc.Queue(context.Background(), QueueFilter{})
		if err != nil || len(q) != 3 || q[0].ID != li.ID {
			t.Fatalf("queue %+v, %v; want 3 with Li Wei's (due first) first", q, err)
		}
		if _, err := f.svc.Queue(context.Background(), QueueFilter{Status: Completed}); !errs.Is(err, errs.Invalid) {
			t.Errorf("queue of completed appeals: %v", err)
		}
		// Pages of two: Li Wei's and Jordan's, then Ayse's (due last) alone.
		for _, page := range []struct {
			status Status
			want   []int64
		}{{"", []int64{li.ID, jordan.ID, ayse.ID}}, {InReview, []int64{li.ID, jordan.ID, ayse.ID}}} {
			var got []int64
			pf := QueueFilter{Status: page.status, Limit: 2}
			for n := 0; n < 3; n++ {
				list, err := f.svc.Queue(context.Background(), pf)
				if err != nil {
					t.Fatal(err)
				}
				for _, a := range list {
					got = append(got, a.ID)
				}
				next := pf.Next(list)
				if next == "" {
					break
				}
				if pf.After, err = ParseQueueCursor(next); err != nil {
					t.Fatal(err)
				}
			}
			if !slices.Equal(got, page.want) {
				t.Errorf("queue %q in pages of two: %v, want %v", page.status, got, page.want)
			}
		}
		f.clock.Advance(2 * time.Hour)
		if _, err := f.svc.Approve(agentCtx(), 1, li.ID, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Approve(agentCtx(), 2, li.ID, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Reject(agentCtx(), 1, jordan.ID, "no statement after two reminders"); err != nil {
			t.Fatal(err)
		}
		st, err := f.svc.Stats(context.Background(), start.Add(-time.Hour), start.Add(24*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if st.Appeals != 3 || st.Completed != 1 || st.Rejected != 1 || st.Open != 1 || st.ApprovalRate != 0.5 {
			t.Errorf("stats %+v", st)
		}
		if len(st.Totals) != 1 || st.Totals[0].Asset != "USDT" || st.Totals[0].Recovered != "170" || st.Totals[0].Fees != "10" {
			t.Errorf("totals %+v", st.Totals)
		}
		var review *Stage
		for i := range st.Stages {
			if st.Stages[i].Status == InReview {
				review = &st.Stages[i]
			}
		}
		// Li Wei's appeal waited 3 hours in review, Jordan's 2.
		if review == nil || review.Moves != 2 || review.Average != 150*time.Minute {
			t.Errorf("time in review %+v", review)
		}
		if len(st.ByCause) != 3 || len(st.Repeats) != 3 || ayse.ID == 0 {
			t.Errorf("by cause %+v, repeats %+v", st.ByCause, st.Repeats)
		}
		if _, err := f.svc.Stats(context.Background(), start, start.Add(-time.Hour)); !errs.Is(err, errs.Invalid) {
			t.Errorf("backwards period: %v", err)
		}
	})
}

// An appeal whose automatic check cannot run (the exchange is down) stays
// submitted, and the watcher checks it again later.
func TestAutomaticCheckRetried(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		q := f.quote(sandbox.UserLiWei, sandbox.TxWrongNetworkEVM, "en")
		f.ex.down.Store(true)
		a, err := f.svc.Accept(customerCtx(sandbox.UserLiWei), sandbox.UserLiWei, q.ID, q.Fee, 0)
		if err != nil || a.Status != Submitted {
			t.Fatalf("accept while the exchange is down: %+v, %v", a, err)
		}
		f.ex.down.Store(false)
		if _, err := f.svc.Watch(agentCtx()); err != nil {
			t.Fatal(err)
		}
		if a, _ = f.svc.Get(context.Background(), a.ID); a.Status != InReview {
			t.Errorf("after the watcher: %s, want in_review", a.Status)
		}
	})
}

// refuseAgent is a certification gate that refuses one agent.
type refuseAgent int64

func (g refuseAgent) Clear(_ context.Context, agentID int64, gate string) error {
	if agentID == int64(g) {
		return errs.E(errs.Forbidden, "agent %d is not certified for %s", agentID, gate)
	}
	return nil
}

func TestApprovalAsksTheCertificationGate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.svc.Gate = refuseAgent(1)
		q := f.quote(sandbox.UserLiWei, sandbox.TxWrongNetworkEVM, "en")
		a, err := f.svc.Accept(customerCtx(sandbox.UserLiWei), sandbox.UserLiWei, q.ID, "10", 0)
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.svc.Approve(agentCtx(), 1, a.ID, "")
		wantKind(t, err, errs.Forbidden, "not certified for tool:recovery_approval")
		if n := f.auditCount("recovery.refused"); n != 1 {
			t.Errorf("%d refusal audit entries, want 1", n)
		}
		if a, err = f.svc.Approve(agentCtx(), 2, a.ID, ""); err != nil || a.FirstApprover != 2 {
			t.Fatalf("a certified approver: %+v, %v", a, err)
		}
	})
}

// TestTypedKeyIsNoClaim: a customer who pastes their WIF or extended key
// into the TxID field (no spaces, so it passes the first check) is told it
// is no transaction id, and nothing records it: a refusal's audit entry
// would keep the key for good. A raw hex key has a TxID's shape and is
// refused as a deposit not found, and its refusal keeps only ten of its
// characters and a keyed hash.
func TestTypedKeyIsNoClaim(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		for _, key := range []string{
			"5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ",
			"xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi",
		} {
			_, err := f.svc.Quote(customerCtx(sandbox.UserLiWei), Claim{UserID: sandbox.UserLiWei, TxID: key, Language: "en"})
			wantKind(t, err, errs.Invalid, "not a transaction id")
			if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM audit_log WHERE target_id LIKE ? OR detail LIKE ?`, "%"+key[:20]+"%", "%"+key[:20]+"%"); n != 0 {
				t.Errorf("%d audit entries keep the key %s…", n, key[:8])
			}
		}
		hexKey := "e8f32e723decf4051aefac8e2c93c9c5b214313817cdb01a1494b917c8436b35"
		q, err := f.svc.Quote(customerCtx(sandbox.UserLiWei), Claim{UserID: sandbox.UserLiWei, Network: "ethereum", TxID: "0x" + hexKey, Language: "en"})
		if err != nil || q.Decision.Eligible {
			t.Fatalf("a hex key as a TxID: %+v, %v; want a refusal", q, err)
		}
		if n := f.auditCount("recovery.refused"); n != 1 {
			t.Fatalf("%d refusal audit entries, want 1", n)
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM audit_log WHERE target_id LIKE ? OR detail LIKE ?`, "%"+hexKey[10:30]+"%", "%"+hexKey[10:30]+"%"); n != 0 {
			t.Errorf("%d audit entries keep the hex key", n)
		}
	})
}

package auth

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/web"
)

// levelsEnv is a Verifications store on a fresh database, on a clock the
// test moves.
type levelsEnv struct {
	ctx    context.Context
	db     *store.DB
	log    *audit.Log
	signer IdentitySigner
	clock  *store.FakeClock // the database's clock
	v      *Verifications
}

func newLevelsEnv(db *store.DB) *levelsEnv {
	e := &levelsEnv{ctx: context.Background(), db: db, log: audit.New(db), signer: IdentitySigner{Secret: []byte("k")},
		clock: store.NewFakeClock(time.Now())}
	db.SetClock(e.clock.Now)
	e.v = NewVerifications(db, e.log, e.signer)
	return e
}

// confirm is the exchange's answer to step-up request su's round trip:
// BeginStepUp's nonce, signed into a fresh L2 token.
func (e *levelsEnv) confirm(t *testing.T, customerID int64, su StepUp, userID string) CustomerIdentity {
	t.Helper()
	_, nonce, err := e.v.BeginStepUp(e.ctx, customerID, su.ID)
	if err != nil {
		t.Fatal(err)
	}
	id, err := e.signer.VerifyStepUp(e.signer.SignStepUp(userID, time.Now(), time.Hour, nonce))
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func (e *levelsEnv) insert(t *testing.T, query string, args ...any) int64 {
	t.Helper()
	var id int64
	err := e.db.Tx(e.ctx, func(ctx context.Context, tx *store.Tx) error {
		var err error
		id, err = tx.InsertID(ctx, query, args...)
		return err
	})
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return id
}

// customer and ticket write the other packages' rows the tables refer to.
func (e *levelsEnv) customer(t *testing.T, userID string) int64 {
	return e.insert(t, `INSERT INTO customers (external_id, created_at, updated_at) VALUES (?, ?, ?)`, userID, e.db.Now(), e.db.Now())
}

func (e *levelsEnv) ticket(t *testing.T, customerID int64) (int64, time.Time) {
	ms := e.db.Now()
	return e.insert(t, `INSERT INTO tickets (subject, customer_id, channel, status, priority, product_area, language, tier, created_at, updated_at, last_message_at)
		VALUES ('help', ?, 'chat', 'new', 'normal', 'other', 'en', 1, ?, ?, ?)`, customerID, ms, ms, ms), store.Time(ms)
}

func (e *levelsEnv) level(t *testing.T, customerID, ticketID int64, opened time.Time) Verification {
	t.Helper()
	lv, err := e.v.Status(e.ctx, customerID, ticketID, opened)
	if err != nil {
		t.Fatal(err)
	}
	if lv.Label != lv.Level.String() {
		t.Fatalf("label %q for level %d", lv.Label, lv.Level)
	}
	return lv
}

func (e *levelsEnv) count(t *testing.T, query string, args ...any) int {
	t.Helper()
	var n int
	if err := e.db.QueryRow(e.ctx, query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestIntakeIdentity(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newLevelsEnv(db)
		cases := []struct {
			name  string
			token func(user string) string
			want  Level
			err   string // "" accepted
		}{
			{"signed in", func(u string) string { return e.signer.Sign(u, time.Hour) }, L1, ""},
			// L2 comes only from a step-up request: a fresh one with the ticket proves the sign-in.
			{"stepped up", func(u string) string { return e.signer.SignStepUp(u, time.Now(), time.Hour, "n") }, L1, ""},
			{"forged", func(u string) string { return IdentitySigner{Secret: []byte("attacker")}.Sign(u, time.Hour) }, L0, "not valid"},
			{"expired", func(u string) string { return e.signer.Sign(u, -time.Minute) }, L0, "expired"},
			{"another user", func(u string) string { return e.signer.Sign("u-9999", time.Hour) }, L0, "another user"},
		}
		for i, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				user := "u-" + strconv.Itoa(1001+i)
				cust := e.customer(t, user)
				tid, opened := e.ticket(t, cust)
				err := e.v.RecordIntake(e.ctx, c.token(user), user, cust, tid)
				if c.err != "" {
					if !errs.Is(err, errs.Invalid) || !strings.Contains(err.Error(), c.err) {
						t.Fatalf("RecordIntake = %v; want Invalid mentioning %q", err, c.err)
					}
					if e, _ := errs.As(err); e.Field != "customer.identity" {
						t.Errorf("field %q, want customer.identity", e.Field)
					}
				} else if err != nil {
					t.Fatal(err)
				}
				if lv := e.level(t, cust, tid, opened); lv.Level != c.want {
					t.Fatalf("level %s, want %s", lv.Label, c.want)
				}
			})
		}

		// The identity that came with one ticket speaks for that ticket only,
		// even for another opened in the same millisecond.
		cust := e.customer(t, "u-2001")
		signed, _ := e.ticket(t, cust)
		if err := e.v.RecordIntake(e.ctx, e.signer.Sign("u-2001", time.Hour), "u-2001", cust, signed); err != nil {
			t.Fatal(err)
		}
		other, opened := e.ticket(t, cust)
		if lv := e.level(t, cust, other, opened); lv.Level != L0 {
			t.Fatalf("a ticket next to a signed-in one: %s, want L0", lv.Label)
		}
	})
}

// TestStepUpFlow: an agent asks, the customer signs in (L1) and confirms a
// fresh code for that request (L2 on its ticket for 15 minutes, then L1
// again); each step is an event and an audit record.
func TestStepUpFlow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newLevelsEnv(db)
		cust := e.customer(t, "u-1001")
		before, openedBefore := e.ticket(t, cust)
		e.clock.Advance(time.Minute)
		tid, opened := e.ticket(t, cust)
		if lv := e.level(t, cust, tid, opened); lv.Level != L0 || lv.StepUp != nil || lv.Until != nil {
			t.Fatalf("a new e-mail ticket: %+v, want L0 and nothing pending", lv)
		}

		// Without a request there is nothing to begin or complete.
		if _, _, err := e.v.BeginStepUp(e.ctx, cust, 0); !errs.Is(err, errs.Conflict) {
			t.Fatalf("begin without a request: %v, want Conflict", err)
		}
		stray, _ := e.signer.VerifyStepUp(e.signer.SignStepUp("u-1001", time.Now(), time.Hour, "made-up"))
		if _, err := e.v.CompleteStepUp(e.ctx, cust, stray); !errs.Is(err, errs.Conflict) {
			t.Fatalf("complete without a request: %v, want Conflict", err)
		}

		su, err := e.v.RequestStepUp(e.ctx, tid, cust, 0)
		if err != nil {
			t.Fatal(err)
		}
		if su.Status != StepUpPending || !su.ExpiresAt.Equal(su.RequestedAt.Add(StepUpRequestLifetime)) {
			t.Fatalf("step-up = %+v", su)
		}
		lv := e.level(t, cust, tid, opened)
		if lv.Level != L0 || lv.StepUp == nil || lv.StepUp.ID != su.ID {
			t.Fatalf("after the request: %+v, want L0 with the step-up pending", lv)
		}

		// The customer signs in on the step-up page: L1 for every ticket
		// opened before the sign-in.
		l1, _ := e.signer.Verify(e.signer.Sign("u-1001", time.Hour))
		if err := e.v.RecordSignIn(e.ctx, cust, l1); err != nil {
			t.Fatal(err)
		}
		if lv := e.level(t, cust, tid, opened); lv.Level != L1 {
			t.Fatalf("after signing in: %s, want L1", lv.Label)
		}
		if lv := e.level(t, cust, before, openedBefore); lv.Level != L1 {
			t.Fatalf("an older ticket after signing in: %s, want L1", lv.Label)
		}

		// An L1 identity, or an L2 one that names no request, completes nothing.
		if _, err := e.v.CompleteStepUp(e.ctx, cust, l1); !errs.Is(err, errs.Unauthorized) {
			t.Fatalf("complete with L1: %v, want Unauthorized", err)
		}
		bare, _ := e.signer.VerifyStepUp(e.signer.SignStepUp("u-1001", time.Now(), time.Hour, ""))
		if _, err := e.v.CompleteStepUp(e.ctx, cust, bare); !errs.Is(err, errs.Unauthorized) {
			t.Fatalf("complete without a nonce: %v, want Unauthorized", err)
		}
		// Starting twice: only the latest round trip's nonce counts.
		first := e.confirm(t, cust, su, "u-1001")
		fresh := e.confirm(t, cust, su, "u-1001")
		if _, err := e.v.CompleteStepUp(e.ctx, cust, first); !errs.Is(err, errs.Conflict) {
			t.Fatalf("complete with an earlier round trip's nonce: %v, want Conflict", err)
		}
		done, err := e.v.CompleteStepUp(e.ctx, cust, fresh)
		if err != nil {
			t.Fatal(err)
		}
		if done.ID != su.ID || done.Status != StepUpCompleted || done.CompletedAt == nil {
			t.Fatalf("completed = %+v", done)
		}
		lv = e.level(t, cust, tid, opened)
		wantUntil := fresh.AuthTime.Add(StepUpWindow)
		if lv.Level != L2 || lv.Until == nil || !lv.Until.Equal(wantUntil) || lv.StepUp != nil {
			t.Fatalf("after the step-up: %+v, want L2 until %v, nothing pending", lv, wantUntil)
		}
		// The step-up belongs to its ticket: the older ticket stays at L1.
		if lv := e.level(t, cust, before, openedBefore); lv.Level != L1 {
			t.Fatalf("another ticket after the step-up: %s, want L1", lv.Label)
		}
		if pending, _ := e.v.Pending(e.ctx, cust); len(pending) != 0 {
			t.Fatalf("still pending: %+v", pending)
		}
		// The same confirmation again (a replayed return URL) completes nothing.
		if _, err := e.v.CompleteStepUp(e.ctx, cust, fresh); !errs.Is(err, errs.Conflict) || !strings.Contains(err.Error(), "used already") {
			t.Fatalf("replay: %v, want Conflict", err)
		}

		// Fifteen minutes on, the L2 has lapsed: the customer is L1 again.
		e.clock.Set(wantUntil.Add(time.Second))
		if lv := e.level(t, cust, tid, opened); lv.Level != L1 || lv.Until != nil {
			t.Fatalf("after the window: %+v, want L1", lv)
		}
		// A new ticket opened after the sign-in is L0: nobody proved who wrote it.
		later, openedLater := e.ticket(t, cust)
		if lv := e.level(t, cust, later, openedLater); lv.Level != L0 {
			t.Fatalf("a ticket opened after every verification: %s, want L0", lv.Label)
		}

		for typ, want := range map[string]int{"customer.step_up_requested": 1, "customer.verified": 2} {
			if n := e.count(t, `SELECT COUNT(*) FROM outbox WHERE type = ?`, typ); n != want {
				t.Errorf("%d %s events, want %d", n, typ, want)
			}
		}
		entries, _, err := e.log.List(e.ctx, audit.Filter{TargetKind: "customer", TargetID: strconv.FormatInt(cust, 10)}, web.Page{Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, en := range entries {
			actions = append(actions, en.Action)
		}
		if got := strings.Join(actions, ","); got != "customer.verified,customer.verified,customer.step_up_requested" {
			t.Fatalf("audit = %s", got)
		}
		if !strings.Contains(string(entries[0].Detail), `"level":"L2"`) || !strings.Contains(string(entries[0].Detail), "step_up_ids") {
			t.Errorf("step-up audit detail = %s", entries[0].Detail)
		}
	})
}

// TestStepUpBelongsToItsRequest: the L2 of one request does not reach a
// second ticket of the same customer, even one signed in; a confirmation
// does not complete another customer's request or a lapsed one.
func TestStepUpBelongsToItsRequest(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newLevelsEnv(db)
		cust := e.customer(t, "u-1002")
		asked, opened := e.ticket(t, cust)
		su, err := e.v.RequestStepUp(e.ctx, asked, cust, 0)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.v.CompleteStepUp(e.ctx, cust, e.confirm(t, cust, su, "u-1002")); err != nil {
			t.Fatal(err)
		}
		if lv := e.level(t, cust, asked, opened); lv.Level != L2 {
			t.Fatalf("the asking ticket: %s, want L2", lv.Label)
		}
		// A second ticket, opened signed in after the step-up, within its window.
		e.clock.Advance(time.Minute)
		second, openedSecond := e.ticket(t, cust)
		if err := e.v.RecordIntake(e.ctx, e.signer.SignStepUp("u-1002", time.Now(), time.Hour, "n"), "u-1002", cust, second); err != nil {
			t.Fatal(err)
		}
		if lv := e.level(t, cust, second, openedSecond); lv.Level != L1 {
			t.Fatalf("a second ticket of the stepped-up customer: %s, want L1", lv.Label)
		}

		// Another customer's request is not completed by this one's confirmation.
		other := e.customer(t, "u-1003")
		otherTicket, _ := e.ticket(t, other)
		theirs, err := e.v.RequestStepUp(e.ctx, otherTicket, other, 0)
		if err != nil {
			t.Fatal(err)
		}
		_, nonce, err := e.v.BeginStepUp(e.ctx, other, theirs.ID)
		if err != nil {
			t.Fatal(err)
		}
		stolen, _ := e.signer.VerifyStepUp(e.signer.SignStepUp("u-1002", time.Now(), time.Hour, nonce))
		if _, err := e.v.CompleteStepUp(e.ctx, cust, stolen); !errs.Is(err, errs.Conflict) {
			t.Fatalf("another customer's nonce: %v, want Conflict", err)
		}
		if _, _, err := e.v.BeginStepUp(e.ctx, cust, theirs.ID); !errs.Is(err, errs.Conflict) {
			t.Fatalf("beginning another customer's request: %v, want Conflict", err)
		}
	})
}

func TestStepUpRequestLapses(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newLevelsEnv(db)
		cust := e.customer(t, "u-1003")
		tid, opened := e.ticket(t, cust)
		su, err := e.v.RequestStepUp(e.ctx, tid, cust, 0)
		if err != nil {
			t.Fatal(err)
		}
		// Begun in time, answered after the request lapsed.
		id := e.confirm(t, cust, su, "u-1003")
		e.clock.Advance(StepUpRequestLifetime + time.Second)
		if lv := e.level(t, cust, tid, opened); lv.StepUp != nil {
			t.Fatalf("a lapsed request still shows: %+v", lv.StepUp)
		}
		if _, err := e.v.CompleteStepUp(e.ctx, cust, id); !errs.Is(err, errs.Conflict) || !strings.Contains(err.Error(), "lapsed") {
			t.Fatalf("completing a lapsed request: %v, want Conflict", err)
		}
		if _, _, err := e.v.BeginStepUp(e.ctx, cust, su.ID); !errs.Is(err, errs.Conflict) {
			t.Fatalf("beginning a lapsed request: %v, want Conflict", err)
		}
		if lv := e.level(t, cust, tid, opened); lv.Level != L0 {
			t.Fatalf("level after a lapsed request: %s, want L0", lv.Label)
		}
	})
}

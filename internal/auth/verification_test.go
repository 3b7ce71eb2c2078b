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
	now    time.Time
	v      *Verifications
}

func newLevelsEnv(db *store.DB) *levelsEnv {
	e := &levelsEnv{ctx: context.Background(), db: db, log: audit.New(db), signer: IdentitySigner{Secret: []byte("k")},
		now: time.Now().UTC().Truncate(time.Millisecond)}
	e.v = NewVerifications(db, e.log, e.signer).WithClock(func() time.Time { return e.now })
	return e
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
	return e.insert(t, `INSERT INTO customers (external_id, created_at, updated_at) VALUES (?, ?, ?)`, userID, e.now.UnixMilli(), e.now.UnixMilli())
}

func (e *levelsEnv) ticket(t *testing.T, customerID int64) (int64, time.Time) {
	ms := e.now.UnixMilli()
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
			{"stepped up", func(u string) string { return e.signer.SignStepUp(u, time.Now(), time.Hour) }, L2, ""},
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
// fresh code (L2 for 15 minutes, then L1 again); each step is an event and
// an audit record.
func TestStepUpFlow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newLevelsEnv(db)
		cust := e.customer(t, "u-1001")
		before, openedBefore := e.ticket(t, cust)
		e.now = e.now.Add(time.Minute)
		tid, opened := e.ticket(t, cust)
		if lv := e.level(t, cust, tid, opened); lv.Level != L0 || lv.StepUp != nil || lv.Until != nil {
			t.Fatalf("a new e-mail ticket: %+v, want L0 and nothing pending", lv)
		}

		// Without a request there is nothing to complete.
		fresh, err := e.signer.Verify(e.signer.SignStepUp("u-1001", e.now, time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.v.CompleteStepUp(e.ctx, cust, fresh); !errs.Is(err, errs.Conflict) {
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

		// An L1 identity does not complete a step-up.
		if _, err := e.v.CompleteStepUp(e.ctx, cust, l1); !errs.Is(err, errs.Unauthorized) {
			t.Fatalf("complete with L1: %v, want Unauthorized", err)
		}
		done, err := e.v.CompleteStepUp(e.ctx, cust, fresh)
		if err != nil {
			t.Fatal(err)
		}
		if len(done) != 1 || done[0].ID != su.ID || done[0].Status != StepUpCompleted || done[0].CompletedAt == nil {
			t.Fatalf("completed = %+v", done)
		}
		lv = e.level(t, cust, tid, opened)
		wantUntil := fresh.AuthTime.Add(StepUpWindow)
		if lv.Level != L2 || lv.Until == nil || !lv.Until.Equal(wantUntil) || lv.StepUp != nil {
			t.Fatalf("after the step-up: %+v, want L2 until %v, nothing pending", lv, wantUntil)
		}
		if pending, _ := e.v.Pending(e.ctx, cust); len(pending) != 0 {
			t.Fatalf("still pending: %+v", pending)
		}

		// Fifteen minutes on, the L2 has lapsed: the customer is L1 again.
		e.now = wantUntil.Add(time.Second)
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

func TestStepUpRequestLapses(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newLevelsEnv(db)
		cust := e.customer(t, "u-1003")
		tid, opened := e.ticket(t, cust)
		if _, err := e.v.RequestStepUp(e.ctx, tid, cust, 0); err != nil {
			t.Fatal(err)
		}
		e.now = e.now.Add(StepUpRequestLifetime + time.Second)
		if lv := e.level(t, cust, tid, opened); lv.StepUp != nil {
			t.Fatalf("a lapsed request still shows: %+v", lv.StepUp)
		}
		id, _ := e.signer.Verify(e.signer.SignStepUp("u-1003", time.Now(), time.Hour))
		if _, err := e.v.CompleteStepUp(e.ctx, cust, id); !errs.Is(err, errs.Conflict) {
			t.Fatalf("completing a lapsed request: %v, want Conflict", err)
		}
	})
}

package sla

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/seal"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

type env struct {
	ctx     context.Context
	db      *store.DB
	clock   *store.FakeClock
	tickets *ticket.Store
	sla     *Service
	agent   ticket.Viewer
}

// start is a Wednesday, 10:00 UTC.
var start = time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC)

func newEnv(t *testing.T, db *store.DB) *env {
	t.Helper()
	e := &env{ctx: context.Background(), db: db, clock: store.NewFakeClock(start)}
	db.SetClock(e.clock.Now)
	keys, err := seal.New(seal.Key{ID: "k1", Bytes: bytes.Repeat([]byte("k"), seal.KeySize)})
	if err != nil {
		t.Fatal(err)
	}
	log := audit.New(db)
	if e.tickets, err = ticket.NewStore(db, log, passThrough{}, keys); err != nil {
		t.Fatal(err)
	}
	e.sla = New(db, log, e.tickets, nil, slog.New(slog.NewTextHandler(io.Discard, nil)))
	var agentID int64
	err = db.Tx(e.ctx, func(ctx context.Context, tx *store.Tx) error {
		agentID, err = tx.InsertID(ctx, `INSERT INTO agents (email, name, role, active, created_at, updated_at) VALUES ('a@example.com', 'A', 'admin', 1, ?, ?)`, tx.Now(), tx.Now())
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	e.agent = ticket.Viewer{AgentID: agentID, AllTeams: true, Notes: true, CanAssign: true}
	return e
}

type passThrough struct{}

func (passThrough) Inbound(state []byte, _ int64, text string) ticket.Screened {
	return ticket.Screened{Text: text, State: state}
}
func (passThrough) Outbound([]string, string) string { return "" }
func (passThrough) Warning(string, []string) string  { return "" }

// pump hands every committed event to the SLA consumer, as the bus would
// (the consumer skips those it has handled).
func (e *env) pump(t *testing.T) {
	t.Helper()
	evs, err := bus.Pending(e.ctx, e.db, 100000)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.sla.HandleEvents(e.ctx, evs); err != nil {
		t.Fatal(err)
	}
}

func (e *env) create(t *testing.T, channel string, prio ticket.Priority, area string, tags ...string) ticket.Ticket {
	t.Helper()
	tk, err := e.tickets.CreateForCustomer(e.ctx, ticket.NewTicket{Subject: "Help", Message: "My deposit has not arrived", Channel: channel,
		Priority: prio, ProductArea: area, Tags: tags, Customer: ticket.NewCustomer{ExternalID: "u-1", Name: "Ana"}})
	if err != nil {
		t.Fatal(err)
	}
	e.pump(t)
	return tk
}

func (e *env) timer(t *testing.T, id int64, target Target) TimerView {
	t.Helper()
	views, err := e.sla.ForTicket(e.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range views {
		if v.Target == target {
			return v
		}
	}
	t.Fatalf("ticket %d has no %s timer (%+v)", id, target, views)
	return TimerView{}
}

func (e *env) tick(t *testing.T) int {
	t.Helper()
	n, err := e.sla.Tick(e.ctx)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func (e *env) events(t *testing.T, typ string) int64 {
	t.Helper()
	return storetest.Scalar[int64](t, e.db, `SELECT COUNT(*) FROM outbox WHERE type = ?`, typ)
}

func (e *env) setStatus(t *testing.T, id int64, s ticket.Status) {
	t.Helper()
	if _, err := e.tickets.UpdateTicket(e.ctx, e.agent, id, ticket.Update{Status: &s}); err != nil {
		t.Fatal(err)
	}
	e.pump(t)
}

func dueIs(t *testing.T, what string, got *time.Time, want time.Time) {
	t.Helper()
	if got == nil || !got.Equal(want) {
		t.Errorf("%s due %v, want %s", what, got, want)
	}
}

func TestTimersFollowTheConversation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		tk := e.create(t, "email", "normal", "spot")
		// Shipped "General questions": first response 24 h, resolution 72 h.
		dueIs(t, "first response", e.timer(t, tk.ID, FirstResponse).DueAt, start.Add(24*time.Hour))
		dueIs(t, "resolution", e.timer(t, tk.ID, Resolution).DueAt, start.Add(72*time.Hour))
		promised, err := e.sla.PromisedBy(e.ctx, tk.ID)
		if err != nil {
			t.Fatal(err)
		}
		dueIs(t, "promise", promised, start.Add(24*time.Hour))

		// At 80 % of the first response target: one warning, no breach.
		e.clock.Advance(19*time.Hour + 11*time.Minute)
		e.tick(t)
		if n := e.events(t, "sla.warning"); n != 0 {
			t.Fatalf("%d warnings before 80 %%", n)
		}
		e.clock.Advance(2 * time.Minute)
		e.tick(t)
		e.tick(t)
		if n := e.events(t, "sla.warning"); n != 1 {
			t.Fatalf("%d warnings at 80 %%, want 1", n)
		}
		if v := e.timer(t, tk.ID, FirstResponse); !v.Warned || v.State != Running || *v.Remaining > 5*3600 {
			t.Errorf("after the warning: %+v", v)
		}

		// The agent answers: first response met, no promise owed.
		if _, err := e.tickets.AddMessage(e.ctx, e.agent, tk.ID, ticket.NewMessage{Body: "Looking into it"}); err != nil {
			t.Fatal(err)
		}
		e.pump(t)
		if v := e.timer(t, tk.ID, FirstResponse); v.State != Met || v.Breached {
			t.Errorf("after the answer: %+v", v)
		}
		if p, _ := e.sla.PromisedBy(e.ctx, tk.ID); p != nil {
			t.Errorf("promise after the answer = %v, want none", p)
		}

		// Waiting on the customer pauses every clock; their reply resumes.
		e.setStatus(t, tk.ID, ticket.StatusPendingCustomer)
		if v := e.timer(t, tk.ID, Resolution); !v.Paused || v.DueAt != nil {
			t.Errorf("resolution while waiting: %+v", v)
		}
		e.clock.Advance(10 * time.Hour)
		if _, err := e.tickets.AppendAsCustomer(e.ctx, ticket.CustomerRef{ID: tk.Customer.ID}, tk.ID, "Here is the TxID"); err != nil {
			t.Fatal(err)
		}
		e.pump(t)
		now := e.clock.Now()
		// 19h13m ran before the pause; 72h - 19h13m are left from now.
		dueIs(t, "resolution after the pause", e.timer(t, tk.ID, Resolution).DueAt, now.Add(72*time.Hour-19*time.Hour-13*time.Minute))
		dueIs(t, "next response", e.timer(t, tk.ID, NextResponse).DueAt, now.Add(24*time.Hour))
		promised, _ = e.sla.PromisedBy(e.ctx, tk.ID)
		dueIs(t, "promise after the customer wrote", promised, now.Add(24*time.Hour))

		// Solved: resolution met, the owed answer no longer applies.
		e.setStatus(t, tk.ID, ticket.StatusSolved)
		if r, n := e.timer(t, tk.ID, Resolution), e.timer(t, tk.ID, NextResponse); r.State != Met || n.State != Stopped {
			t.Errorf("after solving: resolution %s, next response %s", r.State, n.State)
		}
		if next, ok, err := e.sla.nextDue(e.ctx); err != nil || ok {
			t.Errorf("nothing should be due after solving: %d, %v, %v", next, ok, err)
		}
	})
}

func TestBreachRaisesAndEscalates(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		tk := e.create(t, "chat", "normal", "futures")
		// Chat: first response 5 minutes.
		dueIs(t, "chat first response", e.timer(t, tk.ID, FirstResponse).DueAt, start.Add(5*time.Minute))
		e.clock.Advance(5 * time.Minute)
		if n := e.tick(t); n != 1 {
			t.Fatalf("tick acted on %d timers, want 1 (the breach; the warning came with it)", n)
		}
		got, err := e.tickets.Get(e.ctx, e.agent, tk.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Priority != "high" || got.Tier != 2 || len(got.Escalations) != 1 {
			t.Fatalf("after the breach: priority %s, tier %d, escalations %+v", got.Priority, got.Tier, got.Escalations)
		}
		if actor := storetest.Scalar[int64](t, db, `SELECT COUNT(*) FROM escalations WHERE ticket_id = ? AND actor = 'sla' AND agent_id IS NULL`, tk.ID); actor != 1 {
			t.Errorf("escalations by sla = %d", actor)
		}
		if n := e.events(t, "sla.breached"); n != 1 {
			t.Errorf("%d breach events", n)
		}
		e.pump(t) // the raise and escalation by "sla" do not re-match the policy
		if v := e.timer(t, tk.ID, FirstResponse); !v.Breached || v.State != Breached || *v.Remaining > 0 {
			t.Errorf("first response after the breach: %+v", v)
		}
		dueIs(t, "resolution keeps the chat policy", e.timer(t, tk.ID, Resolution).DueAt, start.Add(24*time.Hour))
		if e.tick(t) != 0 || e.events(t, "sla.breached") != 1 {
			t.Error("a breach fired twice")
		}
		// An agent's answer after the breach: met, and still shown breached.
		if _, err := e.tickets.AddMessage(e.ctx, e.agent, tk.ID, ticket.NewMessage{Body: "Sorry for the wait"}); err != nil {
			t.Fatal(err)
		}
		e.pump(t)
		if v := e.timer(t, tk.ID, FirstResponse); v.State != Met || !v.Breached {
			t.Errorf("answered after the breach: %+v", v)
		}
		// An agent raising the priority re-matches: urgent, 8 h resolution
		// of which the 5 minutes already ran.
		urgent := ticket.Priority("urgent")
		if _, err := e.tickets.UpdateTicket(e.ctx, e.agent, tk.ID, ticket.Update{Priority: &urgent}); err != nil {
			t.Fatal(err)
		}
		e.pump(t)
		dueIs(t, "resolution after the agent's raise", e.timer(t, tk.ID, Resolution).DueAt, e.clock.Now().Add(8*time.Hour-5*time.Minute))
	})
}

func TestBusinessHoursCalendarOfTheTeam(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		var team int64
		err := db.Tx(e.ctx, func(ctx context.Context, tx *store.Tx) error {
			var err error
			team, err = tx.InsertID(ctx, `INSERT INTO teams (name, created_at) VALUES ('Berlin desk', ?)`, tx.Now())
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		cal, err := e.sla.SaveCalendar(e.ctx, Calendar{Name: "Berlin", TimeZone: "Europe/Berlin", Hours: "mon-fri 09:00-17:00", Teams: []int64{team}})
		if err != nil {
			t.Fatal(err)
		}
		// Friday 27 March 2026, 15:00 Berlin (14:00 UTC); DST starts Sunday.
		e.clock.Set(time.Date(2026, 3, 27, 14, 0, 0, 0, time.UTC))
		tk, err := e.tickets.CreateForCustomer(e.ctx, ticket.NewTicket{Subject: "KYC", Message: "documents", Channel: "email", Priority: "high",
			ProductArea: "kyc", TeamID: &team, Customer: ticket.NewCustomer{ExternalID: "u-2"}})
		if err != nil {
			t.Fatal(err)
		}
		e.pump(t)
		// High: first response 4 h of Berlin business time: 2 h on Friday,
		// 2 h on Monday from 09:00 CEST (07:00 UTC).
		dueIs(t, "first response", e.timer(t, tk.ID, FirstResponse).DueAt, time.Date(2026, 3, 30, 9, 0, 0, 0, time.UTC))
		if err := e.sla.DeleteCalendar(e.ctx, cal.ID); err != nil {
			t.Errorf("deleting a calendar only a team uses: %v", err)
		}
	})
}

func TestTwoSchedulersActOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		const n = 40
		for i := 0; i < n; i++ {
			e.create(t, "chat", "low", "spot")
		}
		other := New(db, audit.New(db), e.tickets, nil, e.sla.log)
		e.sla.Batch, other.Batch = 3, 3
		e.clock.Advance(6 * time.Minute) // every chat first response is breached
		var wg sync.WaitGroup
		acted := make([]int, 2)
		for i, s := range []*Service{e.sla, other} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				got, err := s.Tick(e.ctx)
				if err != nil {
					t.Error(err)
				}
				acted[i] = got
			}()
		}
		wg.Wait()
		if acted[0]+acted[1] != n {
			t.Errorf("schedulers acted on %d + %d timers, want %d in all", acted[0], acted[1], n)
		}
		if got := e.events(t, "sla.breached"); got != int64(n) {
			t.Errorf("%d breach events, want %d", got, n)
		}
		if got := storetest.Scalar[int64](t, db, `SELECT COUNT(*) FROM escalations WHERE actor = 'sla'`); got != int64(n) {
			t.Errorf("%d escalations, want %d", got, n)
		}
		if got := storetest.Scalar[int64](t, db, `SELECT COUNT(*) FROM tickets WHERE priority = 'normal' AND tier = 2`); got != int64(n) {
			t.Errorf("%d tickets raised once to normal and tier 2, want %d", got, n)
		}
	})
}

func TestPolicyAdmin(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ps, err := e.sla.Policies(e.ctx)
		if err != nil || len(ps) != len(shipped) {
			t.Fatalf("shipped policies: %d, %v", len(ps), err)
		}
		for i, p := range ps {
			if p != shipped[i] {
				t.Errorf("shipped policy %d = %+v, want %+v", i, p, shipped[i])
			}
		}
		cals, err := e.sla.Calendars(e.ctx)
		if err != nil || len(cals) != 1 {
			t.Fatalf("calendars %+v, %v", cals, err)
		}
		p, err := e.sla.SavePolicy(e.ctx, Policy{Name: "P2P disputes", ProductArea: "p2p", ResolutionMinutes: 720, CalendarID: &cals[0].ID})
		if err != nil {
			t.Fatal(err)
		}
		if err := e.sla.DeleteCalendar(e.ctx, cals[0].ID); !errs.Is(err, errs.Conflict) {
			t.Errorf("deleting a calendar in use = %v, want a conflict", err)
		}
		missing := int64(999)
		if _, err := e.sla.SavePolicy(e.ctx, Policy{ID: p.ID, Name: "x", ResolutionMinutes: 1, CalendarID: &missing}); fieldOf(err) != "calendar_id" {
			t.Errorf("a policy on a missing calendar = %v", err)
		}
		if err := e.sla.DeletePolicy(e.ctx, 1); !errs.Is(err, errs.Conflict) {
			t.Errorf("deleting the only catch-all policy = %v, want a conflict", err)
		}
		if err := e.sla.DeletePolicy(e.ctx, p.ID); err != nil {
			t.Error(err)
		}
		if err := e.sla.DeletePolicy(e.ctx, p.ID); !errs.Is(err, errs.NotFound) {
			t.Errorf("deleting twice = %v", err)
		}
		if _, err := e.sla.SaveCalendar(e.ctx, Calendar{Name: "Business hours (UTC)", Hours: "mon 09:00-10:00"}); fieldOf(err) != "name" {
			t.Errorf("a second calendar of one name = %v", err)
		}
	})
}

// TestTicketsFromBeforeSLAsGetNoTimers: a replayed ticket.created from
// before the SLA migration starts no timers (they would all breach at once
// on the upgrade); the customer's next message still starts a next-response
// clock.
func TestTicketsFromBeforeSLAsGetNoTimers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		e.sla.since = start.Add(time.Hour).UnixMilli()
		tk := e.create(t, "email", "normal", "spot")
		if views, err := e.sla.ForTicket(e.ctx, tk.ID); err != nil || len(views) != 0 {
			t.Fatalf("timers of an old ticket: %+v, %v", views, err)
		}
		e.clock.Advance(2 * time.Hour)
		if _, err := e.tickets.AppendAsCustomer(e.ctx, ticket.CustomerRef{ID: tk.Customer.ID}, tk.ID, "any news?"); err != nil {
			t.Fatal(err)
		}
		e.pump(t)
		dueIs(t, "next response", e.timer(t, tk.ID, NextResponse).DueAt, e.clock.Now().Add(24*time.Hour))
	})
}

// A customer's VIP level as the exchange reports it (the column routing
// reads) puts their tickets under a VIP policy without any tag, and the
// higher of level and tag wins.
func TestVIPLevelOfTheCustomerPicksTheVIPPolicy(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		vip3, err := e.sla.SavePolicy(e.ctx, Policy{Name: "VIP 3", Segment: "vip3", FirstResponseMinutes: 7})
		if err != nil {
			t.Fatal(err)
		}
		plain := e.create(t, "chat", "normal", "spot")
		if got := e.timer(t, plain.ID, FirstResponse); got.PolicyID == vip3.ID {
			t.Fatalf("a level-0 customer's ticket got the VIP 3 policy")
		}
		if _, err := db.Exec(e.ctx, `UPDATE customers SET vip_level = 3 WHERE external_id = 'u-1'`); err != nil {
			t.Fatal(err)
		}
		byLevel := e.create(t, "chat", "normal", "spot")
		if got := e.timer(t, byLevel.ID, FirstResponse); got.PolicyID != vip3.ID {
			t.Errorf("level-3 customer's ticket under policy %q, want VIP 3", got.PolicyName)
		}
		byTag := e.create(t, "chat", "normal", "spot", "vip1")
		if got := e.timer(t, byTag.ID, FirstResponse); got.PolicyID != vip3.ID {
			t.Errorf("level-3 customer's ticket tagged vip1 under policy %q, want VIP 3 (the higher)", got.PolicyName)
		}
	})
}

// A customer who writes again while an answer is owed moves no clock: the
// owed answer's due time and the ticket's due column stay as they were,
// and neither is written again (a row rewritten with the same values
// would show here as the marker put in sla_warn_at being overwritten).
// Once the answer is given, the next customer message starts a clock.
func TestCustomerMessagesWhileAnswerOwedWriteNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		tk := e.create(t, "chat", "normal", "spot")
		due := e.timer(t, tk.ID, FirstResponse).DueAt
		if due == nil {
			t.Fatal("no first response due")
		}
		const marker = 42
		if _, err := db.Exec(e.ctx, `UPDATE tickets SET sla_warn_at = ? WHERE id = ?`, marker, tk.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(e.ctx, `UPDATE sla_timers SET warn_percent = ? WHERE ticket_id = ?`, marker, tk.ID); err != nil {
			t.Fatal(err)
		}
		cases := []struct {
			name    string
			advance time.Duration
		}{{"at once", 0}, {"an hour later", time.Hour}, {"past the due time", 30 * time.Hour}}
		for _, c := range cases {
			e.clock.Advance(c.advance)
			if _, err := e.tickets.AppendAsCustomer(e.ctx, ticket.CustomerRef{ID: tk.Customer.ID}, tk.ID, "Any news? "+c.name); err != nil {
				t.Fatal(err)
			}
			e.pump(t)
			if got := e.timer(t, tk.ID, FirstResponse).DueAt; got == nil || !got.Equal(*due) {
				t.Errorf("%s: first response due %v, want %s", c.name, got, due)
			}
			if n := storetest.Scalar[int64](t, db, `SELECT sla_warn_at FROM tickets WHERE id = ?`, tk.ID); n != marker {
				t.Errorf("%s: the ticket's due columns were rewritten (sla_warn_at %d)", c.name, n)
			}
			if n := storetest.Scalar[int64](t, db, `SELECT COUNT(*) FROM sla_timers WHERE ticket_id = ? AND warn_percent <> ?`, tk.ID, marker); n != 0 {
				t.Errorf("%s: %d timers rewritten", c.name, n)
			}
		}

		if _, err := e.tickets.AddMessage(e.ctx, e.agent, tk.ID, ticket.NewMessage{Body: "Looking into it"}); err != nil {
			t.Fatal(err)
		}
		e.pump(t)
		if _, err := e.tickets.AppendAsCustomer(e.ctx, ticket.CustomerRef{ID: tk.Customer.ID}, tk.ID, "Thanks, and one more thing"); err != nil {
			t.Fatal(err)
		}
		e.pump(t)
		if v := e.timer(t, tk.ID, NextResponse); v.State != Running || v.DueAt == nil {
			t.Errorf("next response after the answer: %+v", v)
		}
	})
}

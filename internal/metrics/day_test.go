package metrics

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/guard"
	"github.com/groundcrew/groundcrew/internal/routing"
	"github.com/groundcrew/groundcrew/internal/sla"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// day plays events through the outbox into the consumer, as the relay
// and the bus would, at the times a test clock says.
type day struct {
	t     *testing.T
	db    *store.DB
	svc   *Service
	clock *store.FakeClock
	last  int64 // the last outbox row handed to the consumer
	start time.Time
}

func newDay(t *testing.T, db *store.DB, start time.Time) *day {
	clock := store.NewFakeClock(start)
	db.SetClock(clock.Now)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	svc := New(db, sla.New(db, nil, nil, nil, log), [][]byte{[]byte("test survey key, 32 bytes long!!")}, log)
	return &day{t: t, db: db, svc: svc, clock: clock, start: start}
}

// at sets the clock to the day's start plus d.
func (d *day) at(hhmm string) {
	d.t.Helper()
	off, err := time.Parse("15:04:05", hhmm)
	if err != nil {
		off, err = time.Parse("15:04", hhmm)
	}
	if err != nil {
		d.t.Fatal(err)
	}
	d.clock.Set(d.start.Add(time.Duration(off.Hour())*time.Hour + time.Duration(off.Minute())*time.Minute + time.Duration(off.Second())*time.Second))
}

func emit[T any](d *day, hhmm string, topic bus.Topic[T], v T) {
	d.t.Helper()
	d.at(hhmm)
	if err := d.db.Tx(context.Background(), func(ctx context.Context, tx *store.Tx) error { return topic.Emit(ctx, tx, v) }); err != nil {
		d.t.Fatal(err)
	}
	d.pump()
}

// pump hands the outbox rows not handed yet to the consumer, twice, as an
// at-least-once bus may.
func (d *day) pump() {
	d.t.Helper()
	ctx := context.Background()
	rows, err := d.db.Query(ctx, `SELECT id, type, data, created_at FROM outbox WHERE id > ? ORDER BY id`, d.last)
	if err != nil {
		d.t.Fatal(err)
	}
	var evs []store.Event
	for rows.Next() {
		var ev store.Event
		var data string
		var at int64
		if err := rows.Scan(&ev.ID, &ev.Type, &data, &at); err != nil {
			d.t.Fatal(err)
		}
		ev.Data, ev.At = []byte(data), store.Time(at)
		evs = append(evs, ev)
		d.last = ev.ID
	}
	if err := rows.Err(); err != nil {
		d.t.Fatal(err)
	}
	rows.Close()
	for range 2 {
		if err := d.svc.HandleEvents(ctx, evs); err != nil {
			d.t.Fatal(err)
		}
	}
}

func id(v int64) *int64 { return &v }

func (d *day) ticket(hhmm string, tid, customer int64, channel, lang, area string, team int64) {
	emit(d, hhmm, ticket.TicketCreated, ticket.TicketCreatedEvent{TicketID: tid, CustomerID: customer, Channel: channel,
		Priority: "normal", ProductArea: area, Language: lang, Tier: 1, TeamID: id(team)})
	d.say(hhmm, tid, "customer", 0)
}

func (d *day) say(hhmm string, tid int64, kind ticket.AuthorKind, agent int64) {
	e := ticket.MessageCreatedEvent{TicketID: tid, MessageID: tid*100 + int64(d.last), AuthorKind: kind}
	if agent != 0 {
		e.AuthorID = id(agent)
	}
	emit(d, hhmm, ticket.MessageCreated, e)
}

func (d *day) status(hhmm string, tid int64, from, to ticket.Status) {
	emit(d, hhmm, ticket.StatusChanged, ticket.StatusChangedEvent{TicketID: tid, From: from, To: to})
}

func (d *day) assign(hhmm string, tid, agent int64) {
	emit(d, hhmm, routing.TicketAssigned, routing.TicketAssignedEvent{TicketID: tid, AgentID: agent, QueueID: 3, Via: "next"})
}

// survey answers the customer's latest survey of kind on ticket tid.
func (d *day) survey(hhmm string, tid int64, kind string, score int) error {
	d.t.Helper()
	d.at(hhmm)
	var sid, customer int64
	err := d.db.QueryRow(context.Background(), `SELECT id, customer_id FROM surveys WHERE ticket_id = ? AND kind = ? ORDER BY id DESC LIMIT 1`, tid, kind).Scan(&sid, &customer)
	if err != nil {
		d.t.Fatalf("survey %s of ticket %d: %v", kind, tid, err)
	}
	return d.answer(hhmm, d.svc.Token(sid, customer), score)
}

var detector = guard.NewDetector()

func redact(s string) string { return detector.ScanText(s).Redacted }

func (d *day) answer(hhmm, tok string, score int) error {
	d.at(hhmm)
	_, err := d.svc.AnswerSurvey(context.Background(), tok, Answer{Score: &score}, redact)
	d.pump()
	return err
}

const (
	agentAda, agentBo = 7, 8
	open, solved      = ticket.StatusOpen, ticket.StatusSolved
)

// playDay is a small support day, Monday 2 March 2026 (UTC):
//
//	T1 chat/en/spot: bot greets, Ada answers in 2 min, customer asks more,
//	   Ada answers in 2 min, solved at 09:10; CSAT 5, NPS 10.
//	T2 email/es/withdrawals: Bo answers after 2 h, waits on the customer
//	   for 1 h, answers again in 29 min, solved 13:30, reopened 14:00
//	   (the CSAT link is refused then), solved 15:00; CSAT 2, NPS 3.
//	T3 chat/en/withdrawals: first response breached at 10:05, Ada answers
//	   at 10:20, solved 10:30.
//	T4 chat/ru/spot: the bot solves it alone in 2 min; CSAT 4, NPS 9.
//	T5 email/en/kyc: opened at 16:00, still waiting at the end of the day.
func playDay(t *testing.T, d *day) {
	d.ticket("09:00", 1, 101, "chat", "en", "spot", 1)
	d.say("09:00:10", 1, "bot", 0)
	d.assign("09:01", 1, agentAda)
	d.say("09:02", 1, "agent", agentAda)
	d.say("09:03", 1, "customer", 0)
	d.say("09:05", 1, "agent", agentAda)
	d.status("09:10", 1, open, solved)
	if err := d.survey("09:20", 1, KindCSAT, 5); err != nil {
		t.Fatal(err)
	}
	if err := d.survey("09:21", 1, KindNPS, 10); err != nil {
		t.Fatal(err)
	}

	d.ticket("09:30", 2, 102, "email", "es", "withdrawals", 2)
	d.assign("09:31", 2, agentBo)
	d.say("11:30", 2, "agent", agentBo)
	d.status("11:31", 2, open, ticket.StatusPendingCustomer)
	d.say("12:31", 2, "customer", 0)
	d.status("12:31", 2, ticket.StatusPendingCustomer, open)
	d.say("13:00", 2, "agent", agentBo)
	d.status("13:30", 2, open, solved)
	d.say("14:00", 2, "customer", 0)
	d.status("14:00", 2, solved, open)
	if err := d.survey("14:05", 2, KindCSAT, 1); RefusalOf(err) != RefReopened {
		t.Fatalf("CSAT on a reopened ticket: got %v, want refusal %q", err, RefReopened)
	}
	d.status("15:00", 2, open, solved)
	if err := d.survey("15:05", 2, KindCSAT, 2); err != nil {
		t.Fatal(err)
	}
	if err := d.survey("15:10", 2, KindNPS, 3); err != nil {
		t.Fatal(err)
	}

	d.ticket("10:00", 3, 103, "chat", "en", "withdrawals", 1)
	d.assign("10:01", 3, agentAda)
	emit(d, "10:05", sla.BreachedTopic, sla.BreachedEvent{TicketID: 3, Target: sla.FirstResponse, PolicyID: 2})
	d.say("10:20", 3, "agent", agentAda)
	d.status("10:30", 3, open, solved)

	d.ticket("11:00", 4, 104, "chat", "ru", "spot", 1)
	d.say("11:00:05", 4, "bot", 0)
	d.status("11:02", 4, open, solved)
	if err := d.survey("11:05", 4, KindCSAT, 4); err != nil {
		t.Fatal(err)
	}
	if err := d.survey("11:06", 4, KindNPS, 9); err != nil {
		t.Fatal(err)
	}

	d.ticket("16:00", 5, 105, "email", "en", "kyc", 2)
}

// Each queue counts the tickets that first landed in it as created, in
// the hour they were created, counted here by hand: tickets are created
// with no queue and routing places them a moment later.
func TestCreatedByFirstQueue(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		start := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
		d := newDay(t, db, start)
		queued := func(hhmm string, tid, queue int64) {
			emit(d, hhmm, routing.TicketQueued, routing.TicketQueuedEvent{TicketID: tid, QueueID: queue, Reason: "test"})
		}
		d.ticket("09:00", 1, 101, "chat", "en", "spot", 1)
		queued("09:00:01", 1, 10)
		d.ticket("09:10", 2, 102, "chat", "en", "spot", 1)
		queued("09:10:01", 2, 10)
		queued("09:40", 2, 20) // moved: queue 10 keeps its creation
		d.ticket("09:59", 3, 103, "email", "es", "kyc", 2)
		queued("10:01", 3, 20) // created at 09:59: counted in the 09:00 hour
		d.ticket("10:30", 4, 104, "chat", "ru", "spot", 1)
		d.assign("10:31", 4, agentAda)                     // placed by the assignment (queue 3)
		d.ticket("11:00", 5, 105, "email", "en", "kyc", 2) // never queued
		queued("11:05", 1, 30)                             // an old ticket moved later: no new creation
		d.say("11:06", 1, "agent", agentAda)               // so queue 30 has a row, with a reply only

		ctx := context.Background()
		day, err := NewPeriod(start, start.Add(24*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := d.svc.Breakdown(ctx, DimQueue, day)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]int64{}
		for _, r := range rows {
			got[r.Key] = r.Counts[Created]
		}
		want := map[string]int64{"10": 2, "20": 1, "3": 1, "30": 0}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("tickets created by queue (-want +got):\n%s", diff)
		}
		nine, err := NewPeriod(start.Add(9*time.Hour), start.Add(10*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		c, err := d.svc.Totals(ctx, DimQueue, "20", nine)
		if err != nil {
			t.Fatal(err)
		}
		if c[Created] != 1 {
			t.Errorf("queue 20 between 09:00 and 10:00: %d created; want 1 (ticket 3, created 09:59, queued 10:01)", c[Created])
		}
		all, err := d.svc.Totals(ctx, DimAll, "", day)
		if err != nil {
			t.Fatal(err)
		}
		if all[Created] != 5 {
			t.Errorf("tickets created in all: %d; want 5 (the queues' 4 and one never queued)", all[Created])
		}
	})
}

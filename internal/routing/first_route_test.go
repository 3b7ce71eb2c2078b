package routing

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// betweenReads is the ticket store with a hook run once, right after
// routing's first read of a ticket: another node acting in the window
// between routing's read and its write.
type betweenReads struct {
	Tickets
	hook func()
}

func (b *betweenReads) RouteFacts(ctx context.Context, id int64) (ticket.RouteFacts, error) {
	f, err := b.Tickets.RouteFacts(ctx, id)
	if h := b.hook; h != nil {
		b.hook = nil
		h()
	}
	return f, err
}

// createdEvent is ticket id's ticket.created event as the outbox holds it.
func createdEvent(t *testing.T, db *store.DB, id int64) store.Event {
	t.Helper()
	rows, err := db.Query(context.Background(), `SELECT id, data FROM outbox WHERE type = ? ORDER BY id`, ticket.TicketCreated.Type())
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		ev := store.Event{Type: ticket.TicketCreated.Type()}
		var data string
		if err := rows.Scan(&ev.ID, &data); err != nil {
			t.Fatal(err)
		}
		ev.Data = json.RawMessage(data)
		if e, ok, err := ticket.TicketCreated.Decode(ev); ok && err == nil && e.TicketID == id {
			return ev
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	t.Fatalf("no ticket.created for ticket %d", id)
	return store.Event{}
}

// An explicit placement (here automation's rule moving the ticket to the
// security queue) made on another node wins over the ticket's first
// routing whichever order they run in: routing's consumer handling
// ticket.created late must not route the ticket as new. The orders are
// forced, not raced, so each run checks every one of them.
func TestFirstRoutingKeepsLaterPlacement(t *testing.T) {
	const security = "Security · Tier 3"
	ru := "Мой аккаунт взломали, все USDT пропали с баланса"
	cases := []struct {
		name string
		// run makes the placement and handles ticket.created in some order;
		// other is the node that places, e is the node routing.
		run       func(t *testing.T, e *env, other *Service, id int64, handle func())
		wantQueue string
	}{
		{"no placement: first routing places by the rules", func(t *testing.T, e *env, other *Service, id int64, handle func()) {
			handle()
		}, CatchAllName},
		{"placed before ticket.created is handled", func(t *testing.T, e *env, other *Service, id int64, handle func()) {
			place(t, other, id, security)
			handle()
		}, security},
		{"placed between routing's read and its write", func(t *testing.T, e *env, other *Service, id int64, handle func()) {
			e.svc.tickets.(*betweenReads).hook = func() { place(t, other, id, security) }
			handle()
		}, security},
		{"placed after first routing, ticket.created redelivered", func(t *testing.T, e *env, other *Service, id int64, handle func()) {
			handle()
			place(t, other, id, security)
			handle()
		}, security},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, db *store.DB) {
				e := newEnv(t, db)
				e.svc.tickets = &betweenReads{Tickets: e.tickets}
				other := New(db, e.tickets, nil, nil)
				ctx := context.Background()
				tk, err := e.tickets.CreateForCustomer(ctx, ticket.NewTicket{Subject: "Помогите", Message: ru, Channel: "email", Language: "en",
					Customer: ticket.NewCustomer{ExternalID: "u-first-route", Language: "en"}})
				if err != nil {
					t.Fatal(err)
				}
				ev := createdEvent(t, db, tk.ID)
				c.run(t, e, other, tk.ID, func() {
					if err := e.svc.handle(ctx, ev); err != nil {
						t.Fatal(err)
					}
				})
				if got := storetest.Scalar[int64](t, db, `SELECT COALESCE(queue_id, 0) FROM tickets WHERE id = ?`, tk.ID); got != e.queues[c.wantQueue] {
					t.Errorf("ticket in queue %d, want %d (%s)", got, e.queues[c.wantQueue], c.wantQueue)
				}
				// Whoever placed it first read the text: the Russian message
				// is Russian, whatever the channel said.
				if got := storetest.Scalar[string](t, db, `SELECT language FROM tickets WHERE id = ?`, tk.ID); got != "ru" {
					t.Errorf("language %q, want ru", got)
				}
			})
		})
	}
}

// place is automation's "move to queue" action run on node s.
func place(t *testing.T, s *Service, id int64, queue string) {
	t.Helper()
	if err := s.PlaceInQueue(context.Background(), id, queue, `automation rule "security"`); err != nil {
		t.Fatal(err)
	}
}

// A re-route (an agent's escalation) that loses the ticket's first
// placement to the new-ticket routing of another node, which read the
// ticket before the escalation, reads the ticket again and places it by
// its new facts: the escalation is newer.
func TestReRouteAfterLosingFirstPlacement(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		tk, err := e.tickets.CreateForCustomer(ctx, ticket.NewTicket{Subject: "Question", Message: "I have a question about my account settings", Channel: "email", Language: "en",
			Customer: ticket.NewCustomer{ExternalID: "u-reroute", Language: "en"}})
		if err != nil {
			t.Fatal(err)
		}
		// Node A handles ticket.created: it reads the ticket, then waits.
		aRead, aGo, aDone := make(chan struct{}), make(chan struct{}), make(chan error, 1)
		nodeA := New(db, &betweenReads{Tickets: e.tickets, hook: func() { close(aRead); <-aGo }}, nil, nil)
		ev := createdEvent(t, db, tk.ID)
		go func() { aDone <- nodeA.handle(ctx, ev) }()
		<-aRead
		// The agent escalates to security; node B re-routes, reads the
		// escalated ticket, and node A writes its first placement before B
		// writes.
		if _, err := e.tickets.EscalateWithSummary(ctx, ticket.Viewer{AgentID: e.agent("Lead", Skills{Languages: []string{"en"}, Tiers: []int{1}}), AllTeams: true}, tk.ID, ticket.SpecialistEscalation{ToTier: 3, Specialist: "security", Reason: "account takeover", Summary: "customer reports a takeover"}); err != nil {
			t.Fatal(err)
		}
		var errA error
		e.svc.tickets = &betweenReads{Tickets: e.tickets, hook: func() { close(aGo); errA = <-aDone }}
		p, err := e.svc.Route(ctx, tk.ID)
		if err != nil {
			t.Fatal(err)
		}
		if errA != nil {
			t.Fatal(errA)
		}
		want := e.queues["Security · Tier 3"]
		if p.QueueID != want || storetest.Scalar[int64](t, db, `SELECT queue_id FROM tickets WHERE id = ?`, tk.ID) != want {
			t.Errorf("re-route placed the ticket in %q, want the security queue", p.QueueName)
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM outbox WHERE type = ?`, TicketQueued.Type()); n != 2 {
			t.Errorf("%d ticket.queued events, want 2 (A's first placement, B's move)", n)
		}
	})
}

// A language an agent sets stands against detection, whether the agent
// sets it before the first routing reads the ticket or between its read
// and its write (then the placement, chosen for the detected language, is
// decided again), and against automation's first placement. The agent
// here confirms the channel's English for a Russian text, which
// detection would take for Russian; the first case shows it would.
func TestAgentLanguageBeatsDetection(t *testing.T) {
	const english = "General · English · Tier 1"
	cases := []struct {
		name      string
		run       func(t *testing.T, e *env, other *Service, id int64, setLang, handle func())
		wantQueue string
		wantLang  string
	}{
		{"no agent: detection decides", func(t *testing.T, e *env, other *Service, id int64, setLang, handle func()) {
			handle()
		}, CatchAllName, "ru"},
		{"set before ticket.created is handled", func(t *testing.T, e *env, other *Service, id int64, setLang, handle func()) {
			setLang()
			handle()
		}, english, "en"},
		{"set between routing's read and its write", func(t *testing.T, e *env, other *Service, id int64, setLang, handle func()) {
			e.svc.tickets.(*betweenReads).hook = setLang
			handle()
		}, english, "en"},
		{"set between automation's read and its placement", func(t *testing.T, e *env, other *Service, id int64, setLang, handle func()) {
			other.tickets.(*betweenReads).hook = setLang
			place(t, other, id, "Security · Tier 3")
			handle()
		}, "Security · Tier 3", "en"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, db *store.DB) {
				e := newEnv(t, db)
				e.svc.tickets = &betweenReads{Tickets: e.tickets}
				other := New(db, &betweenReads{Tickets: e.tickets}, nil, nil)
				ctx := context.Background()
				tk, err := e.tickets.CreateForCustomer(ctx, ticket.NewTicket{Subject: "Вывод", Message: "Где мои деньги? Вывод не пришёл уже три дня", Channel: "email", Language: "en",
					Customer: ticket.NewCustomer{ExternalID: "u-agent-lang", Language: "en"}})
				if err != nil {
					t.Fatal(err)
				}
				lead := ticket.Viewer{AgentID: e.agent("Lead", Skills{Languages: []string{"en"}, Tiers: []int{1}}), AllTeams: true}
				en := "en"
				setLang := func() {
					if _, err := e.tickets.UpdateTicket(ctx, lead, tk.ID, ticket.Update{Language: &en}); err != nil {
						t.Fatal(err)
					}
				}
				ev := createdEvent(t, db, tk.ID)
				c.run(t, e, other, tk.ID, setLang, func() {
					if err := e.svc.handle(ctx, ev); err != nil {
						t.Fatal(err)
					}
				})
				if got := storetest.Scalar[string](t, db, `SELECT language FROM tickets WHERE id = ?`, tk.ID); got != c.wantLang {
					t.Errorf("language %q, want %q", got, c.wantLang)
				}
				if got := storetest.Scalar[int64](t, db, `SELECT COALESCE(queue_id, 0) FROM tickets WHERE id = ?`, tk.ID); got != e.queues[c.wantQueue] {
					t.Errorf("ticket in queue %d, want %d (%s)", got, e.queues[c.wantQueue], c.wantQueue)
				}
			})
		})
	}
}

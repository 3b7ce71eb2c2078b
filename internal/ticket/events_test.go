package ticket

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// catalogueScreen cuts split secrets like splitScreen and refuses outbound
// messages that ask for a seed.
type catalogueScreen struct{ *splitScreen }

func (catalogueScreen) Outbound(_ []string, text string) string {
	if strings.Contains(text, "seed") {
		return "asks for the seed"
	}
	return ""
}

// TestEveryEventDecodesFromTheOutbox drives the store through every event
// it emits, with bodies really sealed, and decodes each outbox row with the
// catalogue's topic for its type.
func TestEveryEventDecodesFromTheOutbox(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnvWith(db, catalogueScreen{&splitScreen{}}, testKeyring(t, "a"))
		agent := e.agent(t, "ana@example.com", true)
		team := e.team(t, "Deposits")
		v := Viewer{AgentID: agent, AllTeams: true, Notes: true, CanAssign: true}
		tk := e.create(t, withTeam(team))
		e.update(t, tk.ID, Update{AssigneeID: &agent, Status: ptr(StatusPendingCustomer)})
		steps := []func() error{
			func() error { _, err := e.s.Snooze(e.ctx, v, tk.ID, SnoozeRequest{UntilReply: true}); return err },
			// The customer's message ends the snooze.
			func() error { _, err := e.s.AppendAsCustomer(e.ctx, customerOf(tk), tk.ID, "part1"); return err },
			func() error { _, err := e.s.AppendAsCustomer(e.ctx, customerOf(tk), tk.ID, "part2"); return err },
			func() error { _, err := e.s.AddNote(e.ctx, v, tk.ID, NewMessage{Body: "a note <b>"}); return err },
			func() error {
				_, err := e.s.AddMessage(e.ctx, v, tk.ID, NewMessage{Body: "Checking, one moment."})
				return err
			},
			func() error {
				_, err := e.s.Escalate(e.ctx, v, tk.ID, NewEscalation{ToTier: 2, Reason: "chain issue"})
				return err
			},
			func() error {
				_, err := e.s.UpdateCustomer(e.ctx, tk.Customer.ID, CustomerUpdate{Name: ptr("Ana M."), Reason: "customer asked by phone"})
				return err
			},
			func() error { // last: the ticket changes customer
				e.s.WithIdentity(&fakeIdentity{})
				return e.s.AttachCustomer(e.ctx, customerOf(tk), tk.ID, NewCustomer{ExternalID: "ex-signed-in", Identity: "good"})
			},
		}
		for i, step := range steps {
			if err := step(); err != nil {
				t.Fatalf("step %d: %v", i, err)
			}
		}
		if _, err := e.s.AddMessage(e.ctx, v, tk.ID, NewMessage{Body: "send your seed"}); err == nil {
			t.Fatal("the outbound guard let a request for the seed through")
		}

		byType := map[string]bus.Kind{}
		for _, k := range Topics() {
			byType[k.Type()] = k
		}
		evs, err := bus.Pending(e.ctx, db, 1000)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]int{}
		var messages []MessageCreatedEvent
		for _, ev := range evs {
			k, ok := byType[ev.Type]
			if !ok {
				t.Errorf("event %s is not in the catalogue", ev.Type)
				continue
			}
			v, ok, err := k.DecodeAny(ev)
			if err != nil || !ok {
				t.Fatalf("decode %s %s: ok=%v err=%v", ev.Type, ev.Data, ok, err)
			}
			seen[ev.Type]++
			if m, ok := v.(MessageCreatedEvent); ok {
				messages = append(messages, m)
			}
		}
		for typ := range byType {
			if seen[typ] == 0 {
				t.Errorf("no %s event was emitted", typ)
			}
		}

		// Each message event matches its message, carries the body sealed
		// exactly as stored, and opens to the text the ticket shows.
		stored := e.storedBodies(t)
		shown := map[int64]Message{}
		place := map[int64]int{} // the message's place in the ticket, notes included
		final := e.get(t, v, tk.ID)
		for i, m := range final.Messages {
			shown[m.ID], place[m.ID] = m, i+1
		}
		if len(messages) != len(stored) {
			t.Fatalf("%d message events for %d messages", len(messages), len(stored))
		}
		for _, ev := range messages {
			m := shown[ev.MessageID]
			want := MessageCreatedEvent{TicketID: tk.ID, MessageID: m.ID, CustomerID: tk.Customer.ID, TeamID: &team,
				AuthorKind: m.AuthorKind, AuthorID: m.AuthorID, Internal: m.Internal, Sealed: ev.Sealed, At: ev.At, Count: place[m.ID]}
			// part1 may become part of a phrase: its body stays out of the event.
			want.Withheld = m.Body != "part1" && strings.Contains(m.Body, "[removed 1]")
			if ev.MessageID != messages[0].MessageID { // the ticket's first message came before the assignment
				want.AssigneeID = &agent
			}
			if ev == messages[len(messages)-1] { // AttachCustomer's note, after the escalation, for the new customer
				want.CustomerID, want.AssigneeID = final.Customer.ID, final.AssigneeID
			}
			if diff := cmp.Diff(want, ev); diff != "" {
				t.Errorf("message %d event (-want +got):\n%s", m.ID, diff)
			}
			if ev.At.IsZero() {
				t.Errorf("message %d event has no time", m.ID)
			}
			if ev.Withheld != (ev.Sealed == "") || strings.Contains(ev.Sealed, "Checking") || strings.Contains(ev.Sealed, "note") || strings.Contains(ev.Sealed, "part") {
				t.Errorf("message %d event body is not sealed, or withheld and there: %q", m.ID, ev.Sealed)
			}
			body, err := e.s.OpenEventBody(e.ctx, ev)
			if err != nil {
				t.Fatalf("open event body of message %d: %v", m.ID, err)
			}
			// part1 was cut after its event: its body, read from the table,
			// has the cut; no event ever held it.
			if body != m.Body {
				t.Errorf("message %d: event body %q, ticket shows %q", m.ID, body, m.Body)
			}
			if !ev.Withheld && ev.Sealed != stored[m.ID] {
				t.Errorf("message %d: event's sealed body differs from messages.body", m.ID)
			}
		}
		// A body moved to another ticket's event does not open.
		moved := messages[0]
		moved.TicketID++
		if _, err := e.s.OpenEventBody(e.ctx, moved); err == nil {
			t.Error("a sealed body opened under another ticket's id")
		}
	})
}

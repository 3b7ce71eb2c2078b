package workspace

import (
	"encoding/json"
	"log/slog"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

func TestPresenceBoard(t *testing.T) {
	b := newPresenceBoard()
	t0 := time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)
	steps := []struct {
		name    string
		at      time.Duration
		signal  *presenceSignal
		changed bool
		want    []Viewer // as agent 1 sees ticket 7
	}{
		{"ana opens", 0, &presenceSignal{Page: "a1", AgentID: 2, Name: "Ana"}, true, []Viewer{{AgentID: 2, Name: "Ana", Typing: false}}},
		{"self is not listed", 0, &presenceSignal{Page: "me", AgentID: 1, Name: "Me"}, true, []Viewer{{AgentID: 2, Name: "Ana", Typing: false}}},
		{"ana in a second tab is one viewer", time.Second, &presenceSignal{Page: "a2", AgentID: 2, Name: "Ana"}, true, []Viewer{{AgentID: 2, Name: "Ana", Typing: false}}},
		{"a heartbeat changes nothing shown", 2 * time.Second, &presenceSignal{Page: "a1", AgentID: 2, Name: "Ana"}, false, []Viewer{{AgentID: 2, Name: "Ana", Typing: false}}},
		{"bo types", 3 * time.Second, &presenceSignal{Page: "b1", AgentID: 3, Name: "Bo", Typing: true}, true, []Viewer{{AgentID: 2, Name: "Ana", Typing: false}, {AgentID: 3, Name: "Bo", Typing: true}}},
		{"bo switches to a note", 4 * time.Second, &presenceSignal{Page: "b1", AgentID: 3, Name: "Bo", Typing: true, Note: true}, true, []Viewer{{AgentID: 2, Name: "Ana"}, {AgentID: 3, Name: "Bo", Typing: true, Note: true}}},
		{"bo back to the reply", 5 * time.Second, &presenceSignal{Page: "b1", AgentID: 3, Name: "Bo", Typing: true}, true, []Viewer{{AgentID: 2, Name: "Ana"}, {AgentID: 3, Name: "Bo", Typing: true}}},
		{"typing fades", 5*time.Second + typingTTL, nil, false, []Viewer{{AgentID: 2, Name: "Ana", Typing: false}, {AgentID: 3, Name: "Bo", Typing: false}}},
		{"ana's first tab closes", 12 * time.Second, &presenceSignal{Page: "a1", AgentID: 2, Left: true}, true, []Viewer{{AgentID: 2, Name: "Ana", Typing: false}, {AgentID: 3, Name: "Bo", Typing: false}}},
		{"unknown page leaving", 12 * time.Second, &presenceSignal{Page: "zz", AgentID: 9, Left: true}, false, []Viewer{{AgentID: 2, Name: "Ana", Typing: false}, {AgentID: 3, Name: "Bo", Typing: false}}},
		{"a dead node's pages expire", 5*time.Second + presenceTTL, nil, false, []Viewer{}},
	}
	for _, s := range steps {
		now := t0.Add(s.at)
		if s.signal != nil {
			if got := b.apply(7, *s.signal, now); got != s.changed {
				t.Errorf("%s: changed = %v, want %v", s.name, got, s.changed)
			}
		}
		if diff := cmp.Diff(s.want, b.list(7, 1, now)); diff != "" {
			t.Errorf("%s: viewers (-want +got):\n%s", s.name, diff)
		}
	}
	if got := b.list(8, 1, t0); len(got) != 0 {
		t.Errorf("another ticket shows %v", got)
	}
	// A ticket nobody lists again does not keep its pages: a later signal
	// about another ticket sweeps them.
	b.apply(9, presenceSignal{Page: "c1", AgentID: 4, Name: "Cy"}, t0)
	b.apply(10, presenceSignal{Page: "d1", AgentID: 5, Name: "Di"}, t0.Add(2*presenceTTL))
	b.mu.Lock()
	_, kept := b.tickets[9]
	b.mu.Unlock()
	if kept {
		t.Error("an expired page of a ticket nobody lists was kept")
	}
}

func event(t testing.TB, typ string, v any) store.Event {
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return store.Event{ID: 1, Type: typ, Data: raw}
}

func TestNotifyTarget(t *testing.T) {
	seven := int64(7)
	cases := []struct {
		name  string
		ev    store.Event
		kind  string
		agent int64
	}{
		{"mention", event(t, "mention.created", ticket.MentionCreatedEvent{TicketID: 1, MessageID: 2, AgentID: 7}), "mention", 7},
		{"customer reply on an assigned ticket", event(t, "message.created", ticket.MessageCreatedEvent{TicketID: 1, AuthorKind: "customer", AssigneeID: &seven}), "reply", 7},
		{"customer reply, nobody assigned", event(t, "message.created", ticket.MessageCreatedEvent{TicketID: 1, AuthorKind: "customer"}), "", 0},
		{"agent reply", event(t, "message.created", ticket.MessageCreatedEvent{TicketID: 1, AuthorKind: "agent", AssigneeID: &seven}), "", 0},
		{"note", event(t, "note.created", ticket.MessageCreatedEvent{TicketID: 1, AuthorKind: "customer", AssigneeID: &seven}), "", 0},
		{"assigned by another", event(t, "ticket.updated", ticket.TicketUpdatedEvent{TicketID: 1, AgentID: 3, Changes: map[string]ticket.Change{"assignee_id": {From: nil, To: 7}}}), "assignment", 7},
		{"took it themselves", event(t, "ticket.updated", ticket.TicketUpdatedEvent{TicketID: 1, AgentID: 7, Changes: map[string]ticket.Change{"assignee_id": {From: nil, To: 7}}}), "", 0},
		{"unassigned", event(t, "ticket.updated", ticket.TicketUpdatedEvent{TicketID: 1, AgentID: 3, Changes: map[string]ticket.Change{"assignee_id": {From: 7, To: nil}}}), "", 0},
		{"status change", event(t, "ticket.updated", ticket.TicketUpdatedEvent{TicketID: 1, AgentID: 3, Changes: map[string]ticket.Change{"status": {From: "new", To: "open"}}}), "", 0},
		{"bad payload", store.Event{Type: "mention.created", Data: []byte(`{"agent_id": "x"}`)}, "", 0},
		{"held reply decided", event(t, "held.decided", ticket.HeldDecidedEvent{TicketID: 1, HeldID: 4, AuthorID: 7, DecidedBy: 3, Status: "rejected", Note: "never ask"}), "held", 7},
	}
	for _, c := range cases {
		kind, agent := notifyTarget(c.ev)
		if agent != c.agent || (agent != 0 && kind != c.kind) {
			t.Errorf("%s: notifyTarget = %q, %d; want %q, %d", c.name, kind, agent, c.kind, c.agent)
		}
	}
}

// TestHeldNotification: the author of a held reply reads what the
// supervisor decided and the reason they gave.
func TestHeldNotification(t *testing.T) {
	msg := int64(12)
	cases := []struct {
		name  string
		ev    ticket.HeldDecidedEvent
		title string
		body  string
	}{
		{"released", ticket.HeldDecidedEvent{TicketID: 5, AuthorID: 7, Status: "released", Note: "fine as written", MessageID: &msg},
			"Your held reply was released and sent: #5", "fine as written"},
		{"rejected", ticket.HeldDecidedEvent{TicketID: 5, AuthorID: 7, Status: "rejected", Note: "never ask for the sheet"},
			"Your held reply was rejected: #5", "never ask for the sheet"},
		{"released without a note", ticket.HeldDecidedEvent{TicketID: 5, AuthorID: 7, Status: "released", MessageID: &msg},
			"Your held reply was released and sent: #5", "No reason given."},
	}
	for _, c := range cases {
		n, ok := heldNotification(event(t, "held.decided", c.ev), 5)
		want := Notification{Kind: "held", TicketID: 5, Title: c.title, Body: c.body, URL: "/tickets/5"}
		if !ok || n != want {
			t.Errorf("%s: heldNotification = %+v, %v; want %+v", c.name, n, ok, want)
		}
	}
	if _, ok := heldNotification(store.Event{Type: "held.decided", Data: []byte(`{"author_id": "x"}`)}, 5); ok {
		t.Error("a bad payload made a notification")
	}
}

// BenchmarkLiveDispatch is one event fanned out to a node with 1,000 open
// ticket pages (one of them on the event's ticket).
func BenchmarkLiveDispatch(b *testing.B) {
	l := NewLive(nil, slog.New(slog.DiscardHandler), nil)
	var watches []*Watch
	for i := range 1000 {
		watches = append(watches, l.Watch(&Watch{AgentID: int64(i%50 + 1), TicketID: int64(i + 1), Notify: true}))
	}
	seven := int64(7)
	ev := event(b, "message.created", ticket.MessageCreatedEvent{TicketID: 500, AuthorKind: "customer", AssigneeID: &seven, Sealed: "gcs1:..."})
	b.ReportAllocs()
	for b.Loop() {
		l.dispatch(ev)
		for _, w := range watches { // drain, as the pages would
			for len(w.events) > 0 {
				<-w.events
			}
		}
	}
}

// TestDispatch: each page gets the events of its ticket and its agent's
// notifications, once each, and nothing else.
func TestDispatch(t *testing.T) {
	l := NewLive(nil, slog.New(slog.DiscardHandler), nil)
	seven := int64(7)
	onTicket := l.Watch(&Watch{AgentID: 7, TicketID: 1, Notify: true})  // ticket 1, assigned to 7
	elsewhere := l.Watch(&Watch{AgentID: 7, TicketID: 2, Notify: true}) // agent 7 on another ticket
	colleague := l.Watch(&Watch{AgentID: 8, TicketID: 1, Notify: true}) // agent 8 on ticket 1
	inbox := l.Watch(&Watch{AgentID: 9, Notify: true})                  // agent 9's inbox
	counter := l.Watch(&Watch{AgentID: 9, Want: func(store.Event, int64) bool { return true }})
	closed := l.Watch(&Watch{AgentID: 7, TicketID: 1, Notify: true})
	closed.Close()
	l.dispatch(event(t, "message.created", ticket.MessageCreatedEvent{TicketID: 1, AuthorKind: "customer", AssigneeID: &seven}))
	for _, c := range []struct {
		name string
		w    *Watch
		want int
	}{{"page of the ticket", onTicket, 1}, {"agent 7 elsewhere", elsewhere, 1}, {"colleague on the ticket", colleague, 1},
		{"someone else's inbox", inbox, 0}, {"a page that wants all", counter, 1}, {"a closed page", closed, 0}} {
		if got := len(c.w.events); got != c.want {
			t.Errorf("%s got %d events, want %d", c.name, got, c.want)
		}
	}
}

// TestCustomerTypingOnTheBoard: the chat widget's typing signal puts the
// customer at the head of a ticket's presence list until it stops or
// expires, and only for that ticket.
func TestCustomerTypingOnTheBoard(t *testing.T) {
	b := newPresenceBoard()
	now := time.Unix(1_800_000_000, 0)
	b.apply(7, presenceSignal{Page: "a1", AgentID: 2, Name: "Ana"}, now)
	if !b.customerTyping(7, true, now) || b.customerTyping(7, true, now.Add(time.Second)) {
		t.Fatal("a first typing signal must change the board, a repeat must not")
	}
	got := b.list(7, 1, now.Add(2*time.Second))
	if len(got) != 2 || !got[0].Customer || !got[0].Typing || got[1].AgentID != 2 {
		t.Fatalf("list while the customer types = %+v", got)
	}
	if other := b.list(8, 1, now); len(other) != 0 {
		t.Fatalf("another ticket shows %+v", other)
	}
	if got := b.list(7, 1, now.Add(typingTTL+2*time.Second)); len(got) != 1 || got[0].Customer {
		t.Fatalf("after the typing expired: %+v", got)
	}
	b.customerTyping(7, true, now)
	if !b.customerTyping(7, false, now.Add(time.Second)) {
		t.Fatal("a stop must change the board")
	}
	if got := b.list(7, 1, now.Add(time.Second)); len(got) != 1 || got[0].Customer {
		t.Fatalf("after the stop: %+v", got)
	}
}

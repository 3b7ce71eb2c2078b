package ticket

import (
	"testing"

	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// TestViewEventsDecode mentions an agent and merges a duplicate, then
// decodes every outbox row with the catalogues' topics.
func TestViewEventsDecode(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnvWith(db, passThrough{}, testKeyring(t, "a"))
		author := e.agent(t, "ana@example.com", true)
		bo := e.agent(t, "bo@example.com", true)
		v := Viewer{AgentID: author, AllTeams: true, Notes: true}
		tk := e.create(t)
		dup := e.create(t)
		if _, err := e.s.AddNote(e.ctx, v, tk.ID, NewMessage{Body: "@bo please check"}); err != nil {
			t.Fatal(err)
		}
		if _, err := e.s.Merge(e.ctx, v, tk.ID, MergeRequest{SourceID: dup.ID}); err != nil {
			t.Fatal(err)
		}
		byType := map[string]bus.Kind{}
		for _, k := range append(Topics(), ViewTopics()...) {
			byType[k.Type()] = k
		}
		evs, err := bus.Pending(e.ctx, db, 1000)
		if err != nil {
			t.Fatal(err)
		}
		var mention MentionCreatedEvent
		var merged TicketMergedEvent
		notes := 0
		for _, ev := range evs {
			k, ok := byType[ev.Type]
			if !ok {
				t.Fatalf("event %s is not in the catalogues", ev.Type)
			}
			got, ok, err := k.DecodeAny(ev)
			if err != nil || !ok {
				t.Fatalf("decode %s %s: %v", ev.Type, ev.Data, err)
			}
			switch x := got.(type) {
			case MentionCreatedEvent:
				mention = x
			case TicketMergedEvent:
				merged = x
			case MessageCreatedEvent:
				if x.AuthorKind == "system" && (x.CustomerID != tk.Customer.ID || !x.Internal) {
					t.Errorf("merge note event %+v: want the customer and internal", x)
				}
				if x.AuthorKind == "system" {
					notes++
				}
			}
		}
		if mention.AgentID != bo || mention.TicketID != tk.ID || mention.AuthorID == nil || *mention.AuthorID != author {
			t.Errorf("mention event %+v", mention)
		}
		if want := (TicketMergedEvent{TicketID: tk.ID, SourceID: dup.ID, CustomerID: tk.Customer.ID, AgentID: author, Moved: 1}); merged != want {
			t.Errorf("merge event %+v, want %+v", merged, want)
		}
		if notes != 2 {
			t.Errorf("%d merge notes, want one on each ticket", notes)
		}
	})
}

package ticket

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// An agent's public reply records the macros inserted into it with their
// languages; a note, a customer's message and a reply without macros
// record none, and a macro named twice counts once.
func TestMacroUsesRecordedPerReply(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(db)
		tk := e.create(t)
		other := e.create(t, withCustomer(NewCustomer{ExternalID: "u-2", Email: "bo@example.com", Name: "Bo"}))
		agent := e.agent(t, "ada@example.com", true)
		v := Viewer{AgentID: agent, AllTeams: true, Notes: true}
		sends := []struct {
			note   bool
			macros []MacroUse
		}{
			{false, []MacroUse{{MacroID: 4, Language: "es"}}},
			{false, nil},
			{true, []MacroUse{{MacroID: 9, Language: "en"}}}, // a note: not recorded
			{false, []MacroUse{{MacroID: 7, Language: "en"}, {MacroID: 4, Language: "es"}, {MacroID: 7, Language: "en"}}},
		}
		for _, s := range sends {
			in := NewMessage{Body: "Here is what to do next.", Macros: s.macros}
			var err error
			if s.note {
				_, err = e.s.AddNote(e.ctx, v, tk.ID, in)
			} else {
				_, err = e.s.AddMessage(e.ctx, v, tk.ID, in)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		if _, err := e.write(t, tk, "customer", "Thanks"); err != nil {
			t.Fatal(err)
		}
		got, err := e.s.MacroUses(e.ctx, tk.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := []MacroUse{{4, "es"}, {4, "es"}, {7, "en"}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("macros recorded on the ticket (-want +got):\n%s", diff)
		}
		none, err := e.s.MacroUses(e.ctx, other.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(none) != 0 {
			t.Errorf("another ticket shows macros %v; want none", none)
		}
	})
}

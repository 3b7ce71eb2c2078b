package server

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/workspace"
)

// TestLivePagesAsTheDatabaseShowsThem: the live page renders new messages
// from their events; two agents with different rights (one sees the
// ticket through its team, one sees every team) get exactly what a reload
// of the page (the catch-up read from the database) gives them, and the
// first stops getting messages once the ticket leaves their team.
func TestLivePagesAsTheDatabaseShowsThem(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		var billing, security struct{ ID int64 }
		ta.do("POST", "/api/v1/teams", "", map[string]any{"name": "Billing"}, &billing)
		ta.do("POST", "/api/v1/teams", "", map[string]any{"name": "Security"}, &security)
		body := newTicketBody("rights")
		body["team_id"] = billing.ID
		var tk ticket.Ticket
		ta.do("POST", "/api/v1/tickets", "", body, &tk)
		_, tier1 := ta.agentToken(auth.Tier1, billing.ID)
		_, tier3 := ta.agentToken(auth.Tier3)
		path := fmt.Sprintf("/live/tickets/%d?after=0", tk.ID)
		pages := map[string]<-chan sseEvent{"tier1": ta.stream(path, tier1, ""), "tier3": ta.stream(path, tier3, "")}
		for _, p := range pages {
			liveMessages(t, p, 1) // the ticket's first message, from the database
		}

		writes := []struct{ path, body string }{
			{"customer-messages", "Still nothing <script>x</script>"},
			{"notes", "asked the chain team"},
			{"messages", "We are looking at it."},
			{"customer-messages", "ok thanks"},
		}
		for _, w := range writes {
			in := map[string]any{"body": w.body}
			if w.path == "customer-messages" {
				in = customerMessage("u-rights", w.body)
			}
			ta.do("POST", fmt.Sprintf("/api/v1/tickets/%d/%s", tk.ID, w.path), "", in, nil)
		}
		for who, token := range map[string]string{"tier1": tier1, "tier3": tier3} {
			got := liveMessages(t, pages[who], len(writes))
			reload := liveMessages(t, ta.stream(path, token, ""), 1+len(writes))[1:]
			if diff := cmp.Diff(reload, got); diff != "" {
				t.Errorf("%s: live (+) against a reload (-):\n%s", who, diff)
			}
		}

		// The ticket moves to a team tier1 is not in: the next message
		// reaches tier3's page only, and tier1's page is told it is gone.
		ta.do("PATCH", fmt.Sprintf("/api/v1/tickets/%d", tk.ID), "", map[string]any{"team_id": security.ID}, nil)
		ta.do("POST", fmt.Sprintf("/api/v1/tickets/%d/customer-messages", tk.ID), "", customerMessage("u-rights", "after the move"), nil)
		next(t, pages["tier3"], "message", func(e sseEvent) bool { return containsBody(e, "after the move") })
		next(t, pages["tier1"], "gone", nil)
	})
}

// liveMessages reads n message events of a page.
func liveMessages(t *testing.T, page <-chan sseEvent, n int) []workspace.LiveMessage {
	t.Helper()
	out := make([]workspace.LiveMessage, 0, n)
	for len(out) < n {
		ev := next(t, page, "message", nil)
		var m workspace.LiveMessage
		if err := json.Unmarshal([]byte(ev.Data), &m); err != nil {
			t.Fatal(err)
		}
		out = append(out, m)
	}
	return out
}

func containsBody(e sseEvent, body string) bool {
	var m workspace.LiveMessage
	return json.Unmarshal([]byte(e.Data), &m) == nil && m.Body == body
}

package server

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
	"github.com/groundcrew/groundcrew/internal/workspace"
)

func TestMacroAPI(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		_, tier1 := ta.agentToken(auth.Tier1)
		in := map[string]any{"name": "Greeting", "language": "en", "body": "Hi {{customer.name}}, about #{{ticket.number}}"}
		if resp := ta.do("POST", "/api/v1/macros", tier1, in, nil); resp.StatusCode != http.StatusForbidden {
			t.Errorf("tier 1 creating a macro: %d, want 403", resp.StatusCode)
		}
		var m workspace.Macro
		if resp := ta.do("POST", "/api/v1/macros", "", in, &m); resp.StatusCode != http.StatusCreated {
			t.Fatalf("admin creating a macro: %d", resp.StatusCode)
		}
		var problem web.Problem
		bad := map[string]any{"name": "Bad", "language": "en", "body": "send {{customer.seed}}"}
		if resp := ta.do("POST", "/api/v1/macros", "", bad, &problem); resp.StatusCode != http.StatusBadRequest || problem.Field != "body" {
			t.Errorf("unknown placeholder: %d %+v, want 400 on body", resp.StatusCode, problem)
		}
		var tk ticket.Ticket
		body := newTicketBody("macro")
		body["customer"].(map[string]any)["name"] = "Ana Lima"
		ta.do("POST", "/api/v1/tickets", "", body, &tk)
		// Tier 1 may not reveal personal data: the first name only.
		_, tier2 := ta.agentToken(auth.Tier2)
		for _, c := range []struct{ token, name string }{{tier1, "Ana"}, {tier2, "Ana Lima"}} {
			var applied workspace.Applied
			resp := ta.do("POST", fmt.Sprintf("/api/v1/macros/%d/apply", m.ID), c.token, map[string]any{"ticket_id": tk.ID}, &applied)
			if want := fmt.Sprintf("Hi %s, about #%d", c.name, tk.ID); resp.StatusCode != 200 || applied.Body != want {
				t.Errorf("apply: %d %+v, want %q", resp.StatusCode, applied, want)
			}
		}
		var list workspace.MacroList
		if ta.do("GET", "/api/v1/macros?language=en", tier1, nil, &list); len(list.Items) != 1 || len(list.Placeholders) == 0 {
			t.Errorf("list = %+v", list)
		}
		if resp := ta.do("DELETE", fmt.Sprintf("/api/v1/macros/%d", m.ID), tier1, nil, nil); resp.StatusCode != http.StatusForbidden {
			t.Errorf("tier 1 deleting: %d, want 403", resp.StatusCode)
		}
		if resp := ta.do("DELETE", fmt.Sprintf("/api/v1/macros/%d", m.ID), "", nil, nil); resp.StatusCode != http.StatusNoContent {
			t.Errorf("admin deleting: %d, want 204", resp.StatusCode)
		}
	})
}

func TestMergeAPI(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		var a, b, other ticket.Ticket
		ta.do("POST", "/api/v1/tickets", "", newTicketBody("same"), &a)
		ta.do("POST", "/api/v1/tickets", "", newTicketBody("same"), &b)
		ta.do("POST", "/api/v1/tickets", "", newTicketBody("someone-else"), &other)
		var problem web.Problem
		resp := ta.do("POST", fmt.Sprintf("/api/v1/tickets/%d/merge", a.ID), "", map[string]any{"source_id": other.ID}, &problem)
		if resp.StatusCode != http.StatusConflict || problem.Detail == "" {
			t.Fatalf("merging another customer's ticket: %d %+v, want 409 with a reason", resp.StatusCode, problem)
		}
		var merged ticket.Merged
		resp = ta.do("POST", fmt.Sprintf("/api/v1/tickets/%d/merge", a.ID), "", map[string]any{"source_id": b.ID, "reason": "same question"}, &merged)
		if resp.StatusCode != 200 || merged.Moved != 1 || merged.Ticket.Customer.Masked != true {
			t.Fatalf("merge: %d %+v", resp.StatusCode, merged)
		}
		var src ticket.Ticket
		ta.do("GET", fmt.Sprintf("/api/v1/tickets/%d", b.ID), "", nil, &src)
		if src.Status != ticket.StatusClosed || src.MergedInto == nil || *src.MergedInto != a.ID {
			t.Errorf("duplicate after merge: %s, merged_into %v", src.Status, src.MergedInto)
		}
	})
}

func TestMentionsAPI(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		_, tier1 := ta.agentToken(auth.Tier1)
		var tk ticket.Ticket
		ta.do("POST", "/api/v1/tickets", "", newTicketBody("mention"), &tk)
		var note ticket.Message
		ta.do("POST", fmt.Sprintf("/api/v1/tickets/%d/notes", tk.ID), "", map[string]any{"body": "@tier1-0 can you take this?"}, &note)
		if len(note.Mentions) != 1 {
			t.Fatalf("note mentions %v, want the tier 1 agent", note.Mentions)
		}
		var list web.List[ticket.Mention]
		if ta.do("GET", "/api/v1/me/mentions?unread=true", tier1, nil, &list); len(list.Items) != 1 || list.Items[0].TicketID != tk.ID {
			t.Fatalf("mentions = %+v", list.Items)
		}
		var read ticket.MentionsRead
		if resp := ta.do("POST", fmt.Sprintf("/api/v1/tickets/%d/mentions/read", tk.ID), tier1, nil, &read); resp.StatusCode != 200 || read.Read != 1 {
			t.Errorf("read: %d %+v", resp.StatusCode, read)
		}
		if ta.do("GET", "/api/v1/me/mentions?unread=true", tier1, nil, &list); len(list.Items) != 0 {
			t.Errorf("unread after reading = %+v", list.Items)
		}
		if resp := ta.do("GET", "/api/v1/me/mentions?unread=maybe", tier1, nil, nil); resp.StatusCode != 400 {
			t.Errorf("unread=maybe: %d, want 400", resp.StatusCode)
		}
		var n workspace.NotifySettings
		if resp := ta.do("PUT", "/api/v1/me/notifications", tier1, map[string]any{"assignments": true, "mentions": false, "replies": true}, &n); resp.StatusCode != 200 {
			t.Fatalf("set notifications: %d", resp.StatusCode)
		}
		if ta.do("GET", "/api/v1/me/notifications", tier1, nil, &n); n.Mentions || !n.Assignments {
			t.Errorf("notifications = %+v", n)
		}
	})
}

// TestDemoMacrosPassTheGuard applies every demo macro to a demo ticket and
// sends it: canned replies must never be what the outbound guard refuses.
func TestDemoMacrosPassTheGuard(t *testing.T) {
	t.Parallel()
	eachDemoEngine(t, func(t *testing.T, ta *testApp) {
		var list workspace.MacroList
		ta.do("GET", "/api/v1/macros", "", nil, &list)
		if len(list.Items) != len(demoMacros) {
			t.Fatalf("%d demo macros, want %d", len(list.Items), len(demoMacros))
		}
		languages := map[string]bool{}
		var tickets web.List[ticket.Ticket]
		ta.do("GET", "/api/v1/tickets?limit=1", "", nil, &tickets)
		if len(tickets.Items) == 0 {
			t.Fatal("no demo ticket")
		}
		id := tickets.Items[0].ID
		for _, m := range list.Items {
			languages[m.Language] = true
			var a workspace.Applied
			ta.do("POST", fmt.Sprintf("/api/v1/macros/%d/apply", m.ID), "", map[string]any{"ticket_id": id,
				"diagnosis": "The deposit has 3 of 12 confirmations; it will be credited after the rest."}, &a)
			if len(a.Missing) != 0 || strings.Contains(a.Body, "{{") {
				t.Errorf("%s (%s) applied leaves %v: %q", m.Name, m.Language, a.Missing, a.Body)
			}
			if resp := ta.do("POST", fmt.Sprintf("/api/v1/tickets/%d/messages", id), "", map[string]any{"body": a.Body}, nil); resp.StatusCode != http.StatusCreated {
				t.Errorf("%s (%s): sending it answered %d", m.Name, m.Language, resp.StatusCode)
			}
		}
		if len(languages) < 5 {
			t.Errorf("demo macros in %d languages, want several", len(languages))
		}
	})
}

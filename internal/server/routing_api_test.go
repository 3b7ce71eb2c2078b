package server

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/routing"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

// The routing API through the real router on both databases: bad input is
// a 4xx problem and changes nothing; roles see and do only what they may.
func TestRoutingAPI(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		code := func(res *http.Response) int { return res.StatusCode }
		if got := code(ta.do("POST", "/api/v1/queues", "", map[string]any{"name": "Moon", "rule": "area=moon"}, nil)); got != 400 {
			t.Errorf("bad rule: %d", got)
		}
		if got := code(ta.do("POST", "/api/v1/queues", "", map[string]any{"name": "X", "rule": "tier=1", "colour": "red"}, nil)); got != 400 {
			t.Errorf("unknown field: %d", got)
		}
		var q routing.Queue
		if got := code(ta.do("POST", "/api/v1/queues", "", map[string]any{"name": "Spot · English", "rule": "area=spot language=en tier=1"}, &q)); got != 201 || q.ID == 0 {
			t.Fatalf("create queue: %d %+v", got, q)
		}
		var list struct{ Items []routing.QueueView }
		ta.do("GET", "/api/v1/queues", "", nil, &list)
		if len(list.Items) != 2 || list.Items[0].Name != "Spot · English" || !list.Items[1].CatchAll {
			t.Errorf("queues %+v", list.Items)
		}
		if got := code(ta.do("DELETE", fmt.Sprintf("/api/v1/queues/%d", list.Items[1].ID), "", nil, nil)); got != 409 {
			t.Errorf("removing the catch-all: %d", got)
		}
		tier1ID, tier1 := ta.agentToken(auth.Tier1)
		if got := code(ta.do("POST", "/api/v1/queues", tier1, map[string]any{"name": "Mine", "rule": "tier=1"}, nil)); got != 403 {
			t.Errorf("a Tier 1 agent adding a queue: %d", got)
		}
		if got := code(ta.do("PUT", fmt.Sprintf("/api/v1/routing/agents/%d", tier1ID), "", map[string]any{"languages": []string{"en"}, "tiers": []int{9}}, nil)); got != 400 {
			t.Errorf("bad tier: %d", got)
		}
		if got := code(ta.do("PUT", fmt.Sprintf("/api/v1/routing/agents/%d", tier1ID), "", map[string]any{"languages": []string{"en"}, "product_areas": []string{"spot"}, "tiers": []int{1}, "max_tickets": 1}, nil)); got != 200 {
			t.Errorf("set skills: %d", got)
		}
		// Offline: no next ticket.
		if got := code(ta.do("POST", "/api/v1/me/next-ticket", tier1, nil, nil)); got != 409 {
			t.Errorf("next ticket while offline: %d", got)
		}
		if got := code(ta.do("PUT", "/api/v1/me/availability", tier1, map[string]any{"availability": "asleep"}, nil)); got != 400 {
			t.Errorf("bad availability: %d", got)
		}
		var me routing.Me
		if got := code(ta.do("PUT", "/api/v1/me/availability", tier1, map[string]any{"availability": "online"}, &me)); got != 200 || me.Availability != routing.Online {
			t.Errorf("go online: %d %+v", got, me)
		}
		body := newTicketBody("spot")
		body["product_area"], body["language"] = "spot", "en"
		var tk struct{ ID int64 }
		ta.do("POST", "/api/v1/tickets", "", body, &tk)
		if _, err := ta.routing.Route(t.Context(), tk.ID); err != nil { // as the consumer does
			t.Fatal(err)
		}
		var route routing.TicketRoute
		ta.do("GET", fmt.Sprintf("/api/v1/tickets/%d/route", tk.ID), "", nil, &route)
		if route.QueueName != "Spot · English" || !route.Waiting {
			t.Errorf("route %+v", route)
		}
		var next struct {
			TicketID int64 `json:"ticket_id"`
		}
		if got := code(ta.do("POST", "/api/v1/me/next-ticket", tier1, nil, &next)); got != 200 || next.TicketID != tk.ID {
			t.Errorf("next ticket: %d %+v", got, next)
		}
		if got := code(ta.do("POST", "/api/v1/me/next-ticket", tier1, nil, nil)); got != 404 && got != 409 {
			t.Errorf("next ticket with none left: %d", got)
		}
		if got := code(ta.do("POST", fmt.Sprintf("/api/v1/offers/%d/accept", tk.ID), tier1, nil, nil)); got != 409 {
			t.Errorf("accepting an offer never made: %d", got)
		}
		if got := code(ta.do("POST", fmt.Sprintf("/api/v1/tickets/%d/handoffs", tk.ID), tier1, map[string]any{"to_tier": 2, "summary": "x"}, nil)); got != 400 {
			t.Errorf("hand-off without a reason: %d", got)
		}
		if got := code(ta.do("POST", fmt.Sprintf("/api/v1/tickets/%d/handoffs", tk.ID), tier1, map[string]any{"to_tier": 2, "reason": "needs Tier 2", "summary": "checked the order book"}, nil)); got != 201 {
			t.Errorf("hand-off: %d", got)
		}
		ta.do("GET", fmt.Sprintf("/api/v1/tickets/%d/route", tk.ID), "", nil, &route)
		if len(route.HandOffs) != 1 || route.HandOffs[0].Summary != "checked the order book" || route.QueueName != routing.CatchAllName || !route.Unstaffed {
			t.Errorf("after hand-off: %+v", route)
		}
		if got := code(ta.do("GET", "/api/v1/tickets/999999/route", "", nil, nil)); got != 404 {
			t.Errorf("route of no ticket: %d", got)
		}
	})
}

// TestEscalationsAndHandOffsAreOneModel: POST .../escalations and its
// earlier name .../handoffs take the same request and apply the same
// rules: a move up without a hand-off summary is refused with nothing
// changed; with one, the ticket moves, the hand-off is recorded and the
// customer is told what happens next.
func TestEscalationsAndHandOffsAreOneModel(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		for _, path := range []string{"escalations", "handoffs"} {
			var tk ticket.Ticket
			if resp := ta.do("POST", "/api/v1/tickets", "", newTicketBody("one model "+path), &tk); resp.StatusCode != http.StatusCreated {
				t.Fatalf("create ticket: %d", resp.StatusCode)
			}
			url := fmt.Sprintf("/api/v1/tickets/%d/%s", tk.ID, path)
			var p web.Problem
			if resp := ta.do("POST", url, "", map[string]any{"to_tier": 2, "reason": "needs an investigation"}, &p); resp.StatusCode != http.StatusBadRequest || p.Field != "summary" {
				t.Errorf("%s: up without a summary: %d %+v", path, resp.StatusCode, p)
			}
			var got ticket.Ticket
			ta.do("GET", fmt.Sprintf("/api/v1/tickets/%d", tk.ID), "", nil, &got)
			if got.Tier != 1 || len(got.Escalations) != 0 {
				t.Errorf("%s: refused escalation changed the ticket: tier %d, %d escalations", path, got.Tier, len(got.Escalations))
			}
			var esc ticket.Escalation
			body := map[string]any{"specialist": "security", "reason": "possible account takeover", "summary": "new device, then a withdrawal"}
			if resp := ta.do("POST", url, "", body, &esc); resp.StatusCode != http.StatusCreated || esc.ToTier != 3 {
				t.Fatalf("%s: to security: %d %+v", path, resp.StatusCode, esc)
			}
			var route routing.TicketRoute
			ta.do("GET", fmt.Sprintf("/api/v1/tickets/%d/route", tk.ID), "", nil, &route)
			if len(route.HandOffs) != 1 || route.HandOffs[0].Summary != "new device, then a withdrawal" {
				t.Errorf("%s: hand-offs %+v", path, route.HandOffs)
			}
			ta.do("GET", fmt.Sprintf("/api/v1/tickets/%d", tk.ID), "", nil, &got)
			told := false
			for _, m := range got.Messages {
				told = told || m.AuthorKind == "system"
			}
			if got.Tier != 3 || !told {
				t.Errorf("%s: after escalation tier %d, customer told %v", path, got.Tier, told)
			}
		}
	})
}

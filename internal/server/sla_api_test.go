package server

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/sla"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

// TestSLAThroughTheBus: a ticket opened through the API gets its due times
// from the durable consumer, and the scheduler on the node breaches it when
// the clock passes them: priority raised, tier 2, visible in the API.
func TestSLAThroughTheBus(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		clock := store.NewFakeClock(time.Now()) // after the migration: tickets from before it get no timers
		ta.DB().SetClock(clock.Now)
		body := newTicketBody("sla")
		body["channel"] = "chat"
		var tk ticket.Ticket
		if resp := ta.do("POST", "/api/v1/tickets", "", body, &tk); resp.StatusCode != http.StatusCreated {
			t.Fatalf("create: %d", resp.StatusCode)
		}
		path := fmt.Sprintf("/api/v1/tickets/%d/sla", tk.ID)
		var view sla.TicketSLA
		waitFor(t, func() bool { ta.do("GET", path, "", nil, &view); return len(view.Timers) == 2 })
		want := clock.Now().Add(5 * time.Minute)
		if view.PromisedBy == nil || !view.PromisedBy.Equal(want) || view.Timers[0].Target != sla.FirstResponse || *view.Timers[0].Remaining != 300 {
			t.Fatalf("chat ticket's SLA: %+v, promised %v; want first response due %s", view, view.PromisedBy, want)
		}
		clock.Advance(5*time.Minute + time.Second)
		ta.sla.Service.Wake()
		var got ticket.Ticket
		waitFor(t, func() bool {
			ta.do("GET", fmt.Sprintf("/api/v1/tickets/%d", tk.ID), "", nil, &got)
			return got.Tier == 2
		})
		if got.Priority != "high" || len(got.Escalations) != 1 || got.Escalations[0].AgentID != nil {
			t.Errorf("after the breach: priority %s, escalations %+v", got.Priority, got.Escalations)
		}
		ta.do("GET", path, "", nil, &view)
		if !view.Timers[0].Breached || *view.Timers[0].Remaining > 0 {
			t.Errorf("first response after the breach: %+v", view.Timers[0])
		}
		if resp := ta.do("GET", "/api/v1/tickets/999999/sla", "", nil, nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("SLA of a missing ticket: %d, want 404", resp.StatusCode)
		}
	})
}

func TestSLAPolicyAPI(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		_, tier1 := ta.agentToken(auth.Tier1)
		in := map[string]any{"name": "Withdrawals VIP", "product_area": "withdrawals", "segment": "vip", "first_response_minutes": 30, "resolution_minutes": 480}
		if resp := ta.do("POST", "/api/v1/sla/policies", tier1, in, nil); resp.StatusCode != http.StatusForbidden {
			t.Errorf("tier 1 creating a policy: %d, want 403", resp.StatusCode)
		}
		var p sla.Policy
		if resp := ta.do("POST", "/api/v1/sla/policies", "", in, &p); resp.StatusCode != http.StatusCreated || p.ID == 0 || p.WarnPercent != 80 {
			t.Fatalf("create: %d %+v", resp.StatusCode, p)
		}
		for _, c := range []struct {
			body  map[string]any
			field string
		}{
			{map[string]any{"name": "x", "priority": "critical", "first_response_minutes": 5}, "priority"},
			{map[string]any{"name": "x", "first_response_minutes": -5}, "first_response_minutes"},
			{map[string]any{"name": "x", "first_response_minutes": 5, "calendar_id": 4242}, "calendar_id"},
			{map[string]any{"name": "<script>", "segment": "whale", "first_response_minutes": 5}, "segment"},
		} {
			var problem web.Problem
			if resp := ta.do("POST", "/api/v1/sla/policies", "", c.body, &problem); resp.StatusCode != http.StatusBadRequest || problem.Field != c.field {
				t.Errorf("%v: %d %+v, want 400 on %s", c.body, resp.StatusCode, problem, c.field)
			}
		}
		in["resolution_minutes"] = 240
		var saved sla.Policy
		if resp := ta.do("PUT", fmt.Sprintf("/api/v1/sla/policies/%d", p.ID), "", in, &saved); resp.StatusCode != 200 || saved.ResolutionMinutes != 240 {
			t.Errorf("update: %d %+v", resp.StatusCode, saved)
		}
		if resp := ta.do("PUT", "/api/v1/sla/policies/9999", "", in, nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("update a missing policy: %d", resp.StatusCode)
		}
		if resp := ta.do("DELETE", "/api/v1/sla/policies/1", "", nil, nil); resp.StatusCode != http.StatusConflict {
			t.Errorf("delete the only catch-all: %d, want 409", resp.StatusCode)
		}
		if resp := ta.do("DELETE", fmt.Sprintf("/api/v1/sla/policies/%d", p.ID), "", nil, nil); resp.StatusCode != http.StatusNoContent {
			t.Errorf("delete: %d", resp.StatusCode)
		}
		var list struct{ Policies []sla.Policy }
		if ta.do("GET", "/api/v1/sla/policies", "", nil, &list); len(list.Policies) != 6 {
			t.Errorf("policies after delete: %d, want the 6 shipped", len(list.Policies))
		}

		var problem web.Problem
		bad := map[string]any{"name": "Berlin", "time_zone": "Europe/Berlin", "hours": "mon-fri 9-17"}
		if resp := ta.do("POST", "/api/v1/sla/calendars", "", bad, &problem); resp.StatusCode != http.StatusBadRequest || problem.Field != "hours" {
			t.Errorf("bad hours: %d %+v", resp.StatusCode, problem)
		}
		var cal sla.Calendar
		good := map[string]any{"name": "Berlin", "time_zone": "Europe/Berlin", "hours": "mon-fri 09:00-17:00", "holidays": "2026-12-24 2026-12-25"}
		if resp := ta.do("POST", "/api/v1/sla/calendars", "", good, &cal); resp.StatusCode != http.StatusCreated || cal.ID == 0 {
			t.Fatalf("create calendar: %d %+v", resp.StatusCode, cal)
		}
		in["calendar_id"] = cal.ID
		ta.do("POST", "/api/v1/sla/policies", "", in, &p)
		if resp := ta.do("DELETE", fmt.Sprintf("/api/v1/sla/calendars/%d", cal.ID), "", nil, &problem); resp.StatusCode != http.StatusConflict {
			t.Errorf("delete a calendar in use: %d", resp.StatusCode)
		}
	})
}

package server

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
	"github.com/groundcrew/groundcrew/internal/workforce"
)

// sseSnapshots reads the supervisor view's live stream as token and
// sends each snapshot to the returned channel until the test ends.
func sseSnapshots(t *testing.T, ta *testApp, token string) <-chan workforce.Snapshot {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), "GET", ta.URL+"/supervisor/live", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); resp.StatusCode != 200 || ct != "text/event-stream" {
		resp.Body.Close()
		t.Fatalf("supervisor live: %d %s", resp.StatusCode, ct)
	}
	out := make(chan workforce.Snapshot, 64)
	go func() {
		defer resp.Body.Close()
		defer close(out)
		lines := bufio.NewScanner(resp.Body)
		lines.Buffer(make([]byte, 1<<20), 1<<20)
		event := ""
		for lines.Scan() {
			if v, ok := strings.CutPrefix(lines.Text(), "event: "); ok {
				event = v
			}
			if v, ok := strings.CutPrefix(lines.Text(), "data: "); ok && event == "snapshot" {
				var s workforce.Snapshot
				if json.Unmarshal([]byte(v), &s) == nil {
					out <- s
				}
			}
		}
	}()
	return out
}

// nextSnapshot waits for a pushed snapshot that satisfies cond.
func nextSnapshot(t *testing.T, ch <-chan workforce.Snapshot, what string, cond func(workforce.Snapshot) bool) workforce.Snapshot {
	t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		select {
		case s, ok := <-ch:
			if !ok {
				t.Fatalf("the live stream ended waiting for %s", what)
			}
			if cond(s) {
				return s
			}
		case <-deadline:
			t.Fatalf("no live snapshot with %s", what)
		}
	}
}

func waitingTotal(s workforce.Snapshot) int {
	n := 0
	for _, q := range s.Queues {
		n += q.Waiting
	}
	return n
}

// TestSupervisorViewLiveOverTheBus: the supervisor's live stream pushes a
// new snapshot when a chat arrives (routing's consumer queues it, the
// event reaches the view through the bus) and when surge is switched on;
// flags, shifts and workload go through the real router, and bad input is
// refused with the field named.
func TestSupervisorViewLiveOverTheBus(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		supID, sup := ta.agentToken(auth.Supervisor)
		tier1ID, tier1 := ta.agentToken(auth.Tier1)
		if resp := ta.do("GET", "/api/v1/supervisor", tier1, nil, nil); resp.StatusCode != http.StatusForbidden {
			t.Errorf("tier 1 reading the supervisor view: %d, want 403", resp.StatusCode)
		}
		live := sseSnapshots(t, ta, sup)
		first := nextSnapshot(t, live, "the first push", func(workforce.Snapshot) bool { return true })
		if first.Surge || len(first.Queues) == 0 {
			t.Fatalf("first snapshot %+v", first)
		}

		body := newTicketBody("live-chat")
		body["channel"] = "chat"
		var tk ticket.Ticket
		if resp := ta.do("POST", "/api/v1/tickets", "", body, &tk); resp.StatusCode != http.StatusCreated {
			t.Fatalf("create: %d", resp.StatusCode)
		}
		s := nextSnapshot(t, live, "the new chat waiting", func(s workforce.Snapshot) bool { return waitingTotal(s) == waitingTotal(first)+1 })
		for _, q := range s.Queues {
			if q.Waiting > 0 && (q.OldestAt == nil || q.Unstaffed != q.Waiting) {
				t.Errorf("queue %q: %+v, want its oldest time and every ticket unstaffed (nobody online)", q.Name, q)
			}
		}

		var set map[string]any
		if resp := ta.do("PUT", "/api/v1/workforce/settings", sup, map[string]any{"surge": true}, &set); resp.StatusCode != 200 || set["surge"] != true {
			t.Fatalf("surge on: %d %v", resp.StatusCode, set)
		}
		nextSnapshot(t, live, "surge on", func(s workforce.Snapshot) bool { return s.Surge })

		for _, c := range []struct {
			method, path string
			body         any
			status       int
			field        string
		}{
			{"PUT", "/api/v1/workforce/settings", map[string]any{"breathing_minutes": 0}, 400, "breathing_minutes"},
			{"PUT", "/api/v1/workforce/settings", map[string]any{}, 400, ""},
			{"PUT", "/api/v1/workforce/settings", map[string]any{"surge": "yes"}, 400, "surge"},
			{"POST", fmt.Sprintf("/api/v1/tickets/%d/flags", tk.ID), map[string]any{"kind": "<b>rude</b>"}, 400, "kind"},
			{"POST", "/api/v1/tickets/999999/flags", map[string]any{"kind": "abusive"}, 404, ""},
			{"POST", fmt.Sprintf("/api/v1/agents/%d/move", tier1ID), map[string]any{"to_queue_id": 987654}, 400, "to_queue_id"},
			{"POST", "/api/v1/shifts", map[string]any{"team_id": 1, "agent_id": tier1ID, "kind": "nap", "starts_at": "2026-03-02T09:00:00Z", "ends_at": "2026-03-02T17:00:00Z"}, 400, "kind"},
			{"POST", "/api/v1/shifts", map[string]any{"team_id": 1, "agent_id": tier1ID, "kind": "shift", "starts_at": "2026-03-02T09:00:00Z", "ends_at": "2026-03-04T17:00:00Z"}, 400, "ends_at"},
			{"GET", "/api/v1/shifts?week=yesterday", nil, 400, "week"},
			{"DELETE", "/api/v1/shifts/424242", nil, 404, ""},
		} {
			var p web.Problem
			resp := ta.do(c.method, c.path, sup, c.body, &p)
			if resp.StatusCode != c.status || p.Field != c.field {
				t.Errorf("%s %s %v: %d %+v, want %d on %q", c.method, c.path, c.body, resp.StatusCode, p, c.status, c.field)
			}
		}

		var f workforce.Flag
		if resp := ta.do("POST", fmt.Sprintf("/api/v1/tickets/%d/flags", tk.ID), sup, map[string]any{"kind": "distressing"}, &f); resp.StatusCode != 201 || f.RestingUntil == nil || f.Source != "agent" {
			t.Fatalf("flag: %d %+v", resp.StatusCode, f)
		}
		nextSnapshot(t, live, "the flagging supervisor breathing", func(s workforce.Snapshot) bool {
			for _, a := range s.Agents {
				if a.AgentID == supID {
					return a.RestingUntil != nil
				}
			}
			return false
		})

		var w workforce.Workload
		if resp := ta.do("GET", fmt.Sprintf("/api/v1/agents/%d/workload", tier1ID), tier1, nil, &w); resp.StatusCode != 200 || w.AgentID != tier1ID {
			t.Errorf("own workload: %d %+v", resp.StatusCode, w)
		}
		if resp := ta.do("GET", fmt.Sprintf("/api/v1/agents/%d/workload", supID), tier1, nil, nil); resp.StatusCode != http.StatusForbidden {
			t.Errorf("another's workload as tier 1: %d, want 403", resp.StatusCode)
		}
		if resp := ta.do("GET", fmt.Sprintf("/api/v1/agents/%d/workload", tier1ID), sup, nil, nil); resp.StatusCode != 200 {
			t.Errorf("an agent's workload as supervisor: %d", resp.StatusCode)
		}
		// A customer's abusive message is caught by the durable consumer.
		abusive := newTicketBody("abuse")
		abusive["message"] = "Ты дебил, верни мои деньги"
		var at ticket.Ticket
		ta.do("POST", "/api/v1/tickets", "", abusive, &at)
		waitFor(t, func() bool {
			flags, err := ta.workforce.Service.Flags(t.Context(), at.ID)
			return err == nil && len(flags) == 1 && flags[0].Source == workforce.SourceDetected
		})

		var rota map[string]any
		if resp := ta.do("GET", "/api/v1/manager-rota", tier1, nil, &rota); resp.StatusCode != 200 || rota["quarter"] == nil {
			t.Errorf("manager rota: %d %v", resp.StatusCode, rota)
		}
	})
}

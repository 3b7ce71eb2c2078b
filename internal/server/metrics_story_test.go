package server

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/metrics"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// TestMetricsStory: a ticket goes through the real API, bus and metrics
// consumer; the summary API shows it, the solve offers a survey whose
// signed link takes one answer, the dashboards answer by role, and
// /metrics has the operational gauges.
func TestMetricsStory(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		var tk ticket.Ticket
		if resp := ta.do("POST", "/api/v1/tickets", "", newTicketBody("metrics"), &tk); resp.StatusCode != http.StatusCreated {
			t.Fatalf("create: %d", resp.StatusCode)
		}
		if resp := ta.do("POST", fmt.Sprintf("/api/v1/tickets/%d/messages", tk.ID), "", map[string]any{"body": "We are looking at it."}, nil); resp.StatusCode != http.StatusCreated {
			t.Fatalf("reply: %d", resp.StatusCode)
		}
		if resp := ta.do("PATCH", fmt.Sprintf("/api/v1/tickets/%d", tk.ID), "", map[string]any{"status": "solved"}, nil); resp.StatusCode != http.StatusOK {
			t.Fatalf("solve: %d", resp.StatusCode)
		}
		var sum struct {
			Figures metrics.Figures `json:"figures"`
		}
		deadline := time.Now().Add(20 * time.Second)
		for sum.Figures.Solved == 0 || sum.Figures.FirstResponse == nil {
			if time.Now().After(deadline) {
				t.Fatalf("the consumer did not count the ticket: %+v", sum.Figures)
			}
			time.Sleep(50 * time.Millisecond)
			if resp := ta.do("GET", "/api/v1/metrics/summary", "", nil, &sum); resp.StatusCode != 200 {
				t.Fatalf("summary: %d", resp.StatusCode)
			}
		}
		if sum.Figures.Created != 1 || sum.Figures.Replies != 1 || *sum.Figures.FCR != 1 {
			t.Errorf("figures %+v", sum.Figures)
		}
		// The survey.offered event carries the link.
		var link string
		for link == "" && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
			var data string
			err := ta.db.QueryRow(t.Context(), `SELECT data FROM outbox WHERE type = 'survey.offered' ORDER BY id LIMIT 1`).Scan(&data)
			if err == nil {
				var ev metrics.SurveyOfferedEvent
				if err := json.Unmarshal([]byte(data), &ev); err != nil {
					t.Fatal(err)
				}
				link = ev.Link
			}
		}
		tok := strings.TrimPrefix(link, "/survey/")
		if tok == "" {
			t.Fatal("no survey offered")
		}
		for i, want := range []int{200, 409} {
			if resp := ta.do("POST", "/api/v1/surveys/"+tok, "-", map[string]any{"score": 5}, nil); resp.StatusCode != want {
				t.Errorf("answer %d: %d, want %d", i+1, resp.StatusCode, want)
			}
		}
		if resp := ta.do("POST", "/api/v1/surveys/"+tok+"x", "-", map[string]any{"score": 5}, nil); resp.StatusCode != 404 {
			t.Errorf("forged link: %d, want 404", resp.StatusCode)
		}
		// A Tier 1 agent sees their own figures only.
		me, tier1 := ta.agentToken(auth.Tier1)
		for path, want := range map[string]int{
			"/api/v1/metrics/summary":                                   403,
			"/api/v1/metrics/summary?dim=agent&key=1":                   403,
			fmt.Sprintf("/api/v1/metrics/summary?dim=agent&key=%d", me): 200,
			"/api/v1/metrics/breakdown?dim=team":                        403,
			"/api/v1/metrics/summary?from=2020-01-01&to=2030-01-01":     400,
		} {
			tokn := tier1
			if want == 400 {
				tokn = ""
			}
			if resp := ta.do("GET", path, tokn, nil, nil); resp.StatusCode != want {
				t.Errorf("GET %s: %d, want %d", path, resp.StatusCode, want)
			}
		}
		for path, want := range map[string]int{"/dashboards": 403, fmt.Sprintf("/dashboards/agents/%d", me): 200, "/dashboards/agents/1": 403, "/wallboard": 200} {
			req, _ := http.NewRequest("GET", ta.URL+path, nil)
			req.Header.Set("Authorization", "Bearer "+tier1)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != want {
				t.Errorf("page %s as Tier 1: %d, want %d", path, resp.StatusCode, want)
			}
		}
		req, _ := http.NewRequest("GET", ta.URL+"/api/v1/metrics/export/team", nil)
		req.Header.Set("Authorization", "Bearer "+testAdminToken)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.HasPrefix(string(body), "from,to,dim,key,created") {
			t.Errorf("CSV export: %d %q", resp.StatusCode, body)
		}
		if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, "no-store") {
			t.Errorf("CSV export Cache-Control %q, want no-store (it names agents)", cc)
		}
		rec := httpGet(t, ta.MetricsHandler(), "/metrics")
		for _, want := range []string{"groundcrew_sla_breaches_today", "groundcrew_bus_consumer_pending{consumer=\"metrics\"}"} {
			if !strings.Contains(rec, want) {
				t.Errorf("/metrics lacks %s", want)
			}
		}
	})
}

// httpGet serves one GET on h from this machine.
func httpGet(t *testing.T, h http.Handler, path string) string {
	t.Helper()
	srv := httptest.NewServer(h)
	defer srv.Close()
	resp, err := http.Get(srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

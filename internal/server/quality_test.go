package server

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/academy/feedback"
	"github.com/groundcrew/groundcrew/internal/academy/quality"
	"github.com/groundcrew/groundcrew/internal/store"
)

// TestDemoFeedbackReport: after the demo's seed, the product-feedback
// report lists the demo's complaints by product area, as a count of the
// tags says; the ticket page carries the tagging card and the manager
// pages answer.
func TestDemoFeedbackReport(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, true)
	rows, err := ta.db.Query(context.Background(), `SELECT product_area, COUNT(*) FROM feedback_tags GROUP BY product_area`)
	if err != nil {
		t.Fatal(err)
	}
	want, total := map[string]int{}, 0
	for rows.Next() {
		var area string
		var n int
		if err := rows.Scan(&area, &n); err != nil {
			t.Fatal(err)
		}
		want[area], total = n, total+n
	}
	if err := rows.Close(); err != nil {
		t.Fatal(err)
	}
	if total < 5 || len(want) < 2 {
		t.Fatalf("the demo seeded %d feedback tags in %d areas; want a handful in several", total, len(want))
	}
	var rep feedback.Report
	if resp := ta.do("GET", "/api/v1/feedback/report", "", nil, &rep); resp.StatusCode != 200 {
		t.Fatalf("report: %d", resp.StatusCode)
	}
	got := map[string]int{}
	for _, a := range rep.Areas {
		got[a.Area] = a.Total
	}
	if rep.Total != total || len(got) != len(want) {
		t.Errorf("report total %d over %v, want %d over %v", rep.Total, got, total, want)
	}
	for area, n := range want {
		if got[area] != n {
			t.Errorf("%s: report says %d, the tags %d", area, got[area], n)
		}
	}
	var first int64
	if err := ta.db.QueryRow(context.Background(), `SELECT MIN(ticket_id) FROM feedback_tags`).Scan(&first); err != nil {
		t.Fatal(err)
	}
	for path, wants := range map[string][]string{
		"/tickets/" + strconv.FormatInt(first, 10): {`id="feedback-panel"`, `action="/tickets/` + strconv.FormatInt(first, 10) + `/feedback"`},
		"/voice": {"Voice of the customer", `id="voice-total">` + strconv.Itoa(total) + "<"},
		"/qa":    {"Sample conversations", "Calibration"},
	} {
		status, body := ta.page(testAdminToken, path)
		if status != 200 {
			t.Errorf("%s: %d", path, status)
			continue
		}
		for _, w := range wants {
			if !strings.Contains(body, w) {
				t.Errorf("%s lacks %q", path, w)
			}
		}
	}
}

// TestScorecardEvidenceWiring: a QA session's conversation comes with the
// evidence the server gathers (SLA timers, metrics, the customer's
// verification) next to the guard's, through the real wiring.
func TestScorecardEvidenceWiring(t *testing.T) {
	ta := newTestApp(t, store.SQLite, true)
	var id int64
	if err := ta.db.QueryRow(context.Background(), `SELECT MIN(id) FROM tickets WHERE customer_id IS NOT NULL`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	var ss quality.Session
	if resp := ta.do("POST", "/api/v1/qa/sessions", "", map[string]any{"kind": "calibration", "name": "wiring", "ticket_ids": []int64{id}}, &ss); resp.StatusCode != 201 {
		t.Fatalf("calibration session: %d", resp.StatusCode)
	}
	if resp := ta.do("GET", "/api/v1/qa/sessions/"+strconv.FormatInt(ss.ID, 10), "", nil, &ss); resp.StatusCode != 200 || len(ss.Tickets) != 1 {
		t.Fatalf("session: %d %+v", resp.StatusCode, ss)
	}
	it := ss.Tickets[0]
	for _, key := range []string{"no_secret_asked", "verified_level", "resolved_once"} {
		if it.Hints[key] == "" {
			t.Errorf("no evidence for %s: %v", key, it.Hints)
		}
	}
	if _, ok := it.Prefill["no_secret_asked"]; !ok {
		t.Errorf("never asked for a secret is not pre-filled: %v", it.Prefill)
	}
}

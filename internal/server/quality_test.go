package server

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/groundcrew/groundcrew/internal/academy/feedback"
	"github.com/groundcrew/groundcrew/internal/academy/quality"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
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
	t.Parallel()
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

// TestAPIReplyRecordsMacros: a reply through the API names the macros it
// used; each is recorded with the macro's language, and a number naming
// no macro (or not a number) is refused with 400 on macro_ids and
// nothing stored.
func TestAPIReplyRecordsMacros(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, true)
	ctx := context.Background()
	id := demoTicketID(t, ta, "Credited USDT deposit")
	var es, de int64
	if err := ta.db.QueryRow(ctx, `SELECT id FROM macros WHERE name = 'Greeting' AND language = 'es'`).Scan(&es); err != nil {
		t.Fatal(err)
	}
	if err := ta.db.QueryRow(ctx, `SELECT id FROM macros WHERE name = 'Deposit check result' AND language = 'de'`).Scan(&de); err != nil {
		t.Fatal(err)
	}
	path := "/api/v1/tickets/" + strconv.FormatInt(id, 10) + "/messages"
	count := func() int {
		var n int
		if err := ta.db.QueryRow(ctx, `SELECT COUNT(*) FROM messages WHERE ticket_id = ?`, id).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := count()
	notes := strings.TrimSuffix(path, "messages") + "notes"
	for _, bad := range []struct {
		name, path string
		body       any
	}{
		{"no such macro", path, map[string]any{"body": "Hola", "macro_ids": []int64{es, 999999}}},
		{"not a number", path, `{"body":"Hola","macro_ids":["es"]}`},
		{"zero", path, map[string]any{"body": "Hola", "macro_ids": []int64{0}}},
		{"on a note", notes, map[string]any{"body": "used the greeting", "macro_ids": []int64{es}}},
	} {
		var p web.Problem
		if resp := ta.do("POST", bad.path, "", bad.body, &p); resp.StatusCode != 400 || (p.Field != "macro_ids" && bad.name != "not a number") {
			t.Errorf("%s: %d, field %q; want 400 on macro_ids", bad.name, resp.StatusCode, p.Field)
		}
	}
	if n := count(); n != before {
		t.Fatalf("refused replies stored messages: %d, want %d", n, before)
	}
	if resp := ta.do("POST", path, "", map[string]any{"body": "Hola, gracias por escribirnos.", "macro_ids": []int64{es, de}}, nil); resp.StatusCode != 201 {
		t.Fatalf("reply with macros: %d", resp.StatusCode)
	}
	uses, err := ta.tickets.Store.MacroUses(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	want := []ticket.MacroUse{{MacroID: es, Language: "es"}, {MacroID: de, Language: "de"}}
	if es > de {
		want[0], want[1] = want[1], want[0]
	}
	if diff := cmp.Diff(want, uses); diff != "" {
		t.Errorf("macros recorded (-want +got):\n%s", diff)
	}
}

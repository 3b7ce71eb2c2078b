package server

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// TestBrowserAutomation: an admin adds a rule on the automation page, a
// rule that would loop with it is refused with the cycle shown, and the
// dry run lists the recent ticket the rule would have matched.
func TestBrowserAutomation(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines() {
		t.Run(string(engine), func(t *testing.T) {
			t.Parallel()
			ta, b := adminSignedIn(t, engine)
			ta.do("POST", "/api/v1/tickets", "", newTicketBody("Account <hacked> tonight"), nil)
			b.open("/admin/automation")
			def := `{"when":{"event":"status.changed"},"then":[{"type":"set_priority","value":"high"}]}`
			b.fill(map[string]string{`#edit-rule input[name=name]`: "Raise <on> status", `#edit-rule textarea[name=definition]`: def})
			if st := b.submit("#edit-rule form"); st != 200 {
				t.Fatalf("add rule: status %d", st)
			}
			if got := b.text("#rule-list"); !strings.Contains(got, "Raise <on> status") || !strings.Contains(got, "status.changed") {
				t.Errorf("rule list %q", got)
			}
			loop := `{"when":{"event":"ticket.updated"},"if":[{"field":"priority","op":"is","values":["high"]}],"then":[{"type":"set_status","value":"open"}]}`
			b.fill(map[string]string{`#edit-rule input[name=name]`: "Reopen", `#edit-rule textarea[name=definition]`: loop})
			if st := b.submit("#edit-rule form"); st != 409 {
				t.Errorf("a loop: status %d, want 409", st)
			}
			if got := b.text("#rule-error"); !strings.Contains(got, `"Reopen" sets status, which triggers "Raise <on> status"`) {
				t.Errorf("loop error %q, want the cycle", got)
			}
			b.fill(map[string]string{`#edit-rule textarea[name=definition]`: `{"when":{"event":"ticket.created"},"if":[{"field":"subject","op":"contains","values":["hacked"]}],"then":[{"type":"add_tags","values":["x"]}]}`})
			if st := b.navigate("dry run", chromedp.Click(chromedp.CSS("#dry-run"))); st != 200 {
				t.Fatalf("dry run: status %d", st)
			}
			if got := b.text("#dry-run-result"); !strings.Contains(got, "1 ticket would have matched") || !strings.Contains(got, "Account <hacked> tonight") {
				t.Errorf("dry run %q", got)
			}
			b.screenshot("admin-automation-" + string(engine))
		})
	}
}

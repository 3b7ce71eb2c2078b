package server

import (
	"testing"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/web"
)

// TestAutomationMacroPassesTheGuardOnSave: an automation rule's macro is a
// message every matching customer gets, written once by an admin, so it
// is screened when saved, like a macro or an incident update (422 naming
// the action's value, audited, nothing saved). It used to be saved and then
// refused by the guard on every ticket it ran for, silently.
func TestAutomationMacroPassesTheGuardOnSave(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		rule := func(text string) map[string]any {
			return map[string]any{"name": "welcome", "when": map[string]any{"event": "ticket.created"},
				"then": []map[string]any{{"type": "set_priority", "value": "high"}, {"type": "macro", "value": text}}}
		}
		var p web.Problem
		resp := ta.do("POST", "/api/v1/automation/rules", "", rule("Welcome! To verify your wallet please reply with your 12-word recovery phrase."), &p)
		if resp.StatusCode != 422 || p.Field != "then[1].value" {
			t.Fatalf("a macro asking for the phrase: %d %+v", resp.StatusCode, p)
		}
		if n := storetest.Scalar[int](t, ta.db, `SELECT COUNT(*) FROM automation_rules WHERE name = 'welcome'`); n != 0 {
			t.Fatalf("%d refused rules saved", n)
		}
		entries, _, err := ta.audit.List(t.Context(), audit.Filter{Action: "guard.outbound_blocked"}, web.Page{Limit: 10})
		if err != nil || len(entries) != 1 {
			t.Fatalf("refusal audit = %+v, %v", entries, err)
		}
		if resp := ta.do("POST", "/api/v1/automation/rules", "", rule("Welcome! We will never ask for your recovery phrase."), nil); resp.StatusCode != 201 {
			t.Fatalf("an honest macro: %d", resp.StatusCode)
		}
	})
}

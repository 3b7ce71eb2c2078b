package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/store"
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

// TestAutomationWebhookTargetCheckedOnSave: a rule's webhook to a
// loopback, private, link-local or local-name target is refused when the
// rule is saved, through the API (400 naming the action's url) and the
// admin page (the message on the page), with the check the sender makes.
// Such rules used to be saved and then refused at every send, where only
// the log said so. --webhook-allow-private opts in.
func TestAutomationWebhookTargetCheckedOnSave(t *testing.T) {
	t.Parallel()
	rule := func(name, target string) map[string]any {
		return map[string]any{"name": name, "when": map[string]any{"event": "ticket.created"},
			"then": []map[string]any{{"type": "set_priority", "value": "high"},
				{"type": "webhook", "url": target, "secret": "a-webhook-secret-of-some-length"}}}
	}
	inside := []string{"http://127.0.0.1:8080/hook", "https://169.254.169.254/latest/meta-data", "https://10.1.2.3/hook",
		"https://[::1]/hook", "https://localhost/hook", "https://receiver.internal/hook", "https://2130706433/hook"}
	eachEngine(t, func(t *testing.T, ta *testApp) {
		for i, u := range inside {
			var p web.Problem
			resp := ta.do("POST", "/api/v1/automation/rules", "", rule(fmt.Sprintf("hook %d", i), u), &p)
			if resp.StatusCode != http.StatusBadRequest || p.Field != "then[1].url" || !strings.Contains(p.Detail, "--webhook-allow-private") {
				t.Errorf("%s: %d %+v", u, resp.StatusCode, p)
			}
		}
		if n := ta.count(`SELECT COUNT(*) FROM automation_rules`); n != 0 {
			t.Fatalf("%d refused rules saved", n)
		}
		def, err := json.Marshal(map[string]any{"when": map[string]any{"event": "ticket.created"},
			"then": []map[string]any{{"type": "webhook", "url": "https://169.254.169.254/hook", "secret": "a-webhook-secret-of-some-length"}}})
		if err != nil {
			t.Fatal(err)
		}
		code, page := ta.adminForms(t)("/admin/automation/rules", url.Values{"name": {"metadata"}, "enabled": {"on"}, "definition": {string(def)}})
		if code != http.StatusBadRequest || !strings.Contains(page, "169.254.169.254 is not a public address") {
			t.Errorf("admin page: %d\n%.600s", code, page)
		}
		if n := ta.count(`SELECT COUNT(*) FROM automation_rules`); n != 0 {
			t.Fatalf("%d refused rules saved from the page", n)
		}
		if resp := ta.do("POST", "/api/v1/automation/rules", "", rule("public", "https://hooks.example.com/groundcrew"), nil); resp.StatusCode != http.StatusCreated {
			t.Fatalf("a public target: %d", resp.StatusCode)
		}
	})
	t.Run("allowed", func(t *testing.T) {
		t.Parallel()
		ta := newTestApp(t, store.SQLite, false, func(c *Config) { c.WebhookAllowPrivate = true })
		if resp := ta.do("POST", "/api/v1/automation/rules", "", rule("on our network", inside[0]), nil); resp.StatusCode != http.StatusCreated {
			t.Fatalf("with --webhook-allow-private: %d", resp.StatusCode)
		}
	})
}

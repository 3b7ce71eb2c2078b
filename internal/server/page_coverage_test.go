package server

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/web"
	"github.com/groundcrew/groundcrew/internal/workspace"
)

// Everything the API lets an agent or admin do has a page that does it,
// and every page that changes something does what an API route does. This
// test walks the API's route table: a route that needs a permission must
// be in apiPages (with the page that performs it) or in apiWithoutPage
// (with the reason), so a new route without a page fails here until
// someone decides.

// onPage is the page that performs an API route. When the page does it
// from a script (calling the API itself), script names the static file
// and a piece of it that shows the call.
type onPage struct {
	page   string // a workspace route pattern, "METHOD /path"
	script string // "file.js: fragment", or "" when the page's form does it
}

var apiPages = map[string]onPage{
	"DELETE /api/v1/sessions/current":            {"POST /logout", ""},
	"GET /api/v1/me":                             {"GET /account", ""},
	"POST /api/v1/me/password":                   {"POST /account/password", ""},
	"POST /api/v1/me/totp":                       {"POST /account/totp", ""},
	"POST /api/v1/me/totp/confirm":               {"POST /account/totp/confirm", ""},
	"POST /api/v1/me/totp/disable":               {"POST /account/totp/disable", ""},
	"POST /api/v1/me/email":                      {"POST /account/email", ""},
	"GET /api/v1/me/tokens":                      {"GET /account", ""},
	"POST /api/v1/me/tokens":                     {"POST /account/tokens", ""},
	"DELETE /api/v1/me/tokens/{id}":              {"POST /account/tokens/{id}/revoke", ""},
	"POST /api/v1/me/verification-code":          {"POST /account/verification-code", ""},
	"GET /api/v1/agents":                         {"GET /admin/agents", ""},
	"POST /api/v1/agents":                        {"POST /admin/agents", ""},
	"GET /api/v1/agents/{id}":                    {"GET /admin/agents/{id}", ""},
	"PATCH /api/v1/agents/{id}":                  {"POST /admin/agents/{id}", ""},
	"GET /api/v1/teams":                          {"GET /admin/teams", ""},
	"POST /api/v1/teams":                         {"POST /admin/teams", ""},
	"GET /api/v1/teams/{id}":                     {"GET /admin/teams/{id}", ""},
	"GET /api/v1/tickets":                        {"GET /{$}", ""},
	"POST /api/v1/tickets":                       {"POST /tickets/new", ""},
	"GET /api/v1/tickets/{id}":                   {"GET /tickets/{id}", ""},
	"POST /api/v1/tickets/{id}/messages":         {"POST /tickets/{id}/reply", ""},
	"POST /api/v1/tickets/{id}/notes":            {"POST /tickets/{id}/reply", ""},
	"GET /api/v1/tickets/{id}/held-replies":      {"GET /tickets/{id}", ""},
	"POST /api/v1/held-replies/{id}/review":      {"POST /tickets/{id}/held/{held}/review", ""},
	"GET /api/v1/held-replies":                   {"GET /held-replies", ""},
	"POST /api/v1/held-replies/{id}/release":     {"POST /held-replies/{id}/release", ""},
	"POST /api/v1/held-replies/{id}/reject":      {"POST /held-replies/{id}/reject", ""},
	"GET /api/v1/form-fields":                    {"GET /tickets/new", ""},
	"PUT /api/v1/form-fields/{key}":              {"POST /admin/form", ""},
	"DELETE /api/v1/form-fields/{key}":           {"POST /admin/form/{key}/remove", ""},
	"GET /api/v1/tickets/{id}/sla":               {"GET /tickets/{id}", ""},
	"GET /api/v1/sla/policies":                   {"GET /admin/sla", ""},
	"GET /api/v1/email/status":                   {"GET /admin/email", ""},
	"POST /api/v1/sla/policies":                  {"POST /admin/sla/policies", ""},
	"PUT /api/v1/sla/policies/{id}":              {"POST /admin/sla/policies", ""},
	"DELETE /api/v1/sla/policies/{id}":           {"POST /admin/sla/policies/{id}/remove", ""},
	"GET /api/v1/sla/calendars":                  {"GET /admin/sla", ""},
	"POST /api/v1/sla/calendars":                 {"POST /admin/sla/calendars", ""},
	"PUT /api/v1/sla/calendars/{id}":             {"POST /admin/sla/calendars", ""},
	"DELETE /api/v1/sla/calendars/{id}":          {"POST /admin/sla/calendars/{id}/remove", ""},
	"GET /api/v1/automation/rules":               {"GET /admin/automation", ""},
	"POST /api/v1/automation/rules":              {"POST /admin/automation/rules", ""},
	"PUT /api/v1/automation/rules/{id}":          {"POST /admin/automation/rules", ""},
	"DELETE /api/v1/automation/rules/{id}":       {"POST /admin/automation/rules/{id}/remove", ""},
	"POST /api/v1/automation/dry-run":            {"POST /admin/automation/dry-run", ""},
	"GET /api/v1/tickets/{id}/verification":      {"GET /tickets/{id}", ""},
	"GET /api/v1/tickets/{id}/account":           {"GET /tickets/{id}", ""},
	"POST /api/v1/tickets/{id}/step-up":          {"GET /tickets/{id}", "customer.js: /step-up"},
	"POST /api/v1/tickets/{id}/actions/{action}": {"GET /tickets/{id}", "customer.js: /actions/"},
	"POST /api/v1/tickets/{id}/reveal":           {"GET /tickets/{id}", "customer.js: /reveal"},
	"POST /api/v1/deposits/diagnose":             {"GET /tickets/{id}", "ticket.js: /api/v1/deposits/diagnose"},
	"PATCH /api/v1/tickets/{id}":                 {"POST /tickets/{id}/update", ""},
	"POST /api/v1/tickets/{id}/escalations":      {"POST /tickets/{id}/escalate", ""},
	"POST /api/v1/tickets/{id}/snooze":           {"POST /tickets/{id}/snooze", ""},
	"DELETE /api/v1/tickets/{id}/snooze":         {"POST /tickets/{id}/unsnooze", ""},
	"GET /api/v1/inbox":                          {"GET /{$}", ""},
	"GET /api/v1/tickets/{id}/attachments":       {"GET /tickets/{id}", ""},
	"POST /api/v1/tickets/{id}/attachments":      {"GET /tickets/{id}", "ticket_files.js: /attachments"},
	"GET /api/v1/attachments/{id}":               {"GET /tickets/{id}", ""},
	"POST /api/v1/tickets/{id}/merge":            {"GET /tickets/{id}", "ticketview.js: /merge"},
	"POST /api/v1/tickets/{id}/typing":           {"GET /tickets/{id}", "ticketview.js: /typing"},
	"POST /api/v1/tickets/{id}/mentions/read":    {"GET /tickets/{id}", ""},
	"GET /api/v1/me/mentions":                    {"GET /{$}", ""},
	"GET /api/v1/macros":                         {"GET /tickets/{id}", ""},
	"POST /api/v1/macros/{id}/apply":             {"GET /tickets/{id}", "ticketview.js: /apply"},
	"GET /api/v1/macros/{id}":                    {"GET /admin/macros", ""},
	"POST /api/v1/macros":                        {"POST /admin/macros", ""},
	"PUT /api/v1/macros/{id}":                    {"POST /admin/macros", ""},
	"DELETE /api/v1/macros/{id}":                 {"POST /admin/macros/{id}/remove", ""},
	"GET /api/v1/me/notifications":               {"GET /account", ""},
	"PUT /api/v1/me/notifications":               {"POST /account/notifications", ""},
	"PATCH /api/v1/customers/{id}":               {"POST /tickets/{id}/customer", ""},
	"GET /api/v1/supervisor":                     {"GET /supervisor", ""},
	"GET /api/v1/me/alerts":                      {"GET /workforce/alerts", ""},
	"PUT /api/v1/workforce/settings":             {"POST /supervisor/settings", ""},
	"GET /api/v1/recovery/appeals":               {"GET /recovery", ""},
	"GET /api/v1/recovery/appeals/{id}":          {"GET /recovery/appeals/{id}", ""},
	"POST /api/v1/recovery/appeals/{id}/approve": {"POST /recovery/appeals/{id}/approve", ""},
	"POST /api/v1/recovery/appeals/{id}/reject":  {"POST /recovery/appeals/{id}/reject", ""},
	"POST /api/v1/recovery/appeals/{id}/execute": {"POST /recovery/appeals/{id}/execute", ""},
	"GET /api/v1/recovery/stats":                 {"GET /recovery/stats", ""},
	"GET /api/v1/recovery/matrix":                {"GET /admin/recovery", ""},
	"PUT /api/v1/recovery/matrix":                {"POST /admin/recovery/matrix", ""},
	"PUT /api/v1/recovery/fees":                  {"POST /admin/recovery/fees", ""},
	"GET /api/v1/recovery/team":                  {"GET /admin/recovery", ""},
	"PUT /api/v1/recovery/team":                  {"POST /admin/recovery/team", ""},
	"POST /api/v1/agents/{id}/move":              {"POST /supervisor/move", ""},
	"POST /api/v1/tickets/{id}/flags":            {"POST /tickets/{id}/flag", ""},
	"GET /api/v1/shifts":                         {"GET /workforce/shifts", ""},
	"POST /api/v1/shifts":                        {"POST /workforce/shifts", ""},
	"DELETE /api/v1/shifts/{id}":                 {"POST /workforce/shifts/{id}/remove", ""},
	"GET /api/v1/manager-rota":                   {"GET /workforce/shifts", ""},
	"GET /api/v1/agents/{id}/workload":           {"GET /workforce/agents/{id}", ""},
	"GET /api/v1/audit":                          {"GET /admin/audit", ""},
	"GET /api/v1/audit/verify":                   {"GET /admin/audit", ""},
	"GET /api/v1/admin/encryption":               {"GET /admin/encryption", ""},
	"GET /api/v1/queues":                         {"GET /admin/queues", ""},
	"POST /api/v1/queues":                        {"POST /admin/queues", ""},
	"PUT /api/v1/queues/{id}":                    {"POST /admin/queues", ""},
	"DELETE /api/v1/queues/{id}":                 {"POST /admin/queues/{id}/remove", ""},
	"POST /api/v1/queues/dry-run":                {"GET /admin/queues", ""},
	"GET /api/v1/routing/agents":                 {"GET /admin/skills", ""},
	"PUT /api/v1/routing/agents/{id}":            {"POST /admin/skills/{id}", ""},
	"GET /api/v1/me/routing":                     {"GET /live/routing", ""},
	"PUT /api/v1/me/availability":                {"POST /availability", ""},
	"POST /api/v1/me/next-ticket":                {"POST /next-ticket", ""},
	"POST /api/v1/offers/{id}/accept":            {"POST /offers/{id}/accept", ""},
	"POST /api/v1/offers/{id}/decline":           {"POST /offers/{id}/decline", ""},
	"GET /api/v1/tickets/{id}/route":             {"GET /tickets/{id}", ""},
	"POST /api/v1/tickets/{id}/handoffs":         {"POST /tickets/{id}/escalate", ""},
	"GET /api/v1/admin/totp-policy":              {"GET /admin/agents", ""},
	"PUT /api/v1/admin/totp-policy":              {"POST /admin/totp-policy", ""},
	"GET /api/v1/official-channels":              {"GET /admin/channels", ""},
	"POST /api/v1/official-channels":             {"POST /admin/channels", ""},
	"DELETE /api/v1/official-channels/{id}":      {"POST /admin/channels/{id}/remove", ""},
	"GET /api/v1/phone/callbacks":                {"GET /callbacks", ""},
	"PATCH /api/v1/phone/callbacks/{id}":         {"POST /callbacks/{id}/status", ""},
	"POST /api/v1/phone/callbacks/{id}/reveal":   {"POST /callbacks/{id}/reveal", ""},
	"GET /api/v1/tickets/{id}/calls":             {"GET /tickets/{id}", ""},
	"GET /api/v1/admin/telegram-phone":           {"GET /admin/telegram-phone", ""},
}

// apiWithoutPage are the permissioned routes no page performs, and why.
var apiWithoutPage = map[string]string{
	"GET /api/v1/metrics/summary":                 "internal/metrics' dashboards (/dashboards, /dashboards/agents/{id}) show it",
	"GET /api/v1/metrics/series":                  "internal/metrics' dashboards draw it as charts",
	"GET /api/v1/metrics/breakdown":               "internal/metrics' dashboards show it as the by-team, by-agent... tables",
	"GET /api/v1/metrics/drivers":                 "internal/metrics' overview dashboard shows the drivers and spikes",
	"GET /api/v1/metrics/backlog":                 "internal/metrics' wallboard shows the backlog by queue",
	"GET /api/v1/metrics/export/{dim}":            "the dashboards' CSV link downloads it",
	"GET /api/v1/metrics/settings":                "internal/metrics' overview dashboard shows the settings form",
	"PUT /api/v1/metrics/settings":                "internal/metrics' overview dashboard's settings form (POST /dashboards/settings)",
	"POST /api/v1/tickets/{id}/customer-messages": "integrations write as the customer; agents never do",
	"GET /api/v1/tags":                            "a lookup for integrations; pages show each ticket's tags",
	"POST /api/v1/chain/identify":                 "a lookup for integrations; the ticket page's transaction check covers it (diagnose)",
	"GET /api/v1/chain/networks":                  "a lookup for integrations; the ticket form's network field names them",
	"POST /api/v1/guard/scan":                     "a developer tool to try the secret detector; every page's messages pass it",
	"POST /api/v1/guard/check-outbound":           "a developer tool to try the outbound guard; every reply passes it",
	// QA reviews and product feedback: their pages are internal/academy's
	// (quality.PageRoutes, feedback.PageRoutes), served as metrics' are.
	"GET /api/v1/qa/scorecard":                 "internal/academy/quality's session page (/qa/sessions/{id}) shows the scorecard",
	"GET /api/v1/qa/sessions":                  "internal/academy/quality's /qa lists the sessions",
	"POST /api/v1/qa/sessions":                 "internal/academy/quality's /qa forms (POST /qa/sessions) sample or start a calibration",
	"GET /api/v1/qa/sessions/{id}":             "internal/academy/quality's /qa/sessions/{id}",
	"POST /api/v1/qa/sessions/{id}/reviews":    "internal/academy/quality's scorecard form (POST /qa/sessions/{id}/reviews)",
	"GET /api/v1/qa/sessions/{id}/calibration": "internal/academy/quality's /qa/sessions/{id} shows a calibration's comparison",
	"GET /api/v1/qa/disputes":                  "internal/academy/quality's /qa lists the open disputes",
	"POST /api/v1/qa/reviews/{id}/resolve":     "internal/academy/quality's /qa dispute forms (POST /qa/reviews/{id}/resolve)",
	"GET /api/v1/me/qa/reviews":                "internal/academy/quality's /qa/mine",
	"POST /api/v1/qa/reviews/{id}/dispute":     "internal/academy/quality's /qa/mine dispute form (POST /qa/reviews/{id}/dispute)",
	"GET /api/v1/tickets/{id}/feedback":        "the ticket page's product-feedback card (internal/academy/feedback's panel) lists them",
	"POST /api/v1/tickets/{id}/feedback":       "the ticket page's product-feedback card posts POST /tickets/{id}/feedback (internal/academy/feedback)",
	"GET /api/v1/feedback/report":              "internal/academy/feedback's voice-of-the-customer page (/voice)",
	"GET /api/v1/feedback/export/{area}":       "the voice-of-the-customer page's CSV links download it",

	// internal/academy's pages (served through the workspace's session check).
	"GET /api/v1/academy/courses":                       "internal/academy's My training page (/training) lists them",
	"POST /api/v1/academy/courses":                      "internal/academy's authoring page (POST /training/author/courses)",
	"PUT /api/v1/academy/courses/{id}":                  "internal/academy's authoring page (POST /training/author/courses/{id})",
	"GET /api/v1/academy/courses/{id}":                  "internal/academy's course page (/training/courses/{id}) shows it",
	"POST /api/v1/academy/courses/{id}/attempts":        "internal/academy's course page starts the quiz (POST /training/courses/{id}/start)",
	"POST /api/v1/academy/attempts/{id}/answers":        "internal/academy's quiz page submits it (POST /training/attempts/{id})",
	"GET /api/v1/academy/certifications":                "internal/academy's My training page lists them with the caller's standing",
	"POST /api/v1/academy/certifications":               "internal/academy's authoring page (POST /training/author/certifications)",
	"PUT /api/v1/academy/certifications/{id}":           "internal/academy's authoring page (POST /training/author/certifications/{id})",
	"POST /api/v1/academy/certifications/{id}/versions": "internal/academy's matrix page (POST /training/certifications/{id}/version)",
	"GET /api/v1/academy/matrix":                        "internal/academy's matrix page (/training/matrix) shows it",
	"GET /api/v1/me/training":                           "internal/academy's My training page (/training) shows it",
}

// pagesWithoutAPI are the pages that change something no API route does.
var pagesWithoutAPI = map[string]string{
	"POST /login":      "the API signs in with POST /api/v1/sessions; the page is its browser form",
	"POST /login/totp": "the API completes enrolment with POST /api/v1/sessions/totp-enrolment",
}

func TestEveryAgentRouteHasAPage(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, false)
	pages := map[string]workspace.Route{}
	for _, rt := range ta.workspace.Routes() {
		pages[rt.Pattern()] = rt
	}
	covered := map[string]bool{}
	for _, rt := range ta.APIRoutes() {
		key := rt.Method + " " + rt.Path
		if rt.Perm == web.Public {
			continue
		}
		p, ok := apiPages[key]
		reason, exempt := apiWithoutPage[key]
		switch {
		case ok && exempt:
			t.Errorf("%s is both mapped to %s and exempt (%s)", key, p.page, reason)
		case exempt:
			continue
		case !ok:
			t.Errorf("%s (%s) has no page that performs it: add one and map it in apiPages, or say why not in apiWithoutPage", key, rt.Perm)
			continue
		}
		if _, found := pages[p.page]; !found {
			t.Errorf("%s maps to %s, which is not a workspace route", key, p.page)
			continue
		}
		covered[p.page] = true
		if p.script != "" {
			checkScript(t, key, p.script)
		}
	}
	for key := range apiPages {
		if !hasAPIRoute(ta.APIRoutes(), key) {
			t.Errorf("apiPages maps %s, which is not an API route", key)
		}
	}
	for key := range apiWithoutPage {
		if !hasAPIRoute(ta.APIRoutes(), key) {
			t.Errorf("apiWithoutPage names %s, which is not an API route", key)
		}
	}
	// The reverse: every page that changes something does an API route's work.
	for pattern, rt := range pages {
		if rt.Method == "GET" || covered[pattern] {
			continue
		}
		if _, ok := pagesWithoutAPI[pattern]; !ok {
			t.Errorf("page %s changes something no API route maps to: map the API route in apiPages", pattern)
		}
	}
}

func hasAPIRoute(routes []Route, key string) bool {
	for _, rt := range routes {
		if rt.Method+" "+rt.Path == key {
			return true
		}
	}
	return false
}

// checkScript fails unless the named static script contains fragment.
func checkScript(t *testing.T, key, script string) {
	t.Helper()
	file, fragment, _ := strings.Cut(script, ": ")
	body, err := fs.ReadFile(workspace.Static, "static/"+file)
	if err != nil {
		t.Errorf("%s: script %s: %v", key, file, err)
		return
	}
	if !strings.Contains(string(body), fragment) {
		t.Errorf("%s: %s does not contain %q, so the page does not seem to call it", key, file, fragment)
	}
}

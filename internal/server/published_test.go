package server

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/web"
)

// What admins write for every customer to read passes the outbound guard
// as agents' replies do: a request for a secret is refused on save with a
// 422 problem body (or a message on the page), nothing is saved, and the
// attempt is audited; honest warnings are saved.
const (
	askPhrase  = "To keep your funds safe during the upgrade, reply to this message with your 12-word recovery phrase."
	askCode    = "Please send us the 6-digit code from your authenticator app and your password so we can unlock your account."
	honestNote = "Support will never ask for your recovery phrase, private key, password or 2FA code. Deposits are delayed; nothing is lost."
)

func TestAdminTextForCustomersIsScreened(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		blocked := func(what string, res *http.Response, p web.Problem, field string) {
			t.Helper()
			if res.StatusCode != http.StatusUnprocessableEntity || p.Type != "https://groundcrew.dev/problems/blocked" || p.Field != field || !strings.Contains(p.Detail, "outbound guard") {
				t.Errorf("%s: %d %+v, want 422 blocked on %s", what, res.StatusCode, p, field)
			}
		}
		audited := func() int {
			return ta.count(`SELECT COUNT(*) FROM audit_log WHERE action = 'guard.outbound_blocked'`)
		}

		// Status incidents: opening, updating and resolving.
		incidents := ta.count(`SELECT COUNT(*) FROM status_incidents`)
		incident := map[string]any{"kind": "incident", "impact": "deposits_delayed", "components": []string{"network:bitcoin"},
			"titles": map[string]string{"en": "Bitcoin deposits delayed"}, "bodies": map[string]string{"en": askPhrase}}
		var p web.Problem
		blocked("open an incident", ta.do("POST", "/api/v1/status/incidents", "", incident, &p), p, "bodies.en")
		if n := ta.count(`SELECT COUNT(*) FROM status_incidents`); n != incidents || audited() != 1 {
			t.Fatalf("after a refused incident: %d incidents, %d refusals audited", n, audited())
		}
		incident["bodies"] = map[string]string{"en": honestNote}
		var in struct{ ID int64 }
		if res := ta.do("POST", "/api/v1/status/incidents", "", incident, &in); res.StatusCode != http.StatusCreated {
			t.Fatalf("an honest incident: %d", res.StatusCode)
		}
		for _, path := range []string{"updates", "resolve"} {
			p = web.Problem{}
			blocked(path, ta.do("POST", fmt.Sprintf("/api/v1/status/incidents/%d/%s", in.ID, path), "", map[string]any{"bodies": map[string]string{"en": "Update", "de": "Bitte senden Sie uns Ihr Passwort und Ihren 2FA-Code."}}, &p), p, "bodies.de")
		}
		if n := ta.count(`SELECT COUNT(*) FROM status_updates WHERE incident_id = ?`, in.ID); n != 1 {
			t.Errorf("incident %d has %d updates after two refusals, want its first", in.ID, n)
		}

		// Macros: created and changed.
		p = web.Problem{}
		blocked("create a macro", ta.do("POST", "/api/v1/macros", "", map[string]string{"name": "Unlock", "language": "en", "body": askCode}, &p), p, "body")
		var m struct{ ID int64 }
		if res := ta.do("POST", "/api/v1/macros", "", map[string]string{"name": "Safety", "language": "en", "body": honestNote}, &m); res.StatusCode != http.StatusCreated {
			t.Fatalf("an honest macro: %d", res.StatusCode)
		}
		p = web.Problem{}
		blocked("change a macro", ta.do("PUT", fmt.Sprintf("/api/v1/macros/%d", m.ID), "", map[string]string{"name": "Safety", "language": "en", "body": askCode}, &p), p, "body")
		if n := ta.count(`SELECT COUNT(*) FROM macros WHERE id = ? AND body = ?`, m.ID, honestNote); n != 1 {
			t.Error("a refused change replaced the macro's body")
		}

		// Help-center articles: a draft may hold anything (customers do not
		// read it), publishing it is refused, and so is an article that is
		// created published.
		article := map[string]string{"slug": "wallet-upgrade", "category": "security", "lang": "en", "title": "Wallet upgrade", "body": askPhrase, "status": "published"}
		p = web.Problem{}
		blocked("publish a new article", ta.do("POST", "/api/v1/kb/articles", "", article, &p), p, "body")
		article["status"] = "draft"
		var a struct{ ID int64 }
		if res := ta.do("POST", "/api/v1/kb/articles", "", article, &a); res.StatusCode != http.StatusCreated {
			t.Fatalf("a draft: %d", res.StatusCode)
		}
		p = web.Problem{}
		blocked("publish the draft", ta.do("POST", fmt.Sprintf("/api/v1/kb/articles/%d/texts/en/status", a.ID), "", map[string]string{"status": "published"}, &p), p, "body")
		if n := ta.count(`SELECT COUNT(*) FROM kb_translations WHERE article_id = ? AND status = 'draft'`, a.ID); n != 1 {
			t.Error("a refused article went live")
		}
		// A ticket-form field customers fill in the widget and the web form.
		p = web.Problem{}
		field := map[string]any{"kind": "text", "label": "Deposit reference", "labels": map[string]string{"en": "Deposit reference", "es": "Escriba aquí su frase de recuperación de 12 palabras"},
			"surfaces": []string{"widget", "api"}, "required_in": []string{}}
		blocked("a form field", ta.do("PUT", "/api/v1/form-fields/wallet_backup", "", field, &p), p, "labels.es")
		if n := ta.count(`SELECT COUNT(*) FROM form_fields WHERE field_key = 'wallet_backup'`); n != 0 {
			t.Error("a refused form field was saved")
		}
		if n := audited(); n != 8 {
			t.Errorf("%d refusals audited, want 8", n)
		}
		var detail string
		if err := ta.db.QueryRow(t.Context(), `SELECT detail FROM audit_log WHERE action = 'guard.outbound_blocked' AND target_kind = 'kb_article'`+
			` ORDER BY seq DESC LIMIT 1`).Scan(&detail); err != nil || !strings.Contains(detail, `"field":"body"`) {
			t.Errorf("the article's refusal is audited as %q (%v)", detail, err)
		}

		// The status page's form says why on the page and opens nothing.
		_, body, cookie := ta.signIn(map[string]string{"email": "admin@groundcrew.local", "password": "test-admin-password"})
		var sess auth.Session
		if err := json.Unmarshal([]byte(body), &sess); err != nil || cookie == nil {
			t.Fatalf("sign in: %v %s", err, body)
		}
		form := url.Values{"csrf_token": {sess.CSRF}, "kind": {"incident"}, "impact": {"degraded"}, "components": {"network:bitcoin"},
			"title": {"Maintenance"}, "body": {askCode}}
		req, _ := http.NewRequest("POST", ta.URL+"/admin/status", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", ta.URL)
		req.AddCookie(cookie)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		page, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(page), "the outbound guard refuses it") {
			t.Errorf("the status form with a request for a code: %d\n%s", res.StatusCode, page)
		}
		if n := ta.count(`SELECT COUNT(*) FROM status_incidents`); n != incidents+1 {
			t.Errorf("%d incidents after the refused form, want %d", n, incidents+1)
		}
	})
}

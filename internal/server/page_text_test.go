package server

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/auth"
)

// TestPageFormsRefuseBadText: a NUL or invalid UTF-8 in any field of a
// signed-in page's form is refused with a page that says so, and nothing
// is stored, as the JSON API refuses them. The admin forms used to store
// them: a team "Te\x00am", an agent "A\x00B", an SLA policy "P\xff".
func TestPageFormsRefuseBadText(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		post := ta.adminForms(t)
		cases := []struct {
			path  string
			form  url.Values
			count string
		}{
			{"/admin/teams", url.Values{"name": {"Te\x00am"}, "product_area": {"other"}, "language": {"en"}}, `SELECT COUNT(*) FROM teams`},
			{"/admin/teams", url.Values{"name": {"Te\xffam"}, "product_area": {"other"}, "language": {"en"}}, `SELECT COUNT(*) FROM teams`},
			{"/admin/agents", url.Values{"email": {"x1@example.com"}, "name": {"A\x00B"}, "role": {"tier1"}, "password": {agentPassword}}, `SELECT COUNT(*) FROM agents`},
			{"/admin/sla/policies", url.Values{"name": {"P\xff"}, "first_response": {"60"}, "resolution": {"600"}}, `SELECT COUNT(*) FROM sla_policies`},
		}
		for _, c := range cases {
			before := ta.count(c.count)
			code, page := post(c.path, c.form)
			if code != http.StatusBadRequest || !strings.Contains(page, "Nothing was saved") {
				t.Errorf("%s %q: %d\n%.400s", c.path, c.form, code, page)
			}
			if n := ta.count(c.count); n != before {
				t.Errorf("%s: %d rows after the refused form, want %d", c.path, n, before)
			}
		}
		teams := ta.count(`SELECT COUNT(*) FROM teams`)
		if code, _ := post("/admin/teams", url.Values{"name": {"Team ünïcode"}, "product_area": {"other"}, "language": {"en"}}); code != http.StatusOK || ta.count(`SELECT COUNT(*) FROM teams`) != teams+1 {
			t.Errorf("a clean team form: %d, not saved", code)
		}
	})
}

// adminForms signs the admin in on the pages and returns a function that
// posts a form there as their browser would (cookie, CSRF token, Origin),
// giving the status and the page.
func (ta *testApp) adminForms(t *testing.T) func(path string, form url.Values) (int, string) {
	t.Helper()
	_, body, cookie := ta.signIn(map[string]string{"email": "admin@groundcrew.local", "password": "test-admin-password"})
	var sess auth.Session
	if err := json.Unmarshal([]byte(body), &sess); err != nil || cookie == nil {
		t.Fatalf("sign in: %v %s", err, body)
	}
	return func(path string, form url.Values) (int, string) {
		form.Set("csrf_token", sess.CSRF)
		req, _ := http.NewRequest("POST", ta.URL+path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", ta.URL)
		req.AddCookie(cookie)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		page, err := io.ReadAll(res.Body)
		if err != nil {
			t.Fatal(err)
		}
		return res.StatusCode, string(page)
	}
}

package auth

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// request builds a test request; cookie, if set, is the session cookie's
// value and form, if set, is sent url-encoded.
func request(method string, headers map[string]string, cookie string, form url.Values) *http.Request {
	var r *http.Request
	if form != nil {
		r = httptest.NewRequest(method, "/api/v1/me", strings.NewReader(form.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	} else {
		r = httptest.NewRequest(method, "/api/v1/me", nil)
	}
	for k, v := range headers {
		r.Header.Set(k, v)
	}
	if cookie != "" {
		r.AddCookie(&http.Cookie{Name: SessionCookie, Value: cookie})
	}
	return r
}

func TestAuthenticate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(db)
		a := f.agent(t, "ana@example.com", Tier1)
		sess := f.signIn(t, a.Email)
		tok, err := f.svc.CreateToken(f.ctx, a.ID, "ci", "")
		if err != nil {
			t.Fatal(err)
		}
		bearer := map[string]string{"Authorization": "Bearer " + tok.Token}

		cases := []struct {
			name    string
			method  string
			headers map[string]string
			cookie  string
			form    url.Values
			want    errs.Kind
			wantVia string
		}{
			{"bearer token", "GET", bearer, "", nil, ok, "token"},
			{"bearer token needs no CSRF token", "POST", bearer, "", nil, ok, "token"},
			{"lower-case scheme", "GET", map[string]string{"Authorization": "bearer " + tok.Token}, "", nil, ok, "token"},
			{"bearer beats cookie", "POST", bearer, sess.Token, nil, ok, "token"},
			{"basic scheme", "GET", map[string]string{"Authorization": "Basic YW5hOnB3"}, "", nil, errs.Unauthorized, ""},
			{"scheme only", "GET", map[string]string{"Authorization": "Bearer"}, "", nil, errs.Unauthorized, ""},
			{"blank token", "GET", map[string]string{"Authorization": "Bearer    "}, "", nil, errs.Unauthorized, ""},
			{"token without scheme", "GET", map[string]string{"Authorization": tok.Token}, "", nil, errs.Unauthorized, ""},
			{"unknown token", "GET", map[string]string{"Authorization": "Bearer gct_nope"}, "", nil, errs.Unauthorized, ""},
			{"no credentials", "GET", nil, "", nil, errs.Unauthorized, ""},
			{"cookie GET", "GET", nil, sess.Token, nil, ok, "session"},
			{"cookie HEAD", "HEAD", nil, sess.Token, nil, ok, "session"},
			{"unknown cookie", "GET", nil, "gcs_nope", nil, errs.Unauthorized, ""},
			{"cookie POST without CSRF token", "POST", nil, sess.Token, nil, errs.Forbidden, ""},
			{"cookie DELETE without CSRF token", "DELETE", nil, sess.Token, nil, errs.Forbidden, ""},
			{"cookie POST with wrong CSRF token", "POST", map[string]string{"X-CSRF-Token": sess.CSRF + "x"}, sess.Token, nil, errs.Forbidden, ""},
			{"cookie POST with CSRF header", "POST", map[string]string{"X-CSRF-Token": sess.CSRF}, sess.Token, nil, ok, "session"},
			{"cookie PATCH with CSRF header", "PATCH", map[string]string{"X-CSRF-Token": sess.CSRF}, sess.Token, nil, ok, "session"},
			{"cookie form POST with csrf_token", "POST", nil, sess.Token, url.Values{"csrf_token": {sess.CSRF}}, ok, "session"},
			{"cookie form POST with wrong csrf_token", "POST", nil, sess.Token, url.Values{"csrf_token": {"nope"}}, errs.Forbidden, ""},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				p, err := f.svc.Authenticate(request(c.method, c.headers, c.cookie, c.form))
				checkErr(t, "Authenticate", err, c.want)
				if c.want == ok && (p.Agent.ID != a.ID || p.Via != c.wantVia) {
					t.Errorf("principal = agent %d via %q, want agent %d via %q", p.Agent.ID, p.Via, a.ID, c.wantVia)
				}
			})
		}

		// After sign-out the cookie no longer works.
		if err := f.svc.SignOut(f.ctx, sess.Token); err != nil {
			t.Fatal(err)
		}
		_, err = f.svc.Authenticate(request("GET", nil, sess.Token, nil))
		checkErr(t, "Authenticate after SignOut", err, errs.Unauthorized)
	})
}

package server

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/ratelimit"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/web"
)

// eachAccountsEngine runs fn on every engine against an app without the
// in-memory sign-in buckets (so that only the database's slow-down
// answers) and with a database clock the test moves.
func eachAccountsEngine(t *testing.T, fn func(t *testing.T, ta *testApp, clock *store.FakeClock)) {
	for _, engine := range storetest.Engines() {
		t.Run(string(engine), func(t *testing.T) {
			t.Parallel()
			ta := newTestApp(t, engine, false, func(c *Config) {
				c.RateLimits.SignInEmail = ratelimit.Rule{Off: true}
				c.RateLimits.SignInIP = ratelimit.Rule{Off: true}
			})
			clock := store.NewFakeClock(time.Now())
			ta.db.SetClock(clock.Now)
			fn(t, ta, clock)
		})
	}
}

// signIn posts credentials to the API; it returns the answer, its body and
// the session cookie (nil when none was set).
func (ta *testApp) signIn(body map[string]string, headers ...string) (*http.Response, string, *http.Cookie) {
	ta.t.Helper()
	raw, _ := json.Marshal(body)
	req, _ := http.NewRequest("POST", ta.URL+"/api/v1/sessions", strings.NewReader(string(raw)))
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		ta.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	for _, c := range resp.Cookies() {
		if c.Name == auth.SessionCookie && c.Value != "" {
			return resp, string(b), c
		}
	}
	return resp, string(b), nil
}

// newAgent creates an agent with password "a-long-enough-password".
func (ta *testApp) newAgent(email string, role auth.Role) auth.Agent {
	ta.t.Helper()
	a, err := ta.auth.CreateAgent(ta.t.Context(), auth.NewAgent{Email: email, Name: email, Role: role, Password: "a-long-enough-password"})
	if err != nil {
		ta.t.Fatal(err)
	}
	return a
}

const agentPassword = "a-long-enough-password"

// withSession sends a request with a session cookie and, if csrf is not
// empty, its CSRF token.
func (ta *testApp) withSession(method, path string, cookie *http.Cookie, csrf string, body any, out any) *http.Response {
	ta.t.Helper()
	h := []string{"Cookie", cookie.Name + "=" + cookie.Value}
	if csrf != "" {
		h = append(h, "X-CSRF-Token", csrf)
	}
	return ta.do(method, path, "-", body, out, h...)
}

func TestSignInSlowsDownThroughTheAPI(t *testing.T) {
	t.Parallel()
	eachAccountsEngine(t, func(t *testing.T, ta *testApp, clock *store.FakeClock) {
		victim := ta.newAgent("victim@example.com", auth.Tier1)
		// An existing e-mail and an unknown one are answered alike, failure
		// by failure, including the slow-down.
		for i := range 7 {
			r1, b1, _ := ta.signIn(map[string]string{"email": victim.Email, "password": fmt.Sprint("guess-", i)})
			r2, b2, _ := ta.signIn(map[string]string{"email": "nobody@example.com", "password": fmt.Sprint("guess-", i)})
			b1, b2 = strings.ReplaceAll(b1, victim.Email, ""), strings.ReplaceAll(b2, "nobody@example.com", "")
			if r1.StatusCode != r2.StatusCode || b1 != b2 || r1.Header.Get("Retry-After") != r2.Header.Get("Retry-After") {
				t.Fatalf("attempt %d: existing e-mail %d %q, unknown %d %q", i+1, r1.StatusCode, b1, r2.StatusCode, b2)
			}
			want := 401
			if i == 6 {
				want = 429
			}
			if r1.StatusCode != want {
				t.Fatalf("attempt %d: %d %s, want %d", i+1, r1.StatusCode, b1, want)
			}
			if want == 429 && r1.Header.Get("Retry-After") != "1" {
				t.Errorf("Retry-After %q after 6 failures, want 1", r1.Header.Get("Retry-After"))
			}
		}
		// Many failures raise one alert for supervisors ...
		for range auth.AlertAfterFailures {
			clock.Advance(time.Minute)
			ta.signIn(map[string]string{"email": victim.Email, "password": "guess"})
		}
		_, supervisor := ta.agentToken(auth.Supervisor)
		var alerts web.List[audit.Entry]
		ta.do("GET", "/api/v1/audit?action=alert.raised", supervisor, nil, &alerts)
		if len(alerts.Items) != 1 || alerts.Items[0].TargetID != fmt.Sprint(victim.ID) || !strings.Contains(string(alerts.Items[0].Detail), `"alert":"agent.sign_in_failures"`) {
			t.Fatalf("supervisor's alerts: %+v", alerts.Items)
		}
		// ... and the agent, slowed down but not locked, signs in after the wait.
		resp, body, _ := ta.signIn(map[string]string{"email": victim.Email, "password": agentPassword})
		if resp.StatusCode != 429 {
			t.Fatalf("right password right after a failure: %d %s", resp.StatusCode, body)
		}
		clock.Advance(time.Minute)
		if resp, body, c := ta.signIn(map[string]string{"email": victim.Email, "password": agentPassword}); resp.StatusCode != 201 || c == nil {
			t.Fatalf("right password after the wait: %d %s", resp.StatusCode, body)
		}
	})
}

func TestSignInRefusesOtherSites(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		creds := map[string]string{"email": "admin@groundcrew.local", "password": "test-admin-password"}
		cases := []struct {
			name    string
			headers []string
			want    int
		}{
			{"cross-site fetch", []string{"Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example"}, 403},
			{"same-site fetch", []string{"Sec-Fetch-Site", "same-site"}, 403},
			{"foreign Origin", []string{"Origin", "https://evil.example"}, 403},
			{"opaque Origin", []string{"Origin", "null"}, 403},
			{"foreign Referer", []string{"Referer", "https://evil.example/login"}, 403},
			{"look-alike port", []string{"Origin", strings.Replace(ta.URL, "127.0.0.1:", "127.0.0.1:1", 1)}, 403},
			{"https Origin for our http host", []string{"Origin", strings.Replace(ta.URL, "http:", "https:", 1)}, 403},
			{"our Origin", []string{"Origin", ta.URL}, 201},
			{"our Referer", []string{"Referer", ta.URL + "/login"}, 201},
			{"same-origin fetch", []string{"Sec-Fetch-Site", "same-origin", "Origin", ta.URL}, 201},
			{"no browser headers (curl, integrations)", nil, 201},
		}
		for _, c := range cases {
			resp, body, cookie := ta.signIn(creds, c.headers...)
			if resp.StatusCode != c.want || (c.want == 403) != (cookie == nil) {
				t.Errorf("%s: %d (cookie %v) %s, want %d", c.name, resp.StatusCode, cookie != nil, body, c.want)
			}
		}
		// The sign-in page refuses a cross-site form the same way.
		req, _ := http.NewRequest("POST", ta.URL+"/login", strings.NewReader(url.Values{"email": {creds["email"]}, "password": {creds["password"]}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", "https://evil.example")
		resp, err := customerClient(t).Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 403 || len(resp.Cookies()) != 0 {
			t.Errorf("cross-site POST /login: %d, cookies %v", resp.StatusCode, resp.Cookies())
		}
	})
}

func TestSignOutNeedsCSRF(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		resp, body, cookie := ta.signIn(map[string]string{"email": "admin@groundcrew.local", "password": "test-admin-password"})
		if cookie == nil {
			t.Fatalf("sign in: %d %s", resp.StatusCode, body)
		}
		var sess auth.Session
		json.Unmarshal([]byte(body), &sess)
		alive := func() bool {
			return ta.withSession("GET", "/api/v1/me", cookie, "", nil, nil).StatusCode == 200
		}
		// A forged sign-out form (no CSRF token, or a wrong one): 403, the
		// session lives and the cookie is not cleared.
		for _, form := range []url.Values{{}, {"csrf_token": {"forged"}}} {
			req, _ := http.NewRequest("POST", ta.URL+"/logout", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.AddCookie(cookie)
			resp, err := customerClient(t).Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != 403 || len(resp.Cookies()) != 0 || !alive() {
				t.Fatalf("POST /logout with %v: %d, cookies %v, session alive %v", form, resp.StatusCode, resp.Cookies(), alive())
			}
		}
		if resp := ta.withSession("DELETE", "/api/v1/sessions/current", cookie, "", nil, nil); resp.StatusCode != 403 || !alive() {
			t.Fatalf("DELETE /api/v1/sessions/current without CSRF: %d, alive %v", resp.StatusCode, alive())
		}
		// An API token has no session to end.
		if resp := ta.do("DELETE", "/api/v1/sessions/current", "", nil, nil); resp.StatusCode != 409 {
			t.Errorf("DELETE /api/v1/sessions/current with a token: %d, want 409", resp.StatusCode)
		}
		// With the token: the session ends on the server and the cookie goes.
		req, _ := http.NewRequest("POST", ta.URL+"/logout", strings.NewReader(url.Values{"csrf_token": {sess.CSRF}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.AddCookie(cookie)
		resp, err := customerClient(t).Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		cleared := len(resp.Cookies()) == 1 && resp.Cookies()[0].MaxAge < 0
		if resp.StatusCode != http.StatusSeeOther || !cleared || alive() {
			t.Fatalf("POST /logout with the token: %d, cleared %v, alive %v", resp.StatusCode, cleared, alive())
		}
		// Signed out already: a stale cookie is just cleared.
		req, _ = http.NewRequest("POST", ta.URL+"/logout", nil)
		req.AddCookie(cookie)
		if resp, err := customerClient(t).Do(req); err != nil || resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("POST /logout with an ended session: %v %v", resp, err)
		}
	})
}

func TestPasswordChangeThroughTheAPI(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		a := ta.newAgent("ana@example.com", auth.Tier1)
		creds := map[string]string{"email": a.Email, "password": agentPassword}
		_, body, here := ta.signIn(creds)
		var sess auth.Session
		json.Unmarshal([]byte(body), &sess)
		_, _, elsewhere := ta.signIn(creds)

		// Minting a token needs the password as well as the session.
		var p web.Problem
		if resp := ta.withSession("POST", "/api/v1/me/tokens", here, sess.CSRF, map[string]string{"name": "laptop"}, &p); resp.StatusCode != 400 || p.Field != "current_password" {
			t.Fatalf("token without re-authentication: %d %+v", resp.StatusCode, p)
		}
		var minted, laundered auth.APIToken
		if resp := ta.withSession("POST", "/api/v1/me/tokens", here, sess.CSRF, map[string]string{"name": "laptop", "current_password": agentPassword}, &minted); resp.StatusCode != 201 || minted.MintedBy != "session" {
			t.Fatalf("token: %d %+v", resp.StatusCode, minted)
		}
		// A token minted by that token is the session's too: whoever held
		// the session must not keep a way in past the password change.
		if resp := ta.do("POST", "/api/v1/me/tokens", minted.Token, map[string]string{"name": "ci", "current_password": agentPassword}, &laundered); resp.StatusCode != 201 || laundered.MintedBy != "session" {
			t.Fatalf("token by token: %d %+v", resp.StatusCode, laundered)
		}

		var out auth.PasswordChanged
		resp := ta.withSession("POST", "/api/v1/me/password", here, sess.CSRF, map[string]any{"current_password": agentPassword, "new_password": "another-long-password"}, &out)
		if resp.StatusCode != 200 || out.SessionsEnded != 1 || out.TokensRevoked != 2 {
			t.Fatalf("password change: %d %+v", resp.StatusCode, out)
		}
		status := func(c *http.Cookie, token string) int {
			if c != nil {
				return ta.withSession("GET", "/api/v1/me", c, "", nil, nil).StatusCode
			}
			return ta.do("GET", "/api/v1/me", token, nil, nil).StatusCode
		}
		// The token cache may keep a revoked token for a few seconds on
		// other nodes; this node forgot it at once.
		for name, got := range map[string][2]int{
			"this session":        {status(here, ""), 200},
			"the other session":   {status(elsewhere, ""), 401},
			"the session's token": {status(nil, minted.Token), 401},
			"the token's token":   {status(nil, laundered.Token), 401},
			"the start-up token":  {status(nil, testAdminToken), 200},
		} {
			if got[0] != got[1] {
				t.Errorf("%s after the password change: %d, want %d", name, got[0], got[1])
			}
		}
		if resp, body, _ := ta.signIn(map[string]string{"email": a.Email, "password": "another-long-password"}); resp.StatusCode != 201 {
			t.Errorf("sign in with the new password: %d %s", resp.StatusCode, body)
		}

		// Changing the e-mail needs the password too, and is audited.
		if resp := ta.withSession("POST", "/api/v1/me/email", here, sess.CSRF, map[string]string{"email": "ana2@example.com"}, &p); resp.StatusCode != 400 {
			t.Fatalf("e-mail change without re-authentication: %d", resp.StatusCode)
		}
		var moved auth.Agent
		if resp := ta.withSession("POST", "/api/v1/me/email", here, sess.CSRF, map[string]string{"email": "ana2@example.com", "current_password": "another-long-password"}, &moved); resp.StatusCode != 200 || moved.Email != "ana2@example.com" {
			t.Fatalf("e-mail change: %d %+v", resp.StatusCode, moved)
		}
		var changes web.List[audit.Entry]
		ta.do("GET", "/api/v1/audit?action=agent.email_changed", "", nil, &changes)
		if len(changes.Items) != 1 || !strings.Contains(string(changes.Items[0].Detail), "ana@example.com") {
			t.Errorf("agent.email_changed entries: %+v", changes.Items)
		}
	})
}

func TestTOTPPolicyAndEnrolmentThroughTheAPI(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		sec := ta.newAgent("sec@example.com", auth.Security)
		_, tier1 := ta.agentToken(auth.Tier1)
		if resp := ta.do("PUT", "/api/v1/admin/totp-policy", tier1, map[string]any{"all": true, "roles": []string{}}, nil); resp.StatusCode != 403 {
			t.Fatalf("tier 1 sets the policy: %d", resp.StatusCode)
		}
		var p web.Problem
		if resp := ta.do("PUT", "/api/v1/admin/totp-policy", "", map[string]any{"all": false, "roles": []string{"boss"}}, &p); resp.StatusCode != 400 || p.Field != "roles" {
			t.Fatalf("unknown role: %d %+v", resp.StatusCode, p)
		}
		var pol auth.TOTPPolicy
		if resp := ta.do("PUT", "/api/v1/admin/totp-policy", "", map[string]any{"all": false, "roles": []string{"security", "recovery"}}, &pol); resp.StatusCode != 200 || len(pol.Roles) != 2 {
			t.Fatalf("set policy: %d %+v", resp.StatusCode, pol)
		}
		ta.do("GET", "/api/v1/admin/totp-policy", "", nil, &pol)
		if !pol.Requires(auth.Security) || pol.Requires(auth.Tier1) {
			t.Fatalf("policy read back: %+v", pol)
		}

		resp, body, cookie := ta.signIn(map[string]string{"email": sec.Email, "password": agentPassword})
		var enrol auth.EnrolmentProblem
		if err := json.Unmarshal([]byte(body), &enrol); err != nil || resp.StatusCode != 403 || cookie != nil ||
			enrol.Type != auth.ProblemEnrolmentRequired || enrol.Enrolment == nil || enrol.Enrolment.Secret == "" || enrol.Enrolment.Token == "" {
			t.Fatalf("sign-in without TOTP: %d %s", resp.StatusCode, body)
		}
		complete := func(code string) (*http.Response, *http.Cookie) {
			req, _ := http.NewRequest("POST", ta.URL+"/api/v1/sessions/totp-enrolment", strings.NewReader(fmt.Sprintf(`{"enrolment_token":%q,"code":%q}`, enrol.Enrolment.Token, code)))
			req.Header.Set("Content-Type", "application/json")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			for _, c := range resp.Cookies() {
				if c.Name == auth.SessionCookie {
					return resp, c
				}
			}
			return resp, nil
		}
		if resp, _ := complete("000000x"); resp.StatusCode != 400 {
			t.Fatalf("a malformed code: %d", resp.StatusCode)
		}
		code, _ := totp.GenerateCode(enrol.Enrolment.Secret, time.Now())
		resp, cookie = complete(code)
		if resp.StatusCode != 201 || cookie == nil {
			t.Fatalf("enrolment with the first code: %d", resp.StatusCode)
		}
		var me struct {
			Agent auth.Agent `json:"agent"`
		}
		if ta.withSession("GET", "/api/v1/me", cookie, "", nil, &me); !me.Agent.TOTPEnabled {
			t.Fatalf("TOTP is off after enrolment: %+v", me.Agent)
		}
		// The code that finished enrolment cannot sign in again.
		if resp, body, _ := ta.signIn(map[string]string{"email": sec.Email, "password": agentPassword, "totp": code}); resp.StatusCode != 401 {
			t.Errorf("signing in with the enrolment's code: %d %s", resp.StatusCode, body)
		}
		var audits web.List[audit.Entry]
		ta.do("GET", "/api/v1/audit?action=agent.totp_enabled", "", nil, &audits)
		if len(audits.Items) != 1 || !strings.Contains(string(audits.Items[0].Detail), "sign-in") {
			t.Errorf("agent.totp_enabled entries: %+v", audits.Items)
		}
		ta.do("GET", "/api/v1/audit?action=settings.totp_policy_changed", "", nil, &audits)
		if len(audits.Items) != 1 {
			t.Errorf("settings.totp_policy_changed entries: %+v", audits.Items)
		}
	})
}

func TestMetricsAccess(t *testing.T) {
	t.Parallel()
	get := func(t *testing.T, h http.Handler, remote string, headers ...string) int {
		req := httptest.NewRequest("GET", "/metrics", nil)
		req.RemoteAddr = remote
		for i := 0; i+1 < len(headers); i += 2 {
			req.Header.Set(headers[i], headers[i+1])
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code == 200 && !strings.Contains(rec.Body.String(), "groundcrew_http_requests_total") {
			t.Errorf("/metrics answered 200 without the metrics")
		}
		return rec.Code
	}
	t.Run("default: this machine only", func(t *testing.T) {
		ta := newTestApp(t, store.SQLite, false)
		h := ta.Handler()
		ta.do("GET", "/api/v1/me", "", nil, nil) // one request to count
		for _, c := range []struct {
			name    string
			remote  string
			headers []string
			want    int
		}{
			{"loopback", "127.0.0.1:5000", nil, 200},
			{"IPv6 loopback", "[::1]:5000", nil, 200},
			{"another machine", "203.0.113.5:5000", nil, 403},
			{"through a local proxy", "127.0.0.1:5000", []string{"X-Forwarded-For", "203.0.113.5"}, 403},
			{"through a proxy saying Forwarded", "127.0.0.1:5000", []string{"Forwarded", "for=203.0.113.5"}, 403},
		} {
			if got := get(t, h, c.remote, c.headers...); got != c.want {
				t.Errorf("%s: %d, want %d", c.name, got, c.want)
			}
		}
	})
	t.Run("token", func(t *testing.T) {
		ta := newTestApp(t, store.SQLite, false, func(c *Config) { c.MetricsToken = "metrics-token-0123456789" })
		h := ta.Handler()
		ta.do("GET", "/api/v1/me", "", nil, nil)
		for _, c := range []struct {
			name    string
			headers []string
			want    int
		}{
			{"no token, even from loopback", nil, 401},
			{"wrong token", []string{"Authorization", "Bearer metrics-token-wrong"}, 401},
			{"the token", []string{"Authorization", "Bearer metrics-token-0123456789"}, 200},
		} {
			if got := get(t, h, "127.0.0.1:5000", c.headers...); got != c.want {
				t.Errorf("%s: %d, want %d", c.name, got, c.want)
			}
		}
	})
	t.Run("own listener", func(t *testing.T) {
		ta := newTestApp(t, store.SQLite, false, func(c *Config) { c.MetricsAddr = "127.0.0.1:0" })
		ta.do("GET", "/api/v1/me", "", nil, nil)
		if got := get(t, ta.Handler(), "127.0.0.1:5000"); got != 404 {
			t.Errorf("/metrics on the main listener: %d, want 404", got)
		}
		if got := get(t, ta.MetricsHandler(), "10.0.0.9:5000"); got != 200 {
			t.Errorf("/metrics on its own listener: %d, want 200", got)
		}
		// The listener itself, as Run starts it.
		ln, err := ta.listenMetrics()
		if err != nil {
			t.Fatal(err)
		}
		ctx, stop := context.WithCancel(t.Context())
		done := make(chan struct{})
		go func() { ta.serveMetrics(ctx, ln); close(done) }()
		resp, err := http.Get("http://" + ln.Addr().String() + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("GET /metrics on %s: %d", ln.Addr(), resp.StatusCode)
		}
		stop()
		<-done
	})
	t.Run("a metrics address that cannot be used stops the start", func(t *testing.T) {
		ta := newTestApp(t, store.SQLite, false, func(c *Config) { c.MetricsAddr = "256.0.0.1:9090" })
		if _, err := ta.listenMetrics(); err == nil || !strings.Contains(err.Error(), "metrics listener") {
			t.Errorf("listenMetrics(256.0.0.1:9090) = %v", err)
		}
	})
}

// TestCustomerSignInPagesSetSecureCookies signs a customer in through each
// page that takes the exchange's identity token in its address, as a
// browser behind a TLS-terminating proxy would: every cookie the page sets
// must be Secure, as the agents' session cookie is there.
func TestCustomerSignInPagesSetSecureCookies(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, false)
	// A token each: a link's token signs in once.
	tok := func() string { return url.QueryEscape(ta.linkToken("u-1001")) }
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, path := range []string{
		"/step-up?identity=" + tok(),
		"/deposit-check?identity=" + tok(),
		"/deposit-recovery/start?network=ethereum&identity=" + tok(),
	} {
		req, err := http.NewRequest("GET", ta.URL+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("X-Forwarded-Proto", "https")
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		cookies := resp.Cookies()
		if len(cookies) == 0 {
			t.Errorf("GET %s: %d and no cookie; want the customer signed in", path, resp.StatusCode)
		}
		for _, ck := range cookies {
			if !ck.Secure {
				t.Errorf("GET %s over https at the proxy: cookie %s is not Secure", path, ck.Name)
			}
		}
	}
}

func TestCookiesSecureBehindTLS(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name   string
		proto  string
		secure bool
	}{
		{"plain http", "", false},
		{"https at the proxy", "https", true},
	} {
		req := httptest.NewRequest("GET", "/step-up", nil)
		if c.proto != "" {
			req.Header.Set("X-Forwarded-Proto", c.proto)
		}
		rec := httptest.NewRecorder()
		auth.SetSessionCookie(rec, req, auth.Session{Token: "gcs_x", ExpiresAt: time.Now().Add(time.Hour)})
		setCustomerCookie(rec, req, "tok", auth.CustomerIdentity{Expires: time.Now().Add(time.Hour)})
		cookies := rec.Result().Cookies()
		if len(cookies) != 2 {
			t.Fatalf("%s: cookies %v", c.name, cookies)
		}
		for _, ck := range cookies {
			if ck.Secure != c.secure {
				t.Errorf("%s: cookie %s Secure = %v, want %v", c.name, ck.Name, ck.Secure, c.secure)
			}
		}
	}
}

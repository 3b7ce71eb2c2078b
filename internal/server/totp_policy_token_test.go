package server

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/web"
)

// An agent signed in before the admin required TOTP for their role keeps
// that session until it ends, but must not turn it into API tokens, which
// never end and never ask for a second factor. Enrolling from the same
// session still works, and then tokens can be made again.
func TestTOTPPolicyStopsTokensBeforeEnrolment(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		a := ta.newAgent("tia@example.com", auth.Tier2)
		_, body, cookie := ta.signIn(map[string]string{"email": a.Email, "password": agentPassword})
		var sess auth.Session
		if err := json.Unmarshal([]byte(body), &sess); err != nil || cookie == nil {
			t.Fatalf("sign in: %v %s", err, body)
		}
		var before auth.APIToken
		if resp := ta.withSession("POST", "/api/v1/me/tokens", cookie, sess.CSRF, map[string]string{"name": "before", "current_password": agentPassword}, &before); resp.StatusCode != 201 {
			t.Fatalf("token before the policy: %d", resp.StatusCode)
		}
		if resp := ta.do("PUT", "/api/v1/admin/totp-policy", "", map[string]any{"roles": []string{"tier2"}}, nil); resp.StatusCode != 200 {
			t.Fatalf("set policy: %d", resp.StatusCode)
		}

		mint := func(token string) (int, web.Problem) {
			var p web.Problem
			in := map[string]string{"name": "after", "current_password": agentPassword}
			if token != "" {
				return ta.do("POST", "/api/v1/me/tokens", token, in, &p).StatusCode, p
			}
			return ta.withSession("POST", "/api/v1/me/tokens", cookie, sess.CSRF, in, &p).StatusCode, p
		}
		for name, token := range map[string]string{"the old session": "", "the old token": before.Token} {
			if st, p := mint(token); st != 403 || p.Detail == "" {
				t.Errorf("%s mints a token before enrolling: %d %+v", name, st, p)
			}
		}
		var tokens web.List[auth.APIToken]
		if ta.withSession("GET", "/api/v1/me/tokens", cookie, "", nil, &tokens); len(tokens.Items) != 1 {
			t.Errorf("tokens after the refusals: %+v", tokens.Items)
		}

		var enr auth.TOTPEnrollment
		if resp := ta.withSession("POST", "/api/v1/me/totp", cookie, sess.CSRF, map[string]string{"current_password": agentPassword}, &enr); resp.StatusCode != 201 {
			t.Fatalf("start enrolment from the old session: %d", resp.StatusCode)
		}
		code, err := totp.GenerateCode(enr.Secret, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if resp := ta.withSession("POST", "/api/v1/me/totp/confirm", cookie, sess.CSRF, map[string]string{"code": code}, nil); resp.StatusCode != 204 {
			t.Fatalf("confirm enrolment: %d", resp.StatusCode)
		}
		if st, p := mint(""); st != 201 {
			t.Errorf("token after enrolling: %d %+v", st, p)
		}
	})
}

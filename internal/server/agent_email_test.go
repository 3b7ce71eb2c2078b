package server

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/web"
)

// An agent's e-mail is a sign-in name and a mail address: no longer than
// SMTP carries (254 bytes), whether an admin creates the agent or the agent
// changes their own.
func TestAgentEmailLength(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		email := func(n int) string { return strings.Repeat("a", n-len("@example.com")) + "@example.com" }
		create := func(addr string) (int, web.Problem) {
			var p web.Problem
			in := map[string]any{"email": addr, "name": "Long", "role": "tier1", "password": agentPassword}
			return ta.do("POST", "/api/v1/agents", "", in, &p).StatusCode, p
		}
		if st, p := create(email(255)); st != 400 || p.Field != "email" {
			t.Errorf("create with a 255-byte e-mail: %d %+v", st, p)
		}
		if st, p := create(email(254)); st != 201 {
			t.Errorf("create with a 254-byte e-mail: %d %+v", st, p)
		}

		a := ta.newAgent("short@example.com", auth.Tier1)
		_, body, cookie := ta.signIn(map[string]string{"email": a.Email, "password": agentPassword})
		var sess auth.Session
		if err := json.Unmarshal([]byte(body), &sess); err != nil || cookie == nil {
			t.Fatalf("sign in: %v %s", err, body)
		}
		var p web.Problem
		in := map[string]string{"email": email(3000), "current_password": agentPassword}
		if resp := ta.withSession("POST", "/api/v1/me/email", cookie, sess.CSRF, in, &p); resp.StatusCode != 400 || p.Field != "email" {
			t.Errorf("own change to a 3000-byte e-mail: %d %+v", resp.StatusCode, p)
		}
		var me struct {
			Agent auth.Agent `json:"agent"`
		}
		if ta.withSession("GET", "/api/v1/me", cookie, "", nil, &me); me.Agent.Email != a.Email {
			t.Errorf("e-mail after the refusal: %d bytes", len(me.Agent.Email))
		}
	})
}

package server

import (
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
)

// TestTelegramLinkTokenOnce: POST /api/v1/telegram/links trades an
// identity token with a jti for one link. The same token presented again,
// as a leaked copy within its exp would be, gets a 409 problem and no
// link; a fresh token works.
func TestTelegramLinkTokenOnce(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		signed := func(jti string) string {
			t.Helper()
			now := time.Now()
			s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{
				"sub": sandbox.UserJordan, "iat": now.Unix(), "exp": now.Add(10 * time.Minute).Unix(), "jti": jti,
			}).SignedString(ta.identity.Secret)
			if err != nil {
				t.Fatal(err)
			}
			return s
		}
		leaked := signed("jti-leaked")
		steps := []struct {
			name, identity string
			status         int
		}{
			{"first use", leaked, 201},
			{"replayed", leaked, 409},
			{"fresh token", signed("jti-fresh"), 201},
		}
		for _, s := range steps {
			var out map[string]any
			resp := ta.do("POST", "/api/v1/telegram/links", "-", map[string]string{"identity": s.identity}, &out)
			if resp.StatusCode != s.status {
				t.Fatalf("%s: status %d, want %d: %v", s.name, resp.StatusCode, s.status, out)
			}
			if s.status != 201 && (out["url"] != nil || out["detail"] == nil) {
				t.Fatalf("%s: %v, want a problem body and no link", s.name, out)
			}
		}
		if n := ta.count(`SELECT COUNT(*) FROM telegram_links`); n != 2 {
			t.Fatalf("%d links issued, want 2", n)
		}
	})
}

package server

import (
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
	"github.com/groundcrew/groundcrew/internal/ratelimit"
)

// TestTelegramLinkTokenOnce: POST /api/v1/telegram/links trades an
// identity token for one deep link, whatever claims the token carries. A
// token presented again, as a leaked copy within its exp would be, gets a
// 409 problem and no link, with or without a jti and in either token
// format; an expired or forged token gets a 4xx and no link; another
// customer's token signed in the same second is not mistaken for a replay
// and links that customer, not the first.
func TestTelegramLinkTokenOnce(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		// More requests than one address may make a minute: the per-address
		// limit is not what this test is about.
		ta.telegramLinkLimit = ratelimit.New(ratelimit.Rule{Rate: 1, Burst: 100}, time.Now, 10)
		now := time.Now()
		sign := func(key []byte, claims jwt.MapClaims) string {
			t.Helper()
			s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(key)
			if err != nil {
				t.Fatal(err)
			}
			return s
		}
		claims := func(sub string, extra ...any) jwt.MapClaims {
			c := jwt.MapClaims{"sub": sub, "iat": now.Unix(), "exp": now.Add(10 * time.Minute).Unix()}
			for i := 0; i+1 < len(extra); i += 2 {
				c[extra[i].(string)] = extra[i+1]
			}
			return c
		}
		withJTI := sign(ta.identity.Secret, claims(sandbox.UserJordan, "jti", "jti-leaked"))
		noJTI := sign(ta.identity.Secret, claims(sandbox.UserJordan))
		// The same claims and key, with the signature's last base64
		// character changed in bits that decoding drops: the same token.
		const b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
		last := strings.IndexByte(b64, noJTI[len(noJTI)-1])
		respelled := noJTI[:len(noJTI)-1] + string(b64[last^1])
		twoPart := ta.identity.Sign(sandbox.UserJordan, 10*time.Minute)
		none := "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0." + strings.Split(noJTI, ".")[1] + "."
		steps := []struct {
			name, identity string
			status         int
			user           string // the exchange user the link names
		}{
			{"jti: first use", withJTI, 201, sandbox.UserJordan},
			{"jti: replayed", withJTI, 409, ""},
			{"no jti: first use", noJTI, 201, sandbox.UserJordan},
			{"no jti: replayed", noJTI, 409, ""},
			{"no jti: respelled", respelled, 409, ""},
			{"two-part token: first use", twoPart, 201, sandbox.UserJordan},
			{"two-part token: replayed", twoPart, 409, ""},
			{"another customer, same second", sign(ta.identity.Secret, claims(sandbox.UserMaria)), 201, sandbox.UserMaria},
			{"expired", sign(ta.identity.Secret, jwt.MapClaims{"sub": sandbox.UserAyse, "iat": now.Add(-time.Hour).Unix(), "exp": now.Add(-30 * time.Minute).Unix()}), 400, ""},
			{"lives an hour", sign(ta.identity.Secret, claims(sandbox.UserAyse, "exp", now.Add(time.Hour).Unix())), 400, ""},
			{"two-part token, an hour", ta.identity.Sign(sandbox.UserAyse, time.Hour), 400, ""},
			{"signed with another key", sign([]byte("not-the-exchange-secret-not-it!!"), claims(sandbox.UserAyse)), 400, ""},
			{"alg none", none, 400, ""},
			{"two-part token, forged", auth.IdentitySigner{Secret: []byte("another-secret")}.Sign(sandbox.UserAyse, time.Minute), 400, ""},
		}
		for _, s := range steps {
			before := ta.count(`SELECT COUNT(*) FROM telegram_links`)
			var out map[string]any
			resp := ta.do("POST", "/api/v1/telegram/links", "-", map[string]string{"identity": s.identity}, &out)
			if resp.StatusCode != s.status {
				t.Fatalf("%s: status %d, want %d: %v", s.name, resp.StatusCode, s.status, out)
			}
			after := ta.count(`SELECT COUNT(*) FROM telegram_links`)
			if s.status != 201 {
				if out["url"] != nil || out["detail"] == nil || after != before {
					t.Fatalf("%s: %v, %d links before and %d after; want a problem body and no link", s.name, out, before, after)
				}
				continue
			}
			if after != before+1 {
				t.Fatalf("%s: %d links before and %d after, want one more", s.name, before, after)
			}
			if n := ta.count(`SELECT COUNT(*) FROM telegram_links WHERE external_id = ?`, s.user); n == 0 {
				t.Fatalf("%s: no link names %s", s.name, s.user)
			}
		}
		if n := ta.count(`SELECT COUNT(*) FROM telegram_links WHERE external_id = ?`, sandbox.UserMaria); n != 1 {
			t.Fatalf("%d links for %s, want 1", n, sandbox.UserMaria)
		}
	})
}

package server

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
)

// A link that signs a customer in (/deposit-check?identity=,
// /deposit-recovery/start?identity=, /step-up?identity=) takes a short-lived token once: a
// token that lives an hour, an expired one and a replayed one sign no one
// in. The page then keeps a cookie of its own, which outlives the link's
// token.
func TestSignInLinkTokens(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		// Another exp each, so three tokens (a two-part token is its sub
		// and exp).
		fresh := ta.linkToken(sandbox.UserMaria)
		recovery := ta.identity.Sign(sandbox.UserMaria, 4*time.Minute)
		again := ta.identity.Sign(sandbox.UserMaria, 3*time.Minute)
		stepUp := ta.identity.Sign(sandbox.UserMaria, 2*time.Minute)
		steps := []struct {
			name, path, token string
			status            int
		}{
			{"lives an hour", "/deposit-check", ta.identity.Sign(sandbox.UserMaria, time.Hour), http.StatusUnauthorized},
			{"expired", "/deposit-check", ta.identity.Sign(sandbox.UserMaria, -time.Minute), http.StatusUnauthorized},
			{"fresh", "/deposit-check", fresh, http.StatusSeeOther},
			{"replayed", "/deposit-check", fresh, http.StatusUnauthorized},
			{"replayed on the recovery page", "/deposit-recovery/start", fresh, http.StatusUnauthorized},
			{"fresh on the recovery page", "/deposit-recovery/start", recovery, http.StatusSeeOther},
			{"replayed on the recovery page again", "/deposit-recovery/start", recovery, http.StatusUnauthorized},
			{"another fresh one", "/deposit-check", again, http.StatusSeeOther},
			{"step-up, lives an hour", "/step-up", ta.identity.Sign(sandbox.UserMaria, time.Hour), http.StatusUnauthorized},
			{"step-up, fresh", "/step-up", stepUp, http.StatusSeeOther},
			{"step-up, replayed", "/step-up", stepUp, http.StatusUnauthorized},
		}
		for _, s := range steps {
			c := customerClient(t)
			resp, err := c.Get(ta.URL + s.path + "?lang=en&identity=" + url.QueryEscape(s.token))
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != s.status {
				t.Errorf("%s: status %d, want %d", s.name, resp.StatusCode, s.status)
			}
			var cookie *http.Cookie
			for _, k := range resp.Cookies() {
				if k.Name == CustomerCookie {
					cookie = k
				}
			}
			switch {
			case s.status != http.StatusSeeOther && cookie != nil:
				t.Errorf("%s: refused, but signed in (cookie %q)", s.name, cookie.Value)
			case s.status != http.StatusSeeOther:
			case cookie == nil:
				t.Errorf("%s: no cookie", s.name)
			case cookie.Value == s.token || time.Until(cookie.Expires) < 50*time.Minute:
				t.Errorf("%s: the cookie holds the link's token or expires at %s; want the page's own for an hour", s.name, cookie.Expires)
			default:
				if id, err := ta.identity.Verify(cookie.Value); err != nil || id.UserID != sandbox.UserMaria {
					t.Errorf("%s: the page's cookie signs in %q (%v), want %s", s.name, id.UserID, err, sandbox.UserMaria)
				}
			}
		}
	})
}

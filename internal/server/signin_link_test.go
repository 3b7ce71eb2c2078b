package server

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
	"github.com/groundcrew/groundcrew/internal/web"
)

// A link that signs a customer in (/deposit-check?identity=,
// /deposit-recovery/start?identity=, /step-up?identity=, the help
// center's /help/{lang}/signin?token= and the callback form's
// /callback?identity=) takes a short-lived token once: a
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
		help, callback := ta.linkToken(sandbox.UserMaria), ta.linkToken(sandbox.UserMaria)
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
			{"help center, lives an hour", "/help/en/signin", ta.identity.Sign(sandbox.UserMaria, time.Hour), http.StatusUnauthorized},
			{"help center, expired", "/help/en/signin", ta.identity.Sign(sandbox.UserMaria, -time.Minute), http.StatusUnauthorized},
			{"help center, fresh", "/help/en/signin", help, http.StatusSeeOther},
			{"help center, replayed", "/help/en/signin", help, http.StatusUnauthorized},
			{"help center, another page's link replayed", "/help/en/signin", again, http.StatusUnauthorized},
			{"callback form, lives an hour", "/callback", ta.identity.Sign(sandbox.UserMaria, time.Hour), http.StatusUnauthorized},
			{"callback form, expired", "/callback", ta.identity.Sign(sandbox.UserMaria, -time.Minute), http.StatusUnauthorized},
			{"callback form, fresh", "/callback", callback, http.StatusSeeOther},
			{"callback form, replayed", "/callback", callback, http.StatusUnauthorized},
		}
		for _, s := range steps {
			c := customerClient(t)
			link := s.path + "?lang=en&identity=" + url.QueryEscape(s.token)
			if strings.HasPrefix(s.path, "/help/") {
				link = s.path + "?token=" + url.QueryEscape(s.token)
			}
			resp, err := c.Get(ta.URL + link)
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

// TestCallbackFormSignsInFromTheLink: the callback form's link signs the
// customer in once; the form then files the request under them from the
// page's cookie, with the number the exchange vouched for (phone_number)
// kept through the page's own token. A form that still posts the
// exchange's token signs in as the link would: once.
func TestCallbackFormSignsInFromTheLink(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		now := time.Now()
		tok, err := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"sub": sandbox.UserMaria, "iat": now.Unix(),
			"exp": now.Add(5 * time.Minute).Unix(), "phone_number": "+442079460123"}).SignedString(ta.identity.Secret)
		if err != nil {
			t.Fatal(err)
		}
		c := customerClient(t)
		resp, err := c.Get(ta.URL + "/callback?lang=de&source=widget&identity=" + url.QueryEscape(tok))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/callback?lang=de&source=widget" {
			t.Fatalf("sign in: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		page, body := ta.get(c, "/callback?lang=de&source=widget")
		if page.StatusCode != http.StatusOK || strings.Contains(body, tok) || strings.Contains(body, `name="identity"`) {
			t.Fatalf("the form: %d, or it carries the link's token", page.StatusCode)
		}
		day := now.Add(48 * time.Hour).UTC().Format("2006-01-02")
		form := url.Values{"lang": {"de"}, "source": {"help"}, "number": {"+44 20 7946 0123"}, "day": {day}, "from": {"10:00"}, "to": {"12:00"}, "tz": {"0"}}
		if resp, body := ta.postForm(c, "/callback", form); resp.StatusCode != http.StatusOK || !strings.Contains(body, `id="callback-done"`) {
			t.Fatalf("callback request: %d\n%.400s", resp.StatusCode, body)
		}
		if n := ta.count(`SELECT COUNT(*) FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE t.channel = 'phone' AND c.external_id = ?`, sandbox.UserMaria); n != 1 {
			t.Errorf("%d phone tickets filed under the signed-in customer, want 1", n)
		}
		if n := ta.count(`SELECT COUNT(*) FROM phone_numbers WHERE number = '+442079460123' AND external_id = ? AND verified = 1`, sandbox.UserMaria); n != 1 {
			t.Errorf("the vouched number is not linked to the customer (%d rows)", n)
		}
		// The API's identity is short-lived too (not one-use: the
		// exchange's back-end may retry its call).
		req := map[string]any{"number": "+44 20 7946 0123", "source": "help", "window_start": now.Add(48 * time.Hour).UTC(), "window_end": now.Add(50 * time.Hour).UTC(),
			"identity": ta.identity.Sign(sandbox.UserMaria, time.Hour)}
		var p web.Problem
		if resp := ta.do("POST", "/api/v1/phone/callbacks", "-", req, &p); resp.StatusCode != http.StatusBadRequest || p.Field != "identity" {
			t.Errorf("API callback with a token of an hour: %d %+v", resp.StatusCode, p)
		}
		// The exchange's token in the form itself: once, then refused.
		form.Set("identity", ta.linkToken(sandbox.UserMaria))
		for i, want := range []int{http.StatusOK, http.StatusBadRequest} {
			resp, body := ta.postForm(nil, "/callback", form)
			if resp.StatusCode != want || want != http.StatusOK && !strings.Contains(body, "Dieser Anmeldelink ist abgelaufen") {
				t.Errorf("form with the token, post %d: %d, want %d", i+1, resp.StatusCode, want)
			}
		}
	})
}

package server

import (
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
	"github.com/groundcrew/groundcrew/internal/ratelimit"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/web"
)

// testClock is the limits' clock; tests move it, nothing sleeps.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func rule(t *testing.T, s string) ratelimit.Rule {
	t.Helper()
	r, err := ratelimit.ParseRule(s)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// eachLimitedEngine runs fn on every engine against a demo app whose
// limits are small and whose clock the test moves.
func eachLimitedEngine(t *testing.T, edit func(*RateLimits), fn func(t *testing.T, ta *testApp, clock *testClock)) {
	for _, engine := range storetest.Engines() {
		t.Run(string(engine), func(t *testing.T) {
			t.Parallel()
			clock := &testClock{t: time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)}
			ta := newTestApp(t, engine, true, func(c *Config) {
				edit(&c.RateLimits)
				c.RateLimits.Now = clock.Now
			})
			fn(t, ta, clock)
		})
	}
}

// wantLimited checks a 429 problem answer with its Retry-After.
func wantLimited(t *testing.T, what string, resp *http.Response, p web.Problem, retryAfter string) {
	t.Helper()
	if resp.StatusCode != 429 || p.Status != 429 || p.Type != "https://groundcrew.dev/problems/rate_limited" || p.Detail == "" {
		t.Fatalf("%s: %d %+v, want a 429 problem", what, resp.StatusCode, p)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("%s: Content-Type %q", what, ct)
	}
	if got := resp.Header.Get("Retry-After"); got != retryAfter {
		t.Errorf("%s: Retry-After %q, want %q", what, got, retryAfter)
	}
}

func TestVerifyRateLimit(t *testing.T) {
	t.Parallel()
	eachLimitedEngine(t, func(r *RateLimits) { r.VerifyIP = rule(t, "2/m:2") }, func(t *testing.T, ta *testApp, clock *testClock) {
		for i := range 2 {
			if status, _ := ta.verify("@GroundcrewExchangeSupport"); status != 200 {
				t.Fatalf("check %d: %d", i+1, status)
			}
		}
		var p web.Problem
		resp := ta.do("POST", "/api/v1/verify", "-", map[string]string{"value": "@GroundcrewExchangeSupport"}, &p)
		wantLimited(t, "3rd API check", resp, p, "30")
		// The page shares the bucket, and says so.
		resp, body := ta.postForm(nil, "/verify", url.Values{"value": {"@GroundcrewExchangeSupport"}})
		if resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "30" || !strings.Contains(body, "Too many checks from your network; try again in 30 seconds.") {
			t.Fatalf("page over the limit: %d %q\n%s", resp.StatusCode, resp.Header.Get("Retry-After"), body)
		}
		// X-Forwarded-For from an untrusted peer buys no new bucket.
		resp = ta.do("POST", "/api/v1/verify", "-", map[string]string{"value": "x.example"}, &p, "X-Forwarded-For", "203.0.113.9")
		wantLimited(t, "spoofed X-Forwarded-For", resp, p, "30")
		// After the window the bucket has refilled.
		clock.Add(30 * time.Second)
		if status, v := ta.verify("@GroundcrewExchangeSupport"); status != 200 || !v.Official {
			t.Fatalf("after 30s: %d %+v", status, v)
		}
		if status, _ := ta.verify("@GroundcrewExchangeSupport"); status != 429 {
			t.Fatalf("one token refilled, two used: %d", status)
		}
	})
}

func TestRateLimitTrustsOnlyTrustedProxies(t *testing.T) {
	t.Parallel()
	clock := &testClock{t: time.Now()}
	ta := newTestApp(t, storetest.Engines()[0], false, func(c *Config) {
		c.RateLimits.VerifyIP = rule(t, "1/m:1")
		c.RateLimits.Now = clock.Now
		c.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}
	})
	for _, client := range []string{"203.0.113.1", "203.0.113.2", "2001:db8::1"} {
		var p web.Problem
		if resp := ta.do("POST", "/api/v1/verify", "-", map[string]string{"value": "x.example"}, &p, "X-Forwarded-For", client); resp.StatusCode != 200 {
			t.Fatalf("first check from %s behind the proxy: %d %+v", client, resp.StatusCode, p)
		}
		resp := ta.do("POST", "/api/v1/verify", "-", map[string]string{"value": "x.example"}, &p, "X-Forwarded-For", client)
		wantLimited(t, "second check from "+client, resp, p, "60")
	}
	// The rest of an IPv6 /64 shares its bucket.
	var p web.Problem
	resp := ta.do("POST", "/api/v1/verify", "-", map[string]string{"value": "x.example"}, &p, "X-Forwarded-For", "2001:db8::beef")
	wantLimited(t, "same /64", resp, p, "60")
}

func TestSignInRateLimits(t *testing.T) {
	t.Parallel()
	edit := func(r *RateLimits) {
		r.SignInIP = rule(t, "4/m:4")
		r.SignInEmail = rule(t, "2/m:2")
	}
	eachLimitedEngine(t, edit, func(t *testing.T, ta *testApp, clock *testClock) {
		signIn := func(email string) (*http.Response, web.Problem) {
			var p web.Problem
			resp := ta.do("POST", "/api/v1/sessions", "-", map[string]string{"email": email, "password": "not-the-password"}, &p)
			return resp, p
		}
		for range 2 {
			if resp, p := signIn("tier1@demo.groundcrew.local"); resp.StatusCode != 401 {
				t.Fatalf("wrong password: %d %+v", resp.StatusCode, p)
			}
		}
		resp, p := signIn("TIER1@demo.groundcrew.local ")
		wantLimited(t, "3rd try for one e-mail", resp, p, "30")
		if !strings.Contains(p.Detail, "for this e-mail address") {
			t.Errorf("detail %q", p.Detail)
		}
		if resp, _ := signIn("tier2@demo.groundcrew.local"); resp.StatusCode != 401 {
			t.Fatalf("another e-mail: %d", resp.StatusCode)
		}
		// The IP's bucket (4) is empty now; the sign-in page says so too.
		resp, body := ta.postForm(customerClient(t), "/login", url.Values{"email": {"security@demo.groundcrew.local"}, "password": {DemoPassword + "-2026"}})
		if resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "15" || !strings.Contains(body, "Too many sign-in attempts from your network; try again in 15 seconds.") {
			t.Fatalf("/login over the IP limit: %d %q\n%s", resp.StatusCode, resp.Header.Get("Retry-After"), body)
		}
		clock.Add(time.Minute)
		resp, _ = ta.postForm(customerClient(t), "/login", url.Values{"email": {"security@demo.groundcrew.local"}, "password": {DemoPassword + "-2026"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("/login after a minute: %d", resp.StatusCode)
		}
	})
}

func TestDepositCheckRateLimit(t *testing.T) {
	t.Parallel()
	edit := func(r *RateLimits) { r.DepositCustomer = rule(t, "1/m:1") }
	eachLimitedEngine(t, edit, func(t *testing.T, ta *testApp, clock *testClock) {
		sc := sandbox.Scenarios()[1]
		form := url.Values{"txid": {sc.TxID}, "address": {sc.Address}}
		signedIn := func(user string) *http.Client {
			c := customerClient(t)
			ta.get(c, "/deposit-check?identity="+url.QueryEscape(ta.linkToken(user)))
			return c
		}
		maria, jordan := signedIn(sandbox.UserMaria), signedIn(sandbox.UserJordan)
		if resp, _ := ta.postForm(maria, "/deposit-check", form); resp.StatusCode != 200 {
			t.Fatalf("first check: %d", resp.StatusCode)
		}
		resp, body := ta.postForm(maria, "/deposit-check", form)
		if resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "60" || !strings.Contains(body, "Too many tries in a short time. Please try again in 60 seconds.") ||
			!strings.Contains(body, sc.TxID) {
			t.Fatalf("second check by the same customer: %d %q\n%s", resp.StatusCode, resp.Header.Get("Retry-After"), body)
		}
		if resp, _ := ta.postForm(jordan, "/deposit-check", form); resp.StatusCode != 200 {
			t.Fatalf("another customer: %d", resp.StatusCode)
		}
		clock.Add(time.Minute)
		if resp, _ := ta.postForm(maria, "/deposit-check", form); resp.StatusCode != 200 {
			t.Fatalf("after the window: %d", resp.StatusCode)
		}
	})
}

func TestAPIRateLimitPerAgent(t *testing.T) {
	t.Parallel()
	edit := func(r *RateLimits) {
		r.APIToken = rule(t, "2/s:3")
		r.APISession = rule(t, "1/s:1")
	}
	eachLimitedEngine(t, edit, func(t *testing.T, ta *testApp, clock *testClock) {
		for i := range 3 {
			if resp := ta.do("GET", "/api/v1/me", "", nil, nil); resp.StatusCode != 200 {
				t.Fatalf("request %d: %d", i+1, resp.StatusCode)
			}
		}
		var p web.Problem
		resp := ta.do("GET", "/api/v1/tickets", "", nil, &p)
		wantLimited(t, "4th request by one token", resp, p, "1")
		if resp := ta.do("GET", "/api/v1/me", "", nil, nil); resp.StatusCode != 429 {
			t.Fatal("the bucket refilled without time passing")
		}
		// Another agent has a bucket of their own, and browser sessions their own limit.
		c := customerClient(t)
		ta.postForm(c, "/login", url.Values{"email": {"tier1@demo.groundcrew.local"}, "password": {DemoPassword + "-2026"}})
		if resp, _ := ta.get(c, "/api/v1/me"); resp.StatusCode != 200 {
			t.Fatalf("tier 1's session: %d", resp.StatusCode)
		}
		if resp, _ := ta.get(c, "/api/v1/me"); resp.StatusCode != 429 {
			t.Fatalf("tier 1's second request in a second: %d", resp.StatusCode)
		}
		clock.Add(500 * time.Millisecond)
		if resp := ta.do("GET", "/api/v1/me", "", nil, nil); resp.StatusCode != 200 {
			t.Fatalf("after 0.5s (one token at 2/s): %d", resp.StatusCode)
		}
	})
}

func TestParseRateLimits(t *testing.T) {
	t.Parallel()
	got, err := ParseRateLimits(" sign-in-ip=10/m , api-token=off,verify-ip=5/s:9")
	if err != nil {
		t.Fatal(err)
	}
	if got.SignInIP != (ratelimit.Rule{Rate: 10.0 / 60, Burst: 10}) || !got.APIToken.Off || got.VerifyIP != (ratelimit.Rule{Rate: 5, Burst: 9}) || got.APISession != (ratelimit.Rule{}) {
		t.Fatalf("parsed %+v", got)
	}
	for _, bad := range []string{"nope=1/s", "sign-in-ip", "sign-in-ip=fast"} {
		if _, err := ParseRateLimits(bad); err == nil {
			t.Errorf("ParseRateLimits(%q) accepted", bad)
		}
	}
	// Every default parses.
	l := newLimits(RateLimits{})
	if l.apiSession.Rule() != (ratelimit.Rule{Rate: 50, Burst: 100}) || l.signInIP == nil || l.apiToken == nil {
		t.Fatalf("defaults: %+v", l)
	}
}

package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/ratelimit"
	"github.com/groundcrew/groundcrew/internal/web"
)

// Abuse limits: token buckets in memory, per node, keyed by the client IP
// (from clientIP, so X-Forwarded-For counts only from trusted proxies;
// IPv6 addresses by their /64), the e-mail a sign-in tries, the signed-in
// customer, or the agent behind an API request. A refused request gets 429
// with Retry-After: a problem body from the API, a message on pages.

// RateLimits configures the limits; a zero Rule takes its default (see
// rateLimitNames), ratelimit.Rule{Off: true} turns one off.
type RateLimits struct {
	SignInIP        ratelimit.Rule // POST /api/v1/sessions and POST /login, per client IP
	SignInEmail     ratelimit.Rule // the same, per e-mail address tried
	VerifyIP        ratelimit.Rule // /verify and POST /api/v1/verify, per client IP
	DepositIP       ratelimit.Rule // POST /deposit-check, per client IP
	DepositCustomer ratelimit.Rule // POST /deposit-check, per signed-in customer
	APISession      ratelimit.Rule // the authenticated API, per agent signed in with a browser session
	APIToken        ratelimit.Rule // the authenticated API, per agent calling with API tokens

	MaxKeys int              // buckets kept per limit; ratelimit.DefaultMaxKeys when 0
	Now     func() time.Time // the clock; time.Now when nil (tests inject one)
}

// rateLimitNames are the names --rate-limits takes, with their defaults.
var rateLimitNames = []struct {
	name, def string
	rule      func(*RateLimits) *ratelimit.Rule
}{
	{"sign-in-ip", "20/m:40", func(r *RateLimits) *ratelimit.Rule { return &r.SignInIP }},
	{"sign-in-email", "10/m:10", func(r *RateLimits) *ratelimit.Rule { return &r.SignInEmail }},
	{"verify-ip", "20/m:30", func(r *RateLimits) *ratelimit.Rule { return &r.VerifyIP }},
	{"deposit-ip", "30/m:30", func(r *RateLimits) *ratelimit.Rule { return &r.DepositIP }},
	{"deposit-customer", "10/m:10", func(r *RateLimits) *ratelimit.Rule { return &r.DepositCustomer }},
	// Agents in the browser: far above what a person clicks.
	{"api-session", "50/s:100", func(r *RateLimits) *ratelimit.Rule { return &r.APISession }},
	// Integrations (the exchange's intake) send thousands of messages a
	// second through one token in a spike; this only stops a runaway loop.
	{"api-token", "5000/s:10000", func(r *RateLimits) *ratelimit.Rule { return &r.APIToken }},
}

// ParseRateLimits reads "name=rule,..." (e.g. "sign-in-ip=10/m,api-token=off");
// the names and their defaults are in rateLimitNames.
func ParseRateLimits(s string) (RateLimits, error) {
	var out RateLimits
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		name, spec, ok := strings.Cut(part, "=")
		name = strings.TrimSpace(name)
		found := false
		for _, n := range rateLimitNames {
			if n.name != name {
				continue
			}
			if !ok {
				break
			}
			rule, err := ratelimit.ParseRule(spec)
			if err != nil {
				return out, fmt.Errorf("rate limit %s: %w", name, err)
			}
			*n.rule(&out) = rule
			found = true
		}
		if !found {
			var names []string
			for _, n := range rateLimitNames {
				names = append(names, n.name)
			}
			return out, fmt.Errorf("rate limit %q: want name=rule with name one of %s", part, strings.Join(names, ", "))
		}
	}
	return out, nil
}

// limits holds the buckets of one node.
type limits struct {
	signInIP, signInEmail, verifyIP, depositIP, depositCustomer, apiSession, apiToken *ratelimit.Limiter
}

func newLimits(cfg RateLimits) *limits {
	for _, n := range rateLimitNames {
		if r := n.rule(&cfg); *r == (ratelimit.Rule{}) {
			*r, _ = ratelimit.ParseRule(n.def)
		}
	}
	mk := func(r ratelimit.Rule) *ratelimit.Limiter { return ratelimit.New(r, cfg.Now, cfg.MaxKeys) }
	return &limits{
		signInIP: mk(cfg.SignInIP), signInEmail: mk(cfg.SignInEmail), verifyIP: mk(cfg.VerifyIP),
		depositIP: mk(cfg.DepositIP), depositCustomer: mk(cfg.DepositCustomer),
		apiSession: mk(cfg.APISession), apiToken: mk(cfg.APIToken),
	}
}

// take takes a token from key's bucket in l, or says how long to wait.
func take(l *ratelimit.Limiter, key, what string) error {
	if ok, wait := l.Allow(key); !ok {
		return errs.Limited(wait, "%s; try again in %s", what, waitText(wait))
	}
	return nil
}

func waitText(d time.Duration) string {
	secs, _ := strconv.Atoi(web.RetryAfter(d))
	switch {
	case secs == 1:
		return "1 second"
	case secs < 120:
		return fmt.Sprintf("%d seconds", secs)
	}
	return fmt.Sprintf("%d minutes", (secs+59)/60)
}

// ipKey is the bucket key of a client address: IPv4 as it is, IPv6 by its
// /64, which is what one customer's line usually gets.
func ipKey(ip string) string {
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return "ip:" + ip
	}
	a = a.Unmap()
	if a.Is6() {
		p, _ := a.Prefix(64)
		return "ip:" + p.String()
	}
	return "ip:" + a.String()
}

// requestIP is the client address observe put in the audit actor.
func requestIP(r *http.Request) string { return audit.ActorFrom(r.Context()).IP }

func (l *limits) signIn(ip, email string) error {
	if l == nil {
		return nil
	}
	if err := take(l.signInIP, ipKey(ip), "Too many sign-in attempts from your network"); err != nil {
		return err
	}
	if email = strings.ToLower(strings.TrimSpace(email)); email != "" {
		return take(l.signInEmail, "email:"+email, "Too many sign-in attempts for this e-mail address")
	}
	return nil
}

func (l *limits) verify(ip string) error {
	if l == nil {
		return nil
	}
	return take(l.verifyIP, ipKey(ip), "Too many checks from your network")
}

func (l *limits) deposit(ip, customer string) error {
	if l == nil {
		return nil
	}
	if err := take(l.depositIP, ipKey(ip), "Too many deposit checks from your network"); err != nil {
		return err
	}
	return take(l.depositCustomer, "customer:"+customer, "Too many deposit checks")
}

// principal limits the authenticated API per agent, apart for browser
// sessions and for API tokens.
func (l *limits) principal(p auth.Principal) error {
	if l == nil {
		return nil
	}
	lim := l.apiSession
	if p.Via == "token" {
		lim = l.apiToken
	}
	return take(lim, "agent:"+strconv.FormatInt(p.Agent.ID, 10), "Too many requests for this agent")
}

// limitSignIn puts the sign-in limits (per IP, per e-mail) in front of
// POST /api/v1/sessions; it reads the e-mail from the body and puts the
// body back for the handler.
func (a *App) limitSignIn(next web.Handler) web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		body, err := web.ReadBody(r, 16<<10)
		if err != nil {
			return err
		}
		r.Body = readCloser{bytes.NewReader(body)}
		var c struct {
			Email string `json:"email"`
		}
		_ = json.Unmarshal(body, &c) // a bad body is the handler's to refuse
		if err := a.limits.signIn(requestIP(r), c.Email); err != nil {
			return err
		}
		return next(w, r)
	}
}

// limitVerify puts the per-IP limit in front of POST /api/v1/verify.
func (a *App) limitVerify(next web.Handler) web.Handler {
	return func(w http.ResponseWriter, r *http.Request) error {
		if err := a.limits.verify(requestIP(r)); err != nil {
			return err
		}
		return next(w, r)
	}
}

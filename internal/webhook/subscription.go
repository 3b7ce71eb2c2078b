package webhook

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/web"
	"github.com/groundcrew/groundcrew/internal/webhook/egress"
)

// Scope says how much of an event a subscriber receives.
type Scope string

const (
	// ScopeMetadata: ids, statuses, tiers, times; no message text. The
	// default: most integrations (a CRM, a data warehouse, an alerting bot)
	// need to know that something happened, not what a customer wrote.
	ScopeMetadata Scope = "metadata"
	// ScopeBodies adds the text of public messages as stored (already
	// redacted by the inbound guard). Internal notes are never sent.
	ScopeBodies Scope = "message_bodies"
)

// Subscription is one receiver of events. The secret is never in it: it
// is shown once, when created or rotated.
type Subscription struct {
	ID                  int64      `json:"id"`
	Name                string     `json:"name"`
	URL                 string     `json:"url"`
	Events              []string   `json:"events"`
	Scope               Scope      `json:"scope"`
	Active              bool       `json:"active"`
	DisabledReason      string     `json:"disabled_reason,omitempty"`
	ConsecutiveFailures int        `json:"consecutive_failures"`
	FailingSince        *time.Time `json:"failing_since,omitempty"`
	CreatedBy           string     `json:"created_by"`
	CreatedAt           time.Time  `json:"created_at"`
	UpdatedAt           time.Time  `json:"updated_at"`
}

// Wants reports whether the subscription takes events of typ.
func (s Subscription) Wants(typ string) bool { return slices.Contains(s.Events, typ) }

// Input is what an admin sends to create or change a subscription. On a
// change, a nil field keeps its value.
type Input struct {
	Name   *string   `json:"name"`
	URL    *string   `json:"url"`
	Events *[]string `json:"events"`
	Scope  *Scope    `json:"scope"`
	Active *bool     `json:"active"`
}

// Limits of the input.
const (
	MaxName   = 100
	MaxURL    = 2000
	MaxEvents = 100
	MaxInput  = 16 << 10
)

// Policy is what a target may be. By default only public addresses over
// HTTPS: a webhook is a request the server makes on an admin's say-so, and
// must not reach the installation's own network (SSRF).
type Policy struct {
	// AllowPrivate lets targets be loopback, private or link-local
	// addresses and plain HTTP: for development and tests
	// (GROUNDCREW_WEBHOOK_ALLOW_PRIVATE).
	AllowPrivate bool
}

// ParseInput decodes and checks a request body for a new subscription
// (create: name, url and events required) or a change (create false).
// Every problem is an errs.Invalid naming the field.
func ParseInput(body []byte, create bool, offered func(string) bool, p Policy) (Input, error) {
	var in Input
	if len(body) > MaxInput {
		return in, errs.E(errs.TooLarge, "the request body is larger than %d bytes", MaxInput)
	}
	if err := web.Unmarshal(body, &in); err != nil {
		return Input{}, err
	}
	return in, in.Check(create, offered, p)
}

// Check validates in and normalises it in place (trimmed name, sorted
// unique events, default scope).
func (in *Input) Check(create bool, offered func(string) bool, p Policy) error {
	if create {
		switch {
		case in.Name == nil:
			return errs.E(errs.Invalid, "name: required")
		case in.URL == nil:
			return errs.E(errs.Invalid, "url: required")
		case in.Events == nil:
			return errs.E(errs.Invalid, "events: required (one event type at least)")
		}
		if in.Scope == nil {
			s := ScopeMetadata
			in.Scope = &s
		}
	}
	if in.Name != nil {
		n := strings.TrimSpace(*in.Name)
		if n == "" || !utf8.ValidString(n) || utf8.RuneCountInString(n) > MaxName || strings.ContainsAny(n, "\x00\r\n") {
			return errs.E(errs.Invalid, "name: 1 to %d characters on one line", MaxName)
		}
		in.Name = &n
	}
	if in.URL != nil {
		u, err := CheckURL(*in.URL, p)
		if err != nil {
			return err
		}
		in.URL = &u
	}
	if in.Events != nil {
		evs := *in.Events
		if len(evs) == 0 || len(evs) > MaxEvents {
			return errs.E(errs.Invalid, "events: 1 to %d event types", MaxEvents)
		}
		out := make([]string, 0, len(evs))
		for _, e := range evs {
			if !offered(e) {
				return errs.E(errs.Invalid, "events: %q is not an event type webhooks offer (GET /api/v1/webhooks/event-types lists them)", clip(e, 80))
			}
			if !slices.Contains(out, e) {
				out = append(out, e)
			}
		}
		slices.Sort(out)
		in.Events = &out
	}
	if in.Scope != nil && *in.Scope != ScopeMetadata && *in.Scope != ScopeBodies {
		return errs.E(errs.Invalid, "scope: %q is not metadata or message_bodies", clip(string(*in.Scope), 40))
	}
	return nil
}

// CheckURL returns the target URL in canonical form, or an errs.Invalid:
// absolute https (http only when private targets are allowed), a host, no
// user name or password (the secret signs requests instead), no fragment,
// and not a loopback, private or link-local address written as a literal
// or a local name. A name that resolves to such an address is refused
// when the request is made (egress.Control), which also catches DNS that
// changes after this check.
func CheckURL(raw string, p Policy) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" || len(raw) > MaxURL || !utf8.ValidString(raw) {
		return "", errs.E(errs.Invalid, "url: 1 to %d characters", MaxURL)
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", errs.E(errs.Invalid, "url: not a URL")
	}
	switch {
	case u.Scheme == "https":
	case u.Scheme == "http" && p.AllowPrivate:
	case u.Scheme == "http":
		return "", errs.E(errs.Invalid, "url: must be https (events carry customer data)")
	default:
		return "", errs.E(errs.Invalid, "url: must be an https URL")
	}
	if u.Opaque != "" || u.Host == "" || u.Hostname() == "" {
		return "", errs.E(errs.Invalid, "url: needs a host")
	}
	if u.User != nil {
		return "", errs.E(errs.Invalid, "url: must not carry a user name or password")
	}
	if u.Fragment != "" || u.RawFragment != "" {
		return "", errs.E(errs.Invalid, "url: must not have a fragment")
	}
	if port := u.Port(); port != "" {
		if n, err := strconv.Atoi(port); err != nil || n <= 0 || n > 65535 {
			return "", errs.E(errs.Invalid, "url: bad port")
		}
	}
	if err := egress.CheckHost(u.Hostname(), p.AllowPrivate); err != nil {
		return "", err
	}
	return u.String(), nil
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// Package automation runs admins' rules: when an event happens (a ticket
// is created, a customer writes, an agent replies, a status changes, an SLA
// warns or breaches) or a time passes (no customer reply for N hours on a
// pending ticket), if conditions over the ticket and the message hold, then
// actions (set fields, tag, move to a queue, escalate, notify, send a macro,
// call a webhook). Rules are checked for loops and conflicts when saved,
// and a runtime guard stops a ticket that automation keeps changing.
package automation

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

// Triggers: what starts a rule.
const (
	OnTicketCreated   = "ticket.created"
	OnCustomerMessage = "message.customer"
	OnAgentReply      = "message.agent"
	OnStatusChanged   = "status.changed"
	OnFieldsChanged   = "ticket.updated" // priority, area, tags, fields, team
	OnSLAWarning      = "sla.warning"
	OnSLABreached     = "sla.breached"
	OnNoCustomerReply = "time.no_customer_reply" // pending for Hours without a customer message
	OnSnoozeEnded     = "ticket.snooze_ended"    // a snooze ran out, the customer wrote, or an agent woke it
)

// Triggers lists every trigger.
var Triggers = []string{OnTicketCreated, OnCustomerMessage, OnAgentReply, OnStatusChanged, OnFieldsChanged, OnSLAWarning, OnSLABreached, OnNoCustomerReply, OnSnoozeEnded}

// Limits on what a rule may hold.
const (
	MaxDefinition = 32 << 10
	maxName       = 200
	maxConditions = 30
	maxActions    = 20
	maxValues     = 200
	maxValue      = 2000
	maxHours      = 24 * 365
)

// Rule is one automation rule as stored and as the API shows it.
type Rule struct {
	ID       int64       `json:"id"`
	Name     string      `json:"name"`
	Enabled  bool        `json:"enabled"`
	Position int         `json:"position"`
	When     When        `json:"when"`
	If       []Condition `json:"if"`
	Then     []Action    `json:"then"`
}

// When is the trigger; Hours and the business-hours calendar only for
// time triggers.
type When struct {
	Event string `json:"event"`
	Hours int    `json:"hours,omitempty"`
	// CalendarID: count Hours only within this SLA calendar's business
	// hours (internal/sla); 0 counts wall time.
	CalendarID int64 `json:"calendar_id,omitempty"`
}

// Condition compares one field of the ticket (or the message) with values.
type Condition struct {
	Field  string   `json:"field"`
	Op     string   `json:"op"`
	Values []string `json:"values"`
	re     *regexp.Regexp
}

// Condition fields; "custom.<name>" reads a custom field.
var condFields = []string{"status", "priority", "channel", "language", "product_area", "tier", "tags", "team_id",
	"customer.language", "subject", "text"}

// Operators: is and is_not compare with any of Values (case-insensitive);
// contains (text, subject, tags: any of Values appears); matches (a
// regular expression, RE2, case-insensitive).
var condOps = []string{"is", "is_not", "contains", "not_contains", "matches"}

// Action is one thing a rule does.
type Action struct {
	Type   string   `json:"type"`
	Field  string   `json:"field,omitempty"` // set_field: the custom field
	Value  string   `json:"value,omitempty"`
	Values []string `json:"values,omitempty"`
	Tier   int      `json:"tier,omitempty"`
	URL    string   `json:"url,omitempty"`
	// Secret signs webhook bodies (HMAC-SHA256); never shown again once
	// saved: the API returns it empty with SecretSet.
	Secret    string `json:"secret,omitempty"`
	SecretSet bool   `json:"secret_set,omitempty"`
}

// Action types.
const (
	SetStatus   = "set_status"
	SetPriority = "set_priority"
	SetArea     = "set_product_area"
	SetField    = "set_field"
	AddTags     = "add_tags"
	ToQueue     = "queue"    // Value: the queue's name (internal/routing)
	Escalate    = "escalate" // Tier: 2 or 3
	Notify      = "notify"   // Value: "oncall:<team name>", "team:<name>" or "queue:<name>"
	SendMacro   = "macro"    // Value: the message the customer gets
	Webhook     = "webhook"  // URL, Secret
)

var actionTypes = []string{SetStatus, SetPriority, SetArea, SetField, AddTags, ToQueue, Escalate, Notify, SendMacro, Webhook}

// Parse reads a rule's JSON and checks it; the error names the field.
func Parse(data []byte) (Rule, error) {
	if len(data) > MaxDefinition {
		return Rule{}, errs.Field("definition", "a rule is at most %d bytes", MaxDefinition)
	}
	var r Rule
	// Strict: unknown fields, trailing data, NULs and lone surrogates are
	// refused with the place named.
	if err := web.Unmarshal(data, &r); err != nil {
		return Rule{}, err
	}
	return r, r.Validate()
}

// Validate checks the rule and compiles its patterns.
func (r *Rule) Validate() error {
	r.Name = strings.TrimSpace(r.Name)
	if r.Name == "" || utf8.RuneCountInString(r.Name) > maxName || !utf8.ValidString(r.Name) {
		return errs.Field("name", "a rule needs a name of at most %d characters", maxName)
	}
	if !slices.Contains(Triggers, r.When.Event) {
		return errs.Field("when.event", "when.event must be one of %s", strings.Join(Triggers, ", "))
	}
	timed := r.When.Event == OnNoCustomerReply
	if timed && (r.When.Hours < 1 || r.When.Hours > maxHours) {
		return errs.Field("when.hours", "when.hours must be 1 to %d", maxHours)
	}
	if !timed && (r.When.Hours != 0 || r.When.CalendarID != 0) {
		return errs.Field("when.hours", "hours and calendar_id are for time triggers only")
	}
	if r.When.CalendarID < 0 {
		return errs.Field("when.calendar_id", "not a calendar")
	}
	if len(r.If) > maxConditions {
		return errs.Field("if", "at most %d conditions", maxConditions)
	}
	for i := range r.If {
		if err := r.If[i].validate(); err != nil {
			return fmt.Errorf("if[%d]: %w", i, err)
		}
	}
	if len(r.Then) == 0 || len(r.Then) > maxActions {
		return errs.Field("then", "a rule needs 1 to %d actions", maxActions)
	}
	for i := range r.Then {
		if err := r.Then[i].validate(); err != nil {
			return fmt.Errorf("then[%d]: %w", i, err)
		}
	}
	return nil
}

func (c *Condition) validate() error {
	if !slices.Contains(condFields, c.Field) && !strings.HasPrefix(c.Field, "custom.") {
		return errs.Field("field", "unknown field %q", c.Field)
	}
	if !slices.Contains(condOps, c.Op) {
		return errs.Field("op", "op must be one of %s", strings.Join(condOps, ", "))
	}
	if len(c.Values) == 0 || len(c.Values) > maxValues {
		return errs.Field("values", "1 to %d values", maxValues)
	}
	for i, v := range c.Values {
		if v == "" || len(v) > maxValue || !utf8.ValidString(v) {
			return errs.Field("values", "value %d is empty, too long or not text", i)
		}
		c.Values[i] = strings.ToLower(v)
	}
	if c.Op == "matches" {
		if len(c.Values) != 1 {
			return errs.Field("values", "matches takes one pattern")
		}
		re, err := regexp.Compile("(?i)" + c.Values[0])
		if err != nil {
			return errs.Field("values", "pattern: %v", err)
		}
		c.re = re
	}
	return nil
}

func (a *Action) validate() error {
	one := func(field string, allowed []string) error {
		if !slices.Contains(allowed, a.Value) {
			return errs.Field(field, "value must be one of %s", strings.Join(allowed, ", "))
		}
		return nil
	}
	switch a.Type {
	case SetStatus:
		return one("value", strs(ticket.Statuses))
	case SetPriority:
		return one("value", strs(ticket.Priorities))
	case SetArea:
		return one("value", ticket.ProductAreas)
	case SetField:
		if a.Field == "" || len(a.Field) > 64 || len(a.Value) > maxValue {
			return errs.Field("field", "set_field needs a field name and a value")
		}
	case AddTags:
		if len(a.Values) == 0 || len(a.Values) > 20 {
			return errs.Field("values", "add_tags needs 1 to 20 tags")
		}
	case ToQueue:
		if strings.TrimSpace(a.Value) == "" || len(a.Value) > maxName {
			return errs.Field("value", "queue needs the queue's name")
		}
	case Escalate:
		if a.Tier < 2 || a.Tier > 3 {
			return errs.Field("tier", "escalate needs tier 2 or 3")
		}
	case Notify:
		kind, name, ok := strings.Cut(a.Value, ":")
		if !ok || name == "" || len(name) > maxName || !slices.Contains([]string{"oncall", "team", "queue"}, kind) {
			return errs.Field("value", `notify needs "oncall:<team>", "team:<team>" or "queue:<queue>"`)
		}
	case SendMacro:
		if strings.TrimSpace(a.Value) == "" || len(a.Value) > 8000 || !utf8.ValidString(a.Value) {
			return errs.Field("value", "macro needs the message text (at most 8000 bytes)")
		}
	case Webhook:
		u, err := url.Parse(a.URL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil || len(a.URL) > 2000 {
			return errs.Field("url", "webhook needs an http or https URL without credentials")
		}
		if a.Secret != "" && len(a.Secret) < 16 {
			return errs.Field("secret", "a webhook secret has at least 16 characters")
		}
	default:
		return errs.Field("type", "action type must be one of %s", strings.Join(actionTypes, ", "))
	}
	return nil
}

func strs[T ~string](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}

// jsonRule is r as Parse reads it.
func jsonRule(r Rule) ([]byte, error) { return json.Marshal(r) }

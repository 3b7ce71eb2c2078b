// Package ticket owns conversations: tickets, their messages and internal
// notes, status, priority, tags, product area, language, tier and the
// escalation history. Every change commits with an event.
package ticket

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/groundcrew/groundcrew/internal/errs"
)

// Status is where a ticket is in its life.
type Status string

const (
	StatusNew             Status = "new"
	StatusOpen            Status = "open"
	StatusPendingCustomer Status = "pending_customer"
	StatusOnHold          Status = "on_hold"
	StatusSolved          Status = "solved"
	StatusClosed          Status = "closed"
)

// Statuses lists every status.
var Statuses = []Status{StatusNew, StatusOpen, StatusPendingCustomer, StatusOnHold, StatusSolved, StatusClosed}

// Priority is how urgent a ticket is.
type Priority string

// Priorities lists every priority, lowest first.
var Priorities = []Priority{"low", "normal", "high", "urgent"}

// ProductAreas are the parts of an exchange a ticket can be about.
var ProductAreas = []string{"spot", "futures", "p2p", "earn", "card", "wallet_deposits", "withdrawals", "account_security", "kyc", "other"}

// Channels are the ways a ticket can arrive.
var Channels = []string{"chat", "email", "api", "web", "telegram", "phone"}

// Languages are the 17 customer languages.
var Languages = []string{"en", "zh", "es", "pt", "ru", "tr", "vi", "fr", "de", "it", "id", "ar", "uk", "pl", "ja", "ko", "th"}

// AuthorKind says who wrote a message.
type AuthorKind string

// AuthorKinds lists who can write messages.
var AuthorKinds = []AuthorKind{"customer", "agent", "bot", "system"}

// Limits on what a ticket holds.
const (
	MaxSubject      = 300
	MaxBody         = 64 << 10
	MaxTags         = 30
	MaxTagLength    = 50
	MaxCustomFields = 50
)

// Customer is the exchange's user, as the exchange knows them. Responses
// carry it masked (see Mask) unless an agent revealed it with a reason.
type Customer struct {
	ID         int64  `json:"id"`
	ExternalID string `json:"external_id"`
	Email      string `json:"email"`
	Name       string `json:"name"`
	Language   string `json:"language,omitempty"`
	Masked     bool   `json:"masked"` // Email and Name are masked
}

// Ticket is one conversation with a customer.
type Ticket struct {
	ID            int64             `json:"id"`
	Subject       string            `json:"subject"`
	Customer      Customer          `json:"customer"`
	Channel       string            `json:"channel"`
	Status        Status            `json:"status"`
	Priority      Priority          `json:"priority"`
	ProductArea   string            `json:"product_area"`
	Language      string            `json:"language"`
	Tier          int               `json:"tier"`
	TeamID        *int64            `json:"team_id"`
	AssigneeID    *int64            `json:"assignee_id"`
	Tags          []string          `json:"tags"`
	CustomFields  map[string]string `json:"custom_fields"`
	MessageCount  int               `json:"message_count"`
	CreatedAt     time.Time         `json:"created_at"`
	UpdatedAt     time.Time         `json:"updated_at"`
	LastMessageAt time.Time         `json:"last_message_at"`
	// MergedInto is the ticket this one was merged into (it is then closed).
	MergedInto *int64 `json:"merged_into"`
	// SLA is the SLA target due next (internal/sla keeps it); nil: none.
	SLA *DueInfo `json:"sla"`
	// Snooze is set while the ticket is snoozed.
	Snooze *Snooze `json:"snooze"`

	// Filled by Get only.
	Messages    []Message    `json:"messages,omitempty"`
	Escalations []Escalation `json:"escalations,omitempty"`
}

// Message is a customer, agent, bot or system message, or an internal note.
type Message struct {
	ID         int64      `json:"id"`
	TicketID   int64      `json:"ticket_id"`
	AuthorKind AuthorKind `json:"author_kind"`
	AuthorID   *int64     `json:"author_id,omitempty"`
	Internal   bool       `json:"internal"`
	Body       string     `json:"body"`
	CreatedAt  time.Time  `json:"created_at"`
	// Mentions are the agents an internal note mentions (AddNote fills it).
	Mentions []int64 `json:"mentions,omitempty"`
}

// Escalation records a move between tiers.
type Escalation struct {
	ID        int64     `json:"id"`
	FromTier  int       `json:"from_tier"`
	ToTier    int       `json:"to_tier"`
	Reason    string    `json:"reason"`
	AgentID   *int64    `json:"agent_id,omitempty"`
	Actor     string    `json:"actor,omitempty"` // a system part ("sla", "routing") when no agent did it
	CreatedAt time.Time `json:"created_at"`
}

func oneOf[T ~string](field string, v T, allowed []T) error {
	if !slices.Contains(allowed, v) {
		return errs.Field(field, "%s must be one of %v, not %q", field, allowed, string(v))
	}
	return nil
}

func checkText(field, v string, max int, required bool) error {
	if required && strings.TrimSpace(v) == "" {
		return errs.Field(field, "%s is required", field)
	}
	if !utf8.ValidString(v) {
		return errs.Field(field, "%s is not valid UTF-8", field)
	}
	if len(v) > max {
		return errs.Field(field, "%s is longer than %d bytes", field, max)
	}
	if strings.ContainsRune(v, 0) {
		return errs.Field(field, "%s contains a NUL character", field)
	}
	return nil
}

// normalizeTags checks and lower-cases tags, keeping their order and
// repeats: the guard reads them as typed (a phrase one word a tag repeats
// words), and tagSet makes them a set only after it.
func normalizeTags(tags []string) ([]string, error) {
	if len(tags) > MaxTags {
		return nil, errs.Field("tags", "at most %d tags", MaxTags)
	}
	out := make([]string, 0, len(tags))
	for i, t := range tags {
		if err := checkText(fmt.Sprintf("tags[%d]", i), t, 4*MaxTagLength, false); err != nil {
			return nil, err
		}
		t = strings.ToLower(strings.TrimSpace(t))
		if t == "" || len(t) > MaxTagLength || strings.ContainsAny(t, " ,\t\n") {
			return nil, errs.Field("tags", "tag %q must be 1 to %d characters without spaces or commas", t, MaxTagLength)
		}
		out = append(out, t)
	}
	return out, nil
}

// tagSet is tags as stored: sorted, each once.
func tagSet(tags []string) []string {
	out := slices.Clone(tags)
	slices.Sort(out)
	return slices.Compact(out)
}

func checkCustomFields(f map[string]string) error {
	if len(f) > MaxCustomFields {
		return errs.Field("custom_fields", "at most %d custom fields", MaxCustomFields)
	}
	for k, v := range f {
		if k == "" || len(k) > 64 || !utf8.ValidString(k) || strings.ContainsRune(k, 0) {
			return errs.Field("custom_fields", "custom field names must be 1 to 64 characters of valid UTF-8 without NUL")
		}
		if err := checkText("custom_fields."+k, v, 2000, false); err != nil {
			return err
		}
	}
	return nil
}

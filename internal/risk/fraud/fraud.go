// Package fraud links the entities customers report across tickets (scam
// addresses, TxIDs, phishing sites, impersonators' phone numbers and
// Telegram or X accounts), raises one alert to the security team when
// several customers report the same one, and keeps the list of entities a
// security specialist flagged: the exchange reads it (API and the
// fraud.entity_flagged event), and a customer who mentions a flagged entity
// is warned at once, as is the agent.
//
// Least access: every agent may read the flagged list (what and why, in
// summary); which tickets and customers reported an entity is for
// fraud.investigate only.
package fraud

import (
	"context"
	"log/slog"
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// Actor names this package in audit records and notes.
const Actor = "fraud"

// Entity states.
const (
	StateOpen      = "open"      // reported; no decision yet
	StateFlagged   = "flagged"   // a scam: on the exchange's list
	StateDismissed = "dismissed" // no scam (the exchange's own address, a popular site): no more alerts
	// StateUnflagged: a flag withdrawn (it was wrong). The entity is off the
	// exchange's list and warns nobody; like a dismissal it raises no alert
	// again, and a specialist may flag it anew.
	StateUnflagged = "unflagged"
)

// Defaults of the cluster rule.
const (
	DefaultThreshold = 3
	DefaultWindow    = 7 * 24 * time.Hour
)

// AlertAudience is who a cluster's alert is for: the security role.
const AlertAudience = "security"

// Auditor records who changed what (audit.Log).
type Auditor interface {
	Record(ctx context.Context, action, targetKind, targetID string, detail any) error
}

// Tickets is what the index reads and writes on tickets (ticket.Store).
type Tickets interface {
	Head(ctx context.Context, v ticket.Viewer, id int64) (ticket.Ticket, error)
	OpenEventBody(ctx context.Context, ev ticket.MessageCreatedEvent) (string, error)
	SystemReply(ctx context.Context, id int64, body string) (ticket.Message, error)
	BotNote(ctx context.Context, id int64, body string) (ticket.Message, error)
}

// Classifier compares a site, phone number or account with the official
// channels (guard.Official): verdict "official", "lookalike" (imitates
// names what) or "not_official".
type Classifier interface {
	Classify(ctx context.Context, input string) (verdict, imitates string, err error)
}

// Config builds a Service.
type Config struct {
	DB       *store.DB
	Audit    Auditor
	Tickets  Tickets
	Chain    Identifier
	Official Classifier // nil: no look-alike findings, and official channels are not told apart
	Log      *slog.Logger
	// Redact cuts secrets out of a decision's reason before it is stored
	// (the guard's scan): a specialist may quote the customer. Nil keeps
	// reasons as written (tests only).
	Redact func(text string) string
}

// Service is the entity index, the clusters and the flagged list.
type Service struct {
	db       *store.DB
	audit    Auditor
	tickets  Tickets
	chain    Identifier
	official Classifier
	log      *slog.Logger
	redact   func(text string) string
}

// New builds the Service; StartIndex starts its durable consumer.
func New(cfg Config) *Service {
	s := &Service{db: cfg.DB, audit: cfg.Audit, tickets: cfg.Tickets, chain: cfg.Chain, official: cfg.Official, log: cfg.Log, redact: cfg.Redact}
	if s.log == nil {
		s.log = slog.Default()
	}
	return s
}

// Now is the database clock's time.
func (s *Service) Now() time.Time { return time.UnixMilli(s.db.Now()).UTC() }

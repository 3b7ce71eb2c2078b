package automation

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/groundcrew/groundcrew/internal/sla"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// Actor names automation's changes in events, escalations and the audit
// log (routing.AutomationActor).
const Actor = "automation"

// Tickets is what rules change, through the one ticket store so that
// every change has its events and every message passes the outbound guard.
type Tickets interface {
	Get(ctx context.Context, v ticket.Viewer, id int64) (ticket.Ticket, error)
	SystemUpdate(ctx context.Context, id int64, u ticket.Update, actor, reason string) (ticket.Ticket, error)
	SystemEscalate(ctx context.Context, id int64, toTier int, actor, reason string) (bool, error)
	SystemReply(ctx context.Context, id int64, body string) (ticket.Message, error)
	OpenEventBody(ctx context.Context, ev ticket.MessageCreatedEvent) (string, error)
}

// Queues places tickets (internal/routing).
type Queues interface {
	PlaceInQueue(ctx context.Context, id int64, name, reason string) error
	Dispatch(ctx context.Context, id int64) error
	RouteTicket(ctx context.Context, id int64) error
}

// Calendars are the SLA calendars that business-hours rules count in.
type Calendars interface {
	Calendars(ctx context.Context) ([]sla.Calendar, error)
}

// Auditor records admin and system actions.
type Auditor interface {
	Record(ctx context.Context, action, targetKind, targetID string, detail any) error
}

// PublishedScreen checks text customers will read (*published.Screen):
// fields maps an input field to its text; kind and id name what is saved.
type PublishedScreen interface {
	Check(ctx context.Context, kind, id string, fields map[string]string) error
}

// Service holds the rules and runs them.
type Service struct {
	// Screen refuses, on save, a rule whose macro the outbound guard
	// refuses: every customer the rule matches gets that text. nil screens
	// nothing (each macro is still screened when it is sent).
	Screen    PublishedScreen
	db        *store.DB
	audit     Auditor
	sealer    Sealer
	tickets   Tickets
	queues    Queues    // nil: queue actions fail
	calendars Calendars // nil: business-hours rules count wall time
	log       *slog.Logger
	wake      chan struct{}
	// MaxPerMinute is the runtime guard: a ticket that rules changed this
	// many times in a minute is stopped and flagged.
	MaxPerMinute int
	// Batch is how many due rows or webhooks one transaction takes.
	Batch int
	// Client sends webhooks; its timeout bounds each attempt. It connects
	// only to public addresses unless AllowPrivate (tests, a receiver on
	// the same network), and follows no redirects.
	Client *http.Client
	// AllowPrivate lets webhooks reach loopback, private and link-local
	// addresses (the cloud metadata service among them); off by default.
	AllowPrivate bool
	// Snoozes ends snoozed tickets when their time comes (the ticket
	// store); nil: nothing wakes them but the customer or an agent.
	Snoozes Snoozes
}

// Snoozes is what the scheduler needs of internal/ticket to end snoozes.
type Snoozes interface {
	WakeSnoozed(ctx context.Context) (int, error)
	NextSnoozeEnd(ctx context.Context) (int64, bool, error)
}

// New returns the service; sealer is required, queues and calendars may
// be nil in tests.
func New(db *store.DB, audit Auditor, sealer Sealer, tickets Tickets, queues Queues, calendars Calendars, log *slog.Logger) *Service {
	s := &Service{db: db, audit: audit, sealer: sealer, tickets: tickets, queues: queues, calendars: calendars, log: log,
		wake: make(chan struct{}, 1), MaxPerMinute: 10, Batch: 200}
	s.Client = webhookClient(func() bool { return s.AllowPrivate })
	return s
}

// Wake makes the scheduler and the webhook sender look again.
func (s *Service) Wake() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// system is the viewer automation reads tickets as.
var system = ticket.Viewer{AllTeams: true, Notes: true, CanAssign: true}

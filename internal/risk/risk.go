// Package risk turns the exchange's risk events (failed sign-in bursts, a
// new device, a large withdrawal...) into proactive outreach: an alert to
// the customer in their language on the widget, by e-mail (with their
// anti-phishing phrase) and on Telegram, with "This wasn't me", which
// freezes the account through the exchange adapter and opens an urgent
// security ticket in one step.
//
// Events come in on a signed endpoint (the exchange adapter's HMAC scheme,
// exchangehttp.Auth) and are stored once per event id. Admin-editable
// rules say which kinds alert the customer; events within Window of an
// alert join it instead of alerting again, and at most DailyCap alerts a
// day go to one customer, so an attack never becomes a flood of mail.
//
// Fraud patterns (entities, clusters, the flagged list) live in
// internal/risk/fraud.
package risk

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/groundcrew/groundcrew/internal/email"
	"github.com/groundcrew/groundcrew/internal/exchange"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

const (
	// Window is how long an alert gathers later events of its customer
	// instead of sending another.
	Window = 30 * time.Minute
	// DailyCap bounds the alerts one customer gets in 24 hours; past it,
	// events are still recorded and shown, and join the last alert.
	DailyCap = 6
	// MaxAge and MaxAhead bound an event's time against our clock: older
	// events are refused as stale, later ones as from a wrong clock.
	MaxAge   = 7 * 24 * time.Hour
	MaxAhead = 5 * time.Minute
	// LinkTTL is how long a "disable my account" link works.
	LinkTTL = 72 * time.Hour
	// NoticeTTL is how long the widget shows an alert.
	NoticeTTL = 72 * time.Hour
	// MaxBatch bounds the events of one request.
	MaxBatch = 100
	// MaxBody bounds a request body.
	MaxBody = 256 << 10
)

// Exchange is what risk asks the exchange adapter (exchange.Exchange).
type Exchange interface {
	User(ctx context.Context, userID string) (exchange.User, error)
	FreezeAccount(ctx context.Context, userID, reason string) (exchange.ActionResult, error)
}

// Tickets opens the security ticket through the customer intake
// (*ticket.Store): guard and sealing apply.
type Tickets interface {
	CreateForCustomer(ctx context.Context, in ticket.NewTicket) (ticket.Ticket, error)
}

// Mailer queues a mail that belongs to no ticket (*email.Service).
type Mailer interface {
	QueueNotice(ctx context.Context, n email.Notice) error
}

// Telegram queues a notice to the chats linked to an exchange user
// (*telegram.Bot).
type Telegram interface {
	NotifyCustomer(ctx context.Context, externalID, text string) (bool, error)
}

// Config is what the service needs. Mailer and Telegram may be nil (that
// channel is off).
type Config struct {
	DB       *store.DB
	Exchange Exchange
	Tickets  Tickets
	Mailer   Mailer
	Telegram Telegram
	// Keys are the exchange's signing keys for the event endpoint, by key
	// id (at least exchangehttp.MinSecret bytes each).
	Keys map[string][]byte
	// LinkKey signs the "disable my account" links (32 bytes or more).
	LinkKey []byte
	// PublicURL is where customers reach this server, for the links.
	PublicURL string
	// MaySee says whether the agent behind r may read the exchange user's
	// risk events through the API: only one who may see one of that
	// customer's tickets. Nil refuses everyone.
	MaySee func(r *http.Request, userID string) error
	Log    *slog.Logger
}

// Service is risk events and outreach on one node.
type Service struct {
	cfg Config
	log *slog.Logger
}

// New returns the service.
func New(cfg Config) *Service {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	return &Service{cfg: cfg, log: cfg.Log}
}

func (s *Service) now() time.Time { return s.cfg.DB.Clock()() }

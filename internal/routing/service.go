// Package routing puts every ticket in exactly one queue (ordered
// admin-defined rules over product area, language, tier, channel, the
// customer's VIP and verification levels, intent and keywords; the first
// match wins, a catch-all takes the rest) with the reason shown, keeps each
// agent's skills, capacity and availability, assigns tickets to the best
// available agent (chats pushed as offers, e-mail pulled with "Next
// ticket"), and moves tickets between tiers and specialists with a
// hand-off summary.
//
// Routing runs from a durable bus consumer of ticket events, not inside
// intake's transaction: intake stays as fast as it is under a spike, a
// ticket committed is routed even if the node that took it dies (the
// event is redelivered), and Route is idempotent, so redelivery is
// harmless. The cost is the outbox relay's latency (milliseconds).
//
// Assignment is decided from an in-memory index of agents (index.go),
// refreshed from events on every node, and committed with conditional
// UPDATEs (assign.go), so two nodes assigning at once can neither give a
// ticket two assignees nor fill an agent past their capacity.
package routing

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// Tickets is what routing needs of ticket.Store.
type Tickets interface {
	RouteFacts(ctx context.Context, id int64) (ticket.RouteFacts, error)
	SetQueue(ctx context.Context, id, queueID int64, reason, language, area string) error
	SetFirstQueue(ctx context.Context, id, queueID int64, reason, language, area string) (bool, error)
	Claim(ctx context.Context, id, agentID int64) (bool, error)
	Release(ctx context.Context, id, agentID, by int64) (bool, error)
	EscalateWithSummary(ctx context.Context, v ticket.Viewer, id int64, e ticket.SpecialistEscalation) (ticket.Escalation, error)
	HandOffs(ctx context.Context, id int64) ([]ticket.HandOff, error)
	SystemMessage(ctx context.Context, id int64, body string) (ticket.Message, error)
}

// Signaler sends ephemeral node-to-node signals (bus.Bus).
type Signaler interface {
	Signal(subject string, payload any) error
}

// Gate holds agents off the queues their certifications do not cover yet
// (internal/academy, wired by internal/server). Clear returns nil when
// agentID may take work behind gate ("queue:tier2", "queue:tier3",
// "queue:security", "queue:recovery"), else a Forbidden error that says
// which certification to pass.
type Gate interface {
	Clear(ctx context.Context, agentID int64, gate string) error
}

// DefaultOfferTimeout is how long an agent has to accept a chat offer.
const DefaultOfferTimeout = 30 * time.Second

// Service is routing on one node.
type Service struct {
	db      *store.DB
	tickets Tickets
	log     *slog.Logger
	signal  Signaler // nil: no live signals (tests)
	index   *Index

	// OfferTimeout is how long a chat offer waits for its agent.
	OfferTimeout time.Duration
	// Node names this node in agent_connections.
	Node string
	// Resting, when set, names agents who get no chat offers now (the
	// workforce's breathing room after an abusive conversation). It is
	// called under the index's lock: it must not block.
	Resting func(agentID int64) bool
	// BotHolds says whether the support bot is handling chat ticket id
	// (internal/bot): such a chat is not offered to agents until the bot
	// hands it off (its hand-off re-routes it, with the bot's summary on
	// the ticket). nil: no bot.
	BotHolds func(ctx context.Context, id int64) (bool, error)
	// Gate, when set, is asked before a ticket is offered, assigned or
	// pulled: skills say who could, certifications who may.
	Gate Gate

	mu     sync.Mutex
	queues []Queue       // cached rule order; nil: read again
	poke   chan struct{} // Start's sweep: offer waiting chats now
}

// New returns routing over db and tickets; sig may be nil.
func New(db *store.DB, tickets Tickets, sig Signaler, log *slog.Logger) *Service {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Service{db: db, tickets: tickets, signal: sig, log: log, index: NewIndex(), OfferTimeout: DefaultOfferTimeout, Node: "node"}
}

// Index is the service's candidate index (for the benchmark and tests).
func (s *Service) Index() *Index { return s.index }

func (s *Service) now() time.Time { return s.db.Clock()() }

func (s *Service) queuesChanged() {
	s.mu.Lock()
	s.queues = nil
	s.mu.Unlock()
}

// ruleOrder returns the queues, cached until they change.
func (s *Service) ruleOrder(ctx context.Context) ([]Queue, error) {
	s.mu.Lock()
	qs := s.queues
	s.mu.Unlock()
	if qs != nil {
		return qs, nil
	}
	qs, err := s.Queues(ctx)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.queues = qs
	s.mu.Unlock()
	return qs, nil
}

// notify sends a live signal, logging a failure: signals are best effort.
func (s *Service) notify(subject string, payload any) {
	if s.signal == nil {
		return
	}
	if err := s.signal.Signal(subject, payload); err != nil {
		s.log.Warn("routing: signal", "subject", subject, "err", err)
	}
}

// Package workforce keeps the people who carry the queues able to carry
// them: the supervisor's live view of queues and agents (with moving agents
// between queues and a surge switch that widens Tier 1 routing), shifts
// and on-call rotas with a weekly coverage view, the quarterly manager
// rota, each agent's workload and handle time, and breathing room after an
// abusive or distressing conversation (no chat offered for a few minutes).
//
// It builds on routing (queues, skills, load, queue info) and sla (targets
// at risk); routing asks it through one hook (Service.Resting) whether an
// agent is in breathing room, answered from memory kept current on every
// node from the bus.
package workforce

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/routing"
	"github.com/groundcrew/groundcrew/internal/sla"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// Routing is what the workforce needs of routing.Service.
type Routing interface {
	Queues(ctx context.Context) ([]routing.Queue, error)
	QueueStats(ctx context.Context) (map[int64]routing.QueueStat, error)
	Profiles(ctx context.Context) ([]routing.Profile, error)
	Profile(ctx context.Context, agentID int64) (routing.Profile, error)
	SetSkills(ctx context.Context, agentID int64, k routing.Skills) (routing.Profile, error)
	QueueInfo(ctx context.Context, id int64) (position int, wait time.Duration, ok bool, err error)
	Index() *routing.Index
}

// SLA lists the targets at risk (sla.Service).
type SLA interface {
	AtRisk(ctx context.Context, horizon time.Duration, limit int) ([]sla.Risk, error)
}

// Tickets is what the workforce needs of ticket.Store.
type Tickets interface {
	RouteFacts(ctx context.Context, id int64) (ticket.RouteFacts, error)
	OpenEventBody(ctx context.Context, ev ticket.MessageCreatedEvent) (string, error)
	SystemMessage(ctx context.Context, id int64, body string) (ticket.Message, error)
}

// People lists agents and teams (auth.Service).
type People interface {
	Agents(ctx context.Context) ([]auth.Agent, error)
	Teams(ctx context.Context) ([]auth.Team, error)
}

// Service is the workforce on one node.
type Service struct {
	db      *store.DB
	routing Routing
	sla     SLA // nil: no SLA column
	tickets Tickets
	people  People
	log     *slog.Logger

	mu      sync.Mutex
	resting map[int64]int64 // agent → until (Unix ms), from the bus on every node
}

// New returns the workforce service; sl may be nil.
func New(db *store.DB, r Routing, sl SLA, t Tickets, p People, log *slog.Logger) *Service {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Service{db: db, routing: r, sla: sl, tickets: t, people: p, log: log, resting: map[int64]int64{}}
}

// Settings are the run-time workforce settings.
type Settings struct {
	Surge            bool `json:"surge"`
	BreathingMinutes int  `json:"breathing_minutes"`
}

// Settings reads the settings.
func (s *Service) Settings(ctx context.Context) (Settings, error) {
	var st Settings
	var surge int
	if err := s.db.QueryRow(ctx, `SELECT surge, breathing_minutes FROM workforce_settings WHERE id = 1`).Scan(&surge, &st.BreathingMinutes); err != nil {
		return st, fmt.Errorf("workforce settings: %w", err)
	}
	st.Surge = surge == 1
	return st, nil
}

func (s *Service) now() int64 { return s.db.Now() }

// Now is the service's clock (the database's).
func (s *Service) Now() time.Time { return s.db.Clock()() }

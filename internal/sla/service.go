// Package sla keeps the promises a support desk makes: policies set first
// response, next response and resolution targets by priority, product area,
// tier, channel and customer segment; calendars say when the clock runs;
// per-ticket timers, kept current from ticket events, hold each target's
// due time under an index that a scheduler reads only where something is
// due, and that warns, raises the priority and escalates on a breach.
package sla

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"sort"
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// Tickets makes the system's changes on a breach (internal/ticket).
type Tickets interface {
	RaisePriority(ctx context.Context, id int64, to ticket.Priority, actor, reason string) (bool, error)
	SystemEscalate(ctx context.Context, id int64, toTier int, actor, reason string) (bool, error)
}

// Signaller tells other nodes that something changed (internal/bus).
type Signaller interface {
	Signal(subject string, payload any) error
}

// Service holds the policies, calendars and timers.
type Service struct {
	db      *store.DB
	audit   Auditor
	tickets Tickets
	signal  Signaller // nil: no other node to tell
	log     *slog.Logger
	wake    chan struct{}
	since   int64 // Unix ms: ticket.created events before it start no timers
	// Batch is how many due timers one scheduler transaction takes.
	Batch int
}

// Actor is the name the SLA scheduler's changes carry.
const Actor = "sla"

// New returns the service. signal may be nil (tests of one node).
func New(db *store.DB, audit Auditor, tickets Tickets, signal Signaller, log *slog.Logger) *Service {
	return &Service{db: db, audit: audit, tickets: tickets, signal: signal, log: log, wake: make(chan struct{}, 1), Batch: 200}
}

// Wake makes a sleeping scheduler look at the due index again.
func (s *Service) Wake() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// TimerView is one target of a ticket as pages and the API show it.
type TimerView struct {
	Target     Target     `json:"target"`
	PolicyID   int64      `json:"policy_id"`
	PolicyName string     `json:"policy_name"`
	State      State      `json:"state"`
	DueAt      *time.Time `json:"due_at"`            // nil while paused or when met
	Remaining  *int64     `json:"remaining_seconds"` // calendar seconds left (negative once breached); nil when met or stopped
	Paused     bool       `json:"paused"`
	Breached   bool       `json:"breached"`
	Warned     bool       `json:"warned"`
	EndedAt    *time.Time `json:"ended_at,omitempty"`
}

// ForTicket returns ticket id's timers in target order; the caller checks
// that the viewer may see the ticket.
func (s *Service) ForTicket(ctx context.Context, id int64) ([]TimerView, error) {
	timers, err := loadTimers(ctx, s.db, id)
	if err != nil {
		return nil, err
	}
	names := map[int64]string{}
	policies, err := s.Policies(ctx)
	if err != nil {
		return nil, err
	}
	for _, p := range policies {
		names[p.ID] = p.Name
	}
	cals, err := s.calendarSet(ctx)
	if err != nil {
		return nil, err
	}
	now := s.db.Now()
	out := make([]TimerView, 0, len(timers))
	for _, target := range Targets {
		t, ok := timers[target]
		if !ok {
			continue
		}
		v := TimerView{Target: t.Target, PolicyID: t.PolicyID, PolicyName: names[t.PolicyID], State: t.State,
			Paused: t.State == Paused, Breached: t.State == Breached || t.BreachedBefore, Warned: t.Warned}
		cal := cals.of(t.CalendarID)
		switch t.State {
		case Running:
			due := store.Time(t.DueAt)
			v.DueAt = &due
			left := (t.BudgetMS - t.UsedMS - spentMS(cal, t.RunningSince, now)) / 1000
			v.Remaining = &left
		case Paused:
			left := (t.BudgetMS - t.UsedMS) / 1000
			v.Remaining = &left
		case Breached:
			due := store.Time(t.DueAt)
			v.DueAt = &due
			over := -(now - t.DueAt) / 1000
			v.Remaining = &over
		}
		if t.EndedAt > 0 {
			ended := store.Time(t.EndedAt)
			v.EndedAt = &ended
		}
		out = append(out, v)
	}
	return out, nil
}

// PromisedBy is when the customer of ticket id is promised an answer: the
// due time of its running first or next response target; nil when no
// answer is owed (answered, waiting on the customer, or no target).
func (s *Service) PromisedBy(ctx context.Context, ticketID int64) (*time.Time, error) {
	timers, err := loadTimers(ctx, s.db, ticketID)
	if err != nil {
		return nil, err
	}
	return promise(timers), nil
}

func promise(timers map[Target]*Timer) *time.Time {
	var best int64
	for _, target := range []Target{FirstResponse, NextResponse} {
		if t, ok := timers[target]; ok && (t.State == Running || t.State == Breached) && t.DueAt > 0 && (best == 0 || t.DueAt < best) {
			best = t.DueAt
		}
	}
	if best == 0 {
		return nil
	}
	at := store.Time(best)
	return &at
}

// calendars maps calendar ids to compiled calendars; 0 is 24/7.
type calendars map[int64]*Calendar

func (c calendars) of(id int64) *Calendar {
	if cal, ok := c[id]; ok {
		return cal
	}
	return AllDay
}

func (s *Service) calendarSet(ctx context.Context) (calendars, error) {
	list, err := s.Calendars(ctx)
	if err != nil {
		return nil, err
	}
	out := calendars{}
	for i := range list {
		out[list[i].ID] = &list[i]
	}
	return out, nil
}

const timerColumns = `ticket_id, target, policy_id, calendar_id, state, budget_ms, warn_percent, used_ms, started_at, running_since, due_at, warn_at, warned, ended_at`

// loadTimers reads a ticket's timers.
func loadTimers(ctx context.Context, db *store.DB, ticketID int64) (map[Target]*Timer, error) {
	list, err := scanTimers(db.Query(ctx, `SELECT `+timerColumns+` FROM sla_timers WHERE ticket_id = ?`, ticketID))
	if err != nil {
		return nil, fmt.Errorf("timers of ticket %d: %w", ticketID, err)
	}
	out := make(map[Target]*Timer, len(list))
	for _, t := range list {
		out[t.Target] = t
	}
	return out, nil
}

// loadTimersOf reads the timers of the tickets ids (every id gets a map,
// empty when it has none), locked on PostgreSQL in ticket order so that
// the scheduler skips them while events change them.
func loadTimersOf(ctx context.Context, tx *store.Tx, ids []int64) (map[int64]map[Target]*Timer, error) {
	out := make(map[int64]map[Target]*Timer, len(ids))
	for _, id := range ids {
		out[id] = map[Target]*Timer{}
	}
	if len(ids) == 0 {
		return out, nil
	}
	args := store.PaddedIDs(ids)
	q := `SELECT ` + timerColumns + ` FROM sla_timers WHERE ticket_id IN ` + store.InList(len(args)) + ` ORDER BY ticket_id, target`
	if tx.Dialect() == store.Postgres {
		q += ` FOR UPDATE`
	}
	list, err := scanTimers(tx.Query(ctx, q, args...))
	if err != nil {
		return nil, fmt.Errorf("timers of %d tickets: %w", len(ids), err)
	}
	for _, t := range list {
		out[t.TicketID][t.Target] = t
	}
	return out, nil
}

func scanTimers(rows *sql.Rows, err error) ([]*Timer, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*Timer
	for rows.Next() {
		t := &Timer{}
		var policy, cal sql.NullInt64
		var warned int
		if err := rows.Scan(&t.TicketID, &t.Target, &policy, &cal, &t.State, &t.BudgetMS, &t.WarnPercent, &t.UsedMS,
			&t.StartedAt, &t.RunningSince, &t.DueAt, &t.WarnAt, &warned, &t.EndedAt); err != nil {
			return nil, err
		}
		t.PolicyID, t.CalendarID = policy.Int64, cal.Int64
		t.Warned = warned&1 != 0
		t.BreachedBefore = warned&2 != 0
		out = append(out, t)
	}
	return out, rows.Err()
}

// saveTimer writes t whole.
func saveTimer(ctx context.Context, tx *store.Tx, t *Timer) error {
	return saveTimers(ctx, tx, []*Timer{t})
}

// saveTimers writes the timers whole, in statements of a power of two rows
// each (so that few statement texts exist; an upsert cannot repeat a row
// to pad one).
func saveTimers(ctx context.Context, tx *store.Tx, timers []*Timer) error {
	for len(timers) > 0 {
		n := 1
		for n*2 <= min(len(timers), maxTimerRows) {
			n *= 2
		}
		args := make([]any, 0, n*timerFields)
		for _, t := range timers[:n] {
			args = append(args, timerArgs(t)...)
		}
		_, err := tx.Exec(ctx, `INSERT INTO sla_timers (`+timerColumns+`, next_at) VALUES `+store.ValuesList(n, timerFields)+`
			ON CONFLICT (ticket_id, target) DO UPDATE SET policy_id = excluded.policy_id, calendar_id = excluded.calendar_id, state = excluded.state,
			budget_ms = excluded.budget_ms, warn_percent = excluded.warn_percent, used_ms = excluded.used_ms, started_at = excluded.started_at,
			running_since = excluded.running_since, due_at = excluded.due_at, warn_at = excluded.warn_at, warned = excluded.warned,
			ended_at = excluded.ended_at, next_at = excluded.next_at`, args...)
		if err != nil {
			return fmt.Errorf("save %s timer of ticket %d and %d more: %w", timers[0].Target, timers[0].TicketID, n-1, err)
		}
		timers = timers[n:]
	}
	return nil
}

// timerFields is the columns saveTimers writes a timer to; maxTimerRows
// bounds one statement's rows (far below both engines' limits on bound
// parameters).
const (
	timerFields  = 15
	maxTimerRows = 256
)

func timerArgs(t *Timer) []any {
	var next any
	if n := t.NextAt(); n > 0 {
		next = n
	}
	warned := 0
	if t.Warned {
		warned |= 1
	}
	if t.BreachedBefore {
		warned |= 2
	}
	return []any{t.TicketID, string(t.Target), t.PolicyID, t.CalendarID, string(t.State), t.BudgetMS, t.WarnPercent, t.UsedMS,
		t.StartedAt, t.RunningSince, t.DueAt, t.WarnAt, warned, t.EndedAt, next}
}

// nextDue is the earliest time a timer needs the scheduler, if any.
func (s *Service) nextDue(ctx context.Context) (int64, bool, error) {
	var next sql.NullInt64
	if err := s.db.QueryRow(ctx, `SELECT MIN(next_at) FROM sla_timers WHERE next_at IS NOT NULL`).Scan(&next); err != nil {
		return 0, false, fmt.Errorf("next sla due time: %w", err)
	}
	return next.Int64, next.Valid, nil
}

// sortedIDs returns m's keys in ascending order, so that transactions lock
// tickets in one order.
func sortedIDs[V any](m map[int64]V) []int64 {
	ids := make([]int64, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids
}

package sla

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// maxSleep bounds the scheduler's sleep, so that a node that missed a wake
// signal (signals are at most once) still looks again soon.
const maxSleep = 30 * time.Second

// Run is the scheduler: it acts on every timer that is due, then sleeps
// until the next due time in the index or until Wake, until ctx ends. Every
// node may run it; each due timer is acted on by exactly one of them.
func (s *Service) Run(ctx context.Context) {
	for ctx.Err() == nil {
		sleep := maxSleep
		if _, err := s.Tick(ctx); err != nil && ctx.Err() == nil {
			s.log.Warn("sla: scheduler tick failed", "err", err)
			sleep = time.Second // not a busy loop over a failing row
		} else if next, ok, err := s.nextDue(ctx); err == nil && ok {
			sleep = min(max(time.Duration(next-s.db.Now())*time.Millisecond, 0), maxSleep)
		}
		if sleep == 0 {
			continue
		}
		t := time.NewTimer(sleep)
		select {
		case <-ctx.Done():
		case <-s.wake:
		case <-t.C:
		}
		t.Stop()
	}
}

// Tick acts on every timer due now, a batch per transaction, and returns
// how many it acted on.
func (s *Service) Tick(ctx context.Context) (int, error) {
	total := 0
	for {
		n, err := s.tickBatch(ctx)
		total += n
		if err != nil || n < s.Batch {
			return total, err
		}
	}
}

// tickBatch takes up to Batch due timers in one transaction. On PostgreSQL
// the rows are locked with SKIP LOCKED, so that schedulers on other nodes
// take other rows; SQLite has one writer, whose transactions run one after
// another. Either way a row is due only until the transaction that acts on
// it commits, so each warning and breach happens once.
func (s *Service) tickBatch(ctx context.Context) (int, error) {
	ctx = audit.WithActor(ctx, audit.Actor{Kind: audit.ActorSystem, ID: Actor})
	n := 0
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		now := tx.Now()
		q := `SELECT ` + timerColumns + ` FROM sla_timers WHERE next_at IS NOT NULL AND next_at <= ? ORDER BY next_at LIMIT ?`
		if tx.Dialect() == store.Postgres {
			q += ` FOR UPDATE SKIP LOCKED`
		}
		timers, err := scanTimers(tx.Query(ctx, q, now, s.Batch))
		if err != nil {
			return fmt.Errorf("due timers: %w", err)
		}
		n = len(timers)
		// Tickets in id order, so that two nodes' batches lock them in one
		// order and do not deadlock on PostgreSQL.
		sort.Slice(timers, func(i, j int) bool {
			a, b := timers[i], timers[j]
			return a.TicketID < b.TicketID || (a.TicketID == b.TicketID && a.Target < b.Target)
		})
		synced := map[int64]bool{}
		for _, t := range timers {
			if err := s.fire(ctx, tx, t, now); err != nil {
				return err
			}
			synced[t.TicketID] = true
		}
		for _, id := range sortedIDs(synced) {
			if err := syncDue(ctx, tx, id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("sla tick: %w", err)
	}
	return n, nil
}

// fire warns of or breaches one due timer.
func (s *Service) fire(ctx context.Context, tx *store.Tx, t *Timer, now int64) error {
	warn, breach := t.fire(now)
	if err := saveTimer(ctx, tx, t); err != nil {
		return err
	}
	due := store.Time(t.DueAt)
	if warn && !breach {
		if err := WarningTopic.Emit(ctx, tx, WarningEvent{TicketID: t.TicketID, Target: t.Target, PolicyID: t.PolicyID, DueAt: due}); err != nil {
			return err
		}
	}
	if !breach {
		return nil
	}
	ev := BreachedEvent{TicketID: t.TicketID, Target: t.Target, PolicyID: t.PolicyID, DueAt: due}
	var prio string
	var tier int
	if err := tx.QueryRow(ctx, `SELECT priority, tier FROM tickets WHERE id = ?`, t.TicketID).Scan(&prio, &tier); err != nil {
		return fmt.Errorf("ticket %d: %w", t.TicketID, err)
	}
	reason := fmt.Sprintf("SLA breached: the %s was due %s", strings.ReplaceAll(string(t.Target), "_", " "), due.UTC().Format("2 Jan 15:04 MST"))
	if i := slices.Index(ticket.Priorities, ticket.Priority(prio)); i >= 0 && i < len(ticket.Priorities)-1 {
		to := ticket.Priorities[i+1]
		raised, err := s.tickets.RaisePriority(ctx, t.TicketID, to, Actor, reason)
		if err != nil {
			return err
		}
		if raised {
			ev.RaisedTo = string(to)
		}
	}
	if tier >= 1 && tier < 3 {
		moved, err := s.tickets.SystemEscalate(ctx, t.TicketID, tier+1, Actor, reason)
		if err != nil {
			return err
		}
		if moved {
			ev.EscalatedTo = tier + 1
		}
	}
	return BreachedTopic.Emit(ctx, tx, ev)
}

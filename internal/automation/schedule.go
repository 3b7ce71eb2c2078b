package automation

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// maxSleep bounds the scheduler's sleep: a node that missed a wake-up
// still looks at the due index soon.
const maxSleep = 30 * time.Second

// track keeps the due index of time rules current: a ticket that goes
// pending starts each "no customer reply" rule's time; a customer message
// or leaving pending ends it. Only these rows are ever read by the
// scheduler, never the tickets. timed says whether rules (read in tx)
// has an enabled time rule: without one there is no due row to end,
// because turning a rule off or deleting it deletes its rows in the same
// transaction. Ended waits are collected in ends and deleted together
// (endWaiting), before a later event of the batch starts one and at the
// batch's end: a statement per batch, not per customer message.
func (s *Service) track(ctx context.Context, tx *store.Tx, timed bool, rules []Rule, h happening, ends *[]int64) error {
	switch {
	case !timed:
		return nil
	case endsWaiting(h):
		*ends = append(*ends, h.ticketID)
	case startsWaiting(h):
		if err := endWaiting(ctx, tx, ends); err != nil {
			return err
		}
		return s.startWaiting(ctx, tx, rules, h.ticketID, tx.Now())
	}
	return nil
}

// endsWaiting: the customer wrote, or the ticket left pending-customer.
func endsWaiting(h happening) bool {
	return h.trigger == OnCustomerMessage || h.status != nil && h.status.From == ticket.StatusPendingCustomer
}

// startsWaiting: the ticket became pending-customer.
func startsWaiting(h happening) bool {
	return h.status != nil && h.status.To == ticket.StatusPendingCustomer
}

// maxEnds bounds the tickets of one DELETE; each is padded to a power of
// two (repeating the last id) so that the statement has few shapes.
const maxEnds = 64

// endWaiting deletes the due rows of the tickets in ends and empties it.
func endWaiting(ctx context.Context, tx *store.Tx, ends *[]int64) error {
	ids := *ends
	*ends = nil
	for len(ids) > 0 {
		n := min(len(ids), maxEnds)
		size := 1
		for size < n {
			size *= 2
		}
		args := make([]any, size)
		for i := range args {
			args[i] = ids[min(i, n-1)]
		}
		q := `DELETE FROM automation_due WHERE ticket_id IN (?` + strings.Repeat(`, ?`, size-1) + `)`
		if _, err := tx.Exec(ctx, q, args...); err != nil {
			return fmt.Errorf("end waiting: %w", err)
		}
		ids = ids[n:]
	}
	return nil
}

// isTimeRule reports whether r is an enabled "no customer reply" rule, the
// only kind with rows in automation_due.
func isTimeRule(r Rule) bool { return r.Enabled && r.When.Event == OnNoCustomerReply }

func (s *Service) startWaiting(ctx context.Context, tx *store.Tx, rules []Rule, id, since int64) error {
	for _, r := range rules {
		if !isTimeRule(r) {
			continue
		}
		due, err := s.dueAt(ctx, r.When, since)
		if err != nil {
			return err
		}
		var last int64
		if err := tx.QueryRow(ctx, `SELECT COALESCE(MAX(id), 0) FROM messages WHERE ticket_id = ?`, id).Scan(&last); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM automation_due WHERE ticket_id = ? AND rule_id = ?`, id, r.ID); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO automation_due (ticket_id, rule_id, since, last_message, due_at) VALUES (?, ?, ?, ?, ?)`, id, r.ID, since, last, due); err != nil {
			return err
		}
	}
	return nil
}

// dueAt is since plus the rule's hours, counted in its calendar's
// business hours when it names one (internal/sla's calendars: time zones,
// holidays, DST).
func (s *Service) dueAt(ctx context.Context, w When, since int64) (int64, error) {
	d := time.Duration(w.Hours) * time.Hour
	if w.CalendarID == 0 || s.calendars == nil {
		return since + d.Milliseconds(), nil
	}
	cals, err := s.calendars.Calendars(ctx)
	if err != nil {
		return 0, err
	}
	for _, c := range cals {
		if c.ID == w.CalendarID {
			at, ok := c.Add(store.Time(since), d)
			if !ok {
				return 0, fmt.Errorf("calendar %d has no business hours", c.ID)
			}
			return at.UnixMilli(), nil
		}
	}
	// A removed calendar: count wall time rather than never.
	return since + d.Milliseconds(), nil
}

// Run is the scheduler: it runs the time rules that are due and sends
// webhooks, then sleeps until the next due time or a wake-up, until ctx
// ends. Every node may run it; each due row is taken by one.
func (s *Service) Run(ctx context.Context) {
	var pruned int64 // when this node last pruned, on the database's clock
	for ctx.Err() == nil {
		if _, err := s.Tick(ctx); err != nil && ctx.Err() == nil {
			s.log.Warn("automation: scheduler tick failed", "err", err)
		}
		if _, err := s.SendWebhooks(ctx); err != nil && ctx.Err() == nil {
			s.log.Warn("automation: webhooks", "err", err)
		}
		if now := s.db.Now(); now-pruned >= pruneEvery.Milliseconds() {
			if err := s.Prune(ctx); err != nil && ctx.Err() == nil {
				s.log.Warn("automation: prune", "err", err)
			}
			pruned = now
		}
		if s.Snoozes != nil {
			// Their ticket.snooze_ended events reach the rules through
			// the consumer like any other.
			if _, err := s.Snoozes.WakeSnoozed(ctx); err != nil && ctx.Err() == nil {
				s.log.Warn("automation: wake snoozed tickets", "err", err)
			}
		}
		sleep := maxSleep
		if next, ok := s.nextWake(ctx); ok {
			sleep = min(max(time.Duration(next-s.db.Now())*time.Millisecond, 10*time.Millisecond), maxSleep)
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

func (s *Service) nextWake(ctx context.Context) (int64, bool) {
	var a, b *int64
	_ = s.db.QueryRow(ctx, `SELECT MIN(due_at) FROM automation_due`).Scan(&a)
	_ = s.db.QueryRow(ctx, `SELECT MIN(next_at) FROM automation_webhooks WHERE state = 'pending'`).Scan(&b)
	if s.Snoozes != nil {
		if next, ok, err := s.Snoozes.NextSnoozeEnd(ctx); err == nil && ok {
			if a == nil || next < *a {
				a = &next
			}
		}
	}
	switch {
	case a != nil && b != nil:
		return min(*a, *b), true
	case a != nil:
		return *a, true
	case b != nil:
		return *b, true
	}
	return 0, false
}

// Tick runs every time rule that is due now, a batch per transaction, and
// returns how many due rows it took.
func (s *Service) Tick(ctx context.Context) (int, error) {
	ctx = audit.WithActor(ctx, audit.Actor{Kind: audit.ActorSystem, ID: Actor})
	total := 0
	for {
		var todo after
		n := 0
		err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
			todo = nil
			q := `SELECT ticket_id, rule_id, last_message FROM automation_due WHERE due_at <= ? ORDER BY due_at LIMIT ?`
			if tx.Dialect() == store.Postgres {
				q += ` FOR UPDATE SKIP LOCKED`
			}
			due, err := scanDue(tx.Query(ctx, q, tx.Now(), s.Batch))
			if err != nil {
				return err
			}
			n = len(due)
			if n == 0 {
				return nil
			}
			rules, err := s.Rules(ctx)
			if err != nil {
				return err
			}
			for _, d := range due {
				if err := s.fireDue(ctx, tx, rules, d, &todo); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return total, fmt.Errorf("automation tick: %w", err)
		}
		if n == 0 {
			// Nothing ran, so nothing new to send or schedule: finishing
			// would wake Run, whose next Tick would wake it again, and
			// the scheduler would spin on an idle node.
			return total, nil
		}
		s.finish(ctx, todo)
		total += n
		if n < s.Batch {
			return total, nil
		}
	}
}

type dueRow struct{ ticketID, ruleID, lastMessage int64 }

func scanDue(rows interface {
	Next() bool
	Scan(...any) error
	Close() error
	Err() error
}, err error) ([]dueRow, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []dueRow
	for rows.Next() {
		var d dueRow
		if err := rows.Scan(&d.ticketID, &d.ruleID, &d.lastMessage); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// fireDue removes the due row and runs its rule if the ticket is still
// pending with no customer message since the waiting began.
func (s *Service) fireDue(ctx context.Context, tx *store.Tx, rules []Rule, d dueRow, todo *after) error {
	if _, err := tx.Exec(ctx, `DELETE FROM automation_due WHERE ticket_id = ? AND rule_id = ?`, d.ticketID, d.ruleID); err != nil {
		return err
	}
	var r *Rule
	for i := range rules {
		if rules[i].ID == d.ruleID && rules[i].Enabled && rules[i].When.Event == OnNoCustomerReply {
			r = &rules[i]
		}
	}
	if r == nil {
		return nil
	}
	var status string
	var replies int
	if err := tx.QueryRow(ctx, `SELECT status FROM tickets WHERE id = ?`, d.ticketID).Scan(&status); err != nil {
		return fmt.Errorf("ticket %d: %w", d.ticketID, err)
	}
	if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM messages WHERE ticket_id = ? AND author_kind = 'customer' AND id > ?`, d.ticketID, d.lastMessage).Scan(&replies); err != nil {
		return err
	}
	if status != string(ticket.StatusPendingCustomer) || replies > 0 {
		return nil
	}
	return s.run(ctx, tx, r, d.ticketID, OnNoCustomerReply, "", todo)
}

// Kept history: the guard reads a minute of runs; webhooks that were
// sent or given up stay a month for the record. The scheduler prunes once
// a minute, not after every batch of due rules.
const (
	keepRuns     = time.Hour
	keepWebhooks = 30 * 24 * time.Hour
	pruneEvery   = time.Minute
)

// Prune drops runs the guard no longer reads and old finished webhooks,
// through their time indexes.
func (s *Service) Prune(ctx context.Context) error {
	now := s.db.Now()
	if _, err := s.db.Exec(ctx, `DELETE FROM automation_runs WHERE at < ?`, now-keepRuns.Milliseconds()); err != nil {
		return fmt.Errorf("prune automation runs: %w", err)
	}
	if _, err := s.db.Exec(ctx, `DELETE FROM automation_webhooks WHERE created_at < ? AND state <> 'pending'`, now-keepWebhooks.Milliseconds()); err != nil {
		return fmt.Errorf("prune automation webhooks: %w", err)
	}
	return nil
}

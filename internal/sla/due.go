package sla

import (
	"context"
	"fmt"

	"github.com/groundcrew/groundcrew/internal/store"
)

// The ticket row carries its next due time (tickets.sla_due_at and its
// companions, migration 0038) so that the inbox can show it and sort by it
// through an index instead of joining every ticket's timers. Whatever
// writes a ticket's timers calls saveDue in the same transaction.

// dueSummary is what the ticket row keeps of its timers.
type dueSummary struct {
	dueAt  int64 // 0: none
	warnAt int64
	target Target
	paused bool
}

// summarize picks the target due next: the earliest due time among the
// running and breached targets; paused when none is and one is paused.
func summarize(timers map[Target]*Timer) dueSummary {
	var out dueSummary
	paused := false
	for _, target := range Targets {
		t, ok := timers[target]
		if !ok {
			continue
		}
		if t.State == Paused {
			paused = true
		}
		if (t.State != Running && t.State != Breached) || t.DueAt <= 0 {
			continue
		}
		if out.dueAt == 0 || t.DueAt < out.dueAt {
			out = dueSummary{dueAt: t.DueAt, target: t.Target}
			if t.State == Running && !t.Warned {
				out.warnAt = t.WarnAt
			}
		}
	}
	out.paused = out.dueAt == 0 && paused
	return out
}

// saveDue writes the summary of ticket id's timers onto its row.
func saveDue(ctx context.Context, tx *store.Tx, id int64, timers map[Target]*Timer) error {
	d := summarize(timers)
	var due any
	if d.dueAt > 0 {
		due = d.dueAt
	}
	paused := 0
	if d.paused {
		paused = 1
	}
	if _, err := tx.Exec(ctx, `UPDATE tickets SET sla_due_at = ?, sla_warn_at = ?, sla_target = ?, sla_paused = ? WHERE id = ?`,
		due, d.warnAt, string(d.target), paused, id); err != nil {
		return fmt.Errorf("due time of ticket %d: %w", id, err)
	}
	return nil
}

// syncDue re-reads ticket id's timers in tx and saves their summary.
func syncDue(ctx context.Context, tx *store.Tx, id int64) error {
	list, err := scanTimers(tx.Query(ctx, `SELECT `+timerColumns+` FROM sla_timers WHERE ticket_id = ?`, id))
	if err != nil {
		return fmt.Errorf("timers of ticket %d: %w", id, err)
	}
	timers := make(map[Target]*Timer, len(list))
	for _, t := range list {
		timers[t.Target] = t
	}
	return saveDue(ctx, tx, id, timers)
}

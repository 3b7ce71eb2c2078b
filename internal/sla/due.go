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
	q, args := dueUpdate(id, timers)
	if _, err := tx.Exec(ctx, q, args...); err != nil {
		return fmt.Errorf("due time of ticket %d: %w", id, err)
	}
	return nil
}

// queueDue is saveDue with the commit (store.Tx.AtCommit): the consumer's
// batch then locks no ticket row until it commits. A customer writing to
// the ticket locks the same row (ticket's loadHeadState), and would
// otherwise wait for the rest of the batch and of the consumers' shared
// transaction (store.DB.GatherTx), not only for its commit. The rows are
// queued in the order of their ids, as the batch handles them, and each
// ticket once per batch (AtCommit's rule).
func queueDue(tx *store.Tx, id int64, timers map[Target]*Timer) {
	q, args := dueUpdate(id, timers)
	tx.AtCommit(q, args...)
}

// dueUpdate is the statement that writes the summary of ticket id's timers.
func dueUpdate(id int64, timers map[Target]*Timer) (string, []any) {
	d := summarize(timers)
	var due any
	if d.dueAt > 0 {
		due = d.dueAt
	}
	paused := 0
	if d.paused {
		paused = 1
	}
	return `UPDATE tickets SET sla_due_at = ?, sla_warn_at = ?, sla_target = ?, sla_paused = ? WHERE id = ?`,
		[]any{due, d.warnAt, string(d.target), paused, id}
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

package bus

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/groundcrew/groundcrew/internal/store"
)

// RecorderName is the durable consumer that writes every event to event_log.
const RecorderName = "recorder"

// Record starts the recorder: a consumer that keeps the bus's view of every
// event in the event_log table, so that delivery can be checked end to end.
// It writes a batch of events in one transaction.
func Record(ctx context.Context, b *Bus, db *store.DB) error {
	return b.ConsumeBatch(ctx, RecorderName, SubjectPrefix+">", DefaultBatch, recordBatch(db))
}

// recordBatch is the recorder's handler. event_log is keyed by the event's
// id, so the table is its own record of what the recorder has handled: a
// redelivered event finds its row and is skipped by ON CONFLICT. Unlike the
// other consumers it writes no consumed_events row (OnceBatch), which at
// 1,000 messages/s spared PostgreSQL ~1.2 rows, two index entries and a
// statement per batch for every message. An event redelivered after its
// row was pruned (event_log keeps rows for days; only a replayed stream
// delivers that late) is simply recorded again.
func recordBatch(db *store.DB) BatchHandler {
	return func(ctx context.Context, evs []store.Event) error {
		// Shared with the other consumers' batches of the moment (see OnceBatch).
		return db.GatherTx(ctx, consumerKey(RecorderName), func(ctx context.Context, tx *store.Tx) error {
			return recordEvents(ctx, tx, evs)
		})
	}
}

// recordEvents inserts the events of evs that event_log lacks. Each goes
// once, in id order, so that two transactions recording overlapping
// batches on PostgreSQL wait for each other instead of deadlocking.
func recordEvents(ctx context.Context, tx *store.Tx, evs []store.Event) error {
	fresh := slices.Clone(evs)
	slices.SortFunc(fresh, func(a, b store.Event) int { return cmp.Compare(a.ID, b.ID) })
	fresh = slices.CompactFunc(fresh, func(a, b store.Event) bool { return a.ID == b.ID })
	now := tx.Now()
	for len(fresh) > 0 {
		n := min(len(fresh), maxChunk)
		rows := store.Padded(n)
		args := make([]any, 0, 4*rows)
		for i := range rows {
			// padded repeats the last event; ON CONFLICT skips the repeats.
			ev := fresh[min(i, n-1)]
			args = append(args, ev.ID, ev.Type, string(ev.Data), now)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO event_log (event_id, type, data, received_at) VALUES `+
			store.ValuesList(rows, 4)+` ON CONFLICT DO NOTHING`, args...); err != nil {
			return fmt.Errorf("record %d events: %w", n, err)
		}
		fresh = fresh[n:]
	}
	return nil
}

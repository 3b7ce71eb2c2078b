package bus

import (
	"context"
	"fmt"

	"github.com/groundcrew/groundcrew/internal/store"
)

// RecorderName is the durable consumer that writes every event to event_log.
const RecorderName = "recorder"

// Record starts the recorder: a consumer that keeps the bus's view of every
// event in the event_log table, so that delivery can be checked end to end.
// It writes a batch of events in one transaction.
func Record(ctx context.Context, b *Bus, db *store.DB) error {
	return b.ConsumeBatch(ctx, RecorderName, SubjectPrefix+">", DefaultBatch, func(ctx context.Context, evs []store.Event) error {
		return OnceBatch(ctx, db, RecorderName, evs, recordEvents)
	})
}

// recordEvents inserts fresh events into event_log. ON CONFLICT keeps a row
// that is there already (its consumed_events row pruned, say) from failing
// the batch forever.
func recordEvents(ctx context.Context, tx *store.Tx, fresh []store.Event) error {
	now := tx.Now()
	for len(fresh) > 0 {
		n := min(len(fresh), maxChunk)
		rows := padded(n)
		args := make([]any, 0, 4*rows)
		for i := range rows {
			ev := fresh[min(i, n-1)]
			args = append(args, ev.ID, ev.Type, string(ev.Data), now)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO event_log (event_id, type, data, received_at) VALUES `+
			valuesList(rows, 4)+` ON CONFLICT DO NOTHING`, args...); err != nil {
			return fmt.Errorf("record %d events: %w", n, err)
		}
		fresh = fresh[n:]
	}
	return nil
}

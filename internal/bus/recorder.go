package bus

import (
	"context"

	"github.com/groundcrew/groundcrew/internal/store"
)

// RecorderName is the durable consumer that writes every event to event_log.
const RecorderName = "recorder"

// Record starts the recorder: a consumer that keeps the bus's view of every
// event in the event_log table, so that delivery can be checked end to end.
func Record(ctx context.Context, b *Bus, db *store.DB) error {
	return b.Consume(ctx, RecorderName, SubjectPrefix+">", func(ctx context.Context, ev store.Event) error {
		return Once(ctx, db, RecorderName, ev.ID, func(ctx context.Context, tx *store.Tx) error {
			_, err := tx.Exec(ctx, `INSERT INTO event_log (event_id, type, data, received_at) VALUES (?, ?, ?, ?)`,
				ev.ID, ev.Type, string(ev.Data), store.Now())
			return err
		})
	})
}

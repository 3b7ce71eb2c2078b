package bus

import (
	"context"

	"github.com/groundcrew/groundcrew/internal/store"
)

// RecordBatch is the recorder's handler, for tests that deliver events to
// it directly (again, out of order, at the same time).
func RecordBatch(db *store.DB) BatchHandler { return recordBatch(db) }

// LoseForTest deletes the stream's messages from sequence first on, as a
// power loss takes what the embedded server had not flushed.
func LoseForTest(ctx context.Context, b *Bus, first uint64) error {
	info, err := b.stream.Info(ctx)
	if err != nil {
		return err
	}
	for seq := first; seq <= info.State.LastSeq; seq++ {
		if err := b.stream.DeleteMsg(ctx, seq); err != nil {
			return err
		}
	}
	return nil
}

// StoredForTest is how many messages the stream holds.
func StoredForTest(ctx context.Context, b *Bus) (uint64, error) {
	info, err := b.stream.Info(ctx)
	if err != nil {
		return 0, err
	}
	return info.State.Msgs, nil
}

// SetBeforeMarkForTest makes the relay call fn before it writes each mark.
func SetBeforeMarkForTest(r *Relay, fn func()) { r.beforeMark = fn }

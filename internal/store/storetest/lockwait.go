package storetest

import (
	"context"
	"fmt"
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
)

// WaitForLockWait returns once a session of db's PostgreSQL database waits
// for a lock, so that a test can then close a deadlock's cycle on purpose.
// It returns an error when ended (the work that should wait) yields first,
// or ctx ends; a nil ended never does.
func WaitForLockWait(ctx context.Context, db *store.DB, ended <-chan error) error {
	for {
		var n int
		if err := db.QueryRow(ctx, `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`).Scan(&n); err != nil {
			return fmt.Errorf("pg_stat_activity: %w", err)
		}
		if n > 0 {
			return nil
		}
		select {
		case err := <-ended:
			return fmt.Errorf("ended without waiting for a lock: %v", err)
		case <-ctx.Done():
			return fmt.Errorf("no session waited for a lock: %w", ctx.Err())
		case <-time.After(10 * time.Millisecond):
		}
	}
}

package store_test

import (
	"context"
	"testing"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// TestTxEndsWithItsContext: a transaction whose context ends before it
// commits stores nothing, whether or not its statements still ran.
func TestTxEndsWithItsContext(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		err := db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
			if _, err := tx.Exec(ctx, `INSERT INTO settings (name, value) VALUES ('before', 'v')`); err != nil {
				return err
			}
			if err := tx.Emit(ctx, "setting.changed", map[string]string{"name": "before"}); err != nil {
				return err
			}
			cancel()
			// Refused or run: either way it must not be committed.
			_, _ = tx.Exec(ctx, `INSERT INTO settings (name, value) VALUES ('after', 'v')`)
			return nil
		})
		if err == nil {
			t.Fatal("a transaction whose context ended committed")
		}
		settings := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM settings WHERE name IN ('before', 'after')`)
		events := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM outbox`)
		if settings != 0 || events != 0 {
			t.Fatalf("after the context ended: %d settings, %d events stored; want 0, 0", settings, events)
		}
	})
}

// TestSQLiteStatementCostsNoWatch: on SQLite a statement in a write
// transaction whose context can end allocates what one with a context
// that cannot does, and one value more (the context without its end);
// the driver's interrupt watch (a goroutine, a channel and a closure per
// statement) is not started.
func TestSQLiteStatementCostsNoWatch(t *testing.T) {
	db := storetest.Open(t, store.SQLite)
	allocs := func(ctx context.Context) float64 {
		var got float64
		err := db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
			run := func() {
				if _, err := tx.Exec(ctx, `INSERT INTO settings (name, value) VALUES ('watch', 'v') ON CONFLICT (name) DO UPDATE SET value = excluded.value`); err != nil {
					t.Fatal(err)
				}
			}
			run() // prepared on the transaction from the second run on
			run()
			got = testing.AllocsPerRun(50, run)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	allocs(context.Background()) // the statement reaches the shared cache: both runs below use it
	plain := allocs(context.Background())
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if cancellable := allocs(ctx); cancellable > plain+1 {
		t.Errorf("a statement allocates %.0f times with a context that can end, %.0f with one that cannot: want at most one more", cancellable, plain)
	}
}

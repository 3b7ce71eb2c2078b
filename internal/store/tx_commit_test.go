package store_test

import (
	"context"
	"testing"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// A transaction whose last write fails where it rides with COMMIT (on
// PostgreSQL, in one round trip) commits nothing, reports the failure,
// and leaves no connection inside a transaction: the pool goes on working.
func TestFailedCommitLeavesNothingOpen(t *testing.T) {
	cases := []struct {
		name     string
		postgres bool // PostgreSQL only: SQLite keeps a transaction usable after a failed statement
		fn       func(ctx context.Context, tx *store.Tx) error
	}{
		{"late write breaks a key, with an event", false, func(ctx context.Context, tx *store.Tx) error {
			if _, err := tx.Exec(ctx, `INSERT INTO settings (name, value) VALUES ('new', '1')`); err != nil {
				return err
			}
			tx.AtCommit(`INSERT INTO settings (name, value) VALUES ('taken', '2')`)
			return tx.Emit(ctx, "setting.changed", map[string]string{"name": "new"})
		}},
		{"late write breaks a key, no event", false, func(ctx context.Context, tx *store.Tx) error {
			if _, err := tx.Exec(ctx, `INSERT INTO settings (name, value) VALUES ('new', '1')`); err != nil {
				return err
			}
			tx.AtCommit(`INSERT INTO settings (name, value) VALUES ('taken', '2')`)
			return nil
		}},
		{"a failed statement's error ignored, with an event", true, func(ctx context.Context, tx *store.Tx) error {
			if _, err := tx.Exec(ctx, `INSERT INTO settings (name, value) VALUES ('new', '1')`); err != nil {
				return err
			}
			_, _ = tx.Exec(ctx, `INSERT INTO settings (name, value) VALUES ('taken', '2')`)
			return tx.Emit(ctx, "setting.changed", map[string]string{"name": "new"})
		}},
		{"a failed statement's error ignored, COMMIT alone", true, func(ctx context.Context, tx *store.Tx) error {
			if _, err := tx.Exec(ctx, `INSERT INTO settings (name, value) VALUES ('new', '1')`); err != nil {
				return err
			}
			_, _ = tx.Exec(ctx, `INSERT INTO settings (name, value) VALUES ('taken', '2')`)
			return nil
		}},
	}
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if _, err := db.Exec(ctx, `INSERT INTO settings (name, value) VALUES ('taken', '0')`); err != nil {
			t.Fatal(err)
		}
		for _, c := range cases {
			if c.postgres && db.Dialect != store.Postgres {
				continue
			}
			if err := db.Tx(ctx, c.fn); err == nil {
				t.Errorf("%s: committed", c.name)
			}
			if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM settings WHERE name = 'new'`); n != 0 {
				t.Errorf("%s: the transaction's own row was kept", c.name)
			}
			if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM outbox WHERE type = 'setting.changed'`); n != 0 {
				t.Errorf("%s: its event was kept", c.name)
			}
			if db.Dialect == store.Postgres {
				if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM pg_stat_activity
					WHERE datname = current_database() AND state LIKE 'idle in transaction%'`); n != 0 {
					t.Errorf("%s: %d connections left inside a transaction", c.name, n)
				}
			}
			err := db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
				if _, err := tx.Exec(ctx, `UPDATE settings SET value = value || '.' WHERE name = 'taken'`); err != nil {
					return err
				}
				return tx.Emit(ctx, "setting.changed", map[string]string{"name": "taken"})
			})
			if err != nil {
				t.Fatalf("%s: the next transaction: %v", c.name, err)
			}
			if _, err := db.Exec(ctx, `DELETE FROM outbox`); err != nil {
				t.Fatal(err)
			}
		}
	})
}

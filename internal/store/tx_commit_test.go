package store_test

import (
	"context"
	"database/sql"
	"errors"
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

// ScanRow as a transaction's first statement carries BEGIN on PostgreSQL:
// what it reads and locks is inside the transaction, a missing row is
// sql.ErrNoRows, and the whole message path costs what the budget says.
func TestScanRowCarriesBegin(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if _, err := db.Exec(ctx, `INSERT INTO settings (name, value) VALUES ('head', 'v1')`); err != nil {
			t.Fatal(err)
		}
		lock := ""
		if db.Dialect == store.Postgres {
			lock = " FOR UPDATE"
		}
		before := db.RoundTrips()
		err := db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
			var v string
			if err := tx.ScanRow(ctx, []any{&v}, `SELECT value FROM settings WHERE name = ?`+lock, "head"); err != nil {
				return err
			}
			if v != "v1" {
				t.Errorf("ScanRow read %q, want v1", v)
			}
			if db.Dialect == store.Postgres {
				// The row lock is the transaction's: another connection (a
				// context without the transaction) cannot take it.
				var other string
				err := db.QueryRow(context.Background(), `SELECT value FROM settings WHERE name = 'head' FOR UPDATE NOWAIT`).Scan(&other)
				if err == nil {
					t.Error("the row ScanRow locked was free outside the transaction: BEGIN did not come first")
				}
			}
			var none string
			if err := tx.ScanRow(ctx, []any{&none}, `SELECT value FROM settings WHERE name = ?`, "absent"); !errors.Is(err, sql.ErrNoRows) {
				t.Errorf("ScanRow of no row = %v, want sql.ErrNoRows", err)
			}
			_, err := tx.Exec(ctx, `UPDATE settings SET value = 'v2' WHERE name = 'head'`)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		trips := db.RoundTrips() - before
		if db.Dialect == store.Postgres {
			trips-- // the lock check's own query
		}
		// PostgreSQL: BEGIN with the first read, the second read, the
		// UPDATE, COMMIT; SQLite: BEGIN and COMMIT apart.
		if want := map[store.Dialect]int64{store.Postgres: 4, store.SQLite: 5}[db.Dialect]; trips != want {
			t.Errorf("%d round trips, want %d", trips, want)
		}
		if v := storetest.Scalar[string](t, db, `SELECT value FROM settings WHERE name = 'head'`); v != "v2" {
			t.Errorf("value %q after the commit, want v2", v)
		}

		// A first statement that fails rolls back what follows and leaves
		// no connection inside a transaction.
		err = db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
			var v string
			if err := tx.ScanRow(ctx, []any{&v}, `SELECT value FROM nowhere WHERE name = ?`, "head"); err == nil {
				t.Error("ScanRow of a missing table succeeded")
			}
			_, _ = tx.Exec(ctx, `UPDATE settings SET value = 'v3' WHERE name = 'head'`)
			return nil
		})
		if db.Dialect == store.Postgres && err == nil {
			t.Error("a transaction whose first statement failed committed")
		}
		if db.Dialect == store.Postgres {
			if v := storetest.Scalar[string](t, db, `SELECT value FROM settings WHERE name = 'head'`); v != "v2" {
				t.Errorf("value %q after the failed transaction, want v2", v)
			}
			if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM pg_stat_activity
				WHERE datname = current_database() AND state LIKE 'idle in transaction%'`); n != 0 {
				t.Errorf("%d connections left inside a transaction", n)
			}
		}

		// A transaction that sends nothing costs nothing.
		before = db.RoundTrips()
		if err := db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error { return nil }); err != nil {
			t.Fatal(err)
		}
		if want := map[store.Dialect]int64{store.Postgres: 0, store.SQLite: 2}[db.Dialect]; db.RoundTrips()-before != want {
			t.Errorf("an empty transaction took %d round trips, want %d", db.RoundTrips()-before, want)
		}
	})
}

// Ends is true only for a call that is the last work of its transaction:
// one that begins it, or one inside a transaction whose caller marked ctx
// with Ending; a call joining a transaction (or a group commit's batch)
// is followed by more of it.
func TestEnds(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		inside := func(ctx context.Context) (ends bool) {
			t.Helper()
			if err := db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
				ends = db.Ends(ctx)
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			return ends
		}
		if !db.Ends(ctx) {
			t.Error("a call outside any transaction begins its own: Ends is false")
		}
		if inside(ctx) {
			t.Error("a call joining another's transaction: Ends is true")
		}
		if !inside(store.Ending(ctx)) {
			t.Error("a call in a transaction marked Ending: Ends is false")
		}
		g := store.NewGroup(db, store.GroupOptions{})
		var grouped bool
		if err := g.Tx(ctx, 1, func(ctx context.Context, tx *store.Tx) error {
			grouped = db.Ends(ctx)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if grouped {
			t.Error("a call in a group commit's batch: Ends is true")
		}
	})
}

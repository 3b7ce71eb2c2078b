package store_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

func TestMigrateIsIdempotent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		n, err := db.Migrate(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Fatalf("second migrate applied %d migrations, want 0", n)
		}
	})
}

func TestTxRollsBackEventsWithState(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		boom := errors.New("boom")
		err := db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
			if _, err := tx.Exec(ctx, `INSERT INTO settings (name, value) VALUES (?, ?)`, "a", "1"); err != nil {
				return err
			}
			if err := tx.Emit(ctx, "setting.changed", map[string]string{"name": "a"}); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("Tx error = %v, want boom", err)
		}
		settings := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM settings`)
		events := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM outbox`)
		if settings != 0 || events != 0 {
			t.Fatalf("after rollback: %d settings, %d events; want 0, 0", settings, events)
		}
	})
}

func TestNestedTxJoinsOuter(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		err := db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
			return db.Tx(ctx, func(ctx context.Context, inner *store.Tx) error {
				if inner != tx {
					t.Error("inner Tx is a new transaction, want the outer one")
				}
				_, err := inner.Exec(ctx, `INSERT INTO settings (name, value) VALUES (?, ?)`, "b", "2")
				if err != nil {
					return err
				}
				// A read through the DB inside the transaction sees the write.
				var v string
				if err := db.QueryRow(ctx, `SELECT value FROM settings WHERE name = ?`, "b").Scan(&v); err != nil {
					return err
				}
				if v != "2" {
					t.Errorf("read inside tx = %q, want 2", v)
				}
				return nil
			})
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

func TestRebind(t *testing.T) {
	tests := []struct{ in, want string }{
		{"SELECT 1", "SELECT 1"},
		{"a = ? AND b = ?", "a = $1 AND b = $2"},
		{"x = '?' AND y = ?", "x = '?' AND y = $1"},
	}
	for _, tc := range tests {
		db := &store.DB{Dialect: store.Postgres}
		for range 2 { // the second answer comes from the cache
			if got := db.Rebind(tc.in); got != tc.want {
				t.Errorf("Rebind(%q) = %q, want %q", tc.in, got, tc.want)
			}
		}
	}
	var many strings.Builder
	for i := range 12 {
		fmt.Fprintf(&many, "c%d = ? AND ", i)
	}
	if got, want := (&store.DB{Dialect: store.Postgres}).Rebind(many.String()+"1 = 1"), "c11 = $12 AND 1 = 1"; !strings.HasSuffix(got, want) {
		t.Errorf("Rebind of 12 placeholders = %q, want it to end with %q", got, want)
	}
	if got := (&store.DB{Dialect: store.SQLite}).Rebind("a = ?"); got != "a = ?" {
		t.Errorf("SQLite Rebind = %q, want it unchanged", got)
	}
}

func TestClock(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		start := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
		fake := store.NewFakeClock(start)
		db.SetClock(fake.Now)
		if got := db.Now(); got != start.UnixMilli() {
			t.Fatalf("db.Now = %d, want %d", got, start.UnixMilli())
		}
		fake.Advance(90 * time.Minute)
		var inTx int64
		if err := db.Tx(context.Background(), func(ctx context.Context, tx *store.Tx) error {
			inTx = tx.Now()
			return tx.Emit(ctx, "clock.test", map[string]int{"n": 1})
		}); err != nil {
			t.Fatal(err)
		}
		if want := start.Add(90 * time.Minute).UnixMilli(); inTx != want {
			t.Fatalf("tx.Now = %d, want %d", inTx, want)
		}
		var created int64
		if err := db.QueryRow(context.Background(), `SELECT created_at FROM outbox WHERE type = 'clock.test'`).Scan(&created); err != nil {
			t.Fatal(err)
		}
		if created != inTx {
			t.Fatalf("outbox created_at = %d, want the clock's %d", created, inTx)
		}
		db.SetClock(nil)
		if d := time.Since(store.Time(db.Now())); d < 0 || d > time.Minute {
			t.Fatalf("after SetClock(nil), db.Now is %v from the wall clock", d)
		}
	})
}

// TestEmitWritesEveryEventInOrderAtCommit: a transaction's events reach the
// outbox when it commits, all of them, with ids in the order emitted, in
// however many statements it takes.
func TestEmitWritesEveryEventInOrderAtCommit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		for _, n := range []int{1, 2, 3, 13, 256, 300} {
			before := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM outbox`)
			err := db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
				for i := range n {
					if err := tx.Emit(ctx, "order.test", map[string]int{"i": i, "n": n}); err != nil {
						return err
					}
				}
				// Not written yet, even as the transaction sees the outbox:
				// they go in together at commit.
				var inside int
				if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM outbox`).Scan(&inside); err != nil {
					return err
				}
				if inside != before {
					t.Errorf("%d events: outbox has %d rows inside the transaction, want %d", n, inside, before)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			rows, err := db.Query(ctx, `SELECT data FROM outbox WHERE data LIKE ? ORDER BY id`, fmt.Sprintf(`%%"n":%d}`, n))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for rows.Next() {
				var d string
				if err := rows.Scan(&d); err != nil {
					t.Fatal(err)
				}
				got = append(got, d)
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
			rows.Close()
			if len(got) != n {
				t.Fatalf("%d events emitted, %d in the outbox", n, len(got))
			}
			for i, d := range got {
				if want := fmt.Sprintf(`{"i":%d,"n":%d}`, i, n); d != want {
					t.Fatalf("%d events: row %d is %s, want %s", n, i, d, want)
				}
			}
		}
	})
}

// TestEmitThatCannotBeWrittenFailsTheCommit: an event the outbox refuses
// at commit rolls the transaction back with an error.
func TestEmitThatCannotBeWrittenFailsTheCommit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		err := db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
			if _, err := tx.Exec(ctx, `INSERT INTO settings (name, value) VALUES (?, ?)`, "c", "3"); err != nil {
				return err
			}
			if err := tx.Emit(ctx, "bad.event", "x"); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, `DROP TABLE outbox`)
			return err
		})
		if err == nil || !strings.Contains(err.Error(), "emit") {
			t.Fatalf("Tx = %v, want an emit error", err)
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM settings`); n != 0 {
			t.Fatalf("%d settings after the failed commit, want 0", n)
		}
	})
}

// TestAtCommitRow: rows queued with AtCommitRow under one insert text are
// written by one multi-row INSERT per power-of-two chunk, with the commit
// (on PostgreSQL inside the outbox statement: no round trip of their own);
// a row that breaks a key fails the commit and stores none of them.
func TestAtCommitRow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		const insert = `INSERT INTO settings (name, value) VALUES`
		write := func(names ...string) (int64, error) {
			before := db.RoundTrips()
			err := db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
				for _, name := range names {
					tx.AtCommitRow(insert, name, "row")
				}
				tx.AtCommit(`INSERT INTO settings (name, value) VALUES (?, ?)`, names[0]+"-single", "row")
				return tx.Emit(ctx, "setting.changed", map[string]int{"n": len(names)})
			})
			return db.RoundTrips() - before, err
		}
		var names []string
		for i := range 9 {
			names = append(names, fmt.Sprintf("r%d", i))
		}
		trips, err := write(names...)
		if err != nil {
			t.Fatal(err)
		}
		// BEGIN, the statements, COMMIT: on PostgreSQL one statement holds
		// the chunks of 8 and 1, the AtCommit write and the outbox row, and
		// goes with BEGIN and COMMIT in one round trip; on SQLite the three
		// writes and the outbox INSERT go one by one.
		if want := map[store.Dialect]int64{store.Postgres: 1, store.SQLite: 6}[db.Dialect]; trips != want {
			t.Errorf("9 rows, 1 late write, 1 event: %d round trips, want %d", trips, want)
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM settings WHERE value = 'row'`); n != 10 {
			t.Fatalf("%d rows stored, want 10 (9 rows and the single write)", n)
		}
		if _, err := write("x1", "x2", "r4"); err == nil { // "r4" exists
			t.Fatal("a row that breaks a key committed")
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM settings WHERE name IN ('x1', 'x2', 'x1-single')`); n != 0 {
			t.Errorf("the failed commit kept %d rows of its batch", n)
		}
	})
}

// TestAtCommitRowOr: rows queued with a conflict clause go in one INSERT
// with the commit like AtCommitRow's; a row that repeats another of the
// batch, or one already stored, is skipped instead of failing the commit.
func TestAtCommitRowOr(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		write := func(names ...string) (int64, error) {
			before := db.RoundTrips()
			err := db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
				for _, name := range names {
					tx.AtCommitRowOr(`INSERT INTO settings (name, value) VALUES`, `ON CONFLICT DO NOTHING`, name, "row")
				}
				return tx.Emit(ctx, "setting.changed", map[string]int{"n": len(names)})
			})
			return db.RoundTrips() - before, err
		}
		if _, err := write("a", "b"); err != nil {
			t.Fatal(err)
		}
		trips, err := write("b", "c", "c", "d")
		if err != nil {
			t.Fatalf("rows that repeat: %v", err)
		}
		if want := map[store.Dialect]int64{store.Postgres: 1, store.SQLite: 4}[db.Dialect]; trips != want {
			t.Errorf("4 rows, 1 event: %d round trips, want %d", trips, want)
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM settings WHERE value = 'row'`); n != 4 {
			t.Errorf("%d rows stored, want 4 (a, b, c, d)", n)
		}
	})
}

// TestAtCommit: writes queued with AtCommit land with the commit, with or
// without events, cost no round trip of their own on PostgreSQL when the
// transaction has events, and one that fails rolls the whole transaction
// back, events included.
func TestAtCommit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		write := func(events int, late ...string) (int64, error) {
			before := db.RoundTrips()
			err := db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
				for _, name := range late {
					tx.AtCommit(`INSERT INTO settings (name, value) VALUES (?, ?)`, name, "late")
				}
				for i := range events {
					if err := tx.Emit(ctx, "setting.changed", map[string]int{"n": i}); err != nil {
						return err
					}
				}
				if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM settings WHERE value = 'late' AND name = ?`, late[0]); n != 0 {
					t.Errorf("late write %q was visible before the commit", late[0])
				}
				return nil
			})
			return db.RoundTrips() - before - 1, err // the check's SELECT
		}
		trips, err := write(2, "a", "b")
		if err != nil {
			t.Fatal(err)
		}
		if want := map[store.Dialect]int64{store.Postgres: 1, store.SQLite: 5}[db.Dialect]; trips != want { // PostgreSQL: BEGIN, the outbox and COMMIT together
			t.Errorf("2 late writes and 2 events: %d round trips, want %d", trips, want)
		}
		if _, err := write(0, "c"); err != nil { // no events: sent as they are
			t.Fatal(err)
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM settings WHERE name IN ('a', 'b', 'c') AND value = 'late'`); n != 3 {
			t.Fatalf("%d of the 3 late writes stored, want 3", n)
		}
		// More than the outbox statement takes (a group commit's batch):
		// the rest go on their own, a round trip each (BEGIN, the outbox and
		// COMMIT are 3 on SQLite; 2 on PostgreSQL, where BEGIN goes before
		// the first of the rest and the outbox with COMMIT).
		many := []string{"m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9"}
		trips, err = write(1, many...)
		if err != nil {
			t.Fatal(err)
		}
		if want := map[store.Dialect]int64{store.Postgres: 2 + 3, store.SQLite: 3 + 9}[db.Dialect]; trips != want {
			t.Errorf("9 late writes and 1 event: %d round trips, want %d", trips, want)
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM settings WHERE name LIKE 'm%' AND value = 'late'`); n != len(many) {
			t.Fatalf("%d of the %d late writes stored", n, len(many))
		}
		events := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM outbox`)
		if _, err := write(1, "d", "a"); err == nil { // "a" exists: the commit fails
			t.Fatal("a late write that breaks a key committed")
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM settings WHERE name = 'd'`); n != 0 {
			t.Errorf("the failed commit kept the late write before the one that failed")
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM outbox`); n != events {
			t.Errorf("the failed commit left %d events, want %d", n, events)
		}
	})
}

// TestSQLiteSynchronous: SQLite syncs every commit unless told NORMAL
// (the test suite's setting), and refuses any other value rather than
// guess.
func TestSQLiteSynchronous(t *testing.T) {
	for _, tc := range []struct {
		env  string
		want int // PRAGMA synchronous: 1 NORMAL, 2 FULL
	}{{"", 2}, {"full", 2}, {"NORMAL", 1}} {
		t.Setenv("GROUNDCREW_SQLITE_SYNCHRONOUS", tc.env)
		db, err := store.Open(context.Background(), "", t.TempDir())
		if err != nil {
			t.Fatalf("%q: %v", tc.env, err)
		}
		var got int
		if err := db.QueryRow(context.Background(), "PRAGMA synchronous").Scan(&got); err != nil {
			t.Fatal(err)
		}
		db.Close()
		if got != tc.want {
			t.Errorf("GROUNDCREW_SQLITE_SYNCHRONOUS=%q: synchronous = %d, want %d", tc.env, got, tc.want)
		}
	}
	t.Setenv("GROUNDCREW_SQLITE_SYNCHRONOUS", "OFF")
	if db, err := store.Open(context.Background(), "", t.TempDir()); err == nil {
		db.Close()
		t.Fatal("synchronous OFF was accepted")
	}
}

package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// groupCalls runs calls concurrent calls of g, call i inserting setting
// "k<i>" with an event and then returning fail(i); it returns each call's
// answer. A long window gathers them all before the first batch runs.
func groupCalls(t *testing.T, g *store.Group, calls int, fail func(ctx context.Context, tx *store.Tx, i int) error) []error {
	t.Helper()
	out := make([]error, calls)
	var wg sync.WaitGroup
	for i := range calls {
		wg.Go(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			out[i] = g.Tx(ctx, int64(calls-i), func(ctx context.Context, tx *store.Tx) error {
				if _, err := tx.Exec(ctx, `INSERT INTO settings (name, value) VALUES (?, ?)`, fmt.Sprint("k", i), "v"); err != nil {
					return err
				}
				if err := tx.Emit(ctx, "setting.changed", map[string]int{"i": i}); err != nil {
					return err
				}
				return fail(ctx, tx, i)
			})
		})
	}
	wg.Wait()
	return out
}

// checkAnswers holds the promise of group commit: a call answered nil has
// its setting and its event stored, a call answered with an error has
// neither.
func checkAnswers(t *testing.T, db *store.DB, answers []error) {
	t.Helper()
	settings := storetest.IDs(t, db, `SELECT CAST(SUBSTR(name, 2) AS INTEGER) FROM settings WHERE name LIKE 'k%'`)
	events := storetest.IDs(t, db, `SELECT id FROM outbox WHERE type = 'setting.changed'`)
	acked := 0
	for i, err := range answers {
		if stored := settings[int64(i)]; stored != (err == nil) {
			t.Errorf("call %d: answer %v, setting stored %v", i, err, stored)
		}
		if err == nil {
			acked++
		}
	}
	if len(events) != acked {
		t.Errorf("%d events stored for %d calls answered nil", len(events), acked)
	}
}

func TestGroupCommitsConcurrentCallsTogether(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		g := store.NewGroup(db, store.GroupOptions{Window: 200 * time.Millisecond, Batches: 1, WaitWhenIdle: true})
		answers := groupCalls(t, g, 40, func(context.Context, *store.Tx, int) error { return nil })
		for i, err := range answers {
			if err != nil {
				t.Errorf("call %d: %v", i, err)
			}
		}
		checkAnswers(t, db, answers)
		if batches, calls := g.Stats(); calls != 40 || batches >= 20 {
			t.Errorf("40 concurrent calls ran in %d batches (%d calls counted), want them gathered", batches, calls)
		}
	})
}

// TestGroupFailureInABatch breaks a batch in the middle, in each way a
// batch can break, and checks that no call is answered nil unless its
// writes are stored, that none answered with an error has any, and that
// the calls that would succeed alone do.
func TestGroupFailureInABatch(t *testing.T) {
	boom := errors.New("boom")
	cases := []struct {
		name         string
		fail         func(ctx context.Context, tx *store.Tx, i int) error
		beforeCommit func(db *store.DB) func(ctx context.Context, tx *store.Tx) error
		failing      map[int]bool // the calls that must fail
		postgresOnly bool
	}{
		{name: "one call fails", failing: map[int]bool{7: true},
			fail: func(_ context.Context, _ *store.Tx, i int) error {
				if i == 7 {
					return boom
				}
				return nil
			}},
		{name: "one call's statement fails", failing: map[int]bool{3: true},
			fail: func(ctx context.Context, tx *store.Tx, i int) error {
				if i != 3 {
					return nil
				}
				_, err := tx.Exec(ctx, `INSERT INTO settings (name, value) VALUES (?, ?)`, "k3", "twice")
				return err // a unique violation: PostgreSQL aborts the whole transaction
			}},
		{name: "the commit fails once", beforeCommit: func(*store.DB) func(context.Context, *store.Tx) error {
			return once(func(context.Context, *store.Tx) error { return boom })
		}},
		{name: "the connection is killed mid-batch", postgresOnly: true,
			beforeCommit: func(db *store.DB) func(context.Context, *store.Tx) error {
				return once(func(ctx context.Context, tx *store.Tx) error {
					var pid int
					if err := tx.QueryRow(ctx, `SELECT pg_backend_pid()`).Scan(&pid); err != nil {
						return err
					}
					_, err := db.Exec(ctx, `SELECT pg_terminate_backend(?)`, pid)
					return err
				})
			}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, db *store.DB) {
				if tc.postgresOnly && db.Dialect != store.Postgres {
					t.Skip("a connection to kill is PostgreSQL's")
				}
				g := store.NewGroup(db, store.GroupOptions{Window: 200 * time.Millisecond, Batches: 1, WaitWhenIdle: true})
				if tc.beforeCommit != nil {
					store.SetBeforeCommit(g, tc.beforeCommit(db))
				}
				fail := tc.fail
				if fail == nil {
					fail = func(context.Context, *store.Tx, int) error { return nil }
				}
				answers := groupCalls(t, g, 12, fail)
				for i, err := range answers {
					if (err != nil) != tc.failing[i] {
						t.Errorf("call %d answered %v; want failing %v", i, err, tc.failing[i])
					}
					if err != nil && tc.fail != nil && i == 7 && !errors.Is(err, boom) {
						t.Errorf("call 7 answered %v, want its own error", err)
					}
				}
				checkAnswers(t, db, answers)
				if batches, _ := g.Stats(); batches >= 12 {
					t.Errorf("%d batches for 12 calls: the test did not gather a batch", batches)
				}
			})
		})
	}
}

// once returns fn for its first call and nil after.
func once(fn func(context.Context, *store.Tx) error) func(context.Context, *store.Tx) error {
	var done sync.Once
	return func(ctx context.Context, tx *store.Tx) error {
		var err error
		done.Do(func() { err = fn(ctx, tx) })
		return err
	}
}

func TestGroupInsideATransactionJoinsIt(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		g := store.NewGroup(db, store.GroupOptions{})
		boom := errors.New("boom")
		err := db.Tx(context.Background(), func(ctx context.Context, _ *store.Tx) error {
			if err := g.Tx(ctx, 1, func(ctx context.Context, tx *store.Tx) error {
				_, err := tx.Exec(ctx, `INSERT INTO settings (name, value) VALUES ('inner', 'v')`)
				return err
			}); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("outer transaction: %v, want boom", err)
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM settings WHERE name = 'inner'`); n != 0 {
			t.Errorf("the joined write outlived its outer transaction's rollback")
		}
		if batches, _ := g.Stats(); batches != 0 {
			t.Errorf("%d batches: a call inside a transaction must join it", batches)
		}
	})
}

// TestGroupLoneCallRunsAtOnce: a call that finds the group idle, the call
// before it long past, does not wait the window for company (at a trickle
// that wait is pure latency). The window here is an hour, so a call that
// waited would run into its context's deadline instead of committing.
func TestGroupLoneCallRunsAtOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		g := store.NewGroup(db, store.GroupOptions{Window: time.Hour, StreamGap: 20 * time.Millisecond, Batches: 1})
		for i := range 3 { // one after another, more than StreamGap apart
			if i > 0 {
				time.Sleep(50 * time.Millisecond)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			err := g.Tx(ctx, 1, insertSetting(fmt.Sprint("lone", i)))
			cancel()
			if err != nil {
				t.Fatalf("lone call %d: %v (did it wait the window?)", i, err)
			}
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM settings WHERE name LIKE 'lone%'`); n != 3 {
			t.Errorf("%d of 3 lone calls stored", n)
		}
		if batches, calls := g.Stats(); batches != 3 || calls != 3 {
			t.Errorf("%d batches, %d calls; want 3 and 3", batches, calls)
		}
	})
}

// TestGroupGathersAStream: a call that finds the group idle but comes
// soon after the one before waits the window, so that the next call shares
// its transaction: a steady stream that the writer keeps up with no longer
// costs one commit (one fsync on SQLite) per call.
func TestGroupGathersAStream(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		g := store.NewGroup(db, store.GroupOptions{Window: 2 * time.Second, StreamGap: 2 * time.Second, Batches: 1})
		call := func(i int) error {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			return g.Tx(ctx, int64(i), insertSetting(fmt.Sprint("stream", i)))
		}
		// The first call has no call before it: it runs at once, alone.
		if err := call(0); err != nil {
			t.Fatalf("first call: %v", err)
		}
		// The second finds the group idle, but comes within the window of
		// the first: it waits, and the third joins it.
		second := make(chan error, 1)
		go func() { second <- call(1) }()
		time.Sleep(100 * time.Millisecond)
		if err := call(2); err != nil {
			t.Fatalf("third call: %v", err)
		}
		if err := <-second; err != nil {
			t.Fatalf("second call: %v", err)
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM settings WHERE name LIKE 'stream%'`); n != 3 {
			t.Errorf("%d of 3 calls stored", n)
		}
		if batches, calls := g.Stats(); batches != 2 || calls != 3 {
			t.Errorf("%d batches, %d calls; want the second and third calls in one batch (2 and 3)", batches, calls)
		}
	})
}

// TestSendGroupSharesTheWriterOnSQLite: on SQLite the customers' sends and
// the background writers' GatherTx calls go through one group (what waits
// together commits together); on PostgreSQL they stay apart.
func TestSendGroupSharesTheWriterOnSQLite(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		b0, c0 := db.GatherStats()
		if err := db.SendGroup().Tx(ctx, 1, insertSetting("send")); err != nil {
			t.Fatal(err)
		}
		if err := db.GatherTx(ctx, 2, insertSetting("gathered")); err != nil {
			t.Fatal(err)
		}
		b1, c1 := db.GatherStats()
		want := int64(1) // GatherTx's own call
		if db.Dialect == store.SQLite {
			want = 2 // and the send
		}
		if c1-c0 != want || b1-b0 != want {
			t.Errorf("the gatherer ran %d batches of %d calls; want %d of %d", b1-b0, c1-c0, want, want)
		}
	})
}

// TestGroupBackgroundCallsWaitForCompany: background writers' calls
// (GatherTx's) that find the group idle wait for each other, and a
// customer's call ends the wait at once: the three commit together. The
// patience is an hour, so a wait that the customer's call did not end
// would run into the calls' deadline.
func TestGroupBackgroundCallsWaitForCompany(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		g := store.NewGroup(db, store.GroupOptions{Batches: 1})
		store.SetPatience(g, time.Hour)
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		background := make(chan error, 2)
		for i := range 2 {
			go func() { background <- store.PatientTx(ctx, g, int64(i), insertSetting(fmt.Sprint("background", i))) }()
			for store.Queued(g) <= i { // the call is in the queue, waiting
				if len(background) > 0 {
					t.Fatalf("background call %d committed before the customer's call came", i)
				}
				if ctx.Err() != nil {
					t.Fatalf("background call %d never queued", i)
				}
				time.Sleep(time.Millisecond)
			}
		}
		if err := g.Tx(ctx, 3, insertSetting("customer")); err != nil {
			t.Fatalf("customer's call: %v", err)
		}
		for range 2 {
			if err := <-background; err != nil {
				t.Fatalf("background call: %v", err)
			}
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM settings WHERE name IN ('background0', 'background1', 'customer')`); n != 3 {
			t.Errorf("%d of 3 calls stored", n)
		}
		if batches, calls := g.Stats(); batches != 1 || calls != 3 {
			t.Errorf("%d batches, %d calls; want the three calls in one batch", batches, calls)
		}
	})
}

// TestGroupBackgroundCallsAloneCommit: background calls that no
// customer's call joins commit once their patience runs out; none waits
// for company that never comes.
func TestGroupBackgroundCallsAloneCommit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		g := store.NewGroup(db, store.GroupOptions{Batches: 1})
		store.SetPatience(g, 50*time.Millisecond)
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		background := make(chan error, 3)
		for i := range 3 {
			go func() { background <- store.PatientTx(ctx, g, int64(i), insertSetting(fmt.Sprint("alone", i))) }()
		}
		for range 3 {
			if err := <-background; err != nil {
				t.Fatalf("background call: %v", err)
			}
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM settings WHERE name LIKE 'alone%'`); n != 3 {
			t.Errorf("%d of 3 calls stored", n)
		}
	})
}

// insertSetting is a call that stores setting name.
func insertSetting(name string) func(ctx context.Context, tx *store.Tx) error {
	return func(ctx context.Context, tx *store.Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO settings (name, value) VALUES (?, 'v')`, name)
		return err
	}
}

// TestGroupBackgroundCallsGoFirst: when more calls wait than a batch
// holds, the background writers' calls (the relay's marks among them) go
// in the first batch rather than behind the customers' calls that came
// before them; behind a backlog of sends the relay fell behind.
func TestGroupBackgroundCallsGoFirst(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		g := store.NewGroup(db, store.GroupOptions{Window: 3 * time.Second, WaitWhenIdle: true, MaxBatch: 2, Batches: 1})
		store.SetPatience(g, time.Hour)
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		var mu sync.Mutex
		inBatch := map[string]int64{}
		call := func(name string, patient bool) error {
			fn := func(ctx context.Context, tx *store.Tx) error {
				batches, _ := g.Stats() // counts the batch running now
				mu.Lock()
				inBatch[name] = batches
				mu.Unlock()
				return insertSetting(name)(ctx, tx)
			}
			if patient {
				return store.PatientTx(ctx, g, 0, fn)
			}
			return g.Tx(ctx, 0, fn)
		}
		answers := make(chan error, 4)
		// Three customers' calls, then a background one, while the first
		// customer's call waits the window.
		for i, name := range []string{"c1", "c2", "c3", "background"} {
			go func() { answers <- call(name, name == "background") }()
			for store.Queued(g) <= i {
				if ctx.Err() != nil {
					t.Fatalf("call %s never queued", name)
				}
				time.Sleep(time.Millisecond)
			}
		}
		for range 4 {
			if err := <-answers; err != nil {
				t.Fatal(err)
			}
		}
		if inBatch["background"] != 1 || inBatch["c1"] != 1 || inBatch["c3"] != 2 {
			t.Errorf("batches: %v; want the background call in the first, with c1", inBatch)
		}
	})
}

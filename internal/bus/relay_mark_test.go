package bus_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// TestRelayPublishesWhileAMarkWaits holds the marker's first mark (as a
// busy SQLite writer would) and commits a second event meanwhile: it must
// reach a live subscriber before the first mark is let go, since nothing
// about it waits for that mark. Once the marks go through, every event is
// marked, and each reached the subscriber once.
func TestRelayPublishesWhileAMarkWaits(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		b, err := bus.Start(ctx, "", t.TempDir(), quiet)
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		var got collector
		if err := b.Subscribe(ctx, "gc.test.>", got.add); err != nil {
			t.Fatal(err)
		}
		release := make(chan struct{})
		var first sync.Once
		r := &bus.Relay{DB: db, Publisher: b, Log: quiet, Poll: time.Hour} // woken by commits only
		bus.HoldMarksForTest(r, func() { first.Do(func() { <-release }) })
		var running sync.WaitGroup
		runCtx, stop := context.WithCancel(ctx)
		running.Go(func() { _ = r.Run(runCtx) })
		defer func() { stop(); running.Wait() }()

		emit := func(n int) {
			t.Helper()
			if err := db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
				return tx.Emit(ctx, "test.mark", map[string]int{"n": n})
			}); err != nil {
				t.Fatal(err)
			}
		}
		emit(1)
		waitFor(t, "the first event", func() bool { return len(got.ids()) == 1 })
		emit(2) // its mark's turn comes after the held one
		waitFor(t, "the second event while the first mark is held", func() bool { return len(got.ids()) == 2 })
		if backlog, err := bus.Backlog(ctx, db); err != nil || backlog != 2 {
			t.Errorf("backlog while the mark is held = %d, %v; want both events unmarked", backlog, err)
		}
		close(release)
		waitFor(t, "both events marked", func() bool {
			n, err := bus.Backlog(ctx, db)
			return err == nil && n == 0
		})
		time.Sleep(200 * time.Millisecond) // a republished event would show by now
		if ids := got.ids(); len(ids) != 2 || ids[0] == ids[1] {
			t.Errorf("subscriber got %v; want the two events once each", ids)
		}
	})
}

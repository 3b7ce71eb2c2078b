package bus_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// countingWaker counts the wakes a relay sends and receives.
type countingWaker struct {
	next           bus.Waker
	sent, received atomic.Int64
}

func (w *countingWaker) WakeRelays() error {
	w.sent.Add(1)
	return w.next.WakeRelays()
}

func (w *countingWaker) OnRelayWake(ctx context.Context, wake func()) error {
	return w.next.OnRelayWake(ctx, func() {
		w.received.Add(1)
		wake()
	})
}

// TestCommitOnAnotherNodeWakesTheActiveRelay: two nodes on one PostgreSQL
// database and one NATS, each with its relay polling only once an hour. A
// commit on the standby's node reaches the bus because the standby wakes
// the active relay on the other node.
func TestCommitOnAnotherNodeWakesTheActiveRelay(t *testing.T) {
	dsn := storetest.DSN(t, store.Postgres)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	nodeA, err := store.Open(ctx, dsn, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer nodeA.Close()
	if _, err := nodeA.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	// Node B's sessions are named, so the test can see its relay's first try
	// at the lock among the server's other sessions.
	nameB := fmt.Sprintf("wake_test_%d", time.Now().UnixNano())
	nodeB, err := store.Open(ctx, dsn+"&application_name="+nameB, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer nodeB.Close()
	busA, busB := twoNodes(t)

	wakerA, wakerB := &countingWaker{next: busA}, &countingWaker{next: busB}
	relayA := &bus.Relay{DB: nodeA, Publisher: busA, Waker: wakerA, Log: quiet, Poll: time.Hour}
	relayB := &bus.Relay{DB: nodeB, Publisher: busB, Waker: wakerB, Log: quiet, Poll: time.Hour}
	// A becomes the active relay before either runs, so B's first try at
	// the lock fails and B stands by.
	if _, err := relayA.PublishPending(ctx); err != nil {
		t.Fatal(err)
	}
	var live collector
	if err := busA.Subscribe(ctx, "gc.>", live.add); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	defer wg.Wait()
	defer cancel()
	wg.Go(func() { _ = relayA.Run(ctx) })
	wg.Go(func() { _ = relayB.Run(ctx) })
	if err := busA.Flush(); err != nil { // A's wake subscription is in place
		t.Fatal(err)
	}
	// B's relay waits for local commits from before its first try at the
	// lock; once that try has failed, B is standing by and listening.
	waitFor(t, "node B's relay to stand by", func() bool { return triedLock(t, nodeA, nameB) })

	for i := range 3 {
		emit(t, nodeB, 1)
		waitFor(t, "the event committed on node B", func() bool { return len(live.ids()) == i+1 })
	}
	if wakerB.sent.Load() < 3 || wakerA.received.Load() < 3 {
		t.Fatalf("node B sent %d wakes, node A received %d; want at least 3 each", wakerB.sent.Load(), wakerA.received.Load())
	}
	if wakerA.sent.Load() != 0 {
		t.Errorf("the active relay sent %d wakes; it publishes itself", wakerA.sent.Load())
	}
	if n := count(t, nodeA, `SELECT COUNT(*) FROM outbox WHERE published_at IS NULL`); n != 0 {
		t.Errorf("%d events left unpublished", n)
	}
}

// triedLock reports whether a session of application name has asked for
// the relay's lock and is idle again (refused: its relay stands by).
func triedLock(t *testing.T, db *store.DB, name string) bool {
	t.Helper()
	return count(t, db, `SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = ? AND state = 'idle'
		AND query LIKE '%pg_try_advisory_lock%'`, name) == 1
}

package bus_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// dyingPublisher passes batches to the bus until its budget runs out, then
// fails every call, like a relay whose process died mid-way.
type dyingPublisher struct {
	next    bus.Publisher
	budget  atomic.Int32
	partial bool // publish half of the fatal batch before failing
}

func (p *dyingPublisher) PublishBatch(ctx context.Context, events []store.Event) error {
	if p.budget.Add(-1) < 0 {
		if p.partial && len(events) > 1 {
			_ = p.next.PublishBatch(ctx, events[:len(events)/2])
		}
		return errors.New("relay died")
	}
	return p.next.PublishBatch(ctx, events)
}

func emit(t *testing.T, db *store.DB, n int) {
	t.Helper()
	for i := 0; i < n; i++ {
		err := db.Tx(context.Background(), func(ctx context.Context, tx *store.Tx) error {
			return tx.Emit(ctx, "test.happened", map[string]int{"i": i})
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func countRecorded(t *testing.T, db *store.DB) int {
	var n int
	if err := db.QueryRow(context.Background(), `SELECT COUNT(DISTINCT event_id) FROM event_log`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestRelayKilledMidwayLosesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		b := recordingBus(ctx, t, db)

		const total = 300
		emit(t, db, total)

		// The first relay publishes three batches of 40, half of a fourth, and dies.
		dying := &dyingPublisher{next: b, partial: true}
		dying.budget.Store(3)
		first := &bus.Relay{DB: db, Publisher: dying, Log: quiet, BatchSize: 40}
		for {
			if _, err := first.PublishPending(ctx); err != nil {
				break
			}
		}
		first.Close() // its connection, and lock, go with the process
		backlog, err := bus.Backlog(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		if backlog != total-120 {
			t.Fatalf("backlog after the relay died = %d, want %d", backlog, total-120)
		}

		// A new relay starts and runs; more events arrive while it runs.
		relayCtx, stopRelay := context.WithCancel(ctx)
		second := &bus.Relay{DB: db, Publisher: b, Log: quiet, BatchSize: 40}
		done := make(chan error, 1)
		go func() { done <- second.Run(relayCtx) }()
		emit(t, db, 50)

		deadline := time.Now().Add(20 * time.Second)
		for countRecorded(t, db) < total+50 && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
		stopRelay()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		if got := countRecorded(t, db); got != total+50 {
			t.Fatalf("recorded %d distinct events, want %d", got, total+50)
		}
		dupes := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM event_log`)
		if dupes != total+50 {
			t.Fatalf("event_log has %d rows for %d events: a consumer was not idempotent", dupes, total+50)
		}
		if backlog, err := bus.Backlog(ctx, db); err != nil || backlog != 0 {
			t.Fatalf("backlog after relay = %d, %v; want 0", backlog, err)
		}
	})
}

func TestOnceRunsOncePerEvent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		runs := 0
		for i := 0; i < 3; i++ {
			err := bus.Once(ctx, db, "c", 42, func(ctx context.Context, tx *store.Tx) error {
				runs++
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		if runs != 1 {
			t.Fatalf("handler ran %d times, want 1", runs)
		}
	})
}

func TestEmbeddedBusKeepsEventsAcrossRestart(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	db := storetest.Open(t, store.SQLite)
	emit(t, db, 10)
	b, err := bus.Start(ctx, "", dir, quiet)
	if err != nil {
		t.Fatal(err)
	}
	relay := &bus.Relay{DB: db, Publisher: b, Log: quiet}
	if err := relay.Drain(ctx); err != nil {
		t.Fatal(err)
	}
	b.Close()

	// The consumer starts only after a restart; the stream kept the events on disk.
	b, err = bus.Start(ctx, "", dir, quiet)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if err := bus.Record(cctx, b, db); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for countRecorded(t, db) < 10 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if got := countRecorded(t, db); got != 10 {
		t.Fatalf("recorded %d events after restart, want 10", got)
	}
}

// recordingBus starts an embedded bus whose recorder writes db's
// event_log until ctx ends; the test closes it.
func recordingBus(ctx context.Context, t *testing.T, db *store.DB) *bus.Bus {
	t.Helper()
	b, err := bus.Start(ctx, "", t.TempDir(), quiet)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	if err := bus.Record(ctx, b, db); err != nil {
		t.Fatal(err)
	}
	return b
}

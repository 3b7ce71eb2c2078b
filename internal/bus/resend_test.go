package bus_test

import (
	"context"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// TestRelayResendsWhatAPowerLossTook: the embedded JetStream flushes its
// files every EmbeddedSyncInterval, so a power loss can take events it had
// acknowledged and the relay had marked published. A relay starting on the
// embedded bus publishes the outbox's recent rows again: the lost ones are
// stored again and reach the consumers, the kept ones are dropped by
// message id (the stream holds each event once), and rows published
// before the window are not sent again.
func TestRelayResendsWhatAPowerLossTook(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		clock := store.NewFakeClock(time.Now())
		db.SetClock(clock.Now)
		dir := t.TempDir()
		start := func() (*bus.Bus, *bus.Relay) {
			t.Helper()
			b, err := bus.Start(ctx, "", dir, quiet)
			if err != nil {
				t.Fatal(err)
			}
			return b, &bus.Relay{DB: db, Publisher: b, Log: quiet, BatchSize: 7, Resend: b.ResendWindow()}
		}
		stored := func(b *bus.Bus, want uint64) {
			t.Helper()
			if n, err := bus.StoredForTest(ctx, b); err != nil || n != want {
				t.Fatalf("the stream holds %d events (%v), want %d", n, err, want)
			}
		}

		b, relay := start()
		if b.ResendWindow() <= bus.EmbeddedSyncInterval || b.ResendWindow() >= bus.DuplicateWindow {
			t.Fatalf("resend window %v: want more than the flush interval %v and less than the duplicate window %v",
				b.ResendWindow(), bus.EmbeddedSyncInterval, bus.DuplicateWindow)
		}
		emit(t, db, 30) // flushed long ago
		if err := relay.Drain(ctx); err != nil {
			t.Fatal(err)
		}
		clock.Advance(30 * time.Minute)
		emit(t, db, 20) // acknowledged a moment before the power went
		if err := relay.Drain(ctx); err != nil {
			t.Fatal(err)
		}
		stored(b, 50)
		if err := bus.LoseForTest(ctx, b, 31); err != nil {
			t.Fatal(err)
		}
		stored(b, 30)
		relay.Close() // the process goes, and its PostgreSQL lock with it
		b.Close()

		clock.Advance(5 * time.Second)
		b, relay = start()
		if err := relay.Drain(ctx); err != nil {
			t.Fatal(err)
		}
		stored(b, 50)
		if err := bus.Record(ctx, b, db); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(10 * time.Second)
		for countRecorded(t, db) < 50 && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		if got := countRecorded(t, db); got != 50 {
			t.Fatalf("the consumer recorded %d events, want all 50", got)
		}
		relay.Close()
		b.Close()

		// A start without a loss sends the window again, and the stream
		// drops every one of them by its id.
		b, relay = start()
		defer b.Close()
		defer relay.Close()
		if err := relay.Drain(ctx); err != nil {
			t.Fatal(err)
		}
		stored(b, 50)
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM event_log`); n != 50 {
			t.Fatalf("event_log has %d rows for 50 events", n)
		}
	})
}

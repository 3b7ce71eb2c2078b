package bus_test

import (
	"context"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

func count(t *testing.T, db *store.DB, query string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := db.QueryRow(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestPruneKeepsWhatMayStillBeNeeded moves the database clock forward and
// checks what each bus table keeps: unpublished outbox rows always, the
// event log for its retention, consumed events for as long as the stream
// could deliver an event again.
func TestPruneKeepsWhatMayStillBeNeeded(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		start := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
		clock := store.NewFakeClock(start)
		db.SetClock(clock.Now)
		b := recordingBus(ctx, t, db)
		emit(t, db, 30)
		relay := &bus.Relay{DB: db, Publisher: b, Log: quiet}
		if err := relay.Drain(ctx); err != nil {
			t.Fatal(err)
		}
		defer relay.Close()
		deadline := time.Now().Add(10 * time.Second)
		for countRecorded(t, db) < 30 && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		// A consumer's record of the 30 it handled (the recorder keeps
		// none: event_log is its own record).
		var handled []store.Event
		for id := range storetest.IDs(t, db, `SELECT event_id FROM event_log`) {
			handled = append(handled, store.Event{ID: id})
		}
		if err := bus.OnceBatch(ctx, db, "c", handled, func(context.Context, *store.Tx, []store.Event) error { return nil }); err != nil {
			t.Fatal(err)
		}
		emit(t, db, 5) // committed, never published (the relay is not running)

		state := func() [4]int64 {
			return [4]int64{
				count(t, db, `SELECT COUNT(*) FROM outbox WHERE published_at IS NOT NULL`),
				count(t, db, `SELECT COUNT(*) FROM outbox WHERE published_at IS NULL`),
				count(t, db, `SELECT COUNT(*) FROM event_log`),
				count(t, db, `SELECT COUNT(*) FROM consumed_events`),
			}
		}
		ret := bus.Retention{EventLog: 3 * 24 * time.Hour, Consumed: time.Hour} // Consumed below the minimum: raised
		steps := []struct {
			at   time.Duration // since the events were handled
			want [4]int64      // published outbox, unpublished outbox, event_log, consumed_events
		}{
			{0, [4]int64{30, 5, 30, 30}},
			{59 * time.Minute, [4]int64{30, 5, 30, 30}},
			{61 * time.Minute, [4]int64{0, 5, 30, 30}}, // published outbox rows: 1 hour
			{3*24*time.Hour - time.Minute, [4]int64{0, 5, 30, 30}},
			{3*24*time.Hour + time.Minute, [4]int64{0, 5, 0, 30}},          // event_log: as configured
			{bus.StreamMaxAge + time.Minute, [4]int64{0, 5, 0, 30}},        // consumed_events: not while the stream may redeliver,
			{bus.MinConsumedRetention + time.Minute, [4]int64{0, 5, 0, 0}}, // whatever the configuration says
			{365 * 24 * time.Hour, [4]int64{0, 5, 0, 0}},                   // unpublished rows are never pruned
		}
		for _, s := range steps {
			clock.Set(start.Add(s.at))
			if _, err := bus.Prune(ctx, db, ret); err != nil {
				t.Fatal(err)
			}
			if got := state(); got != s.want {
				t.Fatalf("at +%s: outbox published/unpublished, event_log, consumed_events = %v, want %v", s.at, got, s.want)
			}
		}
	})
}

// TestPruneInChunks prunes more rows than one DELETE takes.
func TestPruneInChunks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		clock := store.NewFakeClock(time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
		db.SetClock(clock.Now)
		const n = 12345
		err := db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
			_, err := tx.Exec(ctx, `INSERT INTO event_log (event_id, type, data, received_at)
				WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < ?)
				SELECT n, 'test.bulk', '{}', ? FROM s`, n, tx.Now())
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		clock.Advance(bus.DefaultEventLogRetention + time.Millisecond)
		p, err := bus.Prune(ctx, db, bus.Retention{})
		if err != nil {
			t.Fatal(err)
		}
		if p.EventLog != n || count(t, db, `SELECT COUNT(*) FROM event_log`) != 0 {
			t.Fatalf("pruned %d event_log rows, want all %d", p.EventLog, n)
		}
	})
}

// TestRelayPrunes checks that a running relay prunes.
func TestRelayPrunes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		clock := store.NewFakeClock(time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
		db.SetClock(clock.Now)
		if _, err := db.Exec(ctx, `INSERT INTO event_log (event_id, type, data, received_at) VALUES (1, 'test.old', '{}', ?)`, db.Now()); err != nil {
			t.Fatal(err)
		}
		clock.Advance(8 * 24 * time.Hour)
		relay := &bus.Relay{DB: db, Publisher: nopPublisher{}, Log: quiet, Poll: 10 * time.Millisecond}
		done := make(chan error, 1)
		go func() { done <- relay.Run(ctx) }()
		deadline := time.Now().Add(10 * time.Second)
		for count(t, db, `SELECT COUNT(*) FROM event_log`) != 0 && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		cancel()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		if n := count(t, db, `SELECT COUNT(*) FROM event_log`); n != 0 {
			t.Fatalf("event_log has %d rows older than its retention after the relay ran", n)
		}
	})
}

type nopPublisher struct{}

func (nopPublisher) PublishBatch(context.Context, []store.Event) error { return nil }

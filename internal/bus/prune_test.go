package bus_test

import (
	"context"
	"maps"
	"slices"
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

// TestPruneStopsAtTheFirstYoungRow: the outbox and consumed_events are
// pruned by walking their keys from the oldest row. A row published or
// handled late with a low id must keep itself and every row after it
// until it ages too; nothing within its retention is ever deleted, and
// each consumer is pruned on its own.
func TestPruneStopsAtTheFirstYoungRow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		start := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
		clock := store.NewFakeClock(start)
		db.SetClock(clock.Now)
		at := func(d time.Duration) int64 { return start.Add(d).UnixMilli() }
		late := 50 * time.Minute
		for id := int64(1); id <= 22; id++ {
			var published any = at(0)
			switch {
			case id == 11:
				published = at(late) // committed late, published late
			case id > 20:
				published = nil // not yet published
			}
			if _, err := db.Exec(ctx, `INSERT INTO outbox (id, type, data, created_at, published_at) VALUES (?, 'test.prune', '{}', ?, ?)`,
				id, at(0), published); err != nil {
				t.Fatal(err)
			}
		}
		for id := int64(1); id <= 20; id++ {
			handled := at(0)
			if id == 11 {
				handled = at(2 * time.Hour) // delivered again, or late, and handled then
			}
			if _, err := db.Exec(ctx, `INSERT INTO consumed_events (consumer, event_id, consumed_at) VALUES ('a', ?, ?)`, id, handled); err != nil {
				t.Fatal(err)
			}
			if id <= 5 {
				if _, err := db.Exec(ctx, `INSERT INTO consumed_events (consumer, event_id, consumed_at) VALUES ('b', ?, ?)`, id, at(0)); err != nil {
					t.Fatal(err)
				}
			}
		}
		span := func(from, to int64) map[int64]bool {
			m := map[int64]bool{}
			for id := from; id <= to; id++ {
				m[id] = true
			}
			return m
		}
		steps := []struct {
			at                time.Duration
			outbox, consumedA map[int64]bool
			consumedB         int
		}{
			{59 * time.Minute, span(1, 22), span(1, 20), 5},
			// Rows 1-10 are old; 11 is young and stops the walk.
			{61 * time.Minute, span(11, 22), span(1, 20), 5},
			// 11 has aged: the published rows go, the unpublished stay.
			{late + 61*time.Minute, span(21, 22), span(1, 20), 5},
			{bus.MinConsumedRetention + time.Minute, span(21, 22), span(11, 20), 0},
			{bus.MinConsumedRetention + 2*time.Hour + time.Minute, span(21, 22), span(1, 0), 0},
		}
		for _, s := range steps {
			clock.Set(start.Add(s.at))
			if _, err := bus.Prune(ctx, db, bus.Retention{}); err != nil {
				t.Fatal(err)
			}
			if got := storetest.IDs(t, db, `SELECT id FROM outbox`); !maps.Equal(got, s.outbox) {
				t.Fatalf("at +%s the outbox keeps %v, want %v", s.at, sortedKeys(got), sortedKeys(s.outbox))
			}
			if got := storetest.IDs(t, db, `SELECT event_id FROM consumed_events WHERE consumer = 'a'`); !maps.Equal(got, s.consumedA) {
				t.Fatalf("at +%s consumer a keeps %v, want %v", s.at, sortedKeys(got), sortedKeys(s.consumedA))
			}
			if got := count(t, db, `SELECT COUNT(*) FROM consumed_events WHERE consumer = 'b'`); got != int64(s.consumedB) {
				t.Fatalf("at +%s consumer b keeps %d rows, want %d", s.at, got, s.consumedB)
			}
		}
	})
}

func sortedKeys(m map[int64]bool) []int64 {
	return slices.Sorted(maps.Keys(m))
}

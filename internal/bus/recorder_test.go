package bus_test

import (
	"context"
	"slices"
	"sync"
	"testing"

	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// TestRecorderKeepsEachEventOnce delivers events to the recorder again, out
// of order and twice in one batch, as a redelivering stream may: event_log
// holds each event once, and the recorder keeps no consumed_events rows (its
// table's key is its record of what it has handled).
func TestRecorderKeepsEachEventOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		emit(t, db, 6)
		evs, err := bus.Pending(ctx, db, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(evs) != 6 {
			t.Fatalf("%d events in the outbox, want 6", len(evs))
		}
		record := bus.RecordBatch(db)
		steps := []struct {
			name  string
			batch []int // indexes into evs
			want  int   // rows in event_log after it
		}{
			{"fresh, one twice", []int{0, 1, 1, 2}, 3},
			{"redelivered with a new one", []int{2, 0, 3}, 4},
			{"backwards, one twice", []int{5, 4, 3, 5}, 6},
			{"all again", []int{0, 1, 2, 3, 4, 5}, 6},
		}
		for _, s := range steps {
			batch := make([]store.Event, len(s.batch))
			for i, j := range s.batch {
				batch[i] = evs[j]
			}
			if err := record(ctx, batch); err != nil {
				t.Fatalf("%s: %v", s.name, err)
			}
			if n := count(t, db, `SELECT COUNT(*) FROM event_log`); n != int64(s.want) {
				t.Fatalf("%s: %d rows in event_log, want %d", s.name, n, s.want)
			}
		}
		var kept string
		if err := db.QueryRow(ctx, `SELECT data FROM event_log WHERE event_id = ?`, evs[4].ID).Scan(&kept); err != nil {
			t.Fatal(err)
		}
		if kept != string(evs[4].Data) {
			t.Fatalf("event_log keeps %q for event %d, want %q", kept, evs[4].ID, evs[4].Data)
		}
		if n := count(t, db, `SELECT COUNT(*) FROM consumed_events WHERE consumer = ?`, bus.RecorderName); n != 0 {
			t.Fatalf("the recorder wrote %d consumed_events rows, want none", n)
		}
	})
}

// TestRecordersOverlapping runs two recorders (two nodes, or a redelivery
// while the first delivery still commits) over overlapping batches in
// opposite orders: neither fails (no deadlock on PostgreSQL) and every event
// is recorded once.
func TestRecordersOverlapping(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		const total = 120
		emit(t, db, total)
		evs, err := bus.Pending(ctx, db, total)
		if err != nil {
			t.Fatal(err)
		}
		backwards := slices.Clone(evs)
		slices.Reverse(backwards)
		record := bus.RecordBatch(db)
		var wg sync.WaitGroup
		errs := make(chan error, 2*total)
		for _, order := range [][]store.Event{evs, backwards} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < len(order); i += 10 {
					errs <- record(ctx, order[i:min(i+20, len(order))]) // windows of 20, each overlapping the next
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		if n, distinct := count(t, db, `SELECT COUNT(*) FROM event_log`), countRecorded(t, db); n != total || distinct != total {
			t.Fatalf("event_log: %d rows, %d events; want %d of each", n, distinct, total)
		}
	})
}

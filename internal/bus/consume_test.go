package bus

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

var silent = slog.New(slog.NewTextHandler(io.Discard, nil))

func events(ids ...int64) []store.Event {
	out := make([]store.Event, len(ids))
	for i, id := range ids {
		out[i] = store.Event{ID: id, Type: "test.batch", Data: json.RawMessage(fmt.Sprintf(`{"n":%d}`, id))}
	}
	return out
}

func idsOf(evs []store.Event) []int64 {
	out := make([]int64, len(evs))
	for i, ev := range evs {
		out[i] = ev.ID
	}
	return out
}

func TestOnceBatch(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		start := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
		db.SetClock(store.NewFakeClock(start).Now)
		boom := errors.New("handler failed")
		steps := []struct {
			name    string
			in      []int64
			fail    bool
			want    []int64 // what fn is given; nil: fn is not called
			wantErr error
		}{
			{"new events, a repeat inside the batch, out of order", []int64{3, 1, 2, 2}, false, []int64{1, 2, 3}, nil},
			{"some seen before", []int64{2, 4, 3}, false, []int64{4}, nil},
			{"all seen before", []int64{1, 4}, false, nil, nil},
			{"handler fails: nothing is recorded", []int64{5, 6}, true, []int64{5, 6}, boom},
			{"the retry gets them again", []int64{6, 5}, false, []int64{5, 6}, nil},
			{"more than one chunk", seq(7, 1300), false, seq(7, 1300), nil},
		}
		for _, s := range steps {
			var got []int64
			err := OnceBatch(ctx, db, "c", events(s.in...), func(ctx context.Context, tx *store.Tx, fresh []store.Event) error {
				got = idsOf(fresh)
				if s.fail {
					return boom
				}
				return nil
			})
			if !errors.Is(err, s.wantErr) {
				t.Fatalf("%s: err = %v, want %v", s.name, err, s.wantErr)
			}
			if !slices.Equal(got, s.want) {
				t.Fatalf("%s: fn got %v, want %v", s.name, head(got), head(s.want))
			}
		}
		// Another consumer has its own record.
		var other []int64
		if err := OnceBatch(ctx, db, "other", events(1, 2), func(ctx context.Context, tx *store.Tx, fresh []store.Event) error {
			other = idsOf(fresh)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(other, []int64{1, 2}) {
			t.Fatalf("consumer other got %v, want [1 2]", other)
		}
		var n, at int64
		if err := db.QueryRow(ctx, `SELECT COUNT(*), MIN(consumed_at) FROM consumed_events WHERE consumer = ?`, "c").Scan(&n, &at); err != nil {
			t.Fatal(err)
		}
		if n != 1300 || at != start.UnixMilli() {
			t.Fatalf("consumed_events for c: %d rows, earliest at %d; want 1300 at %d (the database clock)", n, at, start.UnixMilli())
		}
	})
}

func seq(from, to int64) []int64 {
	var out []int64
	for i := from; i <= to; i++ {
		out = append(out, i)
	}
	return out
}

func head(s []int64) []int64 { return s[:min(10, len(s))] }

func TestChunksPadToPowersOfTwo(t *testing.T) {
	for _, tc := range []struct {
		n     int
		sizes []int
	}{
		{1, []int{1}}, {3, []int{4}}, {64, []int{64}}, {500, []int{512}}, {513, []int{512, 1}}, {1300, []int{512, 512, 512}},
	} {
		parts := chunks(seq(1, int64(tc.n)))
		var sizes []int
		var all []int64
		for _, p := range parts {
			sizes = append(sizes, len(p))
			all = append(all, p...)
		}
		if !slices.Equal(sizes, tc.sizes) {
			t.Errorf("chunks(%d): sizes %v, want %v", tc.n, sizes, tc.sizes)
		}
		slices.Sort(all)
		if got := slices.Compact(all); !slices.Equal(got, seq(1, int64(tc.n))) {
			t.Errorf("chunks(%d) lost or invented ids", tc.n)
		}
	}
}

// TestConsumeBatchRetriesWithoutLossOrDouble delivers every event twice
// (as a republish after the duplicate window would) and fails batches that
// hold a "poison" event until its fifth try: every event is applied once,
// and the poison events do not hold up the rest.
func TestConsumeBatchRetriesWithoutLossOrDouble(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		b, err := Start(ctx, "", t.TempDir(), silent)
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()

		const total = 400
		evs := events(seq(1, total)...)
		if err := b.PublishBatch(ctx, evs); err != nil {
			t.Fatal(err)
		}
		for _, ev := range evs { // the same events under other message ids
			body, _ := json.Marshal(ev)
			if _, err := b.js.Publish(ctx, SubjectPrefix+ev.Type, body); err != nil {
				t.Fatal(err)
			}
		}

		var (
			mu       sync.Mutex
			applied  = map[int64]int{}
			tries    = map[int64]int{}
			maxBatch int
		)
		poison := func(id int64) bool { return id%97 == 0 }
		err = b.ConsumeBatch(ctx, "flaky", SubjectPrefix+">", 64, func(ctx context.Context, evs []store.Event) error {
			var fresh []store.Event
			err := OnceBatch(ctx, db, "flaky", evs, func(ctx context.Context, tx *store.Tx, f []store.Event) error {
				mu.Lock()
				defer mu.Unlock()
				maxBatch = max(maxBatch, len(evs))
				for _, ev := range f {
					if poison(ev.ID) {
						tries[ev.ID]++
						if tries[ev.ID] < 5 { // two copies give it four tries at most: the fifth needs a redelivery
							return fmt.Errorf("event %d: not yet", ev.ID)
						}
					}
				}
				fresh = f
				return nil
			})
			if err != nil {
				return err
			}
			mu.Lock()
			for _, ev := range fresh { // counted only once committed
				applied[ev.ID]++
			}
			mu.Unlock()
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}

		deadline := time.Now().Add(30 * time.Second)
		for time.Now().Before(deadline) {
			mu.Lock()
			n := len(applied)
			mu.Unlock()
			if n == total {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
		time.Sleep(200 * time.Millisecond) // a double would land now
		mu.Lock()
		defer mu.Unlock()
		for id := int64(1); id <= total; id++ {
			if applied[id] != 1 {
				t.Errorf("event %d applied %d times, want 1", id, applied[id])
			}
		}
		for id := int64(97); id <= total; id += 97 {
			if tries[id] < 5 {
				t.Errorf("poison event %d tried %d times, want 5 or more", id, tries[id])
			}
		}
		if maxBatch < 2 || maxBatch > 64 {
			t.Errorf("largest batch %d events, want between 2 and the limit of 64", maxBatch)
		}
	})
}

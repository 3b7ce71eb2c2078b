package bus_test

import (
	"context"
	"encoding/json"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// stamped is an event payload carrying when its transaction began.
type stamped struct {
	Sent int64 `json:"sent"` // Unix nanoseconds
}

// liveRate is the events per second BenchmarkLiveLatency commits.
const liveRate = 1000

// BenchmarkLiveLatency measures how long an event takes from the moment
// its transaction is due to begin to a live subscriber's handler: commit,
// relay, JetStream, ordered consumer. Four writers commit liveRate events a
// second between them on a fixed schedule, so queueing counts. "same-node"
// commits on the node whose relay is active; "other-node" (PostgreSQL)
// commits on a second node, whose standby relay wakes the active one;
// "other-node-poll" is the same without the wake, as before it. The figures
// are p50 and p99 in milliseconds.
func BenchmarkLiveLatency(b *testing.B) {
	for _, engine := range storetest.Engines() {
		b.Run(string(engine), func(b *testing.B) {
			b.Run("same-node", func(b *testing.B) { benchLiveLatency(b, engine, false, true) })
			if engine == store.Postgres {
				b.Run("other-node", func(b *testing.B) { benchLiveLatency(b, engine, true, true) })
				b.Run("other-node-poll", func(b *testing.B) { benchLiveLatency(b, engine, true, false) })
			}
		})
	}
}

func benchLiveLatency(b *testing.B, engine store.Dialect, otherNode, wake bool) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	dsn := storetest.DSN(b, engine)
	open := func() *store.DB {
		db, err := store.Open(ctx, dsn, b.TempDir())
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { db.Close() })
		return db
	}
	nodeA := open()
	if _, err := nodeA.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	busA, err := bus.StartWith(ctx, bus.Options{DataDir: b.TempDir(), Listen: "127.0.0.1:-1", Log: quiet})
	if err != nil {
		b.Fatal(err)
	}
	defer busA.Close()
	relayA := &bus.Relay{DB: nodeA, Publisher: busA, Log: quiet}
	if wake {
		relayA.Waker = busA
	}
	if _, err := relayA.PublishPending(ctx); err != nil { // A is the active relay
		b.Fatal(err)
	}
	writeTo := nodeA
	var wg sync.WaitGroup
	defer wg.Wait()
	defer cancel()
	wg.Go(func() { _ = relayA.Run(ctx) })
	if otherNode {
		busB, err := bus.StartWith(ctx, bus.Options{URL: busA.ClientURL(), Log: quiet})
		if err != nil {
			b.Fatal(err)
		}
		defer busB.Close()
		writeTo = open()
		relayB := &bus.Relay{DB: writeTo, Publisher: busB, Log: quiet}
		if wake {
			relayB.Waker = busB
		}
		wg.Go(func() { _ = relayB.Run(ctx) })
	}

	var mu sync.Mutex
	var lat []time.Duration
	done := make(chan struct{})
	err = busA.Subscribe(ctx, "gc.bench.>", func(ev store.Event) {
		var s stamped
		if err := json.Unmarshal(ev.Data, &s); err != nil {
			b.Error(err)
			return
		}
		mu.Lock()
		lat = append(lat, time.Since(time.Unix(0, s.Sent)))
		if len(lat) == b.N {
			close(done)
		}
		mu.Unlock()
	})
	if err != nil {
		b.Fatal(err)
	}
	if err := busA.Flush(); err != nil {
		b.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond) // the standby relay has had its first try at the lock

	const writers = 4
	b.ResetTimer()
	start := time.Now()
	var writing sync.WaitGroup
	for w := range writers {
		writing.Go(func() {
			for i := w; i < b.N; i += writers {
				due := start.Add(time.Duration(i) * time.Second / liveRate)
				time.Sleep(time.Until(due))
				err := writeTo.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
					return tx.Emit(ctx, "bench.live", stamped{Sent: due.UnixNano()})
				})
				if err != nil {
					b.Error(err)
					return
				}
			}
		})
	}
	writing.Wait()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		b.Fatalf("%d of %d events arrived", len(lat), b.N)
	}
	b.StopTimer()
	mu.Lock()
	defer mu.Unlock()
	slices.Sort(lat)
	ms := func(q float64) float64 { return float64(lat[int(q*float64(len(lat)-1))].Microseconds()) / 1000 }
	b.ReportMetric(ms(0.5), "p50-ms")
	b.ReportMetric(ms(0.99), "p99-ms")
}

package bus_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// tag marks an event with its writer and sequence, so the test can tell
// every event apart whatever id the database gave it.
type tag struct {
	W, N, K int
}

func (t tag) String() string { return fmt.Sprintf("w%d/n%d/k%d", t.W, t.N, t.K) }

var errRollback = errors.New("rolled back on purpose")

// TestRelayConcurrentWritersEveryEventOnce writes from many goroutines at
// once, some transactions with several events and some rolled back, with
// two relays running throughout (one of them stopped half-way), and checks
// that the recorder's event_log holds exactly the committed outbox rows.
// On PostgreSQL, ids are taken in one order and committed in another: a
// relay that marked an id range published lost the rows that committed
// late inside it.
func TestRelayConcurrentWritersEveryEventOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		b := recordingBus(ctx, t, db)

		// Two relays on one database, as two nodes would run; the first stops
		// half-way through the writes.
		ctxA, stopA := context.WithCancel(ctx)
		ctxB, stopB := context.WithCancel(ctx)
		var relays sync.WaitGroup
		defer func() { stopA(); stopB(); relays.Wait() }()
		for _, rctx := range []context.Context{ctxA, ctxB} {
			r := &bus.Relay{DB: db, Publisher: b, Log: quiet, BatchSize: 100, Poll: 20 * time.Millisecond}
			relays.Go(func() {
				if err := r.Run(rctx); err != nil {
					t.Errorf("relay: %v", err)
				}
			})
		}

		const writers, txs = 16, 200
		var (
			mu         sync.Mutex
			committed  = map[string]bool{}
			rolledBack = map[string]bool{}
			done       atomic.Int64
			wg         sync.WaitGroup
		)
		for w := range writers {
			wg.Go(func() {
				rng := rand.New(rand.NewPCG(uint64(w), 7))
				for n := range txs {
					var tags []tag
					rollback := rng.IntN(6) == 0
					err := db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
						for k := range 1 + rng.IntN(3) {
							tg := tag{W: w, N: n, K: k}
							if err := tx.Emit(ctx, "test.concurrent", tg); err != nil {
								return err
							}
							tags = append(tags, tg)
							// Hold the id a while before committing, as a
							// request doing more work would.
							if rng.IntN(4) == 0 {
								time.Sleep(time.Duration(rng.IntN(2000)) * time.Microsecond)
							}
						}
						if rollback {
							return errRollback
						}
						return nil
					})
					if err != nil && !errors.Is(err, errRollback) {
						t.Errorf("writer %d tx %d: %v", w, n, err)
						return
					}
					mu.Lock()
					for _, tg := range tags {
						if rollback {
							rolledBack[tg.String()] = true
						} else {
							committed[tg.String()] = true
						}
					}
					mu.Unlock()
					if done.Add(1) == writers*txs/2 {
						stopA()
					}
				}
			})
		}
		wg.Wait()
		if t.Failed() {
			return
		}

		// Wait until the recorder has as many events as were committed, then
		// a little longer, so that an extra or doubled event would show.
		deadline := time.Now().Add(60 * time.Second)
		for countRecorded(t, db) < len(committed) && time.Now().Before(deadline) {
			time.Sleep(50 * time.Millisecond)
		}
		time.Sleep(300 * time.Millisecond)
		stopB()
		relays.Wait()

		outboxIDs := storetest.IDs(t, db, `SELECT id FROM outbox`)
		logged := loggedTags(t, db)
		t.Logf("%d writers: %d events committed in %d outbox rows, %d rolled back; %d in event_log",
			writers, len(committed), len(outboxIDs), len(rolledBack), len(logged))
		if len(outboxIDs) != len(committed) {
			t.Errorf("outbox has %d rows for %d committed events", len(outboxIDs), len(committed))
		}
		var missing, extra, doubled []string
		seen := map[string]int{}
		for id, tg := range logged {
			seen[tg]++
			if !outboxIDs[id] {
				extra = append(extra, fmt.Sprintf("event %d (%s) is not in the outbox", id, tg))
			}
			if rolledBack[tg] {
				extra = append(extra, fmt.Sprintf("event %d (%s) was rolled back", id, tg))
			}
		}
		for tg, n := range seen {
			if n > 1 {
				doubled = append(doubled, fmt.Sprintf("%s recorded %d times", tg, n))
			}
		}
		for tg := range committed {
			if seen[tg] == 0 {
				missing = append(missing, tg)
			}
		}
		for id := range outboxIDs {
			if _, ok := logged[id]; !ok {
				missing = append(missing, fmt.Sprintf("outbox id %d", id))
			}
		}
		if len(missing)+len(extra)+len(doubled) > 0 {
			t.Errorf("event_log differs from the committed outbox: %d missing (e.g. %v), %d extra (e.g. %v), %d doubled (e.g. %v)",
				len(missing), first(missing), len(extra), first(extra), len(doubled), first(doubled))
		}
		if backlog, err := bus.Backlog(ctx, db); err != nil || backlog != 0 {
			t.Errorf("backlog at the end = %d, %v; want 0", backlog, err)
		}
	})
}

// countingPublisher counts what one relay published.
type countingPublisher struct {
	next bus.Publisher
	n    atomic.Int64
}

func (p *countingPublisher) PublishBatch(ctx context.Context, events []store.Event) error {
	if err := p.next.PublishBatch(ctx, events); err != nil {
		return err
	}
	p.n.Add(int64(len(events)))
	return nil
}

// TestOneRelayActivePerDatabase runs two relays on one PostgreSQL database:
// one publishes, the other stands by, and takes over when the first stops.
func TestOneRelayActivePerDatabase(t *testing.T) {
	db := storetest.Open(t, store.Postgres)
	other := storetest.Open(t, store.Postgres) // another schema: its relay must not exclude ours
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	b := recordingBus(ctx, t, db)

	otherRelay := &bus.Relay{DB: other, Publisher: b, Log: quiet, Poll: 10 * time.Millisecond}
	if _, err := otherRelay.PublishPending(ctx); err != nil {
		t.Fatal(err)
	}
	defer otherRelay.Close()

	pubs := []*countingPublisher{{next: b}, {next: b}}
	ctxs := make([]context.Context, 2)
	stops := make([]context.CancelFunc, 2)
	var wg sync.WaitGroup
	defer wg.Wait()
	for i := range pubs {
		ctxs[i], stops[i] = context.WithCancel(ctx)
		defer stops[i]()
		r := &bus.Relay{DB: db, Publisher: pubs[i], Log: quiet, Poll: 10 * time.Millisecond}
		wg.Go(func() { _ = r.Run(ctxs[i]) })
	}
	waitRecorded := func(n int) {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for countRecorded(t, db) < n && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		if got := countRecorded(t, db); got != n {
			t.Fatalf("recorded %d events, want %d", got, n)
		}
	}

	emit(t, db, 200)
	waitRecorded(200)
	a, s := pubs[0].n.Load(), pubs[1].n.Load()
	if (a == 0) == (s == 0) {
		t.Fatalf("relays published %d and %d events: want exactly one active", a, s)
	}
	active, standby := 0, 1
	if a == 0 {
		active, standby = 1, 0
	}
	if got := pubs[active].n.Load(); got != 200 {
		t.Errorf("the active relay published %d events, want 200", got)
	}

	// The active relay stops (its node shuts down); the standby takes over.
	stops[active]()
	emit(t, db, 100)
	waitRecorded(300)
	if got := pubs[standby].n.Load(); got != 100 {
		t.Errorf("after the active relay stopped, the standby published %d events, want 100", got)
	}
}

// loggedTags maps each event_log row's event id to the tag in its data.
func loggedTags(t *testing.T, db *store.DB) map[int64]string {
	t.Helper()
	rows, err := db.Query(context.Background(), `SELECT event_id, data FROM event_log`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var data string
		if err := rows.Scan(&id, &data); err != nil {
			t.Fatal(err)
		}
		var tg tag
		if err := json.Unmarshal([]byte(data), &tg); err != nil {
			t.Fatalf("event %d: data %q: %v", id, data, err)
		}
		out[id] = tg.String()
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func first(s []string) []string { return s[:min(3, len(s))] }

// BenchmarkRecorderDrain fills the stream with b.N events, then times how
// fast the recorder writes them all to event_log:
//
//	bash scripts/test.sh ./internal/bus/ -run XXX -bench RecorderDrain -benchtime 50000x
func BenchmarkRecorderDrain(b *testing.B) {
	for _, engine := range storetest.Engines() {
		b.Run(string(engine), func(b *testing.B) {
			db := storetest.Open(b, engine)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			bb, err := bus.Start(ctx, "", b.TempDir(), quiet)
			if err != nil {
				b.Fatal(err)
			}
			defer bb.Close()
			// Events shaped like message.created, published as the relay would.
			batch := make([]store.Event, 0, 1000)
			at := time.Now()
			for i := 1; i <= b.N; i++ {
				batch = append(batch, store.Event{ID: int64(i), Type: "ticket.message_added", At: at,
					Data: json.RawMessage(fmt.Sprintf(`{"author_id":0,"author_kind":"customer","message_id":%d,"ticket_id":%d}`, i, i/5))})
				if len(batch) == cap(batch) || i == b.N {
					if err := bb.PublishBatch(ctx, batch); err != nil {
						b.Fatal(err)
					}
					batch = batch[:0]
				}
			}
			b.ResetTimer()
			start := time.Now()
			if err := bus.Record(ctx, bb, db); err != nil {
				b.Fatal(err)
			}
			for {
				var n int
				if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM event_log`).Scan(&n); err != nil {
					b.Fatal(err)
				}
				if n == b.N {
					break
				}
				if time.Since(start) > 5*time.Minute {
					b.Fatalf("recorded %d of %d events in 5 minutes", n, b.N)
				}
				time.Sleep(20 * time.Millisecond)
			}
			b.StopTimer()
			b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "events/s")
		})
	}
}

// TestRelayCloseFreesItsLock checks that a relay that stops leaves no
// advisory lock behind, in the pool or anywhere, for a standby to wait on.
func TestRelayCloseFreesItsLock(t *testing.T) {
	db := storetest.Open(t, store.Postgres)
	ctx := context.Background()
	locks := func() int64 {
		// Advisory locks are per database, but pg_locks lists every
		// database's; another package's test database has an outbox with
		// the same oid and may hold its own relay's lock at this moment.
		return count(t, db, `SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND granted
			AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
			AND classid = 7710002 AND objid = 'outbox'::regclass::oid AND objsubid = 2`)
	}
	r := &bus.Relay{DB: db, Publisher: nopPublisher{}, Log: quiet}
	if _, err := r.PublishPending(ctx); err != nil {
		t.Fatal(err)
	}
	if n := locks(); n != 1 {
		t.Fatalf("an active relay holds %d advisory locks, want 1", n)
	}
	standby := &bus.Relay{DB: db, Publisher: nopPublisher{}, Log: quiet}
	if _, err := standby.PublishPending(ctx); err != nil {
		t.Fatal(err)
	}
	if n := locks(); n != 1 {
		t.Fatalf("with a standby, %d advisory locks are held, want 1", n)
	}
	r.Close()
	// The server ends the session a moment after the connection closes.
	deadline := time.Now().Add(5 * time.Second)
	for locks() != 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := locks(); n != 0 {
		t.Fatalf("a closed relay left %d advisory locks held", n)
	}
}

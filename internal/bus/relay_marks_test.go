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

// idPublisher records the id of every event published, in order.
type idPublisher struct {
	mu  sync.Mutex
	ids []int64
	got chan struct{} // a send after each batch
}

func (p *idPublisher) PublishBatch(_ context.Context, events []store.Event) error {
	p.mu.Lock()
	for _, ev := range events {
		p.ids = append(p.ids, ev.ID)
	}
	p.mu.Unlock()
	select {
	case p.got <- struct{}{}:
	default:
	}
	return nil
}

func (p *idPublisher) published() map[int64]int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := map[int64]int{}
	for _, id := range p.ids {
		n[id]++
	}
	return n
}

func emitOne(t *testing.T, db *store.DB, n int) int64 {
	t.Helper()
	var id int64
	err := db.Tx(context.Background(), func(ctx context.Context, tx *store.Tx) error {
		return tx.Emit(ctx, "test.mark", map[string]int{"n": n})
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(context.Background(), `SELECT MAX(id) FROM outbox`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// TestRelayPublishesWhileAMarkWaits holds the relay's first mark (on
// SQLite a write that queues for the one writer connection) and commits
// another event meanwhile: on SQLite that event is published before the
// mark is let go, and on either engine every event is published once and
// marked by the end.
func TestRelayPublishesWhileAMarkWaits(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		pub := &idPublisher{got: make(chan struct{}, 1)}
		r := &bus.Relay{DB: db, Publisher: pub, Log: quiet, Poll: 10 * time.Millisecond}
		held, release := make(chan struct{}), make(chan struct{})
		var once sync.Once
		bus.SetBeforeMarkForTest(r, func() {
			once.Do(func() { close(held); <-release })
		})
		done := make(chan error, 1)
		go func() { done <- r.Run(ctx) }()

		first := emitOne(t, db, 1)
		<-held // the first event is published and its mark waits
		second := emitOne(t, db, 2)
		if db.Dialect == store.SQLite {
			deadline := time.After(10 * time.Second)
			for pub.published()[second] == 0 {
				select {
				case <-pub.got:
				case <-deadline:
					t.Fatal("the event committed while a mark waited was not published before the mark was let go")
				}
			}
		}
		close(release)
		// Both marked before the relay stops: a mark cut off by the stop
		// would publish its event again (at least once, by design).
		for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
			backlog, err := bus.Backlog(context.Background(), db)
			if err != nil {
				t.Fatal(err)
			}
			if backlog == 0 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%d rows still unmarked after the mark was let go", backlog)
			}
		}
		cancel()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		if err := r.Drain(context.Background()); err != nil {
			t.Fatal(err)
		}
		got := pub.published()
		for _, id := range []int64{first, second} {
			if got[id] != 1 {
				t.Errorf("event %d published %d times; want once", id, got[id])
			}
		}
	})
}

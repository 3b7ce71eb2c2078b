package bus

import (
	"context"
	"sync"
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
)

// On SQLite the relay's mark (an UPDATE of the published rows, a commit
// with an fsync on the one writer connection) used to come between a
// publish and the next read: an event committed meanwhile waited for the
// writer to take the mark, behind the customers' group commits and the
// consumers' batches. That wait was most of the slowest live-page
// samples' time from ack to bus (BENCHMARKS, widget18). So on SQLite the
// relay hands its marks to a goroutine of their own and reads on at once,
// leaving out the rows it has published whose mark has not committed.
// PostgreSQL's active relay reads and marks on the one connection that
// holds its lock, so it marks in line as before.

// maxUnmarked bounds the published rows waiting for their mark; past it
// (the writer stalled for long) the relay marks in line again, so that
// each read does not grow without end.
const maxUnmarked = 4 * 500

// marks is the relay's published rows whose mark has not committed.
type marks struct {
	mu sync.Mutex
	// ids: published, mark pending (false) or committed (true). A
	// committed id stays until the next read begins, because a read that
	// began before that commit may still see its row unpublished.
	ids  map[int64]bool
	wake chan struct{}
}

func newMarks() *marks { return &marks{ids: map[int64]bool{}, wake: make(chan struct{}, 1)} }

// beforeRead forgets the ids whose mark committed before this read and
// returns how many are still to be left out of it.
func (m *marks) beforeRead() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	for id, done := range m.ids {
		if done {
			delete(m.ids, id)
		}
	}
	return len(m.ids)
}

// without drops from events those already published, keeping up to limit.
func (m *marks) without(events []store.Event, limit int) []store.Event {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := events[:0]
	for _, ev := range events {
		if _, published := m.ids[ev.ID]; !published && len(out) < limit {
			out = append(out, ev)
		}
	}
	return out
}

// add records events as published and wakes the marker.
func (m *marks) add(events []store.Event) {
	m.mu.Lock()
	for _, ev := range events {
		m.ids[ev.ID] = false
	}
	m.mu.Unlock()
	select {
	case m.wake <- struct{}{}:
	default:
	}
}

// due returns the published events whose mark is still to be written.
func (m *marks) due() []store.Event {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []store.Event
	for id, done := range m.ids {
		if !done {
			out = append(out, store.Event{ID: id})
		}
	}
	return out
}

// committed records that the marks of events have committed.
func (m *marks) committed(events []store.Event) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, ev := range events {
		if _, ok := m.ids[ev.ID]; ok {
			m.ids[ev.ID] = true
		}
	}
}

// marksKey is the marks' place in the writers' shared transaction.
var marksKey = consumerKey("outbox relay marks")

// flush writes the marks that are due, now.
func (r *Relay) flushMarks(ctx context.Context) error {
	events := r.marks.due()
	if len(events) == 0 {
		return nil
	}
	if r.beforeMark != nil {
		r.beforeMark()
	}
	// Through the writers' shared transaction (this is SQLite, one writer):
	// a mark of its own was one more fsync that the next message's commit
	// waited behind.
	err := r.DB.GatherTx(ctx, marksKey, func(ctx context.Context, _ *store.Tx) error {
		return markPublished(ctx, outboxConn{db: r.DB}, events, r.DB.Now())
	})
	if err != nil {
		return err
	}
	r.marks.committed(events)
	return nil
}

// markLoop writes the marks as the relay publishes, until ctx ends (Drain
// writes what is left).
func (r *Relay) markLoop(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-r.marks.wake:
		}
		if err := r.flushMarks(ctx); err != nil && ctx.Err() == nil {
			r.Log.Warn("outbox relay: mark failed; retrying", "err", err)
			select {
			case <-ctx.Done():
				return
			case <-time.After(time.Second):
			}
			select { // try again even if nothing new is published
			case r.marks.wake <- struct{}{}:
			default:
			}
		}
	}
}

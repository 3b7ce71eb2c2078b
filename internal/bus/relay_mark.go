package bus

import (
	"context"
	"maps"
	"sync"
	"time"
)

// marks is the relay's record of events it has published and not yet
// marked in the outbox. Run marks them on a goroutine of its own, so that
// the next publish never waits for the mark's write: on SQLite the mark
// queues behind every other writer and its fsync, and each event committed
// meanwhile would wait for it before leaving for the bus. An unmarked event
// is read again only if its mark fails, and then published again, which
// the stream drops as a duplicate.
type marks struct {
	mu       sync.Mutex
	inFlight map[int64]struct{} // published; marking not finished
	todo     []int64            // published; not yet handed to a mark
	kick     chan struct{}      // a poke: todo has ids
	done     chan struct{}      // a poke: a mark finished
}

func newMarks() *marks {
	return &marks{inFlight: map[int64]struct{}{}, kick: make(chan struct{}, 1), done: make(chan struct{}, 1)}
}

// add records ids as published and pokes the marker.
func (m *marks) add(ids []int64) {
	m.mu.Lock()
	for _, id := range ids {
		m.inFlight[id] = struct{}{}
	}
	m.todo = append(m.todo, ids...)
	m.mu.Unlock()
	poke(m.kick)
}

// take hands over the ids waiting for a mark.
func (m *marks) take() []int64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	ids := m.todo
	m.todo = nil
	return ids
}

// finish forgets ids once their mark has ended, stored or not: an id whose
// mark failed is read and published again.
func (m *marks) finish(ids []int64) {
	m.mu.Lock()
	for _, id := range ids {
		delete(m.inFlight, id)
	}
	m.mu.Unlock()
	poke(m.done)
}

// inFlightNow copies the ids published and not yet marked. A read of the
// outbox must skip what was in flight when it began, even if the mark
// finishes before the read's rows are looked at: the read's snapshot may
// predate the mark's commit.
func (m *marks) inFlightNow() map[int64]struct{} {
	m.mu.Lock()
	defer m.mu.Unlock()
	return maps.Clone(m.inFlight)
}

// pending reports how many ids are published and not yet marked.
func (m *marks) pending() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.inFlight)
}

func poke(c chan struct{}) {
	select {
	case c <- struct{}{}:
	default:
	}
}

// markTimeout bounds one mark. Marks do not end with Run's context: a
// mark cut short leaves published events to go out again.
const markTimeout = 10 * time.Second

// markLoop marks what Run publishes until Run's loop has ended
// (loopDone), then marks what is left, so a node that stops cleanly leaves
// nothing to publish again. Ids published while one mark runs go together
// into the next.
func (r *Relay) markLoop(ctx context.Context, loopDone <-chan struct{}) {
	ctx = context.WithoutCancel(ctx)
	for {
		select {
		case <-loopDone:
			r.markTaken(ctx)
			return
		case <-r.marks.kick:
			r.markTaken(ctx)
		}
	}
}

// markTaken marks the ids waiting for a mark, through the pools rather
// than the active relay's own connection, which the next publish uses
// meanwhile (marking names exact ids, so it needs no lock).
func (r *Relay) markTaken(ctx context.Context) {
	ids := r.marks.take()
	if len(ids) == 0 {
		return
	}
	if r.beforeMark != nil {
		r.beforeMark()
	}
	ctx, cancel := context.WithTimeout(ctx, markTimeout)
	defer cancel()
	if err := markPublished(ctx, outboxConn{db: r.DB}, ids, r.DB.Now()); err != nil {
		r.Log.Warn("outbox relay: mark published failed; the events go out again", "events", len(ids), "err", err)
	}
	r.marks.finish(ids)
}

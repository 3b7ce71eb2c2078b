package bus

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
)

// Publisher stores a batch of events on the bus.
type Publisher interface {
	PublishBatch(ctx context.Context, events []store.Event) error
}

// Relay moves committed events from the outbox table to the bus. It marks
// exactly the rows the bus has acknowledged as published, so a relay that
// dies at any point republishes (and the bus drops the duplicates by id),
// and a row that committed late with a lower id is still sent.
//
// Several nodes may share one PostgreSQL database; one relay is active at a
// time (see lead), the others stand by and take over when it goes away.
type Relay struct {
	DB        *store.DB
	Publisher Publisher
	Log       *slog.Logger
	BatchSize int // default 500
	// Poll is how often Run looks at the outbox without being woken, and
	// how often a standby tries to become the active relay: default 1s on
	// SQLite, 200ms on PostgreSQL, where another node's commit wakes this
	// one only through Waker.
	Poll time.Duration
	// Retention says how long published outbox rows, event_log and
	// consumed_events keep their rows; the active relay prunes them.
	Retention Retention
	// Waker, if set, carries "the outbox has new rows" between nodes: a
	// standby relay passes on its node's commits to the active relay, which
	// then publishes at once instead of at its next poll. (*Bus is one.)
	Waker Waker

	mu    sync.Mutex // one publish at a time (Run and Drain)
	lock  *sql.Conn  // PostgreSQL: holds the advisory lock while this relay is active
	marks *marks     // what Run published and its marker has yet to mark

	beforeMark func() // tests: runs before each of the marker's marks
}

// Waker wakes the active relay on whichever node it runs.
type Waker interface {
	// WakeRelays tells every node's relay that the outbox has new rows.
	WakeRelays() error
	// OnRelayWake calls wake for each WakeRelays, on any node, until ctx
	// ends; wake must not block.
	OnRelayWake(ctx context.Context, wake func()) error
}

// Run relays until ctx ends. The active relay publishes on each local
// commit that emitted events, on each wake from another node (see Waker)
// and at least every Poll; a standby passes its node's commits on to the
// active relay and tries to become active every Poll. While it is the
// active relay it also prunes, on a goroutine of its own so that a long
// prune never holds up publishing.
func (r *Relay) Run(ctx context.Context) error {
	r.mu.Lock()
	r.marks = newMarks()
	r.mu.Unlock()
	var helpers sync.WaitGroup
	helpers.Go(func() { r.pruneEvery(ctx, time.Minute) })
	loopDone := make(chan struct{})
	helpers.Go(func() { r.markLoop(ctx, loopDone) })
	defer func() {
		close(loopDone) // nothing more is published: the marker marks the rest
		helpers.Wait()
		r.Close()
	}()
	remote := r.listenForWakes(ctx)
	var lastTry time.Time
	for {
		wake := r.DB.Wait()
		// A standby tries to take over every Poll, not on every local
		// commit: each try costs a connection and a lock query.
		if r.active() || time.Since(lastTry) >= r.poll() {
			lastTry = time.Now()
			r.awaitMarks(ctx)
			n, err := r.publish(ctx, false)
			if err != nil && ctx.Err() == nil {
				r.Log.Warn("outbox relay: publish failed; retrying", "err", err)
				select {
				case <-ctx.Done():
				case <-time.After(time.Second):
				}
				continue
			}
			if n > 0 {
				continue // there may be more
			}
		}
		select {
		case <-ctx.Done():
			return nil
		case <-wake:
			if !r.active() {
				r.wakeActive()
			}
		case <-remote:
		case <-time.After(r.poll()):
		}
	}
}

// listenForWakes returns a channel that receives when another node's
// relay asks for a wake; wakes that arrive while one is waiting merge.
func (r *Relay) listenForWakes(ctx context.Context) <-chan struct{} {
	ch := make(chan struct{}, 1)
	if r.Waker == nil {
		return ch
	}
	err := r.Waker.OnRelayWake(ctx, func() {
		select {
		case ch <- struct{}{}:
		default:
		}
	})
	if err != nil {
		r.Log.Warn("outbox relay: no wakes from other nodes; polling only", "err", err)
	}
	return ch
}

// wakeActive passes a local commit on to the active relay on another node.
func (r *Relay) wakeActive() {
	if r.Waker == nil {
		return
	}
	if err := r.Waker.WakeRelays(); err != nil {
		r.Log.Debug("outbox relay: wake failed; the active relay will poll", "err", err)
	}
}

// pruneEvery prunes the bus tables every interval while this relay is the
// active one, starting at once (the active relay may be found a moment
// after start).
func (r *Relay) pruneEvery(ctx context.Context, interval time.Duration) {
	var last time.Time
	for {
		if r.active() && time.Since(last) >= interval {
			last = time.Now()
			if p, err := Prune(ctx, r.DB, r.Retention); err != nil && ctx.Err() == nil {
				r.Log.Warn("bus: prune failed", "err", err)
			} else if p.Total() > 0 {
				r.Log.Debug("bus: pruned", "outbox", p.Outbox, "event_log", p.EventLog, "consumed_events", p.Consumed)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(r.poll()):
		}
	}
}

func (r *Relay) poll() time.Duration {
	switch {
	case r.Poll > 0:
		return r.Poll
	case r.DB.Dialect == store.Postgres:
		return 200 * time.Millisecond
	}
	return time.Second
}

// Drain publishes until the outbox is empty or ctx ends; used at shutdown.
// A standby relay returns at once: the active one publishes.
func (r *Relay) Drain(ctx context.Context) error {
	for {
		n, err := r.PublishPending(ctx)
		if err != nil {
			return err
		}
		if n == 0 {
			return nil
		}
	}
}

// PublishPending publishes one batch of unpublished events, marks them,
// and returns how many; a standby relay publishes nothing.
func (r *Relay) PublishPending(ctx context.Context) (int, error) {
	return r.publish(ctx, true)
}

func (r *Relay) batchSize() int {
	if r.BatchSize > 0 {
		return r.BatchSize
	}
	return 500
}

// publish publishes one batch. With mark it marks the batch before it
// returns; without (Run), it leaves the batch to the marker (see marks).
func (r *Relay) publish(ctx context.Context, mark bool) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	q, ok, err := r.lead(ctx)
	if err != nil || !ok {
		return 0, err
	}
	events, err := r.unpublished(ctx, q)
	if err != nil {
		r.lost(err)
		return 0, err
	}
	if len(events) == 0 {
		return 0, nil
	}
	if err := r.Publisher.PublishBatch(ctx, events); err != nil {
		return 0, err
	}
	ids := make([]int64, len(events))
	for i, ev := range events {
		ids[i] = ev.ID
	}
	if !mark && r.marks != nil {
		r.marks.add(ids)
		return len(events), nil
	}
	if err := markPublished(ctx, q, ids, r.DB.Now()); err != nil {
		r.lost(err)
		return 0, err
	}
	return len(events), nil
}

// unpublished reads the next batch of unpublished events, past those Run
// has published and is still marking. With marks in flight it reads the
// ids first (the unpublished index alone) and then the rows of the fresh
// ones, so the events being marked are not read again in full each time.
func (r *Relay) unpublished(ctx context.Context, q outboxConn) ([]store.Event, error) {
	batch := r.batchSize()
	var skip map[int64]struct{}
	if r.marks != nil {
		skip = r.marks.inFlightNow()
	}
	if len(skip) == 0 {
		return pending(ctx, q, batch)
	}
	ids, err := unpublishedIDs(ctx, q, batch+len(skip))
	if err != nil {
		return nil, err
	}
	ids = slices.DeleteFunc(ids, func(id int64) bool {
		_, ok := skip[id]
		return ok
	})
	return eventsByID(ctx, q, ids[:min(len(ids), batch)])
}

// unpublishedIDs returns up to limit ids of unpublished events in order.
func unpublishedIDs(ctx context.Context, q outboxConn, limit int) ([]int64, error) {
	rows, err := q.query(ctx, `SELECT id FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("outbox: pending ids: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("outbox: pending ids: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("outbox: pending ids: %w", err)
	}
	return ids, nil
}

// eventsByID reads the outbox rows of ids, in id order.
func eventsByID(ctx context.Context, q outboxConn, ids []int64) ([]store.Event, error) {
	var out []store.Event
	for _, part := range chunks(ids) {
		args := make([]any, len(part))
		for i, id := range part {
			args[i] = id
		}
		rows, err := q.query(ctx, `SELECT id, type, data, created_at FROM outbox WHERE id IN `+inList(len(part))+` ORDER BY id`, args...)
		if err != nil {
			return nil, fmt.Errorf("outbox: read events: %w", err)
		}
		evs, err := scanEvents(rows)
		if err != nil {
			return nil, fmt.Errorf("outbox: read events: %w", err)
		}
		out = append(out, evs...)
	}
	return out, nil
}

// awaitMarks holds Run's next publish while more than a few batches wait
// for their mark, so that a slow database slows the relay instead of
// making each read of the outbox longer.
func (r *Relay) awaitMarks(ctx context.Context) {
	for r.marks.pending() > 4*r.batchSize() {
		select {
		case <-r.marks.done:
		case <-ctx.Done():
			return
		}
	}
}

// Pending returns up to limit unpublished events in id order.
func Pending(ctx context.Context, db *store.DB, limit int) ([]store.Event, error) {
	return pending(ctx, outboxConn{db: db}, limit)
}

func pending(ctx context.Context, q outboxConn, limit int) ([]store.Event, error) {
	// Every unpublished row, whatever its id: on PostgreSQL ids are taken in
	// one order and committed in another, and a row that commits after rows
	// with higher ids were published is picked up here next time.
	rows, err := q.query(ctx, `SELECT id, type, data, created_at FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("outbox: pending: %w", err)
	}
	evs, err := scanEvents(rows)
	if err != nil {
		return nil, fmt.Errorf("outbox: pending: %w", err)
	}
	return evs, nil
}

// scanEvents reads outbox rows (id, type, data, created_at) and closes rows.
func scanEvents(rows *sql.Rows) ([]store.Event, error) {
	defer rows.Close()
	var out []store.Event
	for rows.Next() {
		var ev store.Event
		var data string
		var at int64
		if err := rows.Scan(&ev.ID, &ev.Type, &data, &at); err != nil {
			return nil, err
		}
		ev.Data = []byte(data)
		ev.At = store.Time(at)
		out = append(out, ev)
	}
	return out, rows.Err()
}

// markPublished marks exactly the given events, never a range: a range
// would cover rows that were not visible when the batch was read.
func markPublished(ctx context.Context, q outboxConn, ids []int64, now int64) error {
	for _, part := range chunks(ids) {
		args := make([]any, 0, len(part)+1)
		args = append(args, now)
		for _, id := range part {
			args = append(args, id)
		}
		if _, err := q.exec(ctx, `UPDATE outbox SET published_at = ? WHERE published_at IS NULL AND id IN `+inList(len(part)), args...); err != nil {
			return fmt.Errorf("outbox: mark published: %w", err)
		}
	}
	return nil
}

// Backlog counts events not yet on the bus.
func Backlog(ctx context.Context, db *store.DB) (int64, error) {
	var n int64
	err := db.QueryRow(ctx, `SELECT COUNT(*) FROM outbox WHERE published_at IS NULL`).Scan(&n)
	return n, err
}

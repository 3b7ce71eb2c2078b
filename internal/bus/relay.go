package bus

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
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
	// Resend, if set, is how far back this relay publishes again, once,
	// when it first becomes active, before anything new: the rows marked
	// published within it (Bus.ResendWindow says how far on its engine).
	Resend time.Duration

	mu     sync.Mutex // one PublishPending at a time (Run and Drain)
	lock   *sql.Conn  // PostgreSQL: holds the advisory lock while this relay is active
	resend resendState
	marks  *marks // SQLite while Run runs: marks written off the publish path (relay_marks.go)
	// beforeMark, when set (by tests), runs before each mark is written.
	beforeMark func()
}

// resendState is the progress of the start's resend.
type resendState struct {
	started, done bool
	since         int64 // published_at of the oldest row resent, Unix ms
	after         int64 // the last id resent
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
	var background sync.WaitGroup // the pruner, and on SQLite the marker
	background.Go(func() { r.pruneEvery(ctx, time.Minute) })
	defer func() {
		background.Wait()
		r.Close()
	}()
	if r.DB.Dialect != store.Postgres {
		r.mu.Lock()
		r.marks = newMarks()
		r.mu.Unlock()
		background.Go(func() { r.markLoop(ctx) })
	}
	remote := r.listenForWakes(ctx)
	var lastTry time.Time
	for {
		wake := r.DB.Wait()
		// A standby tries to take over every Poll, not on every local
		// commit: each try costs a connection and a lock query.
		if r.active() || time.Since(lastTry) >= r.poll() {
			lastTry = time.Now()
			n, err := r.PublishPending(ctx)
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
			r.mu.Lock()
			defer r.mu.Unlock()
			if r.marks == nil {
				return nil
			}
			return r.flushMarks(ctx)
		}
	}
}

// PublishPending publishes one batch of unpublished events and returns how
// many; a standby relay publishes nothing.
func (r *Relay) PublishPending(ctx context.Context) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	q, ok, err := r.lead(ctx)
	if err != nil || !ok {
		return 0, err
	}
	batch := r.BatchSize
	if batch <= 0 {
		batch = 500
	}
	if r.Resend > 0 && !r.resend.done {
		n, err := r.resendBatch(ctx, q, batch)
		if err != nil || n > 0 {
			return n, err
		}
	}
	unmarked := 0
	if r.marks != nil {
		if unmarked = r.marks.beforeRead(); unmarked > maxUnmarked {
			if err := r.flushMarks(ctx); err != nil {
				return 0, err
			}
			unmarked = r.marks.beforeRead()
		}
	}
	events, err := pending(ctx, q, batch+unmarked)
	if err != nil {
		r.lost(err)
		return 0, err
	}
	if r.marks != nil {
		events = r.marks.without(events, batch)
	}
	if len(events) == 0 {
		return 0, nil
	}
	if err := r.Publisher.PublishBatch(ctx, events); err != nil {
		return 0, err
	}
	if r.marks != nil {
		r.marks.add(events)
		return len(events), nil
	}
	if r.beforeMark != nil {
		r.beforeMark()
	}
	if err := markPublished(ctx, q, events, r.DB.Now()); err != nil {
		r.lost(err)
		return 0, err
	}
	return len(events), nil
}

// resendBatch publishes again the next batch of rows published within
// r.Resend of the relay's start, in id order, and returns how many; 0
// when all are sent. Called with r.mu held.
func (r *Relay) resendBatch(ctx context.Context, q outboxConn, limit int) (int, error) {
	if !r.resend.started {
		r.resend = resendState{started: true, since: r.DB.Now() - r.Resend.Milliseconds()}
	}
	events, err := scanEvents(q.query(ctx, `SELECT id, type, data, created_at FROM outbox
		WHERE published_at >= ? AND id > ? ORDER BY id LIMIT ?`, r.resend.since, r.resend.after, limit))
	if err != nil {
		r.lost(err)
		return 0, fmt.Errorf("outbox: resend: %w", err)
	}
	if len(events) == 0 {
		r.resend.done = true
		return 0, nil
	}
	if err := r.Publisher.PublishBatch(ctx, events); err != nil {
		return 0, err
	}
	r.resend.after = events[len(events)-1].ID
	r.Log.Debug("outbox relay: published again after start", "events", len(events), "up_to", r.resend.after)
	return len(events), nil
}

// Pending returns up to limit unpublished events in id order.
func Pending(ctx context.Context, db *store.DB, limit int) ([]store.Event, error) {
	return pending(ctx, outboxConn{db: db}, limit)
}

func pending(ctx context.Context, q outboxConn, limit int) ([]store.Event, error) {
	// Every unpublished row, whatever its id: on PostgreSQL ids are taken in
	// one order and committed in another, and a row that commits after rows
	// with higher ids were published is picked up here next time.
	events, err := scanEvents(q.query(ctx, `SELECT id, type, data, created_at FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT ?`, limit))
	if err != nil {
		return nil, fmt.Errorf("outbox: pending: %w", err)
	}
	return events, nil
}

// scanEvents reads outbox rows (id, type, data, created_at) as events.
func scanEvents(rows *sql.Rows, err error) ([]store.Event, error) {
	if err != nil {
		return nil, err
	}
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
func markPublished(ctx context.Context, q outboxConn, events []store.Event, now int64) error {
	ids := make([]int64, len(events))
	for i, ev := range events {
		ids[i] = ev.ID
	}
	for _, part := range chunks(ids) {
		args := make([]any, 0, len(part)+1)
		args = append(args, now)
		for _, id := range part {
			args = append(args, id)
		}
		if _, err := q.exec(ctx, `UPDATE outbox SET published_at = ? WHERE published_at IS NULL AND id IN `+store.InList(len(part)), args...); err != nil {
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

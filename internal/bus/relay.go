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

	mu   sync.Mutex // one PublishPending at a time (Run and Drain)
	lock *sql.Conn  // PostgreSQL: holds the advisory lock while this relay is active
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
	var pruner sync.WaitGroup
	pruner.Go(func() { r.pruneEvery(ctx, time.Minute) })
	defer func() {
		pruner.Wait()
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
			return nil
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
	events, err := pending(ctx, q, batch)
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
	if err := markPublished(ctx, q, events, r.DB.Now()); err != nil {
		r.lost(err)
		return 0, err
	}
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
	rows, err := q.query(ctx, `SELECT id, type, data, created_at FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("outbox: pending: %w", err)
	}
	defer rows.Close()
	var out []store.Event
	for rows.Next() {
		var ev store.Event
		var data string
		var at int64
		if err := rows.Scan(&ev.ID, &ev.Type, &data, &at); err != nil {
			return nil, fmt.Errorf("outbox: pending: %w", err)
		}
		ev.Data = []byte(data)
		ev.At = store.Time(at)
		out = append(out, ev)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("outbox: pending: %w", err)
	}
	return out, nil
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

package bus

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
)

// Publisher stores a batch of events on the bus.
type Publisher interface {
	PublishBatch(ctx context.Context, events []store.Event) error
}

// Relay moves committed events from the outbox table to the bus. It marks a
// row published only after the bus has acknowledged it, so a relay that dies
// at any point republishes (and the bus drops the duplicates by id).
type Relay struct {
	DB        *store.DB
	Publisher Publisher
	Log       *slog.Logger
	BatchSize int           // default 500
	Retain    time.Duration // how long published rows stay; default 1h
}

// Run relays until ctx ends, waking on each commit that emitted events and
// at least once a second.
func (r *Relay) Run(ctx context.Context) error {
	lastPrune := time.Now()
	for {
		wake := r.DB.Wait()
		n, err := r.PublishPending(ctx)
		if err != nil && ctx.Err() == nil {
			r.Log.Warn("outbox relay: publish failed; retrying", "err", err)
			select {
			case <-ctx.Done():
			case <-time.After(time.Second):
			}
			continue
		}
		if time.Since(lastPrune) > time.Minute {
			lastPrune = time.Now()
			if err := r.prune(ctx); err != nil && ctx.Err() == nil {
				r.Log.Warn("outbox relay: prune failed", "err", err)
			}
		}
		if n > 0 {
			continue // there may be more
		}
		select {
		case <-ctx.Done():
			return nil
		case <-wake:
		case <-time.After(time.Second):
		}
	}
}

// Drain publishes until the outbox is empty or ctx ends; used at shutdown.
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

// PublishPending publishes one batch of unpublished events and returns how many.
func (r *Relay) PublishPending(ctx context.Context) (int, error) {
	batch := r.BatchSize
	if batch <= 0 {
		batch = 500
	}
	events, err := Pending(ctx, r.DB, batch)
	if err != nil || len(events) == 0 {
		return 0, err
	}
	if err := r.Publisher.PublishBatch(ctx, events); err != nil {
		return 0, err
	}
	first, last := events[0].ID, events[len(events)-1].ID
	if _, err := r.DB.Exec(ctx, `UPDATE outbox SET published_at = ? WHERE id >= ? AND id <= ? AND published_at IS NULL`,
		store.Now(), first, last); err != nil {
		return 0, fmt.Errorf("outbox: mark published: %w", err)
	}
	return len(events), nil
}

// Pending returns up to limit unpublished events in commit order.
func Pending(ctx context.Context, db *store.DB, limit int) ([]store.Event, error) {
	rows, err := db.Query(ctx, `SELECT id, type, data, created_at FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT ?`, limit)
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
	return out, rows.Err()
}

// Backlog counts events not yet on the bus.
func Backlog(ctx context.Context, db *store.DB) (int64, error) {
	var n int64
	err := db.QueryRow(ctx, `SELECT COUNT(*) FROM outbox WHERE published_at IS NULL`).Scan(&n)
	return n, err
}

func (r *Relay) prune(ctx context.Context) error {
	retain := r.Retain
	if retain <= 0 {
		retain = time.Hour
	}
	cutoff := store.Now() - retain.Milliseconds()
	_, err := r.DB.Exec(ctx, `DELETE FROM outbox WHERE published_at IS NOT NULL AND published_at < ?`, cutoff)
	return err
}

package bus

import (
	"context"
	"fmt"
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
)

// Retention says how long the bus's tables keep their rows. Zero fields take
// their defaults.
type Retention struct {
	// Outbox keeps published outbox rows (unpublished ones stay until they
	// are published, however old); default 1 hour.
	Outbox time.Duration
	// EventLog keeps the recorder's rows; default 7 days.
	EventLog time.Duration
	// Consumed keeps the consumers' record of handled events. It cannot be
	// shorter than the time the stream may deliver an event again
	// (StreamMaxAge, plus a day): a row pruned earlier would let a
	// redelivered event be applied twice. That is also the default.
	Consumed time.Duration
}

// Default retentions.
const (
	DefaultOutboxRetention   = time.Hour
	DefaultEventLogRetention = 7 * 24 * time.Hour
	MinConsumedRetention     = StreamMaxAge + 24*time.Hour
)

func (r Retention) withDefaults() Retention {
	if r.Outbox <= 0 {
		r.Outbox = DefaultOutboxRetention
	}
	if r.EventLog <= 0 {
		r.EventLog = DefaultEventLogRetention
	}
	r.Consumed = max(r.Consumed, MinConsumedRetention)
	return r
}

// Pruned counts the rows one Prune deleted.
type Pruned struct {
	Outbox, EventLog, Consumed int64
}

// Total is the sum of the counts.
func (p Pruned) Total() int64 { return p.Outbox + p.EventLog + p.Consumed }

// pruneChunk bounds one DELETE, so that pruning a large backlog (the first
// run after an upgrade) never holds SQLite's single writer for long.
const pruneChunk = 5000

// Prune deletes rows older than their retention, by the database clock.
// An outbox row is deleted only once published.
func Prune(ctx context.Context, db *store.DB, r Retention) (Pruned, error) {
	r = r.withDefaults()
	now := db.Now()
	var p Pruned
	var err error
	if p.Outbox, err = pruneChunks(ctx, db, `DELETE FROM outbox WHERE id IN (SELECT id FROM outbox
		WHERE published_at IS NOT NULL AND published_at < ? LIMIT ?)`, now-r.Outbox.Milliseconds()); err != nil {
		return p, fmt.Errorf("prune outbox: %w", err)
	}
	if p.EventLog, err = pruneChunks(ctx, db, `DELETE FROM event_log WHERE event_id IN (SELECT event_id FROM event_log
		WHERE received_at < ? LIMIT ?)`, now-r.EventLog.Milliseconds()); err != nil {
		return p, fmt.Errorf("prune event_log: %w", err)
	}
	if p.Consumed, err = pruneChunks(ctx, db, `DELETE FROM consumed_events WHERE (consumer, event_id) IN (SELECT consumer, event_id FROM consumed_events
		WHERE consumed_at < ? LIMIT ?)`, now-r.Consumed.Milliseconds()); err != nil {
		return p, fmt.Errorf("prune consumed_events: %w", err)
	}
	return p, nil
}

// pruneChunks runs a DELETE of at most pruneChunk rows older than cutoff
// until one deletes fewer, each in its own transaction.
func pruneChunks(ctx context.Context, db *store.DB, query string, cutoff int64) (int64, error) {
	var total int64
	for {
		res, err := db.Exec(ctx, query, cutoff, pruneChunk)
		if err != nil {
			return total, err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return total, err
		}
		total += n
		if n < pruneChunk {
			return total, nil
		}
	}
}

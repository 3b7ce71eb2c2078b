package bus

import (
	"context"
	"fmt"
	"slices"
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
//
// The bus tables have no index on their times (every publish, record and
// claim would pay for one): each prune walks a table's key from the
// oldest row to the first one still within its retention, and deletes the
// older rows before it. Rows are pruned from the oldest on, so the walk
// reads little more than what it deletes. A young row with a low key (an
// event that committed or was handled late) stops the walk early: older
// rows after it wait for a later prune, never the other way round.
func Prune(ctx context.Context, db *store.DB, r Retention) (Pruned, error) {
	r = r.withDefaults()
	now := db.Now()
	var p Pruned
	var err error
	if p.Outbox, err = pruneWalk(ctx, db, outboxWalk, now-r.Outbox.Milliseconds()); err != nil {
		return p, fmt.Errorf("prune outbox: %w", err)
	}
	if p.EventLog, err = pruneWalk(ctx, db, eventLogWalk, now-r.EventLog.Milliseconds()); err != nil {
		return p, fmt.Errorf("prune event_log: %w", err)
	}
	names, err := consumerNames(ctx, db)
	if err != nil {
		return p, fmt.Errorf("prune consumed_events: consumers: %w", err)
	}
	for _, name := range names {
		n, err := pruneWalk(ctx, db, consumedWalk, now-r.Consumed.Milliseconds(), name)
		p.Consumed += n
		if err != nil {
			return p, fmt.Errorf("prune consumed_events of %s: %w", name, err)
		}
	}
	return p, nil
}

// walk names a table's key, the time its rows are pruned by, and an
// optional condition on both statements (with its arguments given to
// pruneWalk). A NULL time (an unpublished outbox row) is never pruned.
type walk struct{ table, key, at, scope string }

var (
	outboxWalk   = walk{table: "outbox", key: "id", at: "published_at", scope: "1 = 1"}
	eventLogWalk = walk{table: "event_log", key: "event_id", at: "received_at", scope: "1 = 1"}
	consumedWalk = walk{table: "consumed_events", key: "event_id", at: "consumed_at", scope: "consumer = ?"}
)

// pruneWalk deletes the rows before the first row, in key order, whose
// time is at or after cutoff; scope are the arguments of w.scope.
func pruneWalk(ctx context.Context, db *store.DB, w walk, cutoff int64, scope ...any) (int64, error) {
	var bound int64
	err := db.QueryRow(ctx, `SELECT COALESCE((SELECT `+w.key+` FROM `+w.table+` WHERE `+w.scope+` AND `+w.at+` >= ? ORDER BY `+w.key+` LIMIT 1),
		(SELECT MAX(`+w.key+`) + 1 FROM `+w.table+` WHERE `+w.scope+`), 0)`, append(append(slices.Clone(scope), cutoff), scope...)...).Scan(&bound)
	if err != nil {
		return 0, err
	}
	// Each chunk is a range of the key up to its pruneChunk-th old row, so
	// that PostgreSQL deletes by an index range (an IN (SELECT ... LIMIT)
	// was a hash join over the whole table). The cutoff is checked again:
	// a row may have been written since the bound was read.
	query := `DELETE FROM ` + w.table + ` WHERE ` + w.scope + ` AND ` + w.key + ` < ? AND ` + w.at + ` < ? AND ` + w.key + ` <= COALESCE((SELECT ` + w.key + `
		FROM ` + w.table + ` WHERE ` + w.scope + ` AND ` + w.key + ` < ? AND ` + w.at + ` < ? ORDER BY ` + w.key + ` LIMIT 1 OFFSET ?), ?)`
	args := append(slices.Clone(scope), bound, cutoff)
	args = append(append(args, scope...), bound, cutoff, pruneChunk-1, bound)
	var total int64
	for {
		res, err := db.Exec(ctx, query, args...)
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

// consumerNames lists the consumers with rows, one index probe per name
// (a walk of the key's first column) rather than a scan of every row.
func consumerNames(ctx context.Context, db *store.DB) ([]string, error) {
	rows, err := db.Query(ctx, `WITH RECURSIVE c (name) AS (
			SELECT MIN(consumer) FROM consumed_events
			UNION ALL
			SELECT (SELECT MIN(consumer) FROM consumed_events WHERE consumer > c.name) FROM c WHERE c.name IS NOT NULL)
		SELECT name FROM c WHERE name IS NOT NULL`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		names = append(names, name)
	}
	return names, rows.Err()
}

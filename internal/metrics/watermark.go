package metrics

import (
	"context"
	"fmt"
	"sync"

	"github.com/groundcrew/groundcrew/internal/store"
)

// lateHours is how far back of the writer's clock a batch may reach
// without moving the history watermark. Readers keep sums only of hours
// more than lateHours+1 back of theirs, which leaves an hour for the
// nodes' clocks to differ and a writing transaction to run.
const lateHours = 2

// bumpWatermark records, inside the writing transaction, that what the
// dashboards show has changed (see migrations 0044 and 0046). lateDays
// are the UTC days of the hours written more than lateHours back of the
// writer's clock: they move the history watermark and are named in
// metric_late_days, so that nodes drop only the sums kept over them.
func bumpWatermark(ctx context.Context, tx *store.Tx, lateDays []int64) error {
	if len(lateDays) == 0 {
		if _, err := tx.Exec(ctx, `UPDATE metric_watermark SET version = version + 1 WHERE id = 1`); err != nil {
			return fmt.Errorf("metrics: move the watermark: %w", err)
		}
		return nil
	}
	var history int64
	if err := tx.QueryRow(ctx, `UPDATE metric_watermark SET version = version + 1, history = history + 1 WHERE id = 1 RETURNING history`).Scan(&history); err != nil {
		return fmt.Errorf("metrics: move the watermark: %w", err)
	}
	for _, day := range lateDays {
		if _, err := tx.Exec(ctx, `INSERT INTO metric_late_days (day, history) VALUES (?, ?)
			ON CONFLICT (day) DO UPDATE SET history = excluded.history`, day, history); err != nil {
			return fmt.Errorf("metrics: name late day %d: %w", day, err)
		}
	}
	return nil
}

// watermark is how far the rollups have moved.
type watermark struct {
	version, history int64
	settled          int64 // Unix hours before which sums may be kept at history
}

// watermark reads it, with the hours that count as settled now (whole
// UTC days ending more than lateHours+1 hours ago), and drops the reads
// kept over days that late batches have written to since.
func (s *Service) watermark(ctx context.Context) (watermark, error) {
	var w watermark
	if err := s.db.QueryRow(ctx, `SELECT version, history FROM metric_watermark WHERE id = 1`).Scan(&w.version, &w.history); err != nil {
		return w, fmt.Errorf("metrics: read the watermark: %w", err)
	}
	w.settled = floorDiv(hourOf(s.db.Now())-lateHours-1, 24) * 24
	return w, s.followLate(ctx, w)
}

// maxCached bounds each cache: the pages offer five periods a day, the
// API any, and a full cache simply starts again.
const maxCached = 64

// cache keeps values computed at one version of the watermark. Each node
// keeps its own: the watermark lives in the database, so a batch applied
// on another node invalidates them too.
type cache[K comparable, V any] struct {
	mu      sync.Mutex
	version int64
	entries map[K]V
}

// get is the value of k at version, if computed.
func (c *cache[K, V]) get(k K, version int64) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var zero V
	if c.version != version {
		return zero, false
	}
	v, ok := c.entries[k]
	if !ok {
		return zero, false
	}
	return v, true
}

// put keeps v, computed from data at least as new as version; an older
// version than the one held is dropped, a newer one starts again.
func (c *cache[K, V]) put(k K, version int64, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case version < c.version:
		return
	case version > c.version || c.entries == nil || len(c.entries) >= maxCached:
		c.version, c.entries = version, map[K]V{}
	}
	c.entries[k] = v
}

package metrics

import (
	"context"
	"fmt"
	"sync"

	"github.com/groundcrew/groundcrew/internal/store"
)

// bumpWatermark records, inside the writing transaction, that what the
// dashboards show has changed (see migration 0044).
func bumpWatermark(ctx context.Context, tx *store.Tx) error {
	if _, err := tx.Exec(ctx, `UPDATE metric_watermark SET version = version + 1 WHERE id = 1`); err != nil {
		return fmt.Errorf("metrics: move the watermark: %w", err)
	}
	return nil
}

// watermark is how many such writes have committed.
func (s *Service) watermark(ctx context.Context) (int64, error) {
	var v int64
	if err := s.db.QueryRow(ctx, `SELECT version FROM metric_watermark WHERE id = 1`).Scan(&v); err != nil {
		return 0, fmt.Errorf("metrics: read the watermark: %w", err)
	}
	return v, nil
}

// maxCachedOverviews bounds the cache: the pages offer five periods a
// day, the API any, and a full cache simply starts again.
const maxCachedOverviews = 64

// overviewCache keeps the overviews computed at one watermark, by
// period. A manager's page refreshed every few seconds then costs one
// read of the watermark until the consumer commits again; the first
// read after that recomputes, so figures are never older than the
// consumer's last batch. Each node keeps its own: the watermark lives in
// the database, so a batch applied on another node invalidates it too.
type overviewCache struct {
	mu      sync.Mutex
	version int64
	entries map[Period]Overview
}

// get is the overview of p at version, if computed.
func (c *overviewCache) get(p Period, version int64) (Overview, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.version != version {
		return Overview{}, false
	}
	o, ok := c.entries[p]
	return o, ok
}

// put keeps o, computed from data at least as new as version; an older
// version than the one held is dropped, a newer one starts the cache
// again.
func (c *overviewCache) put(p Period, version int64, o Overview) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case version < c.version:
		return
	case version > c.version || c.entries == nil || len(c.entries) >= maxCachedOverviews:
		c.version, c.entries = version, map[Period]Overview{}
	}
	c.entries[p] = o
}

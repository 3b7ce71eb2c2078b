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
// dashboards show has changed (see migration 0044); late when the write
// reaches back more than lateHours.
func bumpWatermark(ctx context.Context, tx *store.Tx, late bool) error {
	q := `UPDATE metric_watermark SET version = version + 1 WHERE id = 1`
	if late {
		q = `UPDATE metric_watermark SET version = version + 1, history = history + 1 WHERE id = 1`
	}
	if _, err := tx.Exec(ctx, q); err != nil {
		return fmt.Errorf("metrics: move the watermark: %w", err)
	}
	return nil
}

// watermark is how far the rollups have moved.
type watermark struct {
	version, history int64
	settled          int64 // Unix hours before which sums may be kept at history
}

// watermark reads it, with the hours that count as settled now: whole
// UTC days ending more than lateHours+1 hours ago.
func (s *Service) watermark(ctx context.Context) (watermark, error) {
	var w watermark
	if err := s.db.QueryRow(ctx, `SELECT version, history FROM metric_watermark WHERE id = 1`).Scan(&w.version, &w.history); err != nil {
		return w, fmt.Errorf("metrics: read the watermark: %w", err)
	}
	w.settled = floorDiv(hourOf(s.db.Now())-lateHours-1, 24) * 24
	return w, nil
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

// settledKey names sums kept over settled hours: which read, over when.
type settledKey struct {
	read string
	p    Period
}

// groupedSettled is groupedDims over p, the part of p before w.settled
// kept (under read's name) until the history watermark moves, the rest
// read afresh. The kept part is never changed: the result is a new map.
func (s *Service) groupedSettled(ctx context.Context, read string, dims []Dim, p Period, measures []Measure, w watermark) (map[Dim]map[string]*Counts, error) {
	fh, th := p.hours()
	if fh >= w.settled {
		return s.groupedDims(ctx, dims, p, measures)
	}
	old := Period{From: p.From, To: hourTime(min(th, w.settled))}
	key := settledKey{read, old}
	kept, ok := s.settled.get(key, w.history)
	if !ok {
		var err error
		if kept, err = s.groupedDims(ctx, dims, old, measures); err != nil {
			return nil, err
		}
		s.settled.put(key, w.history, kept)
	}
	out := map[Dim]map[string]*Counts{}
	for _, d := range dims {
		out[d] = map[string]*Counts{}
		for k, c := range kept[d] {
			cc := *c
			out[d][k] = &cc
		}
	}
	if th <= w.settled {
		return out, nil
	}
	fresh, err := s.groupedDims(ctx, dims, Period{From: old.To, To: p.To}, measures)
	if err != nil {
		return nil, err
	}
	for d, m := range fresh {
		for k, c := range m {
			if out[d][k] == nil {
				out[d][k] = new(Counts)
			}
			out[d][k].add(*c)
		}
	}
	return out, nil
}

// trendKey names the settled steps of the overview's driver trends: the
// table and buckets read.
type trendKey struct {
	table    string
	from, to int64
}

// trendsSettled is trends over p, the steps that end before w.settled
// kept until the history watermark moves (the overview's drivers are
// its one reader), the rest read afresh. The result is new slices.
func (s *Service) trendsSettled(ctx context.Context, dims []Dim, p Period, w watermark) (map[Dim]map[string][]int64, error) {
	table, from, to, _ := p.seriesBuckets()
	split := from
	for split < to && bucketEnd(table, split) <= w.settled {
		split++
	}
	if split == from {
		return s.trends(ctx, dims, p)
	}
	key := trendKey{table, from, split}
	kept, ok := s.settledTrends.get(key, w.history)
	if !ok {
		var err error
		if kept, err = s.trendRows(ctx, dims, table, from, split, from, split-from); err != nil {
			return nil, err
		}
		s.settledTrends.put(key, w.history, kept)
	}
	out, err := s.trendRows(ctx, dims, table, split, to, from, to-from)
	if err != nil {
		return nil, err
	}
	for d, m := range kept {
		for k, steps := range m {
			if out[d][k] == nil {
				out[d][k] = make([]int64, to-from)
			}
			copy(out[d][k], steps)
		}
	}
	return out, nil
}

// bucketEnd is the Unix hour at which bucket b of table ends.
func bucketEnd(table string, b int64) int64 {
	switch table {
	case "metric_daily":
		return (b + 1) * 24
	case "metric_monthly":
		return firstDayOf(b+1) * 24
	}
	return b + 1
}

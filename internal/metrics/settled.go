package metrics

import (
	"context"
	"fmt"
	"sync"
)

// maxKept bounds what a node keeps over settled hours, counted in keys
// (a key's counts are about 250 bytes); a full store starts again.
const maxKept = 100_000

// keptKey names something read over settled hours: which read, and the
// hours [from, to) it covers.
type keptKey struct {
	read     string
	from, to int64
}

type keptEntry struct {
	v    any
	size int
}

// kept holds reads over settled hours, each good until a late batch
// writes to a day it covers. Each node keeps its own; the days come
// from the database (metric_late_days), so a late batch applied on
// another node drops them too.
type kept struct {
	mu      sync.Mutex
	history int64 // the history watermark the entries are good at
	entries map[keptKey]keptEntry
	size    int
}

// get is what was kept under k, if the store is at history.
func (c *kept) get(k keptKey, history int64) (any, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if history != c.history {
		return nil, false
	}
	e, ok := c.entries[k]
	return e.v, ok
}

// put keeps v, read at history; a read at another history than the
// store's is dropped, as it may predate a late batch the store has seen.
func (c *kept) put(k keptKey, history int64, v any, size int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if history != c.history {
		return
	}
	if c.entries == nil || c.size+size > maxKept {
		c.entries, c.size = map[keptKey]keptEntry{}, 0
	}
	if old, ok := c.entries[k]; ok {
		c.size -= old.size
	}
	c.entries[k] = keptEntry{v, size}
	c.size += size
}

// skipTo moves an empty store to history with nothing to drop; false
// when the store holds entries (or is there already).
func (c *kept) skipTo(history int64) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if history <= c.history || len(c.entries) > 0 {
		return history <= c.history
	}
	c.history = history
	return true
}

// advance moves the store to history, dropping the entries that cover
// any of days (the days late batches wrote to since).
func (c *kept) advance(history int64, days []int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if history <= c.history {
		return
	}
	for k, e := range c.entries {
		for _, d := range days {
			if d*24 < k.to && (d+1)*24 > k.from {
				delete(c.entries, k)
				c.size -= e.size
				break
			}
		}
	}
	c.history = history
}

// followLate brings the kept reads up to w's history: a read of the
// days late batches named since the node last looked (none when the
// history has not moved, the usual case).
func (s *Service) followLate(ctx context.Context, w watermark) error {
	if s.kept.skipTo(w.history) {
		return nil
	}
	rows, err := s.db.Query(ctx, `SELECT day FROM metric_late_days WHERE history > ? AND history <= ?`, s.keptHistory(), w.history)
	if err != nil {
		return fmt.Errorf("metrics: read late days: %w", err)
	}
	defer rows.Close()
	var days []int64
	for rows.Next() {
		var d int64
		if err := rows.Scan(&d); err != nil {
			return fmt.Errorf("metrics: read late days: %w", err)
		}
		days = append(days, d)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("metrics: read late days: %w", err)
	}
	s.kept.advance(w.history, days)
	return nil
}

func (s *Service) keptHistory() int64 {
	s.kept.mu.Lock()
	defer s.kept.mu.Unlock()
	return s.kept.history
}

// monthChunks splits the hours [from, to) at the starts of months, the
// unit sums are kept in: a late batch then costs the month it wrote to
// (one monthly row a key) and leaves the others kept.
func monthChunks(from, to int64) [][2]int64 {
	var out [][2]int64
	for from < to {
		end := min(firstDayOf(monthOfDay(floorDiv(from, 24))+1)*24, to)
		out = append(out, [2]int64{from, end})
		from = end
	}
	return out
}

// sumsRead reads sums over a period, by dimension and key.
type sumsRead func(Period) (map[Dim]map[string]*Counts, error)

// sumsSettled is read over p, the part of p before w.settled taken month
// by month from what the node kept under name (read and kept when
// missing), the rest read afresh. Keys adding up to nothing are left
// out, as groupedDims leaves them out, so the result is the same however
// p is split. The kept sums are never changed: the result is new.
func (s *Service) sumsSettled(name string, p Period, w watermark, read sumsRead) (map[Dim]map[string]*Counts, error) {
	fh, th := p.hours()
	out := map[Dim]map[string]*Counts{}
	add := func(part map[Dim]map[string]*Counts) {
		for d, m := range part {
			if out[d] == nil {
				out[d] = map[string]*Counts{}
			}
			for k, c := range m {
				if out[d][k] == nil {
					out[d][k] = new(Counts)
				}
				out[d][k].add(*c)
			}
		}
	}
	for _, ch := range monthChunks(fh, min(th, w.settled)) {
		key := keptKey{name, ch[0], ch[1]}
		v, ok := s.kept.get(key, w.history)
		if !ok {
			part, err := read(Period{From: hourTime(ch[0]), To: hourTime(ch[1])})
			if err != nil {
				return nil, err
			}
			s.kept.put(key, w.history, part, keysIn(part))
			v = part
		}
		add(v.(map[Dim]map[string]*Counts))
	}
	if th > w.settled {
		part, err := read(Period{From: hourTime(max(fh, w.settled)), To: p.To})
		if err != nil {
			return nil, err
		}
		add(part)
	}
	for _, m := range out {
		for k, c := range m {
			if *c == (Counts{}) {
				delete(m, k)
			}
		}
	}
	return out, nil
}

func keysIn[V any](m map[Dim]map[string]V) int {
	n := 1
	for _, keys := range m {
		n += len(keys)
	}
	return n
}

// groupedSettled is groupedDims over p with settled months kept under
// read's name (see sumsSettled).
func (s *Service) groupedSettled(ctx context.Context, read string, dims []Dim, p Period, measures []Measure, w watermark) (map[Dim]map[string]*Counts, error) {
	out, err := s.sumsSettled(read, p, w, func(q Period) (map[Dim]map[string]*Counts, error) {
		return s.groupedDims(ctx, dims, q, measures)
	})
	if err != nil {
		return nil, err
	}
	for _, d := range dims { // every dimension asked for has a map, empty or not
		if out[d] == nil {
			out[d] = map[string]*Counts{}
		}
	}
	return out, nil
}

// trendsSettled is trends over p, the steps that end before w.settled
// kept month by month until a late batch writes to one of their days,
// the rest read afresh. The result is new slices.
func (s *Service) trendsSettled(ctx context.Context, dims []Dim, p Period, w watermark) (map[Dim]map[string][]int64, error) {
	table, from, to, _ := p.seriesBuckets()
	split := from
	for split < to && bucketEnd(table, split) <= w.settled {
		split++
	}
	out, err := s.trendRows(ctx, dims, table, split, to, from, to-from)
	if err != nil {
		return nil, err
	}
	name := fmt.Sprint("trends ", table, dims)
	for _, ch := range bucketMonths(table, from, split) {
		key := keptKey{name, bucketEnd(table, ch[0]-1), bucketEnd(table, ch[1]-1)}
		v, ok := s.kept.get(key, w.history)
		if !ok {
			part, err := s.trendRows(ctx, dims, table, ch[0], ch[1], ch[0], ch[1]-ch[0])
			if err != nil {
				return nil, err
			}
			s.kept.put(key, w.history, part, keysIn(part))
			v = part
		}
		for d, m := range v.(map[Dim]map[string][]int64) {
			for k, steps := range m {
				if out[d][k] == nil {
					out[d][k] = make([]int64, to-from)
				}
				copy(out[d][k][ch[0]-from:], steps)
			}
		}
	}
	return out, nil
}

// bucketMonths splits buckets [from, to) of table into runs that start
// in one month (a monthly bucket is a run of its own).
func bucketMonths(table string, from, to int64) [][2]int64 {
	var out [][2]int64
	month := func(b int64) int64 { return monthOfDay(floorDiv(bucketEnd(table, b-1), 24)) }
	for start := from; start < to; {
		end := start + 1
		for end < to && month(end) == month(start) {
			end++
		}
		out = append(out, [2]int64{start, end})
		start = end
	}
	return out
}

// bucketEnd is the Unix hour at which bucket b of table ends (and
// bucket b+1 starts).
func bucketEnd(table string, b int64) int64 {
	switch table {
	case "metric_daily":
		return (b + 1) * 24
	case "metric_monthly":
		return firstDayOf(b+1) * 24
	}
	return b + 1
}

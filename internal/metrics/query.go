package metrics

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
)

// MaxPeriod is the longest period one query covers: five years of daily
// rows per key, which still answers in milliseconds.
const MaxPeriod = 5 * 366 * 24 * time.Hour

// Period is a span of whole hours, From inclusive, To exclusive (UTC).
type Period struct {
	From, To time.Time
}

// NewPeriod checks and rounds a period: outward to whole hours.
func NewPeriod(from, to time.Time) (Period, error) {
	from = from.UTC().Truncate(time.Hour)
	if t := to.UTC().Truncate(time.Hour); !t.Equal(to.UTC()) {
		to = t.Add(time.Hour)
	}
	to = to.UTC()
	switch {
	case !to.After(from):
		return Period{}, errs.Field("to", "the period must end after it starts (from %s, to %s)", from.Format(time.RFC3339), to.Format(time.RFC3339))
	case to.Sub(from) > MaxPeriod:
		return Period{}, errs.Field("from", "a period may cover at most five years; ask for several periods, or use the daily CSV for longer spans")
	}
	return Period{From: from, To: to}, nil
}

func (p Period) hours() (int64, int64) { return p.From.Unix() / 3600, p.To.Unix() / 3600 }

// Step is how series over p go: by hour up to three days, by day up to
// 120 days, by month beyond.
func (p Period) Step() string {
	switch d := p.To.Sub(p.From); {
	case d <= 72*time.Hour:
		return "hour"
	case d <= 120*24*time.Hour:
		return "day"
	}
	return "month"
}

// span is a run of buckets of one rollup table, added (sign 1) or taken
// away (sign -1).
type span struct {
	table    string
	from, to int64 // buckets, to exclusive
	sign     int64
}

// spans splits p into whole months (metric_monthly), whole UTC days
// (metric_daily) and the hours before and after them (metric_hourly), so
// that a year is read as about twelve rows a key. A month that p covers
// for more than half is read whole, less the days p leaves out, so no
// edge reads more than fifteen daily rows a key.
func (p Period) spans() []span {
	fh, th := p.hours()
	fd, td := (fh+23)/24, th/24 // whole days
	if fh < 0 || fd >= td {
		return []span{{"metric_hourly", fh, th, 1}}
	}
	var out []span
	add := func(table string, from, to, sign int64) {
		if from < to {
			out = append(out, span{table, from, to, sign})
		}
	}
	add("metric_hourly", fh, fd*24, 1)
	fm, tm := monthOfDay(fd), monthOfDay(td)
	if fm == tm {
		add("metric_daily", fd, td, 1)
	} else {
		if start := firstDayOf(fm); start < fd { // a partial first month
			end := firstDayOf(fm + 1)
			if end-fd > 15 {
				add("metric_monthly", fm, fm+1, 1)
				add("metric_daily", start, fd, -1)
			} else {
				add("metric_daily", fd, end, 1)
			}
			fm++
		}
		add("metric_monthly", fm, tm, 1)
		if start := firstDayOf(tm); start < td { // a partial last month
			end := firstDayOf(tm + 1)
			if td-start > 15 {
				add("metric_monthly", tm, tm+1, 1)
				add("metric_daily", td, end, -1)
			} else {
				add("metric_daily", start, td, 1)
			}
		}
	}
	add("metric_hourly", td*24, th, 1)
	return out
}

// measureColumns are every measure's column, in Measure order.
var measureColumns = columnList("%")

// sumBy adds up rows of table for dim (and key, when set) in
// [from, to) of its buckets, grouped by group ("dim_key" or "bucket").
// The rows are added up here rather than by a GROUP BY: they come in
// key order straight off the primary key, and SQLite's sorting of them
// for a GROUP BY cost twice what the sums do.
func (s *Service) sumBy(ctx context.Context, table string, dim Dim, key *string, from, to int64, group string, out map[string]*Counts, bucketKey func(int64) string) error {
	q := `SELECT ` + group + `, ` + measureColumns + ` FROM ` + table + ` WHERE dim = ?`
	args := []any{string(dim)}
	if key != nil {
		q += ` AND dim_key = ?`
		args = append(args, *key)
	}
	q += ` AND bucket >= ? AND bucket < ?`
	args = append(args, from, to)
	rows, err := s.db.Query(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("metrics: read %s: %w", table, err)
	}
	defer rows.Close()
	var (
		k    string
		b    int64
		vals [numMeasures]nullInt
		dest = make([]any, 0, 1+numMeasures)
	)
	if group == "bucket" {
		dest = append(dest, &b)
	} else {
		dest = append(dest, &k)
	}
	for i := range vals {
		dest = append(dest, &vals[i])
	}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return fmt.Errorf("metrics: scan %s: %w", table, err)
		}
		var c Counts
		for i, v := range vals {
			c[i] = int64(v)
		}
		if group == "bucket" {
			k = bucketKey(b)
		}
		acc := out[k]
		if acc == nil {
			acc = new(Counts)
			out[k] = acc
		}
		acc.add(c)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("metrics: read %s: %w", table, err)
	}
	return nil
}

// nullInt scans a SUM, which is NULL over no rows and may come back as a
// numeric or text on some drivers.
type nullInt int64

func (n *nullInt) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		*n = 0
	case int64:
		*n = nullInt(x)
	case float64:
		*n = nullInt(x)
	case []byte:
		return n.parse(string(x))
	case string:
		return n.parse(x)
	default:
		return fmt.Errorf("metrics: cannot scan %T as a count", v)
	}
	return nil
}

func (n *nullInt) parse(s string) error {
	var v int64
	if _, err := fmt.Sscan(strings.TrimSuffix(s, ".0"), &v); err != nil {
		return fmt.Errorf("metrics: count %q: %w", s, err)
	}
	*n = nullInt(v)
	return nil
}

// grouped reads p for dim (and key), grouped by key, from daily rows for
// whole days and hourly rows for the rest.
func (s *Service) grouped(ctx context.Context, dim Dim, key *string, p Period) (map[string]*Counts, error) {
	out := map[string]*Counts{}
	for _, sp := range p.spans() {
		part := map[string]*Counts{}
		if err := s.sumBy(ctx, sp.table, dim, key, sp.from, sp.to, "dim_key", part, nil); err != nil {
			return nil, err
		}
		for k, c := range part {
			if out[k] == nil {
				out[k] = new(Counts)
			}
			for i := range c {
				out[k][i] += sp.sign * c[i]
			}
		}
	}
	return out, nil
}

// groupedDims reads measures (every one when nil) of p for several
// dimensions at once, grouped by dimension and key: one read per span
// instead of one per dimension, added up here as sumBy does.
func (s *Service) groupedDims(ctx context.Context, dims []Dim, p Period, measures []Measure) (map[Dim]map[string]*Counts, error) {
	out := map[Dim]map[string]*Counts{}
	for _, d := range dims {
		out[d] = map[string]*Counts{}
	}
	if measures == nil {
		measures = allMeasures
	}
	cols := make([]string, len(measures))
	for i, m := range measures {
		cols[i] = m.String()
	}
	in := strings.TrimSuffix(strings.Repeat("?,", len(dims)), ",")
	for _, sp := range p.spans() {
		args := make([]any, 0, len(dims)+2)
		for _, d := range dims {
			args = append(args, string(d))
		}
		args = append(args, sp.from, sp.to)
		rows, err := s.db.Query(ctx, `SELECT dim, dim_key, `+strings.Join(cols, ", ")+` FROM `+sp.table+` WHERE dim IN (`+in+`) AND bucket >= ? AND bucket < ?`, args...)
		if err != nil {
			return nil, fmt.Errorf("metrics: read %s: %w", sp.table, err)
		}
		err = scanDims(rows, sp.sign, measures, out)
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("metrics: read %s: %w", sp.table, err)
		}
	}
	// A key with rows only in days a whole month's row was corrected by
	// adds up to nothing: it had nothing in p. Leaving it out keeps the
	// result the same however p is split into reads.
	for _, m := range out {
		for k, c := range m {
			if *c == (Counts{}) {
				delete(m, k)
			}
		}
	}
	return out, nil
}

// allMeasures is every measure, in order.
var allMeasures = func() []Measure {
	out := make([]Measure, numMeasures)
	for i := range out {
		out[i] = Measure(i)
	}
	return out
}()

func scanDims(rows *sql.Rows, sign int64, measures []Measure, out map[Dim]map[string]*Counts) error {
	vals := make([]nullInt, len(measures))
	var dim Dim
	var key string
	dest := []any{&dim, &key}
	for i := range vals {
		dest = append(dest, &vals[i])
	}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		c := out[dim][key]
		if c == nil {
			c = new(Counts)
			out[dim][key] = c
		}
		for i, v := range vals {
			c[measures[i]] += sign * int64(v)
		}
	}
	return rows.Err()
}

// sortRows orders a breakdown by volume (tickets created, then replies),
// largest first.
func sortRows(m map[string]*Counts) []Row {
	out := make([]Row, 0, len(m))
	for k, c := range m {
		out = append(out, Row{Key: k, Counts: *c})
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].Counts, out[j].Counts
		if a[Created] != b[Created] {
			return a[Created] > b[Created]
		}
		if a[Replies] != b[Replies] {
			return a[Replies] > b[Replies]
		}
		return out[i].Key < out[j].Key
	})
	return out
}

// resultKey names a read of the team and agent dashboards, the
// wallboard or the API, kept per version of the watermark.
type resultKey struct {
	read string
	dim  Dim
	key  string
	p    Period
}

// atVersion is read's result at the watermark now, kept from an earlier
// call while the watermark holds (a refresh with nothing new reads one
// row). Callers must not change what it returns.
func atVersion[V any](ctx context.Context, s *Service, k resultKey, read func(w watermark) (V, error)) (V, error) {
	var zero V
	w, err := s.watermark(ctx)
	if err != nil {
		return zero, err
	}
	if v, ok := s.results.get(k, w.version); ok {
		return v.(V), nil
	}
	v, err := read(w)
	if err != nil {
		return zero, err
	}
	s.results.put(k, w.version, v)
	return v, nil
}

// groupedKept is grouped with its settled months kept (see sumsSettled).
func (s *Service) groupedKept(ctx context.Context, dim Dim, key *string, p Period, w watermark) (map[string]*Counts, error) {
	name := "grouped " + string(dim)
	if key != nil {
		name += " key " + *key
	}
	m, err := s.sumsSettled(name, p, w, func(q Period) (map[Dim]map[string]*Counts, error) {
		g, err := s.grouped(ctx, dim, key, q)
		return map[Dim]map[string]*Counts{dim: g}, err
	})
	if err != nil {
		return nil, err
	}
	if m[dim] == nil {
		return map[string]*Counts{}, nil
	}
	return m[dim], nil
}

// Totals are the counts of one key of dim over p (DimAll, "" for all).
func (s *Service) Totals(ctx context.Context, dim Dim, key string, p Period) (Counts, error) {
	return atVersion(ctx, s, resultKey{"totals", dim, key, p}, func(w watermark) (Counts, error) {
		m, err := s.groupedKept(ctx, dim, &key, p, w)
		if err != nil {
			return Counts{}, err
		}
		if c := m[key]; c != nil {
			return *c, nil
		}
		return Counts{}, nil
	})
}

// Row is one key's counts in a breakdown.
type Row struct {
	Key    string `json:"key"`
	Counts Counts `json:"-"`
}

// Breakdown is every key of dim over p, by volume (tickets created, then
// replies), largest first.
func (s *Service) Breakdown(ctx context.Context, dim Dim, p Period) ([]Row, error) {
	return atVersion(ctx, s, resultKey{"breakdown", dim, "", p}, func(w watermark) ([]Row, error) {
		m, err := s.groupedKept(ctx, dim, nil, p, w)
		if err != nil {
			return nil, err
		}
		return sortRows(m), nil
	})
}

// Point is one step of a series.
type Point struct {
	Start  time.Time
	Counts Counts
}

// seriesBuckets are the table and buckets a series over p reads, and
// each bucket's start.
func (p Period) seriesBuckets() (table string, from, to int64, start func(int64) time.Time) {
	fh, th := p.hours()
	switch p.Step() {
	case "day":
		return "metric_daily", floorDiv(fh, 24), (th + 23) / 24, func(b int64) time.Time { return time.Unix(b*86400, 0).UTC() }
	case "month":
		return "metric_monthly", monthOfDay(floorDiv(fh, 24)), monthOfDay((th+23)/24-1) + 1,
			func(b int64) time.Time { return time.Unix(firstDayOf(b)*86400, 0).UTC() }
	}
	return "metric_hourly", fh, th, hourTime
}

// hourTime is the start of a Unix hour.
func hourTime(h int64) time.Time { return time.Unix(h*3600, 0).UTC() }

// Series is key of dim over p step by step (see Step). Steps with
// nothing are there, with zero counts; a day or month step at an edge
// covers the whole day or month.
func (s *Service) Series(ctx context.Context, dim Dim, key string, p Period) ([]Point, error) {
	return atVersion(ctx, s, resultKey{"series", dim, key, p}, func(watermark) ([]Point, error) { return s.series(ctx, dim, key, p) })
}

// series is Series read from the rollups; one key's steps are few rows
// whatever the period, so only whole results are kept.
func (s *Service) series(ctx context.Context, dim Dim, key string, p Period) ([]Point, error) {
	out := map[string]*Counts{}
	table, from, to, start := p.seriesBuckets()
	name := func(b int64) string { return fmt.Sprint(b) }
	if err := s.sumBy(ctx, table, dim, &key, from, to, "bucket", out, name); err != nil {
		return nil, err
	}
	points := make([]Point, 0, to-from)
	for b := from; b < to; b++ {
		pt := Point{Start: start(b)}
		if c := out[name(b)]; c != nil {
			pt.Counts = *c
		}
		points = append(points, pt)
	}
	return points, nil
}

package metrics

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
)

// rowKey names one rollup row: an hour, a dimension and its key.
type rowKey struct {
	hour int64 // Unix hours
	dim  Dim
	key  string
}

// delta collects a batch's increments before they are written.
type delta map[rowKey]*Counts

// hourOf is the Unix hour of ms.
func hourOf(ms int64) int64 { return floorDiv(ms, 3_600_000) }

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// dimKeys are the rows a ticket's figures go to: the total, and one per
// dimension the ticket has a value for. agent, when non-zero, stands for
// the ticket's assignee (the agent who did what is counted).
func (t *ticketState) dimKeys(agent int64) [][2]string {
	if agent == 0 {
		agent = t.AgentID
	}
	out := make([][2]string, 0, len(Dims))
	out = append(out, [2]string{string(DimAll), ""})
	add := func(d Dim, v string) {
		if v != "" && v != "0" {
			out = append(out, [2]string{string(d), v})
		}
	}
	add(DimChannel, t.Channel)
	add(DimQueue, strconv.FormatInt(t.QueueID, 10))
	add(DimTeam, strconv.FormatInt(t.TeamID, 10))
	add(DimAgent, strconv.FormatInt(agent, 10))
	add(DimLanguage, t.Language)
	add(DimProductArea, t.ProductArea)
	add(DimIntent, t.Intent)
	return out
}

// add counts n of m for ticket t at time ms, under every dimension of t.
func (d delta) add(t *ticketState, agent int64, ms int64, m Measure, n int64) {
	if n == 0 {
		return
	}
	h := hourOf(ms)
	for _, dk := range t.dimKeys(agent) {
		d.addKey(h, Dim(dk[0]), dk[1], m, n)
	}
}

// addKey counts n of m in one row: hour h of dim's key.
func (d delta) addKey(h int64, dim Dim, key string, m Measure, n int64) {
	k := rowKey{h, dim, key}
	c := d[k]
	if c == nil {
		c = new(Counts)
		d[k] = c
	}
	c[m] += n
}

// maxRowsPerInsert keeps an upsert's parameters well under PostgreSQL's
// 65,535 limit.
const maxRowsPerInsert = 400

// write adds the batch's increments to the hourly and daily rollups.
func (d delta) write(ctx context.Context, tx *store.Tx) error {
	if len(d) == 0 {
		return nil
	}
	hourly := make([]rowKey, 0, len(d))
	for k := range d {
		hourly = append(hourly, k)
	}
	// Rows go in key order, so that two batches upserting the same rows
	// on PostgreSQL wait for each other instead of deadlocking.
	sortKeys(hourly)
	if err := upsert(ctx, tx, "metric_hourly", hourly, func(k rowKey) int64 { return k.hour }, d); err != nil {
		return err
	}
	daily := rollUp(d, hourly, func(h int64) int64 { return floorDiv(h, 24) })
	days := sortedKeys(daily)
	if err := upsert(ctx, tx, "metric_daily", days, func(k rowKey) int64 { return k.hour }, daily); err != nil {
		return err
	}
	monthly := rollUp(daily, days, monthOfDay)
	if err := upsert(ctx, tx, "metric_monthly", sortedKeys(monthly), func(k rowKey) int64 { return k.hour }, monthly); err != nil {
		return err
	}
	return bumpWatermark(ctx, tx, lateDays(hourly, hourOf(tx.Now())-lateHours))
}

// lateDays are the days of the hours of ks before the hour limit, in
// order, each once.
func lateDays(ks []rowKey, limit int64) []int64 {
	var out []int64
	for _, k := range ks {
		if k.hour < limit {
			out = append(out, floorDiv(k.hour, 24))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// rollUp adds the rows of d (keys ks) into coarser buckets.
func rollUp(d delta, ks []rowKey, coarser func(int64) int64) delta {
	out := delta{}
	for _, k := range ks {
		ck := rowKey{coarser(k.hour), k.dim, k.key}
		c := out[ck]
		if c == nil {
			c = new(Counts)
			out[ck] = c
		}
		c.add(*d[k])
	}
	return out
}

func sortedKeys(d delta) []rowKey {
	ks := make([]rowKey, 0, len(d))
	for k := range d {
		ks = append(ks, k)
	}
	sortKeys(ks)
	return ks
}

// monthOfDay is the month (year*12 + month-1) of a Unix day.
func monthOfDay(day int64) int64 {
	t := time.Unix(day*86400, 0).UTC()
	return int64(t.Year())*12 + int64(t.Month()) - 1
}

// firstDayOf is the Unix day a month starts on.
func firstDayOf(month int64) int64 {
	return time.Date(int(month/12), time.Month(month%12+1), 1, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

func sortKeys(ks []rowKey) {
	sort.Slice(ks, func(i, j int) bool {
		a, b := ks[i], ks[j]
		if a.dim != b.dim {
			return a.dim < b.dim
		}
		if a.key != b.key {
			return a.key < b.key
		}
		return a.hour < b.hour
	})
}

var (
	upsertColumns = "bucket, dim, dim_key, " + columnList("%")
	upsertSet     = columnList("% = {t}.% + excluded.%")
)

func upsert(ctx context.Context, tx *store.Tx, table string, keys []rowKey, bucket func(rowKey) int64, d delta) error {
	width := 3 + int(numMeasures)
	for start := 0; start < len(keys); start += maxRowsPerInsert {
		part := keys[start:min(start+maxRowsPerInsert, len(keys))]
		var b strings.Builder
		b.WriteString("INSERT INTO " + table + " (" + upsertColumns + ") VALUES ")
		args := make([]any, 0, len(part)*width)
		row := "(" + strings.TrimSuffix(strings.Repeat("?, ", width), ", ") + ")"
		for i, k := range part {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(row)
			args = append(args, bucket(k), string(k.dim), k.key)
			for _, v := range d[k] {
				args = append(args, v)
			}
		}
		b.WriteString(" ON CONFLICT (dim, dim_key, bucket) DO UPDATE SET " + strings.ReplaceAll(upsertSet, "{t}", table))
		if _, err := tx.Exec(ctx, b.String(), args...); err != nil {
			return fmt.Errorf("metrics: upsert %s: %w", table, err)
		}
	}
	return nil
}

// AddCounts adds counts to the rollups for ticket dimensions given as
// pairs; benchmarks and the demo use it to lay down history.
func (s *Service) AddCounts(ctx context.Context, at time.Time, keys [][2]string, c Counts) error {
	d := delta{}
	for _, k := range keys {
		cc := c
		d[rowKey{hourOf(at.UnixMilli()), Dim(k[0]), k[1]}] = &cc
	}
	return s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error { return d.write(ctx, tx) })
}

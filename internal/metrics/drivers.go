package metrics

import (
	"context"
	"fmt"
	"log/slog"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
)

// Driver is one contact driver (a product area or an intent) over a
// period: its volume, the volume of the period just before, and its
// series for a sparkline.
type Driver struct {
	Dim      Dim      `json:"dim"`
	Key      string   `json:"key"`
	Count    int64    `json:"count"`
	Previous int64    `json:"previous"`
	Change   *float64 `json:"change"` // (count - previous) / previous; nil when previous is 0
	Trend    []int64  `json:"trend"`
}

// TopDrivers are the limit largest keys of dim (DimProductArea or
// DimIntent) by tickets created in p, with their trend.
func (s *Service) TopDrivers(ctx context.Context, dim Dim, p Period, limit int) ([]Driver, error) {
	return atVersion(ctx, s, resultKey{"drivers", dim, strconv.Itoa(limit), p}, func(w watermark) ([]Driver, error) {
		now, err := s.Breakdown(ctx, dim, p)
		if err != nil {
			return nil, err
		}
		span := p.To.Sub(p.From)
		before, err := s.groupedKept(ctx, dim, nil, Period{From: p.From.Add(-span), To: p.From}, w)
		if err != nil {
			return nil, err
		}
		trends, err := s.trendsSettled(ctx, []Dim{dim}, p, w)
		if err != nil {
			return nil, err
		}
		return drivers(dim, now, before, trends[dim], limit), nil
	})
}

// drivers are the first limit rows with tickets, against the period
// before and with their trends.
func drivers(dim Dim, now []Row, before map[string]*Counts, trends map[string][]int64, limit int) []Driver {
	var out []Driver
	for _, r := range now {
		if r.Counts[Created] == 0 || len(out) >= limit {
			continue
		}
		d := Driver{Dim: dim, Key: r.Key, Count: r.Counts[Created], Trend: trends[r.Key]}
		if c := before[r.Key]; c != nil {
			d.Previous = c[Created]
		}
		if d.Previous > 0 {
			v := float64(d.Count-d.Previous) / float64(d.Previous)
			d.Change = &v
		}
		out = append(out, d)
	}
	return out
}

// trendRows reads the tickets created in buckets [from, to) of table
// for every key of dims into series of n steps, bucket b at b-base.
func (s *Service) trendRows(ctx context.Context, dims []Dim, table string, from, to, base, n int64) (map[Dim]map[string][]int64, error) {
	args := make([]any, 0, len(dims)+2)
	for _, d := range dims {
		args = append(args, string(d))
	}
	args = append(args, from, to)
	// One row per key and bucket: nothing to group.
	rows, err := s.db.Query(ctx, `SELECT dim, dim_key, bucket, created FROM `+table+` WHERE dim IN (`+
		strings.TrimSuffix(strings.Repeat("?,", len(dims)), ",")+`) AND bucket >= ? AND bucket < ?`, args...)
	if err != nil {
		return nil, fmt.Errorf("metrics: trends: %w", err)
	}
	defer rows.Close()
	out := map[Dim]map[string][]int64{}
	for _, d := range dims {
		out[d] = map[string][]int64{}
	}
	for rows.Next() {
		var dim Dim
		var key string
		var b int64
		var c nullInt
		if err := rows.Scan(&dim, &key, &b, &c); err != nil {
			return nil, fmt.Errorf("metrics: trends: %w", err)
		}
		if out[dim][key] == nil {
			out[dim][key] = make([]int64, n)
		}
		out[dim][key][b-base] += int64(c)
	}
	return out, rows.Err()
}

// Alert is a spike of a contact driver.
type Alert struct {
	Dim      Dim       `json:"dim"`
	Key      string    `json:"key"`
	Hour     time.Time `json:"hour"`
	Count    int64     `json:"count"`
	Baseline int64     `json:"baseline_per_hour"`
}

// baselineHours is how far back the usual hourly volume is taken from.
const baselineHours = 24

// CheckSpikes compares each product area's and intent's tickets in hour
// (Unix hours) with its mean over the day before; one that is at least
// SpikeFactor times that mean and SpikeMin tickets raises an alert, once
// per key and hour, with a metrics.driver_spike event.
func (s *Service) CheckSpikes(ctx context.Context, hour int64) error {
	st, err := s.Settings(ctx)
	if err != nil {
		return err
	}
	for _, dim := range []Dim{DimProductArea, DimIntent} {
		now := map[string]*Counts{}
		if err := s.sumBy(ctx, "metric_hourly", dim, nil, hour, hour+1, "dim_key", now, nil); err != nil {
			return err
		}
		before := map[string]*Counts{}
		if err := s.sumBy(ctx, "metric_hourly", dim, nil, hour-baselineHours, hour, "dim_key", before, nil); err != nil {
			return err
		}
		keys := make([]string, 0, len(now))
		for k := range now {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			count := now[k][Created]
			var sum int64
			if b := before[k]; b != nil {
				sum = b[Created]
			}
			// count >= factor × mean, with the mean at least one an hour
			// so that a key new today needs SpikeFactor contacts at least.
			if count < int64(st.SpikeMin) || count*baselineHours < int64(st.SpikeFactor)*max(sum, baselineHours) {
				continue
			}
			if err := s.raise(ctx, dim, k, hour, count, (sum+baselineHours-1)/baselineHours); err != nil {
				return err
			}
		}
	}
	return nil
}

func (s *Service) raise(ctx context.Context, dim Dim, key string, hour, count, baseline int64) error {
	return s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		res, err := tx.Exec(ctx, `INSERT INTO metric_alerts (dim, dim_key, bucket, count, baseline, created_at) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (dim, dim_key, bucket) DO NOTHING`, string(dim), key, hour, count, baseline, tx.Now())
		if err != nil {
			return fmt.Errorf("metrics: raise spike alert: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		// A spike in an hour already past (the demo's replayed history, a
		// consumer catching up after downtime) is recorded but is not news.
		level := slog.LevelWarn
		if hour < hourOf(tx.Now())-1 {
			level = slog.LevelInfo
		}
		s.log.Log(ctx, level, "metrics: contact driver spike", "dim", dim, "key", key, "count", count, "baseline", baseline)
		if err := bumpWatermark(ctx, tx, nil); err != nil {
			return err
		}
		return DriverSpike.Emit(ctx, tx, DriverSpikeEvent{Dim: string(dim), Key: key, Hour: hour, Count: count, Baseline: baseline})
	})
}

// Alerts are the spikes raised in p, newest first.
func (s *Service) Alerts(ctx context.Context, p Period) ([]Alert, error) {
	fh, th := p.hours()
	rows, err := s.db.Query(ctx, `SELECT dim, dim_key, bucket, count, baseline FROM metric_alerts WHERE bucket >= ? AND bucket < ? ORDER BY bucket DESC, id DESC LIMIT 50`, fh, th)
	if err != nil {
		return nil, fmt.Errorf("metrics: alerts: %w", err)
	}
	defer rows.Close()
	out := []Alert{}
	for rows.Next() {
		var a Alert
		var h int64
		if err := rows.Scan(&a.Dim, &a.Key, &h, &a.Count, &a.Baseline); err != nil {
			return nil, fmt.Errorf("metrics: alerts: %w", err)
		}
		a.Hour = time.Unix(h*3600, 0).UTC()
		out = append(out, a)
	}
	return out, rows.Err()
}

package metrics

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// fillRandom lays down counts at random hours of the 430 days before end
// for random keys of every dimension the overview reads, so that periods
// are read from monthly, daily and hourly rows together.
func fillRandom(t *testing.T, svc *Service, end time.Time, n int) {
	t.Helper()
	rng := rand.New(rand.NewPCG(14, 14))
	pick := func(dim Dim, keys ...string) [2]string { return [2]string{string(dim), keys[rng.IntN(len(keys))]} }
	for range n {
		at := end.Add(-time.Duration(rng.IntN(430*24)) * time.Hour)
		keys := [][2]string{{string(DimAll), ""}, pick(DimProductArea, "withdrawals", "kyc", "p2p"),
			pick(DimIntent, "withdrawal_delayed", "reset_2fa", "deposit_missing", "fees"), pick(DimTeam, "1", "2", "3"),
			pick(DimAgent, "1", "2", "3", "4", "5"), pick(DimChannel, "chat", "email"), pick(DimLanguage, "en", "es", "tr"), pick(DimQueue, "1", "2", "3")}
		var c Counts
		for i := range c {
			c[i] = rng.Int64N(50)
		}
		if err := svc.AddCounts(context.Background(), at, keys, c); err != nil {
			t.Fatal(err)
		}
	}
}

// hourlyTruth adds up the hourly rows of [from, to) (Unix hours) by
// dimension and key, and by step bucket (see Period.Step) and key: the
// figures every coarser table must agree with.
func hourlyTruth(t *testing.T, db *store.DB, from, to int64, step func(hour int64) int64) (sums map[Dim]map[string]*Counts, steps map[Dim]map[string]map[int64]*Counts) {
	t.Helper()
	rows, err := db.Query(context.Background(), `SELECT bucket, dim, dim_key, `+measureColumns+` FROM metric_hourly WHERE bucket >= ? AND bucket < ?`, from, to)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	sums, steps = map[Dim]map[string]*Counts{}, map[Dim]map[string]map[int64]*Counts{}
	for rows.Next() {
		var h int64
		var dim Dim
		var key string
		var c Counts
		dest := []any{&h, &dim, &key}
		for i := range c {
			dest = append(dest, &c[i])
		}
		if err := rows.Scan(dest...); err != nil {
			t.Fatal(err)
		}
		if sums[dim] == nil {
			sums[dim], steps[dim] = map[string]*Counts{}, map[string]map[int64]*Counts{}
		}
		if sums[dim][key] == nil {
			sums[dim][key], steps[dim][key] = new(Counts), map[int64]*Counts{}
		}
		sums[dim][key].add(c)
		b := step(h)
		if steps[dim][key][b] == nil {
			steps[dim][key][b] = new(Counts)
		}
		steps[dim][key][b].add(c)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return sums, steps
}

// stepOf maps an hour to its bucket of a rollup table.
func stepOf(table string) func(hour int64) int64 {
	switch table {
	case "metric_daily":
		return func(h int64) int64 { return floorDiv(h, 24) }
	case "metric_monthly":
		return func(h int64) int64 { return monthOfDay(floorDiv(h, 24)) }
	}
	return func(h int64) int64 { return h }
}

// mustPeriod is NewPeriod for a test's fixed periods.
func mustPeriod(t *testing.T, from, to time.Time) Period {
	t.Helper()
	p, err := NewPeriod(from, to)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// expectedOverview is the overview of p worked out from hourly rows
// alone, as the definition of each figure says.
func expectedOverview(t *testing.T, svc *Service, p Period) Overview {
	t.Helper()
	ctx := context.Background()
	fh, th := p.hours()
	table, from, to, start := p.seriesBuckets()
	step := stepOf(table)
	sums, _ := hourlyTruth(t, svc.db, fh, th, step)
	// The series and trends cover whole steps at the period's edges.
	edgeFrom, edgeTo := fh, th
	for step(edgeFrom-1) == step(fh) {
		edgeFrom--
	}
	for step(edgeTo) == step(th-1) {
		edgeTo++
	}
	_, steps := hourlyTruth(t, svc.db, edgeFrom, edgeTo, step)
	span := int64(p.To.Sub(p.From) / time.Hour)
	before, _ := hourlyTruth(t, svc.db, fh-span, fh, step)

	o := Overview{Breakdowns: map[Dim][]Row{}}
	if c := sums[DimAll][""]; c != nil {
		o.Totals = *c
	}
	for b := from; b < to; b++ {
		pt := Point{Start: start(b)}
		if c := steps[DimAll][""][b]; c != nil {
			pt.Counts = *c
		}
		o.Series = append(o.Series, pt)
	}
	for _, d := range OverviewDims {
		o.Breakdowns[d] = sortRows(sums[d])
	}
	trend := func(d Dim) map[string][]int64 {
		out := map[string][]int64{}
		for key, bs := range steps[d] {
			out[key] = make([]int64, to-from)
			for b, c := range bs {
				out[key][b-from] = c[Created]
			}
		}
		return out
	}
	o.Areas = drivers(DimProductArea, sortRows(sums[DimProductArea]), before[DimProductArea], trend(DimProductArea), 8)
	o.Intents = drivers(DimIntent, sortRows(sums[DimIntent]), before[DimIntent], trend(DimIntent), 8)
	var err error
	if o.Alerts, err = svc.Alerts(ctx, p); err != nil {
		t.Fatal(err)
	}
	if o.Backlog, err = svc.BacklogTotal(ctx); err != nil {
		t.Fatal(err)
	}
	return o
}

// The overview read from monthly, daily and hourly rows (and from the
// cache) equals the one added up from hourly rows, for the pages'
// periods and for periods that start and end mid-day.
func TestOverviewEqualsHourlyRows(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		svc := serviceOn(db)
		ctx := context.Background()
		end := time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)
		db.SetClock(func() time.Time { return end })
		fillRandom(t, svc, end, 250)
		if err := svc.raise(ctx, DimIntent, "withdrawal_delayed", end.Unix()/3600-5, 90, 3); err != nil {
			t.Fatal(err)
		}
		preset := func(key string) Period {
			p, _, err := (&HTTP{}).periodOf(end, key, "", "")
			if err != nil {
				t.Fatal(err)
			}
			return p
		}
		period := func(from, to time.Time) Period { return mustPeriod(t, from, to) }
		for _, tc := range []struct {
			name string
			p    Period
		}{
			{"today", preset("today")},
			{"7 days", preset("7d")},
			{"30 days", preset("30d")},
			{"90 days", preset("90d")},
			{"a year", period(end.AddDate(-1, 0, 0).Truncate(24*time.Hour), end.Truncate(24*time.Hour).Add(24*time.Hour))},
			{"14 months from mid-day", period(end.AddDate(0, -14, 0).Add(-5*time.Hour), end.Add(-3*time.Hour))},
			{"40 days from 09:00", period(end.AddDate(0, 0, -40).Add(-3*time.Hour), end.Add(3*time.Hour))},
			{"five hours", period(end.Add(-5*time.Hour), end)},
		} {
			t.Run(tc.name, func(t *testing.T) {
				// Current counts move the version only; counts 40 days
				// back move the history too, and reach the settled sums.
				for _, read := range []struct {
					name  string
					write time.Time
				}{{"first", time.Time{}}, {"refresh", time.Time{}}, {"after a current write", end}, {"after a late write", end.AddDate(0, 0, -40)}} {
					if !read.write.IsZero() {
						if err := svc.AddCounts(ctx, read.write, [][2]string{{string(DimAll), ""}, {string(DimIntent), "fees"}, {string(DimAgent), "2"}}, Counts{Created: 1, Replies: 2}); err != nil {
							t.Fatal(err)
						}
					}
					want := expectedOverview(t, svc, tc.p)
					got, err := svc.Overview(ctx, tc.p)
					if err != nil {
						t.Fatal(err)
					}
					if diff := cmp.Diff(want, got); diff != "" {
						t.Errorf("%s read differs from the hourly rows (-want +got):\n%s", read.name, diff)
					}
				}
			})
		}
	})
}

// A refresh with nothing new reads the overview kept from before; an
// event applied by the consumer shows on the next read.
func TestOverviewCacheFollowsTheConsumer(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		svc := serviceOn(db)
		ctx := context.Background()
		start := time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)
		db.SetClock(func() time.Time { return start.Add(time.Hour) })
		p, err := NewPeriod(start.Truncate(24*time.Hour), start.Truncate(24*time.Hour).Add(24*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		var seq int64
		next := func() int64 { seq++; return seq }
		if err := svc.HandleEvents(ctx, ticketEvents(1, start, next)); err != nil {
			t.Fatal(err)
		}
		first, err := svc.Overview(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		if first.Totals[Created] != 1 || first.Totals[Solved] != 1 {
			t.Fatalf("after one ticket's life the overview counts %d created, %d solved; want 1 and 1", first.Totals[Created], first.Totals[Solved])
		}

		// A write that goes around the consumer does not move the
		// watermark, so the refresh is served from the cache.
		if _, err := db.Exec(ctx, `UPDATE metric_daily SET created = created + 100`); err != nil {
			t.Fatal(err)
		}
		again, err := svc.Overview(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		if again.Totals[Created] != 1 {
			t.Fatalf("a refresh with nothing new counts %d created; want the kept 1", again.Totals[Created])
		}
		if _, err := db.Exec(ctx, `UPDATE metric_daily SET created = created - 100`); err != nil {
			t.Fatal(err)
		}

		// The next ticket, through the consumer, invalidates it.
		if err := svc.HandleEvents(ctx, ticketEvents(2, start.Add(10*time.Minute), next)); err != nil {
			t.Fatal(err)
		}
		after, err := svc.Overview(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		if after.Totals[Created] != 2 {
			t.Fatalf("after a second ticket the overview counts %d created; want 2", after.Totals[Created])
		}
		if n := len(after.Breakdowns[DimChannel]); n != 2 {
			t.Errorf("channels after a chat and an e-mail ticket: %d rows; want 2", n)
		}
	})
}

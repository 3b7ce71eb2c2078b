package metrics

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// The team and agent dashboards', the wallboard's and the API's reads,
// kept per version and per settled month, equal the sums of the hourly
// rows: first read, refresh, and after current and late writes (one
// late write lands in a month the period covers whole, one in its first
// partial month, one before the period).
func TestDashboardReadsEqualHourlyRows(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		svc := serviceOn(db)
		ctx := context.Background()
		end := time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)
		db.SetClock(func() time.Time { return end })
		fillRandom(t, svc, end, 250)
		period := func(from, to time.Time) Period { return mustPeriod(t, from, to) }
		for _, tc := range []struct {
			name string
			p    Period
		}{
			{"30 days", period(end.AddDate(0, 0, -29).Truncate(24*time.Hour), end.Truncate(24*time.Hour).Add(24*time.Hour))},
			{"a year from mid-day", period(end.AddDate(-1, 0, 0).Add(-7*time.Hour), end.Add(-2*time.Hour))},
			{"14 months", period(end.AddDate(0, -14, 0).Truncate(24*time.Hour), end)},
		} {
			t.Run(tc.name, func(t *testing.T) {
				for _, read := range []struct {
					name  string
					write time.Time
				}{
					{"first", time.Time{}}, {"refresh", time.Time{}}, {"after a current write", end},
					{"after a late write in a whole month", end.AddDate(0, -3, 0)},
					{"after a late write in the first month", tc.p.From.Add(30 * time.Hour)},
					{"after a late write before the period", tc.p.From.Add(-48 * time.Hour)},
				} {
					if !read.write.IsZero() {
						keys := [][2]string{{string(DimAll), ""}, {string(DimIntent), "fees"}, {string(DimAgent), "2"}, {string(DimTeam), "1"}}
						if err := svc.AddCounts(ctx, read.write, keys, Counts{Created: 1, Replies: 2, CSATN: 1, CSATSum: 4}); err != nil {
							t.Fatal(err)
						}
					}
					checkReads(t, svc, tc.p, read.name)
				}
			})
		}
	})
}

// checkReads compares each cached read over p with the hourly rows.
func checkReads(t *testing.T, svc *Service, p Period, when string) {
	t.Helper()
	ctx := context.Background()
	fh, th := p.hours()
	table, from, to, start := p.seriesBuckets()
	step := stepOf(table)
	sums, _ := hourlyTruth(t, svc.db, fh, th, step)
	_, steps := hourlyTruth(t, svc.db, bucketEnd(table, from-1), bucketEnd(table, to-1), step)
	span := th - fh
	before, _ := hourlyTruth(t, svc.db, fh-span, fh, step)

	for _, one := range []struct {
		dim Dim
		key string
	}{{DimAll, ""}, {DimAgent, "2"}, {DimTeam, "1"}, {DimAgent, "none"}} {
		got, err := svc.Totals(ctx, one.dim, one.key, p)
		if err != nil {
			t.Fatal(err)
		}
		var want Counts
		if c := sums[one.dim][one.key]; c != nil {
			want = *c
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: totals of %s %q differ from the hourly rows (-want +got):\n%s", when, one.dim, one.key, diff)
		}
		pts, err := svc.Series(ctx, one.dim, one.key, p)
		if err != nil {
			t.Fatal(err)
		}
		var wantPts []Point
		for b := from; b < to; b++ {
			pt := Point{Start: start(b)}
			if c := steps[one.dim][one.key][b]; c != nil {
				pt.Counts = *c
			}
			wantPts = append(wantPts, pt)
		}
		if diff := cmp.Diff(wantPts, pts); diff != "" {
			t.Errorf("%s: series of %s %q differs (-want +got):\n%s", when, one.dim, one.key, diff)
		}
	}
	for _, d := range []Dim{DimAgent, DimTeam, DimQueue} {
		got, err := svc.Breakdown(ctx, d, p)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(sortRows(sums[d]), got); diff != "" {
			t.Errorf("%s: breakdown by %s differs (-want +got):\n%s", when, d, diff)
		}
	}
	got, err := svc.TopDrivers(ctx, DimIntent, p, 10)
	if err != nil {
		t.Fatal(err)
	}
	trend := map[string][]int64{}
	for key, bs := range steps[DimIntent] {
		trend[key] = make([]int64, to-from)
		for b, c := range bs {
			trend[key][b-from] = c[Created]
		}
	}
	if diff := cmp.Diff(drivers(DimIntent, sortRows(sums[DimIntent]), before[DimIntent], trend, 10), got); diff != "" {
		t.Errorf("%s: intent drivers differ (-want +got):\n%s", when, diff)
	}
}

// A late batch drops the sums kept over the month it wrote to and no
// other: a change made around the consumer shows in that month once the
// late batch lands, and stays unseen in a month the batch left alone.
func TestLateBatchDropsOnlyItsMonth(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		svc := serviceOn(db)
		ctx := context.Background()
		end := time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)
		db.SetClock(func() time.Time { return end })
		oct, nov := time.Date(2026, 10, 10, 9, 0, 0, 0, time.UTC), time.Date(2026, 11, 10, 9, 0, 0, 0, time.UTC)
		for _, at := range []time.Time{oct, nov} {
			if err := svc.AddCounts(ctx, at, [][2]string{{string(DimAll), ""}}, Counts{Created: 10}); err != nil {
				t.Fatal(err)
			}
		}
		p := mustPeriod(t, time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
		created := func() int64 {
			t.Helper()
			c, err := svc.Totals(ctx, DimAll, "", p)
			if err != nil {
				t.Fatal(err)
			}
			return c[Created]
		}
		if n := created(); n != 20 {
			t.Fatalf("October and November hold %d created; want 20", n)
		}
		// Around the consumer: the watermark does not move.
		if _, err := db.Exec(ctx, `UPDATE metric_monthly SET created = created + 100 WHERE dim = 'all' AND bucket IN (?, ?)`,
			monthOfDay(oct.Unix()/86400), monthOfDay(nov.Unix()/86400)); err != nil {
			t.Fatal(err)
		}
		if n := created(); n != 20 {
			t.Fatalf("with nothing through the consumer the kept %d created should hold; got %d", 20, n)
		}
		// A late batch into October: October is read again (its 100 and
		// the batch's 1 show), November's kept sum stays.
		if err := svc.AddCounts(ctx, oct.Add(24*time.Hour), [][2]string{{string(DimAll), ""}}, Counts{Created: 1}); err != nil {
			t.Fatal(err)
		}
		if n := created(); n != 121 {
			t.Fatalf("after a late batch into October: %d created; want 121 (October read again, November kept)", n)
		}
		days := storetest.Scalar[int64](t, db, `SELECT COUNT(*) FROM metric_late_days`)
		if days != 3 {
			t.Errorf("late days named: %d; want 3 (the two first writes and the late batch, each a day)", days)
		}
	})
}

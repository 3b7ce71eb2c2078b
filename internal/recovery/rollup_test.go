package recovery

import (
	"context"
	"fmt"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// tile covers exactly the days asked for, each once, with few buckets.
func TestTile(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 2000; i++ {
		first := rng.Int64N(30000)
		end := first + rng.Int64N(5000)
		covered := map[int64]int{}
		ranges := tile(first, end)
		for _, r := range ranges {
			size := int64(1) << (levelShift * r.level)
			for b := r.from; b < r.to; b++ {
				for d := b * size; d < (b+1)*size; d++ {
					covered[d]++
				}
			}
		}
		if len(covered) != int(end-first) {
			t.Fatalf("tile(%d, %d) = %v covers %d days, want %d", first, end, ranges, len(covered), end-first)
		}
		for d, n := range covered {
			if d < first || d >= end || n != 1 {
				t.Fatalf("tile(%d, %d) = %v covers day %d %d times", first, end, ranges, d, n)
			}
		}
		if len(ranges) > 5 {
			t.Fatalf("tile(%d, %d) = %v: more ranges than two ends per level and a middle", first, end, ranges)
		}
	}
	// Ten years: a handful of 256-day blocks and the ends.
	var buckets int64
	for _, r := range tile(20000, 23653) {
		buckets += r.to - r.from
	}
	if buckets > 75 {
		t.Errorf("ten years tiled with %d buckets", buckets)
	}
}

func TestParseAmount(t *testing.T) {
	for _, c := range []struct {
		in          string
		whole, frac int64
		bad         bool
	}{
		{in: "0", whole: 0},
		{in: "237.5", whole: 237, frac: 50000000},
		{in: "12.00000001", whole: 12, frac: 1},
		{in: "0.123456789", whole: 0, frac: 12345678}, // past the eighth place: dropped, as the migration does
		{in: "4200000000000", whole: 4200000000000},
		{in: "", bad: true},
		{in: "1.-5", bad: true},
		{in: "abc", bad: true},
	} {
		got, err := parseAmount(c.in)
		if (err != nil) != c.bad || err == nil && (got.whole != c.whole || got.frac != c.frac) {
			t.Errorf("parseAmount(%q) = %+v, %v; want {%d %d}, bad %v", c.in, got, err, c.whole, c.frac, c.bad)
		}
	}
}

// history is what the random workload did, kept by the test itself.
type history struct {
	created map[int64]int64  // appeal id -> created_at ms
	status  map[int64]Status // appeal id -> status now
	asset   map[int64]string
	net     map[int64]string
}

// randomAppeals files n appeals over about three weeks through the store's
// own insert and move, each moving along the workflow at random times
// (often on a later day than it was filed), some rejected on the way.
func randomAppeals(t *testing.T, f *fixture, rng *rand.Rand, n int) history {
	t.Helper()
	ctx := context.Background()
	h := history{created: map[int64]int64{}, status: map[int64]Status{}, asset: map[int64]string{}, net: map[int64]string{}}
	if _, err := f.db.Exec(ctx, `INSERT INTO recovery_quotes (id, user_id, deposit_key, facts, fee, net, expected_hours, created_at, expires_at)
		VALUES (900001, 'rand', 'rand', '{}', '0', '0', 1, 0, 0)`); err != nil {
		t.Fatal(err)
	}
	next := map[Status]Status{Submitted: Checked, Checked: InReview, InReview: Approved, Approved: Executing, Executing: Completed}
	assets := []string{"USDT", "BTC", "PEPE", "XRP"}
	networks := []string{"ethereum", "bitcoin", "tron"}
	var open []int64
	for i := 0; i < n; i++ {
		f.clock.Advance(time.Duration(rng.IntN(300)) * time.Minute)
		if rng.IntN(20) == 0 { // quiet months now and then: the data spans 256-day blocks
			f.clock.Advance(time.Duration(rng.IntN(60)) * 24 * time.Hour)
		}
		a := Appeal{UserID: "rand", Network: networks[rng.IntN(len(networks))], TxID: fmt.Sprintf("rand-%d", i), Asset: assets[rng.IntN(len(assets))],
			Amount: "1", Address: "addr", Cause: Causes[rng.IntN(len(Causes))], Path: "standard", Action: "credit",
			Fee: randomDecimal(rng), Net: randomDecimal(rng), Language: "en"}
		err := f.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
			id, err := f.svc.insertAppeal(ctx, tx, 900001, a)
			h.created[id], h.status[id], h.asset[id], h.net[id] = tx.Now(), Submitted, a.Asset, a.Net
			open = append(open, id)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		// Move a few open appeals one step each.
		for j := rng.IntN(5); j > 0 && len(open) > 0; j-- {
			k := rng.IntN(len(open))
			id := open[k]
			to := next[h.status[id]]
			if rng.IntN(6) == 0 {
				to = Rejected
			}
			f.clock.Advance(time.Duration(rng.IntN(90)) * time.Minute)
			if err := f.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
				return f.svc.move(ctx, tx, id, to, "system", "", h.status[id])
			}); err != nil {
				t.Fatal(err)
			}
			h.status[id] = to
			if !to.Open() {
				open = append(open[:k], open[k+1:]...)
			}
		}
	}
	return h
}

// randomDecimal is an amount as a quote writes it: up to 8 decimals, no
// trailing zeros, now and then a meme token's billions.
func randomDecimal(rng *rand.Rand) string {
	whole := rng.Int64N(1000)
	if rng.IntN(10) == 0 {
		whole = rng.Int64N(1e13)
	}
	places := rng.IntN(9)
	frac := strings.TrimRight(fmt.Sprintf("%08d", rng.IntN(100_000_000))[:places], "0")
	if frac == "" {
		return fmt.Sprint(whole)
	}
	return fmt.Sprintf("%d.%s", whole, frac)
}

// periods are the spans compared: whole UTC days, partial days at both
// ends, spans inside one day and across one midnight, before 1970 to far
// ahead, midnights of other time zones, and random ones.
func periods(t *testing.T, rng *rand.Rand, first, last time.Time) [][2]time.Time {
	t.Helper()
	day0 := first.Truncate(24 * time.Hour)
	out := [][2]time.Time{
		{day0, last.Truncate(24*time.Hour).AddDate(0, 0, 1)},
		{first.Add(197 * time.Minute), last.Add(-5 * time.Hour)},
		{day0.Add(10 * time.Hour), day0.Add(18 * time.Hour)},
		{day0.Add(44 * time.Hour), day0.Add(52 * time.Hour)},
		{time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)},
	}
	for _, zone := range []string{"Asia/Kolkata", "America/St_Johns", "Pacific/Kiritimati"} {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Fatal(err)
		}
		y, m, d := first.In(loc).Date()
		out = append(out, [2]time.Time{time.Date(y, m, d+1, 0, 0, 0, 0, loc), time.Date(y, m, d+9, 0, 0, 0, 0, loc)})
	}
	span := last.Sub(first)
	for i := 0; i < 12; i++ {
		a := first.Add(time.Duration(rng.Int64N(int64(span))))
		b := a.Add(time.Duration(rng.Int64N(int64(span)))/2 + time.Millisecond)
		out = append(out, [2]time.Time{a, b})
	}
	return out
}

// The statistics read from roll-ups equal those read from every appeal and
// move, on any period, after the store kept the roll-ups and after the
// migration rebuilt them for a database that had appeals before it.
func TestStatsRollupsMatchRows(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		rng := rand.New(rand.NewPCG(12, uint64(len(db.Dialect))))
		first := f.clock.Now()
		h := randomAppeals(t, f, rng, 400)
		spans := periods(t, rng, first, f.clock.Now())
		compare := func(when string) {
			t.Helper()
			for _, p := range spans {
				got, err := f.svc.Stats(ctx, p[0], p[1])
				if err != nil {
					t.Fatal(err)
				}
				rows := newTallies()
				if err := f.svc.tallyRows(ctx, rows, p[0].UnixMilli(), p[1].UnixMilli()); err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(rows.stats(p[0], p[1]), got); diff != "" {
					t.Fatalf("%s, %v to %v: roll-ups differ from the rows (-rows +roll-ups):\n%s", when, p[0], p[1], diff)
				}
				checkAgainstHistory(t, h, p, got)
			}
		}
		compare("kept by the store")

		backfill(t, db)
		compare("backfilled by the migration")
	})
}

// checkAgainstHistory checks the headline figures against the test's own
// account of what it did, so that a fault shared by both reads shows.
func checkAgainstHistory(t *testing.T, h history, p [2]time.Time, got Stats) {
	t.Helper()
	var appeals, completed int
	recovered := map[string]*big.Rat{}
	for id, at := range h.created {
		if at < p[0].UnixMilli() || at >= p[1].UnixMilli() {
			continue
		}
		appeals++
		if h.status[id] == Completed {
			completed++
			r, _ := new(big.Rat).SetString(h.net[id])
			if recovered[h.asset[id]] == nil {
				recovered[h.asset[id]] = new(big.Rat)
			}
			recovered[h.asset[id]].Add(recovered[h.asset[id]], r)
		}
	}
	if got.Appeals != appeals || got.Completed != completed || len(got.Totals) != len(recovered) {
		t.Fatalf("%v to %v: %d appeals, %d completed, %d assets; the workload made %d, %d, %d",
			p[0], p[1], got.Appeals, got.Completed, len(got.Totals), appeals, completed, len(recovered))
	}
	for _, tot := range got.Totals {
		if want := formatDecimal(recovered[tot.Asset], 8); tot.Recovered != want {
			t.Errorf("%v to %v: %s recovered %s, want %s", p[0], p[1], tot.Asset, tot.Recovered, want)
		}
	}
}

// backfill turns db into one from before migration 0039 that already has
// its appeals, and migrates it: the migration fills the roll-ups.
func backfill(tb testing.TB, db *store.DB) {
	tb.Helper()
	ctx := context.Background()
	for _, q := range []string{`DROP TABLE recovery_rollups`, `DROP TABLE recovery_stage_rollups`, `DROP INDEX recovery_appeals_open_due`,
		`DELETE FROM schema_migrations WHERE version = 39`} {
		if _, err := db.Exec(ctx, q); err != nil {
			tb.Fatal(err)
		}
	}
	if n, err := db.Migrate(ctx); err != nil || n != 1 {
		tb.Fatalf("migrate again: %d, %v", n, err)
	}
}

package metrics

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

var monday = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)

func near(t *testing.T, name string, got *float64, want float64) {
	t.Helper()
	if got == nil {
		t.Errorf("%s: no figure, want %.4f", name, want)
		return
	}
	if math.Abs(*got-want) > 1e-6 {
		t.Errorf("%s = %.4f, want %.4f", name, *got, want)
	}
}

// TestScriptedDay plays playDay and checks every dashboard figure against
// the count by hand written beside it.
func TestScriptedDay(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		d := newDay(t, db, monday)
		playDay(t, d)
		ctx := context.Background()
		p, err := NewPeriod(monday, monday.Add(24*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		c, err := d.svc.Totals(ctx, DimAll, "", p)
		if err != nil {
			t.Fatal(err)
		}
		f := FiguresOf(c)
		counts := map[string][2]int64{
			"created": {f.Created, 5}, "solved": {f.Solved, 5}, // T2 twice, T5 open
			"replies": {f.Replies, 5}, "bot tickets": {f.BotTickets, 2}, "breaches": {f.Breaches, 1},
			"csat answers": {f.CSATAnswers, 3}, "nps answers": {f.NPSAnswers, 3},
			"sla met": {f.SLA.Met, 2 + 2 + 4}, "sla breached": {f.SLA.Breached, 1},
		}
		for name, v := range counts {
			if v[0] != v[1] {
				t.Errorf("%s = %d, want %d", name, v[0], v[1])
			}
		}
		near(t, "first response", f.FirstResponse, (120+7200+1200)/3.0)
		near(t, "next response", f.NextResponse, (120+1740)/2.0)
		near(t, "resolution", f.Resolution, (600+10800+1800+120)/4.0) // T2: 4 h less 1 h waiting on the customer
		near(t, "FCR", f.FCR, 3/4.0)
		near(t, "reopen rate", f.ReopenRate, 1/4.0)
		near(t, "bot involvement", f.BotInvolvement, 2/5.0)
		near(t, "automated resolution", f.AutomatedResolution, 1/4.0)
		near(t, "bot resolution", f.BotResolution, 1/4.0)
		near(t, "handle per reply", f.HandleTime, (110+120+600+600+600)/5.0) // capped at 10 min
		near(t, "SLA first response", f.SLA.FirstResponse, 2/3.0)
		near(t, "SLA next response", f.SLA.NextResponse, 1)
		near(t, "SLA resolution", f.SLA.Resolution, 1)
		near(t, "CSAT", f.CSAT, (5+2+4)/3.0)
		near(t, "CSAT satisfied", f.CSATShare, 2/3.0)
		near(t, "CSAT bot", f.CSATBot, 4)
		near(t, "NPS", f.NPS, (2-1)*100/3.0)

		// Per agent: Ada answered T1 and T3 first, Bo T2.
		ada, err := d.svc.Totals(ctx, DimAgent, "7", p)
		if err != nil {
			t.Fatal(err)
		}
		fa := FiguresOf(ada)
		near(t, "Ada's first response", fa.FirstResponse, (120+1200)/2.0)
		near(t, "Ada's CSAT", fa.CSAT, 5)
		if fa.Replies != 3 {
			t.Errorf("Ada's replies = %d, want 3", fa.Replies)
		}
		// By channel: chat had T1, T3, T4.
		rows, err := d.svc.Breakdown(ctx, DimChannel, p)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 2 || rows[0].Key != "chat" || rows[0].Counts[Created] != 3 || rows[1].Counts[Created] != 2 {
			t.Errorf("by channel: %+v, want chat 3, email 2", rows)
		}
		// The overview, read all at once, agrees with the reads one by one.
		o, err := d.svc.Overview(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		if o.Totals != c || len(o.Breakdowns[DimChannel]) != 2 || o.Breakdowns[DimChannel][0].Counts != rows[0].Counts {
			t.Errorf("overview totals %v / by channel %+v disagree with %v / %+v", o.Totals, o.Breakdowns[DimChannel], c, rows)
		}
		if len(o.Areas) != 3 || o.Areas[0].Key != "withdrawals" && o.Areas[0].Key != "spot" || o.Areas[0].Count != 2 {
			t.Errorf("overview drivers %+v", o.Areas)
		}
		// Backlog: T5, unanswered, 8 hours old at midnight.
		d.clock.Set(monday.Add(24 * time.Hour))
		b, err := d.svc.BacklogTotal(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if b.Open != 1 || b.Unanswered != 1 || b.OldestAge != 8*3600 {
			t.Errorf("backlog = %+v, want 1 open, unanswered, 8 h old", b)
		}
		// The hourly series puts T1 and T2 in the 09:00 hour.
		series, err := d.svc.Series(ctx, DimAll, "", p)
		if err != nil {
			t.Fatal(err)
		}
		if len(series) != 24 || series[9].Counts[Created] != 2 || series[16].Counts[Created] != 1 {
			t.Errorf("series: %d points, 09:00 has %d created, 16:00 %d", len(series), series[9].Counts[Created], series[16].Counts[Created])
		}
		// A week read from daily rows agrees with the day read from hours.
		week, err := NewPeriod(monday.Add(-72*time.Hour), monday.Add(96*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		wc, err := d.svc.Totals(ctx, DimAll, "", week)
		if err != nil {
			t.Fatal(err)
		}
		if wc != c {
			t.Errorf("week totals differ from the day's:\n%v\n%v", wc, c)
		}
		// So do two whole months (monthly rows) with days and hours at
		// both edges, and a five-year report.
		for _, span := range [][2]time.Time{{monday.AddDate(0, -1, -3).Add(5 * time.Hour), monday.AddDate(0, 2, 4).Add(7 * time.Hour)},
			{monday.AddDate(-3, 0, 0), monday.AddDate(2, 0, 0)}} {
			long, err := NewPeriod(span[0], span[1])
			if err != nil {
				t.Fatal(err)
			}
			lc, err := d.svc.Totals(ctx, DimAll, "", long)
			if err != nil {
				t.Fatal(err)
			}
			if lc != c {
				t.Errorf("%v totals differ from the day's:\n%v\n%v", long, lc, c)
			}
		}
	})
}

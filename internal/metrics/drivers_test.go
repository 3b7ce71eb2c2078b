package metrics

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// TestDriverSpike: withdrawals run at one ticket an hour for a day, then
// twelve arrive in one hour: one alert and one event, however many more
// come in that hour; spot, at five, stays under the minimum.
func TestDriverSpike(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		d := newDay(t, db, monday)
		for h := range 24 {
			at := monday.Add(-time.Duration(24-h) * time.Hour)
			if err := d.svc.AddCounts(ctx, at, [][2]string{{"all", ""}, {"product_area", "withdrawals"}}, Counts{Created: 1}); err != nil {
				t.Fatal(err)
			}
		}
		for i := range 12 {
			d.ticket(fmt.Sprintf("09:%02d", i*4), int64(100+i), int64(500+i), "chat", "en", "withdrawals", 1)
		}
		for i := range 5 {
			d.ticket(fmt.Sprintf("09:%02d", i*10+1), int64(200+i), int64(600+i), "chat", "en", "spot", 1)
		}
		d.ticket("09:59", 300, 700, "chat", "en", "withdrawals", 1)
		p, err := NewPeriod(monday, monday.Add(24*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		alerts, err := d.svc.Alerts(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		if len(alerts) != 1 || alerts[0].Key != "withdrawals" || alerts[0].Dim != DimProductArea || alerts[0].Count != 10 || alerts[0].Baseline != 1 {
			t.Fatalf("alerts %+v, want one for withdrawals at its 10th ticket against 1 an hour", alerts)
		}
		if n := storetest.Scalar[int64](t, db, `SELECT COUNT(*) FROM outbox WHERE type = 'metrics.driver_spike'`); n != 1 {
			t.Errorf("%d spike events, want 1", n)
		}
		drivers, err := d.svc.TopDrivers(ctx, DimProductArea, p, 5)
		if err != nil {
			t.Fatal(err)
		}
		if len(drivers) != 2 || drivers[0].Key != "withdrawals" || drivers[0].Count != 13 || drivers[0].Previous != 24 || len(drivers[0].Trend) != 24 || drivers[0].Trend[9] != 13 {
			t.Errorf("drivers %+v", drivers)
		}
	})
}

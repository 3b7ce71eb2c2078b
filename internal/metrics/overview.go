package metrics

import (
	"context"
	"sync"
)

// Overview is everything the manager overview reads for a period.
type Overview struct {
	Totals     Counts
	Series     []Point
	Backlog    Backlog
	Breakdowns map[Dim][]Row
	Areas      []Driver
	Intents    []Driver
	Alerts     []Alert
}

// OverviewDims are the overview's breakdown tables.
var OverviewDims = []Dim{DimTeam, DimAgent, DimChannel, DimLanguage, DimQueue}

// Overview reads the manager overview over p, its independent reads side
// by side (a few connections of the read pool at once), so the page
// takes as long as its slowest read rather than the sum of them.
func (s *Service) Overview(ctx context.Context, p Period) (Overview, error) {
	var (
		o    = Overview{Breakdowns: map[Dim][]Row{}}
		mu   sync.Mutex
		wg   sync.WaitGroup
		errs []error
	)
	run := func(f func() error) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := f(); err != nil {
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
			}
		}()
	}
	run(func() (err error) { o.Totals, err = s.Totals(ctx, DimAll, "", p); return })
	run(func() (err error) { o.Series, err = s.Series(ctx, DimAll, "", p); return })
	run(func() (err error) { o.Backlog, err = s.BacklogTotal(ctx); return })
	run(func() (err error) { o.Areas, err = s.TopDrivers(ctx, DimProductArea, p, 8); return })
	run(func() (err error) { o.Intents, err = s.TopDrivers(ctx, DimIntent, p, 8); return })
	run(func() (err error) { o.Alerts, err = s.Alerts(ctx, p); return })
	for _, d := range OverviewDims {
		run(func() error {
			rows, err := s.Breakdown(ctx, d, p)
			mu.Lock()
			o.Breakdowns[d] = rows
			mu.Unlock()
			return err
		})
	}
	wg.Wait()
	if len(errs) > 0 {
		return o, errs[0]
	}
	return o, nil
}

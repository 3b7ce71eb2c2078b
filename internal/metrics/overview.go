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
	// One read per span for the totals, every table and both drivers.
	var now, before map[Dim]map[string]*Counts
	run(func() (err error) {
		now, err = s.groupedDims(ctx, append([]Dim{DimAll, DimProductArea, DimIntent}, OverviewDims...), p)
		return
	})
	span := p.To.Sub(p.From)
	run(func() (err error) {
		before, err = s.groupedDims(ctx, []Dim{DimProductArea, DimIntent}, Period{From: p.From.Add(-span), To: p.From})
		return
	})
	var trends map[Dim]map[string][]int64
	run(func() (err error) { trends, err = s.trends(ctx, []Dim{DimProductArea, DimIntent}, p); return })
	run(func() (err error) { o.Series, err = s.Series(ctx, DimAll, "", p); return })
	run(func() (err error) { o.Backlog, err = s.BacklogTotal(ctx); return })
	run(func() (err error) { o.Alerts, err = s.Alerts(ctx, p); return })
	wg.Wait()
	if len(errs) > 0 {
		return o, errs[0]
	}
	if c := now[DimAll][""]; c != nil {
		o.Totals = *c
	}
	for _, d := range OverviewDims {
		o.Breakdowns[d] = sortRows(now[d])
	}
	o.Areas = drivers(DimProductArea, sortRows(now[DimProductArea]), before[DimProductArea], trends[DimProductArea], 8)
	o.Intents = drivers(DimIntent, sortRows(now[DimIntent]), before[DimIntent], trends[DimIntent], 8)
	return o, nil
}

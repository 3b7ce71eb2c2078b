package metrics

import (
	"context"
	"sync"
)

// Overview is everything the manager overview reads for a period.
// Callers must not change it: the same one may be handed to every page
// refreshed before the rollups move (see Service.overviews).
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

// Overview reads the manager overview over p. Everything but the backlog
// (whose ages run with the clock) is kept per period until the consumer
// next commits, so a page refreshed within seconds reads one row.
func (s *Service) Overview(ctx context.Context, p Period) (Overview, error) {
	w, err := s.watermark(ctx)
	if err != nil {
		return Overview{}, err
	}
	o, ok := s.overviews.get(p, w.version)
	if !ok {
		if o, err = s.overviewRollups(ctx, p, w); err != nil {
			return Overview{}, err
		}
		s.overviews.put(p, w.version, o)
	}
	if o.Backlog, err = s.BacklogTotal(ctx); err != nil {
		return Overview{}, err
	}
	return o, nil
}

// overviewRollups reads the overview's rollups over p in two lanes, one
// per core of a small box: the period's every table in one read per span
// (the costly part), and beside it the drivers' previous period and
// trends, the series and the alerts, which are small. Sums over settled
// days come from the cache while the history watermark holds (see
// groupedSettled), so after a batch of current events only the recent
// days are read again.
func (s *Service) overviewRollups(ctx context.Context, p Period, w watermark) (Overview, error) {
	o := Overview{Breakdowns: map[Dim][]Row{}}
	var (
		now    map[Dim]map[string]*Counts
		nowErr error
		wg     sync.WaitGroup
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		now, nowErr = s.groupedSettled(ctx, "overview", append([]Dim{DimAll, DimProductArea, DimIntent}, OverviewDims...), p, nil, w)
	}()
	before, trends, err := s.overviewSmall(ctx, p, w, &o)
	wg.Wait()
	if err == nil {
		err = nowErr
	}
	if err != nil {
		return Overview{}, err
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

// overviewSmall reads the drivers' tickets in the period before p (only
// the count of tickets created is compared) and their trends, and fills
// o's series and alerts.
func (s *Service) overviewSmall(ctx context.Context, p Period, w watermark, o *Overview) (before map[Dim]map[string]*Counts, trends map[Dim]map[string][]int64, err error) {
	driverDims := []Dim{DimProductArea, DimIntent}
	span := p.To.Sub(p.From)
	if before, err = s.groupedSettled(ctx, "drivers before", driverDims, Period{From: p.From.Add(-span), To: p.From}, []Measure{Created}, w); err != nil {
		return nil, nil, err
	}
	if trends, err = s.trendsSettled(ctx, driverDims, p, w); err != nil {
		return nil, nil, err
	}
	if o.Series, err = s.Series(ctx, DimAll, "", p); err != nil {
		return nil, nil, err
	}
	if o.Alerts, err = s.Alerts(ctx, p); err != nil {
		return nil, nil, err
	}
	return before, trends, nil
}

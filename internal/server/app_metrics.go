package server

import (
	"context"
	"strconv"
	"time"

	"github.com/groundcrew/groundcrew/internal/metrics"
)

// openMetrics builds the service metrics, surveys and dashboards over the
// SLA's policies and calendars, with survey links signed by a key derived
// from the keyring. Call after openPages (it renders in the shared
// layout with the shared static files).
func (a *App) openMetrics() error {
	var keys [][]byte
	for _, k := range a.keys.Derive("metrics.survey-link") {
		keys = append(keys, k.Bytes)
	}
	svc := metrics.New(a.db, a.sla.Service, keys, a.log)
	redact := func(text string) string { return a.screen.Detector().ScanText(text).Redacted }
	h, err := metrics.NewHTTP(svc, a.assets, redact, a.metricNames)
	if err != nil {
		return err
	}
	h.Members = func(ctx context.Context, team int64) ([]int64, error) {
		t, err := a.auth.Team(ctx, team)
		return t.Members, err
	}
	a.dash = h
	return nil
}

// metricNames names teams, agents and queues on the dashboards.
func (a *App) metricNames(ctx context.Context, dim metrics.Dim, key string) string {
	id, err := strconv.ParseInt(key, 10, 64)
	if err != nil {
		return ""
	}
	switch dim {
	case metrics.DimTeam:
		if t, err := a.auth.Team(ctx, id); err == nil {
			return t.Name
		}
	case metrics.DimAgent:
		if ag, err := a.auth.Agent(ctx, id); err == nil {
			return ag.Name
		}
	case metrics.DimQueue:
		qs, err := a.routing.Queues(ctx)
		if err != nil {
			return ""
		}
		for _, q := range qs {
			if q.ID == id {
				return q.Name
			}
		}
	}
	return ""
}

// startMetrics starts the metrics consumer.
func (a *App) startMetrics(ctx context.Context) error {
	return a.dash.Start(ctx, a.bus)
}

// seedDemoMetrics gives the demo's dashboards two weeks of history (rollup
// rows of the demo teams and agents, not tickets).
func (a *App) seedDemoMetrics(ctx context.Context, teams, agents []int64) error {
	return a.dash.DemoHistory(ctx, time.UnixMilli(a.db.Now()).UTC(), 14, teams, agents)
}

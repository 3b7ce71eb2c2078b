package metrics

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Gauges exports the operational figures to Prometheus: open tickets and
// the oldest waiting per queue, SLA breaches today, and how many events
// each durable bus consumer has yet to handle. Each scrape reads them
// afresh (from the backlog index and today's rollup rows).
type Gauges struct {
	s       *Service
	pending func(ctx context.Context) (map[string]uint64, error) // nil: no bus figures

	open, oldest, unanswered, breaches, busPending *prometheus.Desc
}

// NewGauges returns the collector; pending may be nil.
func NewGauges(s *Service, pending func(ctx context.Context) (map[string]uint64, error)) *Gauges {
	return &Gauges{s: s, pending: pending,
		open:       prometheus.NewDesc("groundcrew_queue_open_tickets", "Open tickets by queue (0: not queued).", []string{"queue"}, nil),
		oldest:     prometheus.NewDesc("groundcrew_queue_oldest_waiting_seconds", "Age of the oldest open ticket by queue.", []string{"queue"}, nil),
		unanswered: prometheus.NewDesc("groundcrew_queue_unanswered_tickets", "Open tickets with no human reply yet, by queue.", []string{"queue"}, nil),
		breaches:   prometheus.NewDesc("groundcrew_sla_breaches_today", "SLA targets breached since midnight UTC.", nil, nil),
		busPending: prometheus.NewDesc("groundcrew_bus_consumer_pending", "Events waiting for a durable bus consumer of this node.", []string{"consumer"}, nil),
	}
}

// Describe sends the descriptors.
func (g *Gauges) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{g.open, g.oldest, g.unanswered, g.breaches, g.busPending} {
		ch <- d
	}
}

// Collect reads the figures; one that cannot be read is left out of the
// scrape (and logged) rather than reported as zero.
func (g *Gauges) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	queues, err := g.s.Backlogs(ctx, DimQueue)
	if err != nil {
		g.s.log.Warn("metrics: gauges: backlog", "err", err)
	}
	for _, q := range queues {
		ch <- prometheus.MustNewConstMetric(g.open, prometheus.GaugeValue, float64(q.Open), q.Key)
		ch <- prometheus.MustNewConstMetric(g.oldest, prometheus.GaugeValue, q.OldestAge, q.Key)
		ch <- prometheus.MustNewConstMetric(g.unanswered, prometheus.GaugeValue, float64(q.Unanswered), q.Key)
	}
	now := time.UnixMilli(g.s.db.Now()).UTC()
	if p, err := NewPeriod(now.Truncate(24*time.Hour), now.Truncate(time.Hour).Add(time.Hour)); err == nil {
		if c, err := g.s.Totals(ctx, DimAll, "", p); err == nil {
			ch <- prometheus.MustNewConstMetric(g.breaches, prometheus.GaugeValue, float64(c[Breaches]))
		} else {
			g.s.log.Warn("metrics: gauges: breaches", "err", err)
		}
	}
	if g.pending == nil {
		return
	}
	pending, err := g.pending(ctx)
	if err != nil {
		g.s.log.Warn("metrics: gauges: bus consumers", "err", err)
	}
	for name, n := range pending {
		ch <- prometheus.MustNewConstMetric(g.busPending, prometheus.GaugeValue, float64(n), name)
	}
}

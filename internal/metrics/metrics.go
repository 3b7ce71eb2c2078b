// Package metrics measures the service: a durable bus consumer turns
// ticket, routing, SLA and survey events into rollup rows (per hour and
// per day, by channel, queue, team, agent, language, product area and
// intent), and dashboards, the CSV export and the API read those rows
// only, so a figure over a year costs a few hundred rows whatever the
// number of tickets. It also runs the CSAT and NPS surveys (signed
// single-use links in 17 languages) and watches the contact drivers for a
// sudden jump.
//
// How it is laid out:
//
//   - measures.go: the measures a rollup row holds and the dimensions.
//   - consume.go, apply.go: the consumer and what each event changes.
//   - rollup.go: a batch's increments and their upsert.
//   - query.go: periods, summaries, breakdowns, series, the backlog.
//   - survey*.go: surveys, their links and the answer page's texts.
//   - drivers.go: top contact drivers and spike alerts.
//   - http.go, pages.go, chart.go: API, CSV, dashboards and SVG charts.
//   - gauges.go: the Prometheus gauges for operations.
package metrics

import (
	"context"
	"log/slog"
	"time"

	"github.com/groundcrew/groundcrew/internal/sla"
	"github.com/groundcrew/groundcrew/internal/store"
)

// SLA is what metrics reads of internal/sla: the policies that say which
// targets a ticket has, and the calendars whose business hours response
// times are counted in.
type SLA interface {
	Policies(ctx context.Context) ([]sla.Policy, error)
	Calendars(ctx context.Context) ([]sla.Calendar, error)
}

// Service computes, stores and reads the metrics.
type Service struct {
	db   *store.DB
	sla  SLA
	keys [][]byte // survey link keys, the first signs; all verify
	log  *slog.Logger
	// Batch is how many events the consumer takes at once.
	Batch int
	// HandleCap bounds the handle time one reply adds (see apply.go).
	HandleCap time.Duration

	overviews cache[Period, Overview] // by version
	results   cache[resultKey, any]   // the other dashboards' and the API's reads, by version
	kept      kept                    // reads over settled months, until a late batch writes to them
}

// New returns the service. keys sign survey links: the first signs, every
// one verifies (so a rotated key keeps old links working).
func New(db *store.DB, slas SLA, keys [][]byte, log *slog.Logger) *Service {
	return &Service{db: db, sla: slas, keys: keys, log: log, Batch: 1000, HandleCap: 10 * time.Minute}
}

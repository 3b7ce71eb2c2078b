package sla

import (
	"context"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// countingTickets stands in for the ticket store's raise and escalation in
// the day-long run, which measures the scheduler and its index: it counts
// the calls and changes nothing.
type countingTickets struct{ raised, escalated int }

func (c *countingTickets) RaisePriority(context.Context, int64, ticket.Priority, string, string) (bool, error) {
	c.raised++
	return true, nil
}

func (c *countingTickets) SystemEscalate(context.Context, int64, int, string, string) (bool, error) {
	c.escalated++
	return true, nil
}

// seedTimers adds n open tickets with a running resolution timer each, due
// evenly over the day after from (the i-th at from + i/n days, plus a few
// seconds so that due times do not fall on tick boundaries), warning at
// 80 %.
func seedTimers(t testing.TB, db *store.DB, from time.Time, n int) {
	t.Helper()
	ctx := context.Background()
	start := from.UnixMilli()
	day := int64(24 * time.Hour / time.Millisecond)
	err := db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO customers (external_id, created_at, updated_at) VALUES ('scale', 0, 0)`); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO tickets (subject, customer_id, channel, status, priority, product_area, language, tier, created_at, updated_at, last_message_at)
			SELECT 'scale', (SELECT id FROM customers WHERE external_id = 'scale'), 'email', 'open', 'normal', 'spot', 'en', 1, ?, ?, ?
			FROM (WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < ?) SELECT i FROM c) AS seq`, start, start, start, n); err != nil {
			return err
		}
		// budget = due - start; warn at 80 % of it.
		_, err := tx.Exec(ctx, `INSERT INTO sla_timers (ticket_id, target, policy_id, calendar_id, state, budget_ms, warn_percent, used_ms, started_at, running_since, due_at, warn_at, warned, next_at, ended_at)
			SELECT id, 'resolution', 1, 0, 'running', b, 80, 0, ?, ?, ? + b, ? + b * 4 / 5, 0, ? + b * 4 / 5, 0
			FROM (SELECT id, (id * ? / ?) + (id % 7) * 1000 + 500 AS b FROM tickets) AS budgets`,
			start, start, start, start, start, day, n)
		return err
	})
	if err != nil {
		t.Fatalf("seed %d timers: %v", n, err)
	}
}

// TestADayOfTimersMissesNoBreach advances a simulated clock through a day
// a minute at a time over n open tickets' timers on SQLite (20,000 by
// default; GROUNDCREW_SLA_TIMERS=1000000 for the figure in BENCHMARKS.md)
// and checks that every warning and breach happens once, within the tick
// it fell due in, and that nothing due is left behind after any tick.
func TestADayOfTimersMissesNoBreach(t *testing.T) {
	n := 20000
	if v := os.Getenv("GROUNDCREW_SLA_TIMERS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 {
			t.Fatalf("GROUNDCREW_SLA_TIMERS=%q", v)
		}
	}
	db := storetest.Open(t, store.SQLite)
	from := time.Date(2026, 12, 31, 12, 0, 0, 0, time.UTC) // the day crosses the year end
	clock := store.NewFakeClock(from)
	db.SetClock(clock.Now)
	seedStart := time.Now()
	seedTimers(t, db, from, n)
	t.Logf("seeded %d tickets and timers in %s", n, time.Since(seedStart).Round(time.Millisecond))

	tickets := &countingTickets{}
	s := New(db, audit.New(db), tickets, nil, slog.New(slog.NewTextHandler(io.Discard, nil)))
	s.Batch = 1000
	ctx := context.Background()
	const step = time.Minute
	run := time.Now()
	var acted, slowest int
	var slowestTick time.Duration
	for clock.Now().Before(from.Add(24*time.Hour + step)) {
		clock.Advance(step)
		tickStart := time.Now()
		got, err := s.Tick(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if d := time.Since(tickStart); d > slowestTick {
			slowestTick, slowest = d, got
		}
		acted += got
		if left := storetest.Scalar[int64](t, db, `SELECT COUNT(*) FROM sla_timers WHERE next_at IS NOT NULL AND next_at <= ?`, db.Now()); left != 0 {
			t.Fatalf("at %s, %d due timers were left behind", clock.Now(), left)
		}
	}
	elapsed := time.Since(run)
	t.Logf("a simulated day of %d timers: %d actions in %s (%.1f µs each); slowest tick %s for %d actions",
		n, acted, elapsed.Round(time.Millisecond), float64(elapsed.Microseconds())/float64(max(acted, 1)), slowestTick.Round(time.Millisecond), slowest)

	breached := storetest.Scalar[int64](t, db, `SELECT COUNT(*) FROM sla_timers WHERE state = 'breached'`)
	late := storetest.Scalar[int64](t, db, `SELECT COUNT(*) FROM sla_timers WHERE state = 'breached' AND (ended_at < due_at OR ended_at - due_at > ?)`, step.Milliseconds())
	events := storetest.Scalar[int64](t, db, `SELECT COUNT(*) FROM outbox WHERE type = 'sla.breached'`)
	warnings := storetest.Scalar[int64](t, db, `SELECT COUNT(*) FROM outbox WHERE type = 'sla.warning'`)
	if breached != int64(n) || events != int64(n) || late != 0 || tickets.escalated != n || tickets.raised != n {
		t.Errorf("breached %d, events %d, late or early %d, raised %d, escalated %d; want %d breaches, each once and in its tick", breached, events, late, tickets.raised, tickets.escalated, n)
	}
	// A timer whose warning and breach fall in one tick only breaches.
	if warnings > int64(n) || warnings < int64(n)*9/10 {
		t.Errorf("%d warnings for %d timers", warnings, n)
	}
	if acted != n+int(warnings) {
		t.Errorf("the scheduler acted %d times for %d breaches and %d warnings", acted, n, warnings)
	}
}

// TestDueQueryUsesTheIndex: the scheduler reads due timers through the
// partial index on next_at, never by scanning open tickets.
func TestDueQueryUsesTheIndex(t *testing.T) {
	db := storetest.Open(t, store.SQLite)
	rows, err := db.Query(context.Background(), `EXPLAIN QUERY PLAN SELECT `+timerColumns+` FROM sla_timers WHERE next_at IS NOT NULL AND next_at <= ? ORDER BY next_at LIMIT ?`, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(plan, "; "); !strings.Contains(got, "USING INDEX sla_timers_next") || strings.Contains(got, "TEMP B-TREE") {
		t.Errorf("due query plan %q; want a range of sla_timers_next in order", got)
	}
}

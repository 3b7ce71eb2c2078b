package sla

import (
	"context"
	"database/sql"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// oldTimer is an sla_timers row as a release before migration 0038 wrote it.
type oldTimer struct {
	target        Target
	state         State
	dueAt, warnAt int64
	warned        bool
}

// dueRow is what the ticket row carries of its timers since 0038.
type dueRow struct {
	DueAt  int64 // 0: NULL
	WarnAt int64
	Target string
	Paused bool
}

// TestMigration0038BackfillsOpenTickets: a database holding open tickets
// with SLA timers from before 0038 gets, on upgrade, the due time, warning
// time, target and paused flag that the SLA package itself writes for the
// same timers, so the inbox's due column and "due soonest" order are right
// from the first page after the upgrade.
func TestMigration0038BackfillsOpenTickets(t *testing.T) {
	const due, later, warn = 1_800_000_000_000, 1_800_000_600_000, 1_799_999_000_000
	cases := []struct {
		name   string
		timers []oldTimer
		want   dueRow
	}{
		{"no timers", nil, dueRow{}},
		{"first response running", []oldTimer{{FirstResponse, Running, due, warn, false}}, dueRow{due, warn, "first_response", false}},
		{"warning already sent", []oldTimer{{FirstResponse, Running, due, warn, true}}, dueRow{due, 0, "first_response", false}},
		{"breached resolution before running first response", []oldTimer{
			{FirstResponse, Running, later, warn, false}, {Resolution, Breached, due, warn, true}}, dueRow{due, 0, "resolution", false}},
		{"only paused", []oldTimer{{NextResponse, Paused, 0, 0, false}, {Resolution, Paused, 0, 0, false}}, dueRow{Paused: true}},
		{"paused beside running", []oldTimer{{NextResponse, Paused, 0, 0, false}, {Resolution, Running, later, warn, false}}, dueRow{later, warn, "resolution", false}},
		{"met and stopped", []oldTimer{{FirstResponse, Met, due, warn, true}, {Resolution, Stopped, 0, 0, false}}, dueRow{}},
		// Two targets due at once: the first in the SLA's order is shown,
		// and its warning is the one kept (warned already: none), not the
		// other target's.
		{"tie, first target warned", []oldTimer{
			{FirstResponse, Running, due, warn, true}, {Resolution, Running, due, warn + 1, false}}, dueRow{due, 0, "first_response", false}},
		{"tie with a breached target", []oldTimer{
			{NextResponse, Breached, due, warn, true}, {Resolution, Running, due, warn, false}}, dueRow{due, 0, "next_response", false}},
	}
	for _, engine := range storetest.Engines() {
		t.Run(string(engine), func(t *testing.T) {
			ctx := context.Background()
			db := storetest.OpenAt(t, engine, 36)
			ids := make([]int64, len(cases))
			for i, c := range cases {
				ids[i] = oldTicket(t, db, i, c.timers)
			}
			if _, err := db.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			for i, c := range cases {
				got := readDue(t, db, ids[i])
				if diff := cmp.Diff(c.want, got); diff != "" {
					t.Errorf("%s: after the upgrade (-want +got):\n%s", c.name, diff)
				}
				// What the SLA package writes when it next touches the ticket.
				if err := db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error { return syncDue(ctx, tx, ids[i]) }); err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(got, readDue(t, db, ids[i])); diff != "" {
					t.Errorf("%s: the upgrade differs from the SLA package (-upgrade +sla):\n%s", c.name, diff)
				}
			}
		})
	}
}

// oldTicket writes an open ticket and its timers with the columns that
// existed before 0038.
func oldTicket(t *testing.T, db *store.DB, n int, timers []oldTimer) int64 {
	t.Helper()
	var id int64
	err := db.Tx(context.Background(), func(ctx context.Context, tx *store.Tx) error {
		c, err := tx.InsertID(ctx, `INSERT INTO customers (external_id, created_at, updated_at) VALUES (?, 1, 1)`, fmt.Sprintf("old-%d", n))
		if err != nil {
			return err
		}
		id, err = tx.InsertID(ctx, `INSERT INTO tickets (subject, customer_id, channel, status, priority, product_area, language, tier, created_at, updated_at, last_message_at)
			VALUES ('Deposit missing', ?, 'email', 'open', 'normal', 'deposits', 'en', 1, 1, 1, 1)`, c)
		if err != nil {
			return err
		}
		for _, tm := range timers {
			warned := 0
			if tm.warned {
				warned = 1
			}
			if _, err := tx.Exec(ctx, `INSERT INTO sla_timers (ticket_id, target, state, budget_ms, warn_percent, started_at, due_at, warn_at, warned)
				VALUES (?, ?, ?, 3600000, 80, 1, ?, ?, ?)`, id, string(tm.target), string(tm.state), tm.dueAt, tm.warnAt, warned); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("old ticket: %v", err)
	}
	return id
}

func readDue(t *testing.T, db *store.DB, id int64) dueRow {
	t.Helper()
	var r dueRow
	var due sql.NullInt64
	var paused int
	if err := db.QueryRow(context.Background(), `SELECT sla_due_at, sla_warn_at, sla_target, sla_paused FROM tickets WHERE id = ?`, id).
		Scan(&due, &r.WarnAt, &r.Target, &paused); err != nil {
		t.Fatal(err)
	}
	r.DueAt, r.Paused = due.Int64, paused == 1
	return r
}

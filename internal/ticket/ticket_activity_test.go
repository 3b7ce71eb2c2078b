package ticket

import (
	"context"
	"testing"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// TestActivityFollowsEveryWrite: each kind of write that changes a ticket
// puts it first in the inbox's activity order, and ticket_activity keeps
// the same time as tickets.updated_at for every ticket (the order lives in
// its own table since migration 0050; a writer that forgot it would leave
// the two apart).
func TestActivityFollowsEveryWrite(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(db)
		agent := e.agent(t, "ana@example.com", true)
		var ts []Ticket
		for _, c := range []string{"u-1", "u-2", "u-3"} {
			ts = append(ts, e.create(t, withCustomer(NewCustomer{ExternalID: c})))
			nextMilli()
		}
		urgent, solved := Priority("urgent"), StatusSolved
		steps := []struct {
			name   string
			ticket int
			write  func(tk Ticket) error
		}{
			{"a customer's message", 0, func(tk Ticket) error { _, err := e.write(t, tk, "customer", "Any news?"); return err }},
			{"an agent's reply", 1, func(tk Ticket) error { _, err := e.write(t, tk, "agent", "We are on it."); return err }},
			{"an update", 2, func(tk Ticket) error { e.update(t, tk.ID, Update{Priority: &urgent}); return nil }},
			{"a claim", 0, func(tk Ticket) error { _, err := e.s.Claim(e.ctx, tk.ID, agent); return err }},
			{"a release", 1, func(tk Ticket) error {
				if _, err := e.s.Claim(e.ctx, tk.ID, agent); err != nil {
					return err
				}
				nextMilli()
				_, err := e.s.Release(e.ctx, tk.ID, agent, agent)
				return err
			}},
			{"a raised priority", 0, func(tk Ticket) error { _, err := e.s.RaisePriority(e.ctx, tk.ID, "high", "system", "test"); return err }},
			{"solved", 2, func(tk Ticket) error { e.update(t, tk.ID, Update{Status: &solved}); return nil }},
		}
		for _, s := range steps {
			nextMilli()
			if err := s.write(ts[s.ticket]); err != nil {
				t.Fatalf("%s: %v", s.name, err)
			}
			if got := inboxIDs(t, e, everyone, InboxQuery{}); len(got) != 3 || got[0] != ts[s.ticket].ID {
				t.Errorf("after %s on ticket %d: inbox %v, want it first of 3", s.name, ts[s.ticket].ID, got)
			}
			if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM tickets t LEFT JOIN ticket_activity a ON a.ticket_id = t.id
				WHERE a.at IS NULL OR a.at <> t.updated_at`); n != 0 {
				t.Errorf("after %s: %d tickets whose activity is not their updated_at", s.name, n)
			}
		}
	})
}

// TestMessageUpdatesTicketInPlace: on PostgreSQL a message's UPDATE of its
// ticket changes no indexed column, so every one is heap-only (HOT): no new
// entry in any of the ticket's indexes. pg_stat_xact_user_tables holds the
// connection's counts not yet flushed (earlier transactions' too, on
// PostgreSQL 15), which change only by this transaction's writes while it
// runs: the difference is exact.
func TestMessageUpdatesTicketInPlace(t *testing.T) {
	db := storetest.Open(t, store.Postgres)
	e := newEnv(db)
	tk := e.create(t, withCustomer(NewCustomer{ExternalID: "u-hot"}))
	const messages = 5
	var updates, hot int
	err := db.Tx(e.ctx, func(ctx context.Context, tx *store.Tx) error {
		counts := func() (upd, hot int, err error) {
			err = tx.QueryRow(ctx, `SELECT COALESCE(SUM(n_tup_upd), 0), COALESCE(SUM(n_tup_hot_upd), 0) FROM pg_stat_xact_user_tables WHERE relname = 'tickets'`).Scan(&upd, &hot)
			return upd, hot, err
		}
		upd0, hot0, err := counts()
		if err != nil {
			return err
		}
		for i := 0; i < messages; i++ { // each joins this transaction
			if _, err := e.s.AppendAsCustomer(ctx, customerOf(tk), tk.ID, "Still waiting for my deposit"); err != nil {
				return err
			}
		}
		upd1, hot1, err := counts()
		updates, hot = upd1-upd0, hot1-hot0
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if updates != messages || hot != messages {
		t.Fatalf("%d messages: %d ticket updates, %d of them heap-only; want %d and %d", messages, updates, hot, messages, messages)
	}
}

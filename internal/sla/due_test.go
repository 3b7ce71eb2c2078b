package sla

import (
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// TestInboxDueSoonest: the inbox's "due soonest" order and colours follow
// the SLA timers as a test clock moves: urgent before high before normal,
// a paused ticket last with no due time, warning and breach shown as the
// clock passes them, and a page cursor that resumes in that order.
func TestInboxDueSoonest(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		// Shipped policies, first response: normal 24 h, high 4 h, urgent 1 h.
		normal := e.create(t, "email", "normal", "")
		urgent := e.create(t, "email", "urgent", "")
		high := e.create(t, "email", "high", "")
		waiting := e.create(t, "email", "urgent", "")
		e.setStatus(t, waiting.ID, ticket.StatusPendingCustomer)

		page := func(q ticket.InboxQuery) ([]ticket.Ticket, ticket.InboxCursor) {
			t.Helper()
			q.Sort = ticket.SortDue
			ts, next, err := e.tickets.Inbox(e.ctx, e.agent, q)
			if err != nil {
				t.Fatal(err)
			}
			return ts, next
		}
		ids := func(ts []ticket.Ticket) []int64 {
			out := []int64{}
			for _, tk := range ts {
				out = append(out, tk.ID)
			}
			return out
		}
		states := func() map[int64]string {
			t.Helper()
			ts, _ := page(ticket.InboxQuery{})
			out := map[int64]string{}
			for _, tk := range ts {
				if tk.SLA != nil {
					out[tk.ID] = tk.SLA.State
				}
			}
			return out
		}

		ts, _ := page(ticket.InboxQuery{})
		want := []int64{urgent.ID, high.ID, normal.ID, waiting.ID}
		if got := ids(ts); !equal(got, want) {
			t.Fatalf("due soonest: got %v, want %v", got, want)
		}
		if ts[0].SLA == nil || ts[0].SLA.DueAt == nil || !ts[0].SLA.DueAt.Equal(start.Add(time.Hour)) || ts[0].SLA.Target != string(FirstResponse) {
			t.Fatalf("urgent ticket's due: %+v", ts[0].SLA)
		}
		if ts[3].SLA == nil || ts[3].SLA.State != ticket.DuePaused || ts[3].SLA.DueAt != nil {
			t.Fatalf("pending ticket's due: %+v", ts[3].SLA)
		}

		// Two per page: the cursor resumes in due order.
		first, next := page(ticket.InboxQuery{Limit: 2})
		second, _ := page(ticket.InboxQuery{Limit: 2, Cursor: next})
		if got := append(ids(first), ids(second)...); !equal(got, want) {
			t.Fatalf("paged: got %v, want %v", got, want)
		}

		if s := states(); s[urgent.ID] != ticket.DueOK || s[waiting.ID] != ticket.DuePaused {
			t.Fatalf("at the start: %v", s)
		}
		// 80 % of the urgent hour: warning, shown before the scheduler runs.
		e.clock.Advance(49 * time.Minute)
		if s := states(); s[urgent.ID] != ticket.DueWarning || s[high.ID] != ticket.DueOK {
			t.Fatalf("after 49 minutes: %v", s)
		}
		// Past the hour: breached, still first (most overdue first).
		e.clock.Advance(12 * time.Minute)
		e.tick(t)
		e.pump(t)
		ts, _ = page(ticket.InboxQuery{})
		if ts[0].ID != urgent.ID || ts[0].SLA.State != ticket.DueBreached {
			t.Fatalf("after the hour: first is #%d %+v", ts[0].ID, ts[0].SLA)
		}
		// The customer answered: the paused ticket's clock runs again.
		if _, err := e.tickets.AppendAsCustomer(e.ctx, ticket.CustomerRef{ExternalID: "u-1"}, waiting.ID, "Here is the TxID"); err != nil {
			t.Fatal(err)
		}
		e.pump(t)
		if s := states(); s[waiting.ID] == ticket.DuePaused || s[waiting.ID] == "" {
			t.Fatalf("after the customer's answer the waiting ticket is %q", s[waiting.ID])
		}
	})
}

// TestRunWhilePending: a policy that keeps its clocks running while the
// ticket waits on the customer does not pause them.
func TestRunWhilePending(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		if _, err := e.sla.SavePolicy(e.ctx, Policy{Name: "Chat runs", Channel: "chat", Priority: "normal", FirstResponseMinutes: 5,
			NextResponseMinutes: 10, ResolutionMinutes: 60, WarnPercent: 80, RunWhilePending: true}); err != nil {
			t.Fatal(err)
		}
		tk := e.create(t, "chat", "normal", "")
		e.setStatus(t, tk.ID, ticket.StatusPendingCustomer)
		if v := e.timer(t, tk.ID, Resolution); v.State != Running {
			t.Fatalf("resolution while pending: %s, want running", v.State)
		}
		other := e.create(t, "email", "normal", "")
		e.setStatus(t, other.ID, ticket.StatusPendingCustomer)
		if v := e.timer(t, other.ID, Resolution); v.State != Paused {
			t.Fatalf("default policy while pending: %s, want paused", v.State)
		}
	})
}

func equal(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

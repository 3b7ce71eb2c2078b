package ticket

import (
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// TestSnooze: a snoozed ticket leaves the working views and comes back
// when the test clock reaches its time (WakeSnoozed, as the automation
// scheduler runs it) or when the customer writes, each with one
// ticket.snooze_ended event saying why.
func TestSnooze(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		clock := store.NewFakeClock(time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC))
		db.SetClock(clock.Now)
		e := newEnv(db)
		agent := e.agent(t, "ana@example.com", true)
		v := Viewer{AgentID: agent, AllTeams: true, Notes: true, CanAssign: true}
		timed, replied := e.create(t), e.create(t)
		inMine := func(id int64) bool {
			t.Helper()
			ts, _, err := e.s.Inbox(e.ctx, v, InboxQuery{View: ViewUnassigned})
			if err != nil {
				t.Fatal(err)
			}
			for _, tk := range ts {
				if tk.ID == id {
					return true
				}
			}
			return false
		}
		ended := func() map[int64]string {
			t.Helper()
			evs, err := bus.Pending(e.ctx, db, 1000)
			if err != nil {
				t.Fatal(err)
			}
			out := map[int64]string{}
			for _, ev := range evs {
				if got, ok, err := SnoozeEnded.Decode(ev); err != nil {
					t.Fatal(err)
				} else if ok {
					if _, twice := out[got.TicketID]; twice {
						t.Errorf("ticket %d: snooze ended twice", got.TicketID)
					}
					out[got.TicketID] = got.Reason
				}
			}
			return out
		}

		// Bad input changes nothing.
		past := clock.Now().Add(-time.Minute)
		for _, in := range []SnoozeRequest{{}, {Until: &past}, {Until: ptr(clock.Now().Add(MaxSnooze + time.Hour))}} {
			if _, err := e.s.Snooze(e.ctx, v, timed.ID, in); !errs.Is(err, errs.Invalid) {
				t.Fatalf("snooze %+v: %v, want invalid", in, err)
			}
		}
		if !inMine(timed.ID) {
			t.Fatal("a refused snooze hid the ticket")
		}

		until := clock.Now().Add(2 * time.Hour)
		got, err := e.s.Snooze(e.ctx, v, timed.ID, SnoozeRequest{Until: &until})
		if err != nil {
			t.Fatal(err)
		}
		if got.Snooze == nil || got.Snooze.Until == nil || !got.Snooze.Until.Equal(until) {
			t.Fatalf("snooze shown as %+v", got.Snooze)
		}
		tk, err := e.s.Snooze(e.ctx, v, replied.ID, SnoozeRequest{UntilReply: true})
		if err != nil {
			t.Fatal(err)
		}
		if tk.Status != StatusPendingCustomer {
			t.Fatalf("snoozed until the reply, the ticket is %s, want pending_customer", tk.Status)
		}
		if inMine(timed.ID) || inMine(replied.ID) {
			t.Fatal("a snoozed ticket is still in the unassigned view")
		}
		counts, err := e.s.InboxCounts(e.ctx, v)
		if err != nil {
			t.Fatal(err)
		}
		if counts.Snoozed != 2 || counts.Unassigned != 0 {
			t.Fatalf("counts %+v: want 2 snoozed, 0 unassigned", counts)
		}
		if next, ok, err := e.s.NextSnoozeEnd(e.ctx); err != nil || !ok || next != until.UnixMilli() {
			t.Fatalf("next snooze end %d %v %v, want %d", next, ok, err, until.UnixMilli())
		}

		// A minute early nothing wakes; at the time, the timed one does.
		clock.Advance(2*time.Hour - time.Minute)
		if n, err := e.s.WakeSnoozed(e.ctx); err != nil || n != 0 {
			t.Fatalf("woke %d (%v) a minute early", n, err)
		}
		clock.Advance(time.Minute)
		if n, err := e.s.WakeSnoozed(e.ctx); err != nil || n != 1 {
			t.Fatalf("woke %d (%v) at the time, want 1", n, err)
		}
		if !inMine(timed.ID) || inMine(replied.ID) {
			t.Fatal("after the time only the timed ticket is back")
		}
		if _, err := e.s.AppendAsCustomer(e.ctx, customerOf(replied), replied.ID, "Here is the TxID you asked for"); err != nil {
			t.Fatal(err)
		}
		if !inMine(replied.ID) {
			t.Fatal("the customer's reply did not bring the ticket back")
		}
		if got := ended(); got[timed.ID] != SnoozeEndedTime || got[replied.ID] != SnoozeEndedReply {
			t.Fatalf("snooze_ended reasons %v", got)
		}
		if n, err := e.s.WakeSnoozed(e.ctx); err != nil || n != 0 {
			t.Fatalf("woke %d (%v) again", n, err)
		}
	})
}

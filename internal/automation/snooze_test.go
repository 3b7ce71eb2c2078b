package automation

import (
	"slices"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// TestSnoozeEndedTrigger: a rule on ticket.snooze_ended runs when the test
// clock reaches a snooze's time, and not before.
func TestSnoozeEndedTrigger(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		e.auto.Snoozes = e.tickets
		if _, err := e.auto.Save(e.ctx, Rule{Name: "back from snooze", Enabled: true, When: When{Event: OnSnoozeEnded},
			Then: []Action{{Type: AddTags, Values: []string{"woke"}}, {Type: SetPriority, Value: "high"}}}); err != nil {
			t.Fatal(err)
		}
		tk := e.create("my withdrawal is stuck")
		e.pump()
		until := start.Add(3 * time.Hour)
		if _, err := e.tickets.Snooze(e.ctx, e.agent, tk.ID, ticket.SnoozeRequest{Until: &until}); err != nil {
			t.Fatal(err)
		}
		e.pump()
		if next, ok, err := e.auto.Snoozes.NextSnoozeEnd(e.ctx); err != nil || !ok || next != until.UnixMilli() {
			t.Fatalf("the scheduler would wake at %d (%v, %v), want %d", next, ok, err, until.UnixMilli())
		}
		e.clock.Set(until.Add(-time.Second))
		if _, err := e.auto.Snoozes.WakeSnoozed(e.ctx); err != nil {
			t.Fatal(err)
		}
		e.pump()
		if got := e.get(tk.ID); slices.Contains(got.Tags, "woke") {
			t.Fatal("the rule ran before the snooze ended")
		}
		e.clock.Set(until)
		if n, err := e.auto.Snoozes.WakeSnoozed(e.ctx); err != nil || n != 1 {
			t.Fatalf("woke %d (%v), want 1", n, err)
		}
		e.pump()
		got := e.get(tk.ID)
		if !slices.Contains(got.Tags, "woke") || got.Priority != "high" || got.Snooze != nil {
			t.Fatalf("after the snooze: tags %v, priority %s, snooze %+v", got.Tags, got.Priority, got.Snooze)
		}
	})
}

package automation

import (
	"fmt"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// Run ticks on every wake-up, so a tick that ran nothing must not leave one
// behind: it would make the scheduler spin on an idle node. A tick that ran
// a rule does, so that the sender looks at what the rule queued.
func TestTickWakesOnlyWhenARuleRan(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		e.seed()
		tk := e.create("Where is my withdrawal?")
		e.pump()
		e.setStatus(tk.ID, ticket.StatusPendingCustomer)
		e.pump()
		for _, step := range []struct {
			advance  time.Duration
			wantRan  bool
			wantWake bool
		}{
			{advance: time.Hour, wantRan: false, wantWake: false},
			{advance: 48 * time.Hour, wantRan: true, wantWake: true},
			{advance: 0, wantRan: false, wantWake: false},
		} {
			e.clock.Advance(step.advance)
			select { // forget the wake-ups that the set-up left
			case <-e.auto.wake:
			default:
			}
			n, err := e.auto.Tick(e.ctx)
			if err != nil {
				t.Fatal(err)
			}
			if ran, woke := n > 0, len(e.auto.wake) > 0; ran != step.wantRan || woke != step.wantWake {
				t.Fatalf("after %v more: tick ran %d rules and left a wake-up %v; want ran %v, wake-up %v",
					step.advance, n, woke, step.wantRan, step.wantWake)
			}
		}
	})
}

// A batch of customer messages costs the consumer as many round trips as
// one message, with or without "no customer reply" rules (whose waits the
// messages end): at intake's peak a statement per message adds up.
func TestCustomerMessagesCostPerBatch(t *testing.T) {
	for _, timeRules := range []bool{false, true} {
		t.Run(fmt.Sprint("time rules ", timeRules), func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, db *store.DB) {
				e := newEnv(t, db)
				if timeRules { // the demo's reminder alone
					remind := DemoRules()[1]
					if remind.When.Event != OnNoCustomerReply {
						t.Fatalf("demo rule 2 is %q, not a time rule", remind.Name)
					}
					if _, err := e.auto.Save(e.ctx, remind); err != nil {
						t.Fatal(err)
					}
				}
				tk := e.create("Where is my withdrawal?")
				e.pump()
				cost := func(messages int) int64 {
					t.Helper()
					for i := range messages {
						if _, err := e.tickets.AppendAsCustomer(e.ctx, ticket.CustomerRef{ExternalID: "u-1"}, tk.ID, fmt.Sprintf("any news? %d", i)); err != nil {
							t.Fatal(err)
						}
					}
					evs, err := bus.Pending(e.ctx, db, 1000)
					if err != nil {
						t.Fatal(err)
					}
					before := db.RoundTrips()
					if err := e.auto.HandleEvents(e.ctx, evs); err != nil {
						t.Fatal(err)
					}
					// Mark them published, as the relay would, so that the
					// next batch holds only the next messages.
					if _, err := db.Exec(e.ctx, `UPDATE outbox SET published_at = ? WHERE published_at IS NULL`, store.Now()); err != nil {
						t.Fatal(err)
					}
					return db.RoundTrips() - before
				}
				one, eight := cost(1), cost(8)
				if eight != one {
					t.Fatalf("handling 8 customer messages took %d round trips, 1 took %d: want the same", eight, one)
				}
			})
		})
	}
}

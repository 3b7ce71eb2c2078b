package automation

import (
	"testing"
	"time"

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

package metrics

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

func TestTicketFacts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		d := newDay(t, db, monday)
		// Ticket 1: answered at 09:05, solved, reopened, solved again, rated 2.
		d.ticket("09:00", 1, 201, "chat", "en", "spot", 1)
		d.say("09:05", 1, "agent", agentAda)
		d.status("09:06", 1, open, solved)
		d.say("09:30", 1, "customer", 0)
		d.status("09:30", 1, solved, open)
		d.status("09:40", 1, open, solved)
		if err := d.survey("09:41", 1, KindCSAT, 2); err != nil {
			t.Fatal(err)
		}
		d.pump()
		// Ticket 2: still waiting for a human.
		d.ticket("10:00", 2, 202, "email", "en", "kyc", 1)
		d.pump()
		for _, c := range []struct {
			id   int64
			want TicketFacts
		}{
			{1, TicketFacts{Known: true, FirstReplyAt: monday.Add(9*time.Hour + 5*time.Minute), Solved: true, Reopens: 1, CSAT: 2}},
			{2, TicketFacts{Known: true}},
			{99, TicketFacts{}},
		} {
			got, err := d.svc.TicketFacts(context.Background(), c.id)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("ticket %d facts (-want +got):\n%s", c.id, diff)
			}
		}
	})
}

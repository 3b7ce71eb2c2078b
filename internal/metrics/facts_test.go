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
		// The widget's offers: ticket 1's CSAT is answered, so only its NPS
		// waits (signed for its customer); ticket 2 is not solved.
		offers, err := d.svc.PendingSurveys(context.Background(), 1)
		if err != nil {
			t.Fatal(err)
		}
		if len(offers) != 1 || offers[0].Kind != KindNPS || offers[0].Min != 0 || offers[0].Max != 10 || offers[0].Question == "" {
			t.Fatalf("ticket 1 offers %+v, want its NPS survey only", offers)
		}
		if sv, err := d.svc.SurveyByToken(context.Background(), offers[0].Token); err != nil || sv.TicketID != 1 || sv.Kind != KindNPS {
			t.Errorf("the offer's token reads %+v, %v", sv, err)
		}
		if offers, err := d.svc.PendingSurveys(context.Background(), 2); err != nil || len(offers) != 0 {
			t.Errorf("ticket 2 offers %+v, %v; want none", offers, err)
		}
		all, err := d.svc.TicketSurveys(context.Background(), 1)
		if err != nil || len(all) != 2 || all[0].Kind != KindCSAT || all[0].Score == nil || *all[0].Score != 2 || all[1].Kind != KindNPS {
			t.Errorf("ticket 1 surveys %+v, %v; want the answered CSAT of the second solve, then the NPS", all, err)
		}
	})
}

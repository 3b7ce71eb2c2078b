package sla

import (
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// TestABatchOfTicketsInAFewStatements hands the consumer one batch with
// the events of many tickets under different policies, then one with
// answers, repeated customer messages and a status change. Each ticket's
// clocks must move as its own policy says, and the batch's reads and the
// timers' writes must be a few statements, not a few per ticket: only
// the ticket's due columns are written ticket by ticket.
func TestABatchOfTicketsInAFewStatements(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		kinds := []struct {
			channel  string
			priority ticket.Priority
			tags     []string
			first    time.Duration // the shipped policy's first response target
		}{
			{"email", "normal", nil, 24 * time.Hour},            // General questions
			{"chat", "normal", nil, 5 * time.Minute},            // Chat
			{"email", "high", nil, 4 * time.Hour},               // High priority
			{"email", "urgent", nil, time.Hour},                 // Urgent
			{"email", "normal", []string{"vip"}, 2 * time.Hour}, // VIP
		}
		const rounds = 6
		var ids []int64
		want := map[int64]time.Duration{}
		for i := range rounds * len(kinds) {
			k := kinds[i%len(kinds)]
			tk, err := e.tickets.CreateForCustomer(e.ctx, ticket.NewTicket{Subject: "Help", Message: "Where is my deposit?", Channel: k.channel,
				Priority: k.priority, ProductArea: "spot", Tags: k.tags, Customer: ticket.NewCustomer{ExternalID: "u-batch", Name: "Ana"}})
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, tk.ID)
			want[tk.ID] = k.first
		}
		before := db.RoundTrips()
		e.pump(t)
		trips := db.RoundTrips() - before
		for _, id := range ids {
			dueIs(t, "first response", e.timer(t, id, FirstResponse).DueAt, start.Add(want[id]))
		}
		// Reading the pending events, BEGIN and COMMIT, the claim, the
		// policies and calendars, the timers, subjects and tags, the
		// timers' writes (60 rows in power-of-two statements: 32, 16, 8,
		// 4) and each ticket's due columns.
		if limit := int64(len(ids) + 16); trips > limit {
			t.Errorf("a batch of %d new tickets took %d round trips, want at most %d", len(ids), trips, limit)
		}

		// The agent answers the first ticket of each kind, the customer
		// writes again on the second (an answer is owed: nothing moves),
		// the third is solved.
		e.clock.Advance(time.Minute)
		for i, id := range ids[:3*len(kinds)] {
			switch i / len(kinds) {
			case 0:
				if _, err := e.tickets.AddMessage(e.ctx, e.agent, id, ticket.NewMessage{Body: "On it"}); err != nil {
					t.Fatal(err)
				}
			case 1:
				if _, err := e.tickets.AppendAsCustomer(e.ctx, ticket.CustomerRef{ExternalID: "u-batch"}, id, "Any news?"); err != nil {
					t.Fatal(err)
				}
			case 2:
				solved := ticket.StatusSolved
				if _, err := e.tickets.UpdateTicket(e.ctx, e.agent, id, ticket.Update{Status: &solved}); err != nil {
					t.Fatal(err)
				}
			}
		}
		e.pump(t)
		for i, id := range ids {
			first, resolution := e.timer(t, id, FirstResponse), e.timer(t, id, Resolution)
			wantFirst, wantResolution := Running, Running
			switch i / len(kinds) {
			case 0:
				wantFirst = Met
			case 2:
				wantFirst, wantResolution = Stopped, Met
			}
			if first.State != wantFirst || resolution.State != wantResolution {
				t.Errorf("ticket %d (round %d): first response %s, resolution %s; want %s, %s",
					id, i/len(kinds), first.State, resolution.State, wantFirst, wantResolution)
			}
			if wantFirst == Running {
				dueIs(t, "first response", first.DueAt, start.Add(want[id]))
			}
		}
	})
}

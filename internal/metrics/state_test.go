package metrics

import (
	"context"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// TestUnchangedStateNotWritten: an event that moves none of a known
// ticket's fields (a system message) costs the consumer no metric_tickets
// write, one that moves a field (a customer's message: the last touch)
// still writes it.
func TestUnchangedStateNotWritten(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		d := newDay(t, db, monday)
		d.ticket("09:00", 1, 201, "chat", "en", "spot", 1)
		cost := func(hhmm string, kind ticket.AuthorKind) int64 {
			t.Helper()
			before := db.RoundTrips()
			d.say(hhmm, 1, kind, 0) // stores the event and hands it to the consumer
			return db.RoundTrips() - before
		}
		system := cost("09:10", "system")
		customer := cost("09:20", "customer")
		t.Logf("round trips: system message %d, customer message %d", system, customer)
		if system >= customer {
			t.Errorf("a system message cost %d round trips, a customer's %d: the unchanged state was written", system, customer)
		}
		var touch int64
		if err := db.QueryRow(context.Background(), `SELECT last_touch FROM metric_tickets WHERE ticket_id = 1`).Scan(&touch); err != nil {
			t.Fatal(err)
		}
		if want := monday.Add(9*time.Hour + 20*time.Minute).UnixMilli(); touch != want {
			t.Errorf("last_touch %d, want the customer's message at %d", touch, want)
		}
	})
}

// TestStatesSavedTogether: a batch that opens 13 tickets writes each one's
// state, in a few statements (8, 4 and 1 rows) rather than one a ticket:
// the 12 more tickets than a batch that opens one cost fewer than 12 more
// round trips (the rest of the batch's work grows with them too).
func TestStatesSavedTogether(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		d := newDay(t, db, monday)
		d.at("09:00")
		next := int64(1)
		open := func(tickets int64) int64 { // the round trips of handing the batch to the consumer
			t.Helper()
			err := db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
				for range tickets {
					err := ticket.TicketCreated.Emit(ctx, tx, ticket.TicketCreatedEvent{TicketID: next, CustomerID: 200 + next, Channel: "chat",
						Priority: "normal", ProductArea: "spot", Language: "en", Tier: 1})
					if err != nil {
						return err
					}
					next++
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			before := db.RoundTrips()
			d.pump() // one batch, handed twice
			return db.RoundTrips() - before
		}
		one, thirteen := open(1), open(13)
		t.Logf("round trips of a batch opening 1 ticket %d, 13 tickets %d", one, thirteen)
		if thirteen-one >= 12 {
			t.Errorf("12 more tickets in a batch cost %d more round trips: a write or more a ticket", thirteen-one)
		}
		var n, customers int64
		if err := db.QueryRow(ctx, `SELECT COUNT(*), SUM(customer_id) FROM metric_tickets WHERE channel = 'chat' AND open = 1`).Scan(&n, &customers); err != nil {
			t.Fatal(err)
		}
		if n != 14 || customers != 14*200+14*15/2 {
			t.Errorf("%d open chat tickets with customer ids summing to %d, want 14 and %d", n, customers, 14*200+14*15/2)
		}
	})
}

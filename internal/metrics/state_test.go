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

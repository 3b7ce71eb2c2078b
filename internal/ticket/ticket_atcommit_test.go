package ticket

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// TestMessagesCommitInIDOrder appends from several writers to one ticket
// while a reader follows the ticket as a live view does (the messages
// after the highest id it has seen): every message must reach the reader,
// so no message may commit after one with a higher id was visible. On
// PostgreSQL a customer's message takes its id with the ticket's lock and
// is written with the commit; an id taken before the lock would let a
// later id commit first. The ticket's counters, activity and screen state
// must end as the messages left them.
func TestMessagesCommitInIDOrder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(db)
		tk := e.create(t)
		const writers, each = 6, 15
		seen := map[int64]bool{}
		var last int64
		follow := func() {
			t.Helper()
			ids := messageIDsAfter(t, e, tk.ID, last)
			for _, id := range ids {
				seen[id] = true
				last = max(last, id)
			}
		}
		done := make(chan struct{})
		var wg sync.WaitGroup
		fails := make(chan error, writers*each)
		for w := range writers {
			wg.Go(func() {
				for i := range each {
					if _, err := e.s.AppendAsCustomer(e.ctx, customerOf(tk), tk.ID, fmt.Sprintf("writer %d, message %d", w, i)); err != nil {
						fails <- err
					}
				}
			})
		}
		go func() { wg.Wait(); close(done) }()
		for following := true; following; {
			select {
			case <-done:
				following = false
			default:
			}
			follow()
		}
		close(fails)
		for err := range fails {
			t.Fatal(err)
		}
		all := messageIDsAfter(t, e, tk.ID, 0)
		var missed []int64
		for _, id := range all {
			if !seen[id] {
				missed = append(missed, id)
			}
		}
		if len(missed) > 0 {
			t.Errorf("%d of %d messages committed behind a higher id and were never seen by the follower: %v", len(missed), len(all), missed)
		}

		var count, lastRef, maxID, at, updated int64
		err := db.QueryRow(e.ctx, `SELECT t.message_count, s.last_ref, (SELECT MAX(id) FROM messages WHERE ticket_id = t.id), a.at, t.updated_at
			FROM tickets t JOIN customer_screen_state s ON s.customer_id = t.customer_id JOIN ticket_activity a ON a.ticket_id = t.id WHERE t.id = ?`, tk.ID).
			Scan(&count, &lastRef, &maxID, &at, &updated)
		if err != nil {
			t.Fatal(err)
		}
		if want := int64(len(all)); count != want || len(all) != writers*each+1 {
			t.Errorf("message_count %d, %d messages stored; want %d of each", count, len(all), writers*each+1)
		}
		if lastRef != maxID || at != updated {
			t.Errorf("screen state ends at message %d, the last is %d; activity at %d, updated_at %d", lastRef, maxID, at, updated)
		}
	})
}

// messageIDsAfter are the ids of ticket ticketID's messages above after.
func messageIDsAfter(t *testing.T, e env, ticketID, after int64) []int64 {
	t.Helper()
	rows, err := e.db.Query(context.Background(), `SELECT id FROM messages WHERE ticket_id = ? AND id > ? ORDER BY id`, ticketID, after)
	if err != nil {
		t.Fatal(err)
	}
	ids, err := store.ScanIDs(rows)
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

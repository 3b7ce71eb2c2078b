package ticket

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// keepAll is a screen whose state is every text it was shown, one a line:
// a state update lost between two writers shows as a missing line.
type keepAll struct{ passThrough }

func (keepAll) Inbound(state []byte, _ int64, text string) Screened {
	return Screened{Text: text, State: append(append([]byte{}, state...), text+"\n"...)}
}

// TestNewTicketsKeepCustomerState opens tickets for one returning customer
// from several writers at once, each adding a follow-up too. Every subject
// and message must end in the customer's screen state exactly once: a new
// ticket must read the state under its lock (on PostgreSQL in the same
// statement as the customer's record), or one writer's state overwrites
// another's. Each ticket must hold its first message and count it, which
// on PostgreSQL is written with the commit.
func TestNewTicketsKeepCustomerState(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnvWith(db, keepAll{}, clearText{})
		who := NewCustomer{ExternalID: "returning-1", Email: "r@example.com", Name: "R", Language: "en"}
		first, err := e.s.CreateForCustomer(e.ctx, NewTicket{Subject: "subject 0", Message: "message 0", Channel: "api", Customer: who})
		if err != nil {
			t.Fatal(err)
		}
		texts := []string{"subject 0", "message 0"}
		const writers, each = 5, 4
		var wg sync.WaitGroup
		fails := make(chan error, writers*each)
		made := make(chan Ticket, writers*each)
		for w := range writers {
			for i := range each {
				texts = append(texts, fmt.Sprintf("subject %d.%d", w, i), fmt.Sprintf("message %d.%d", w, i), fmt.Sprintf("follow-up %d.%d", w, i))
			}
			wg.Go(func() {
				for i := range each {
					tk, err := e.s.CreateForCustomer(e.ctx, NewTicket{Subject: fmt.Sprintf("subject %d.%d", w, i),
						Message: fmt.Sprintf("message %d.%d", w, i), Channel: "api", Customer: who})
					if err == nil {
						made <- tk
						_, err = e.s.AppendAsCustomer(e.ctx, CustomerRef{ExternalID: who.ExternalID}, tk.ID, fmt.Sprintf("follow-up %d.%d", w, i))
					}
					if err != nil {
						fails <- err
					}
				}
			})
		}
		wg.Wait()
		close(fails)
		close(made)
		for err := range fails {
			t.Fatal(err)
		}

		var st storedState
		if err := db.QueryRow(e.ctx, `SELECT state FROM customer_screen_state WHERE customer_id = ?`, first.Customer.ID).Scan(&st.state); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(string(e.s.openScreenState(first.Customer.ID, st).state), "\n"), "\n")
		got := map[string]int{}
		for _, l := range lines {
			got[l]++
		}
		for _, text := range texts {
			if got[text] != 1 {
				t.Errorf("the customer's state holds %q %d times, want once (%d of %d texts kept)", text, got[text], len(lines), len(texts))
			}
		}

		for tk := range made {
			var count, stored int
			err := db.QueryRow(e.ctx, `SELECT t.message_count, (SELECT COUNT(*) FROM messages m WHERE m.ticket_id = t.id) FROM tickets t WHERE t.id = ?`, tk.ID).
				Scan(&count, &stored)
			if err != nil {
				t.Fatal(err)
			}
			if count != 2 || stored != 2 || tk.MessageCount != 1 {
				t.Errorf("ticket %d: message_count %d with %d messages stored, answered with %d; want 2, 2 and 1", tk.ID, count, stored, tk.MessageCount)
			}
		}
	})
}

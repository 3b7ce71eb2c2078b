package ticket

import (
	"slices"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/guard"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// TestScreenStateLastRef sends a phrase one word a message, with an agent's
// reply among them: the customer's screen state keeps the id of their
// latest message (never the agent's), so every earlier word is still cut
// when the phrase completes.
func TestScreenStateLastRef(t *testing.T) {
	words := strings.Fields("letter advice cage absurd amount doctor acoustic avoid letter advice cage above")
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnvWith(db, guardScreen{d: guard.NewDetector()}, testKeyring(t, "a"))
		tk := e.create(t, func(in *NewTicket) { in.Message = "I will send you the words" })
		var last Message
		for i, w := range words {
			m, err := e.s.AppendAsCustomer(e.ctx, customerOf(tk), tk.ID, w)
			if err != nil {
				t.Fatal(err)
			}
			last = m
			if i == 2 {
				if _, err := e.s.add(e.ctx, everyone.gate(), tk.ID, NewMessage{Body: "Thank you, go on", Author: "agent"}, false); err != nil {
					t.Fatal(err)
				}
			}
			if got := storetest.Scalar[int64](t, db, `SELECT last_ref FROM customer_screen_state WHERE customer_id = ?`, tk.Customer.ID); got != last.ID {
				t.Fatalf("last_ref %d after message %d", got, last.ID)
			}
		}
		got := e.get(t, everyone, tk.ID)
		n := 0
		for _, m := range got.Messages {
			if m.AuthorKind != "customer" {
				continue
			}
			n++
			if slices.Contains(words, m.Body) {
				t.Errorf("message %d kept the word %q", m.ID, m.Body)
			}
		}
		if n != len(words)+1 {
			t.Fatalf("%d customer messages, want %d", n, len(words)+1)
		}
	})
}

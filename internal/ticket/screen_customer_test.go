package ticket

import (
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/guard"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// TestScreenFollowsCustomer splits a seed phrase between two tickets of
// one customer: the first half ends one conversation (closed or still
// open), the second comes in a new ticket's subject, its first message, or
// a message of another open ticket. Both halves are cut where stored, in
// both tickets, and another customer's words never join them.
func TestScreenFollowsCustomer(t *testing.T) {
	const first, second = "letter advice cage absurd amount doctor", "acoustic avoid letter advice cage above"
	cases := []struct {
		name  string
		close bool
		// then writes the second half for tk's customer, in a new ticket
		// or in other, another open ticket of theirs.
		then func(t *testing.T, e env, tk, other Ticket) Ticket
	}{
		{"new ticket's message after closing", true, func(t *testing.T, e env, tk, _ Ticket) Ticket {
			return e.create(t, func(in *NewTicket) { in.Subject, in.Message = "the rest", second })
		}},
		{"new ticket's subject", false, func(t *testing.T, e env, tk, _ Ticket) Ticket {
			return e.create(t, func(in *NewTicket) { in.Subject, in.Message = second, "that was all of it" })
		}},
		{"another open ticket", false, func(t *testing.T, e env, tk, other Ticket) Ticket {
			if _, err := e.s.AppendAsCustomer(e.ctx, customerOf(other), other.ID, second); err != nil {
				t.Fatal(err)
			}
			return other
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, db *store.DB) {
				e := newEnvWith(db, guardScreen{d: guard.NewDetector()}, testKeyring(t, "a"))
				other := e.create(t, func(in *NewTicket) { in.Subject, in.Message = "Withdrawal", "Where is my withdrawal?" })
				// A stranger's words in between must not matter.
				stranger := e.create(t, withCustomer(NewCustomer{ExternalID: "u-2", Email: "bo@example.com"}))
				tk := e.create(t, func(in *NewTicket) { in.Subject, in.Message = "Wallet", "I will send my words" })
				if _, err := e.s.AppendAsCustomer(e.ctx, customerOf(tk), tk.ID, first); err != nil {
					t.Fatal(err)
				}
				if _, err := e.s.AppendAsCustomer(e.ctx, customerOf(stranger), stranger.ID, "letter advice"); err != nil {
					t.Fatal(err)
				}
				if c.close {
					e.update(t, tk.ID, Update{Status: ptr(StatusClosed)})
				}
				later := c.then(t, e, tk, other)
				for _, id := range []int64{tk.ID, later.ID} {
					got := e.get(t, everyone, id)
					text := got.Subject
					for _, m := range got.Messages {
						text += "\n" + m.Body
					}
					for _, w := range []string{"absurd", "doctor", "acoustic", "above"} {
						if strings.Contains(text, w) {
							t.Errorf("ticket %d kept %q:\n%s", id, w, text)
						}
					}
				}
				if got := e.get(t, everyone, stranger.ID).Messages; got[len(got)-1].Body != "letter advice" {
					t.Errorf("the stranger's message became %q", got[len(got)-1].Body)
				}
			})
		})
	}
}

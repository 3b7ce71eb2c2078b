package ticket

import (
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/groundcrew/groundcrew/internal/guard"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// stateless counts the screens of each text made with no state, as the
// first text of a conversation, in front of the real detector.
type stateless struct {
	guardScreen
	mu    sync.Mutex
	calls map[string]int
}

func (c *stateless) Inbound(state []byte, previous int64, text string) Screened {
	if len(state) == 0 {
		c.mu.Lock()
		c.calls[text]++
		c.mu.Unlock()
	}
	return c.guardScreen.Inbound(state, previous, text)
}

// InboundPlain counts as Inbound does: subjects and form fields come here.
func (c *stateless) InboundPlain(state []byte, previous int64, text string) Screened {
	if len(state) == 0 {
		c.mu.Lock()
		c.calls[text]++
		c.mu.Unlock()
	}
	return c.guardScreen.InboundPlain(state, previous, text)
}

// TestSubjectScreenedAloneOnce: a new ticket's subject, screened with
// the fields and first message as one conversation, is not screened alone
// again with the very same arguments; what is stored is still redacted
// (a phrase in the subject, or split between it and the message). Each
// ticket is created twice by one customer, the second time with the
// customer's state. Without the reuse every subject is screened twice
// with no state.
func TestSubjectScreenedAloneOnce(t *testing.T) {
	phrase := strings.Fields("legal winner thank year wave sausage worth useful legal winner thank yellow")
	cases := []struct {
		name, subject, message string
		secret                 bool
	}{
		{"clean", "Deposit missing on TRC20", "It has been two hours since I sent it", false},
		{"phrase in the subject", "my words " + strings.Join(phrase, " "), "is my wallet safe?", true},
		{"phrase split", "my words " + strings.Join(phrase[:6], " "), strings.Join(phrase[6:], " "), true},
	}
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		sc := &stateless{guardScreen: guardScreen{d: guard.NewDetector()}, calls: map[string]int{}}
		e := newEnvWith(db, sc, testKeyring(t, "a"))
		for _, c := range cases {
			for round := range 2 {
				tk := e.create(t, func(in *NewTicket) {
					in.Subject, in.Message = c.subject, c.message
					in.Customer.ExternalID = "u-" + c.name
				})
				if n := sc.calls[c.subject]; n != round+1 {
					t.Errorf("%s, ticket %d: subject screened %d times with no state, want %d", c.name, round+1, n, round+1)
				}
				got := e.get(t, everyone, tk.ID)
				stored := got.Subject
				for _, m := range got.Messages {
					stored += " " + m.Body
				}
				kept := slices.ContainsFunc(strings.Fields(stored), func(w string) bool { return slices.Contains(phrase, w) })
				if c.secret && (kept || !strings.Contains(got.Subject, "[")) {
					t.Errorf("%s: stored %q", c.name, stored)
				}
				if !c.secret && got.Subject != c.subject {
					t.Errorf("%s: subject stored as %q", c.name, got.Subject)
				}
			}
		}
	})
}

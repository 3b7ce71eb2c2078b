package ticket

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// TestWithheldBodySharedRead opens one withheld body from many goroutines
// at once, as a node's consumers do for one message.created event: each
// gets the stored text, together they read it at most once each (fewer
// when reads overlap), a caller naming another ticket gets nothing, and a
// replay after the guard cut the message reads the cut text, not a kept
// copy.
func TestWithheldBodySharedRead(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnvWith(db, &splitScreen{}, testKeyring(t, "a"))
		tk := e.create(t)
		other := e.create(t)
		m, err := e.s.AppendAsCustomer(e.ctx, customerOf(tk), tk.ID, "part1")
		if err != nil {
			t.Fatal(err)
		}
		ev := MessageCreatedEvent{TicketID: tk.ID, MessageID: m.ID, Withheld: true}
		wrong := ev
		wrong.TicketID = other.ID

		const consumers = 8
		var wg sync.WaitGroup
		bodies := make([]string, consumers)
		fails := make([]error, consumers)
		before := db.RoundTrips()
		for i := range consumers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				bodies[i], fails[i] = e.s.OpenEventBody(e.ctx, ev)
			}()
		}
		_, wrongErr := e.s.OpenEventBody(e.ctx, wrong)
		wg.Wait()
		reads := db.RoundTrips() - before
		t.Logf("%d opens of one withheld body, %d reads", consumers+1, reads)
		for i := range consumers {
			if fails[i] != nil || bodies[i] != "part1" {
				t.Errorf("consumer %d: %q, %v; want part1", i, bodies[i], fails[i])
			}
		}
		if reads > consumers+1 {
			t.Errorf("%d reads for %d opens", reads, consumers+1)
		}
		if !errs.Is(wrongErr, errs.NotFound) {
			t.Errorf("the message under another ticket's id: %v, want not found", wrongErr)
		}

		// The second half of the phrase cuts the first message; the event
		// replayed now opens the text as stored now.
		if _, err := e.s.AppendAsCustomer(e.ctx, customerOf(tk), tk.ID, "part2"); err != nil {
			t.Fatal(err)
		}
		body, err := e.s.OpenEventBody(e.ctx, ev)
		if err != nil || body != "[removed 1]" {
			t.Errorf("replay after the cut: %q, %v; want [removed 1]", body, err)
		}

		// A caller whose context ends first gets its error, not a body.
		done, cancel := context.WithCancel(e.ctx)
		cancel()
		if _, err := e.s.OpenEventBody(done, ev); !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled open: %v, want context.Canceled", err)
		}
	})
}

package ticket

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

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

// TestWithheldBodiesReadTogether opens the withheld bodies of several
// messages while another read runs: they wait and go in one statement
// when it returns, each caller gets its own message's text, a message
// asked for under another ticket is not found, and no read is left
// behind (the next open reads at once).
func TestWithheldBodiesReadTogether(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnvWith(db, &splitScreen{}, testKeyring(t, "a"))
		tk := e.create(t)
		other := e.create(t)
		const waiting = 6
		var events []MessageCreatedEvent
		for i := range waiting + 1 {
			m, err := e.s.AppendAsCustomer(e.ctx, customerOf(tk), tk.ID, fmt.Sprintf("word%d", i))
			if err != nil {
				t.Fatal(err)
			}
			events = append(events, MessageCreatedEvent{TicketID: tk.ID, MessageID: m.ID, Withheld: true})
		}
		wrong := events[1]
		wrong.TicketID = other.ID

		// The first read is held until the others are waiting for it.
		release := make(chan struct{})
		var sends []int
		e.s.withheld.sending = func(keys int) {
			if len(sends) == 0 {
				<-release
			}
			sends = append(sends, keys)
		}
		defer func() { e.s.withheld.sending = nil }()
		first := make(chan error, 1)
		go func() {
			body, err := e.s.OpenEventBody(e.ctx, events[0])
			if err == nil && body != "word0" {
				err = fmt.Errorf("got %q, want word0", body)
			}
			first <- err
		}()
		waitFor(t, func() bool {
			e.s.withheld.mu.Lock()
			defer e.s.withheld.mu.Unlock()
			return e.s.withheld.running != nil
		})

		before := db.RoundTrips()
		bodies := make([]string, waiting+1)
		fails := make([]error, waiting+1)
		var wg sync.WaitGroup
		for i := 1; i <= waiting; i++ {
			wg.Go(func() { bodies[i], fails[i] = e.s.OpenEventBody(e.ctx, events[i]) })
		}
		var wrongErr error
		wg.Go(func() { _, wrongErr = e.s.OpenEventBody(e.ctx, wrong) })
		waitFor(t, func() bool {
			e.s.withheld.mu.Lock()
			defer e.s.withheld.mu.Unlock()
			return e.s.withheld.next != nil && len(e.s.withheld.next.reads) == waiting+1
		})
		close(release)
		wg.Wait()
		if err := <-first; err != nil {
			t.Errorf("the first open: %v", err)
		}
		for i := 1; i <= waiting; i++ {
			if want := fmt.Sprintf("word%d", i); fails[i] != nil || bodies[i] != want {
				t.Errorf("open %d: %q, %v; want %s", i, bodies[i], fails[i], want)
			}
		}
		if !errs.Is(wrongErr, errs.NotFound) {
			t.Errorf("a message under another ticket's id: %v, want not found", wrongErr)
		}
		// The held read is sent after before was taken: two in all.
		if reads := db.RoundTrips() - before; reads != 2 {
			t.Errorf("one open and %d waiting for it took %d reads, want 2", waiting+1, reads)
		}
		if len(sends) != 2 || sends[1] != waiting+1 {
			t.Errorf("reads sent with %v messages, want [1 %d]", sends, waiting+1)
		}

		// Nothing is left running: a lone open reads at once.
		if body, err := e.s.OpenEventBody(e.ctx, events[3]); err != nil || body != "word3" {
			t.Errorf("a later open: %q, %v; want word3", body, err)
		}
	})
}

// waitFor polls cond until it holds, failing the test after 10 s.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for range 1000 {
		if cond() {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("condition not reached in 10 s")
}

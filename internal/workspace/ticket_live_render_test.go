package workspace

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/groundcrew/groundcrew/internal/attach"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// quietBus is a bus with no other node: signals go nowhere.
type quietBus struct{}

func (quietBus) Subscribe(context.Context, string, func(store.Event)) error { return nil }
func (quietBus) Signal(string, any) error                                   { return nil }
func (quietBus) OnSignal(context.Context, string, func(string, []byte)) error {
	return nil
}

// countedTickets is one ticket's messages in memory, counting every read.
type countedTickets struct {
	mu       sync.Mutex
	team     *int64
	messages []ticket.Message

	heads, afters, opens atomic.Int64
}

func (c *countedTickets) Head(_ context.Context, v ticket.Viewer, id int64) (ticket.Ticket, error) {
	c.heads.Add(1)
	c.mu.Lock()
	t := ticket.Ticket{ID: id, TeamID: c.team, Status: ticket.StatusOpen, Tags: []string{}, MessageCount: len(c.messages)}
	c.mu.Unlock()
	if !v.CanSee(t) {
		return ticket.Ticket{}, errs.E(errs.Forbidden, "not yours")
	}
	return t, nil
}

func (c *countedTickets) MessagesAfter(ctx context.Context, v ticket.Viewer, id, after int64, limit int) ([]ticket.Message, error) {
	c.afters.Add(1)
	if _, err := c.Head(ctx, v, id); err != nil {
		return nil, err
	}
	c.heads.Add(-1) // the check inside is part of this read
	c.mu.Lock()
	defer c.mu.Unlock()
	out := []ticket.Message{}
	for _, m := range c.messages {
		if m.ID > after && (v.Notes || !m.Internal) && len(out) < limit {
			out = append(out, m)
		}
	}
	return out, nil
}

func (c *countedTickets) OpenEventBody(_ context.Context, e ticket.MessageCreatedEvent) (string, error) {
	c.opens.Add(1)
	return strings.TrimPrefix(e.Sealed, "sealed:"), nil
}

// add stores m and returns its event, as ticket's writeMessage emits it.
func (c *countedTickets) add(t *testing.T, m ticket.Message) store.Event {
	c.mu.Lock()
	c.messages = append(c.messages, m)
	team, count := c.team, len(c.messages)
	c.mu.Unlock()
	topic := "message.created"
	if m.Internal {
		topic = "note.created"
	}
	return event(t, topic, ticket.MessageCreatedEvent{TicketID: m.TicketID, MessageID: m.ID, TeamID: team, AuthorKind: m.AuthorKind,
		AuthorID: m.AuthorID, Internal: m.Internal, Sealed: "sealed:" + m.Body, At: m.CreatedAt, Count: count})
}

type countedFiles struct {
	lists atomic.Int64
	files []attach.Attachment
}

func (f *countedFiles) List(context.Context, int64) ([]attach.Attachment, error) {
	f.lists.Add(1)
	return f.files, nil
}

// pageMessages reads an open page's stream and passes on its messages.
func pageMessages(t *testing.T, url string) <-chan LiveMessage {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("GET %s: %d %s", url, resp.StatusCode, b)
	}
	out := make(chan LiveMessage, 100)
	go func() {
		defer resp.Body.Close()
		defer close(out)
		sc := bufio.NewScanner(resp.Body)
		kind := ""
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				kind = line[7:]
			case strings.HasPrefix(line, "data: ") && kind == "message":
				var m LiveMessage
				if err := json.Unmarshal([]byte(line[6:]), &m); err != nil {
					t.Errorf("message %q: %v", line, err)
					return
				}
				out <- m
			}
		}
	}()
	return out
}

func takeMessages(t *testing.T, page <-chan LiveMessage, n int) []LiveMessage {
	t.Helper()
	var got []LiveMessage
	deadline := time.After(10 * time.Second)
	for len(got) < n {
		select {
		case m, ok := <-page:
			if !ok {
				t.Fatalf("stream closed after %d of %d messages", len(got), n)
			}
			got = append(got, m)
		case <-deadline:
			t.Fatalf("%d of %d messages in 10s", len(got), n)
		}
	}
	return got
}

// TestLivePagesRenderFromEvents: three open pages of one ticket (two of an
// agent who may read notes, one of an agent who may not) get each new
// message as the database would give it to them, with the node opening
// each body once and no page reading the database; a page told it fell
// behind, and every page after an event the bus lost (the next event's
// count skips one), catch up from the database.
func TestLivePagesRenderFromEvents(t *testing.T) {
	t0 := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	five := int64(5)
	tickets := &countedTickets{}
	files := &countedFiles{}
	live := NewLive(quietBus{}, slog.New(slog.DiscardHandler), nil)
	var names atomic.Int64
	h := &LiveHTTP{Live: live, Tickets: tickets, Files: files, Log: slog.New(slog.DiscardHandler),
		AgentName: func(_ context.Context, id int64) (string, error) {
			names.Add(1)
			return fmt.Sprintf("Agent %d", id), nil
		}}
	agents := map[string]LiveAgent{
		"ana": {ID: 1, Name: "Ana", Viewer: ticket.Viewer{AgentID: 1, AllTeams: true, Notes: true}},
		"bo":  {ID: 2, Name: "Bo", Viewer: ticket.Viewer{AgentID: 2, Teams: []int64{3}}},
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /live/{id}", func(w http.ResponseWriter, r *http.Request) {
		if err := h.ServeTicket(w, r, agents[r.URL.Query().Get("agent")]); err != nil {
			http.Error(w, err.Error(), 400)
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	defer live.Close()

	tickets.add(t, ticket.Message{ID: 1, TicketID: 7, AuthorKind: "customer", Body: "hello", CreatedAt: t0})
	pages := map[string][]<-chan LiveMessage{}
	for _, p := range []string{"ana", "ana", "bo"} {
		page := pageMessages(t, srv.URL+"/live/7?after=0&agent="+p)
		takeMessages(t, page, 1) // the catch-up
		pages[p] = append(pages[p], page)
	}
	waitFor(t, func() bool { live.mu.Lock(); defer live.mu.Unlock(); return len(live.byTicket[7]) == 3 })

	two := int64(2)
	files.files = []attach.Attachment{{ID: 40, TicketID: 7, Name: "shot.png", ContentType: "image/png", Size: 9, MessageID: &two}}
	news := []ticket.Message{
		{ID: 2, TicketID: 7, AuthorKind: "customer", Body: "📎 shot.png", CreatedAt: t0.Add(time.Second)},
		{ID: 3, TicketID: 7, AuthorKind: "agent", AuthorID: &five, Internal: true, Body: "checked the chain", CreatedAt: t0.Add(2 * time.Second)},
		{ID: 4, TicketID: 7, AuthorKind: "agent", AuthorID: &five, Body: "It arrived <b>now</b>", CreatedAt: t0.Add(3 * time.Second)},
		{ID: 6, TicketID: 7, AuthorKind: "customer", Body: "thanks", CreatedAt: t0.Add(4 * time.Second)},
	}
	var evs []store.Event
	for _, m := range news {
		evs = append(evs, tickets.add(t, m))
	}
	// What each agent's page read from the database before: MessagesAfter
	// with the agent's rights, the files and the authors' names.
	want := map[string][]LiveMessage{}
	for who := range pages {
		want[who] = dbMessages(t, h, agents[who], news[0].ID-1)
	}
	if len(want["bo"]) != 3 || len(want["ana"]) != 4 {
		t.Fatalf("the database gives ana %d and bo %d messages, want 4 and 3 (bo reads no notes)", len(want["ana"]), len(want["bo"]))
	}
	heads, afters, lists := tickets.heads.Load(), tickets.afters.Load(), files.lists.Load()
	for _, ev := range evs {
		live.dispatch(ev)
	}
	for who, ps := range pages {
		for _, page := range ps {
			got := takeMessages(t, page, len(want[who]))
			if diff := cmp.Diff(want[who], got); diff != "" {
				t.Errorf("%s's page (-as read from the database +as rendered from events):\n%s", who, diff)
			}
		}
	}
	if n := tickets.afters.Load() - afters; n != 0 {
		t.Errorf("three pages read messages from the database %d times for %d events, want 0", n, len(news))
	}
	if n := tickets.heads.Load() - heads; n != 0 {
		t.Errorf("three pages read the ticket %d times for %d events, want 0", n, len(news))
	}
	if n := tickets.opens.Load(); n != int64(len(news)) {
		t.Errorf("bodies opened %d times for %d messages on three pages, want once each", n, len(news))
	}
	if n := files.lists.Load() - lists; n != 2 {
		t.Errorf("files listed %d times for 2 customer messages on three pages, want once each", n)
	}

	// Message 7 is stored but its event never reaches bo's page; told it
	// fell behind, the page reads it from the database.
	tickets.add(t, ticket.Message{ID: 7, TicketID: 7, AuthorKind: "customer", Body: "missed", CreatedAt: t0.Add(5 * time.Second)})
	live.mu.Lock()
	for w := range live.byTicket[7] {
		if w.AgentID == 2 {
			poke(w.lagged)
		}
	}
	live.mu.Unlock()
	if got := takeMessages(t, pages["bo"][0], 1); got[0].ID != 7 || got[0].Body != "missed" {
		t.Errorf("after a gap bo's page got %+v, want message 7", got[0])
	}

	// Message 8's event never comes (the bus lost it; ana's pages never
	// got 7's either); message 9's count shows the gap, and every page
	// reads what it lacks from the database.
	tickets.add(t, ticket.Message{ID: 8, TicketID: 7, AuthorKind: "customer", Body: "lost", CreatedAt: t0.Add(6 * time.Second)})
	live.dispatch(tickets.add(t, ticket.Message{ID: 9, TicketID: 7, AuthorKind: "customer", Body: "after the loss", CreatedAt: t0.Add(7 * time.Second)}))
	lacks := map[string][]int64{"ana": {7, 8, 9}, "bo": {8, 9}}
	for who, ps := range pages {
		for i, page := range ps {
			var ids []int64
			for _, m := range takeMessages(t, page, len(lacks[who])) {
				ids = append(ids, m.ID)
			}
			if !slices.Equal(ids, lacks[who]) {
				t.Errorf("%s's page %d after a lost event got messages %v, want %v", who, i, ids, lacks[who])
			}
		}
	}
}

// dbMessages is what a page of agent a read for its messages after after
// before pages rendered from events.
func dbMessages(t *testing.T, h *LiveHTTP, a LiveAgent, after int64) []LiveMessage {
	t.Helper()
	st := &ticketStream{h: h, a: a, id: 7}
	ms, err := h.Tickets.MessagesAfter(t.Context(), a.Viewer, 7, after, catchUpBatch)
	if err != nil {
		t.Fatal(err)
	}
	files := st.files(t.Context(), ms)
	out := make([]LiveMessage, 0, len(ms))
	for _, m := range ms {
		out = append(out, LiveMessage{Message: m, Author: authorLabel(m, st.names(t.Context(), m)), File: files[m.ID]})
	}
	return out
}

func waitFor(t *testing.T, ok func() bool) {
	t.Helper()
	for range 500 {
		if ok() {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("condition not met in 5s")
}

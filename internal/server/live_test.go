package server

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// sseEvent is one server-sent event as a browser would see it.
type sseEvent struct {
	Event, ID, Data string
}

// stream opens a live channel with token and returns its events; the
// stream closes with the test.
func (ta *testApp) stream(path, token, lastID string) <-chan sseEvent {
	ta.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ta.t.Cleanup(cancel)
	req, err := http.NewRequestWithContext(ctx, "GET", ta.URL+path, nil)
	if err != nil {
		ta.t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	if lastID != "" {
		req.Header.Set("Last-Event-ID", lastID)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		ta.t.Fatal(err)
	}
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream" {
		ta.t.Fatalf("GET %s: %d %s", path, resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	out := make(chan sseEvent, 100)
	go func() {
		defer resp.Body.Close()
		defer close(out)
		sc := bufio.NewScanner(resp.Body)
		var ev sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if ev.Event != "" {
					out <- ev
				}
				ev = sseEvent{}
			case strings.HasPrefix(line, "event: "):
				ev.Event = line[7:]
			case strings.HasPrefix(line, "id: "):
				ev.ID = line[4:]
			case strings.HasPrefix(line, "data: "):
				ev.Data = line[6:]
			}
		}
	}()
	return out
}

// next waits for the next event of kind, skipping others.
func next(t *testing.T, events <-chan sseEvent, kind string, match func(sseEvent) bool) sseEvent {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case ev, ok := <-events:
			if !ok {
				t.Fatalf("stream closed waiting for %s", kind)
			}
			if ev.Event == kind && (match == nil || match(ev)) {
				return ev
			}
		case <-deadline:
			t.Fatalf("no %s event in 10s", kind)
		}
	}
}

func TestLiveTicketStream(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		var tk ticket.Ticket
		ta.do("POST", "/api/v1/tickets", "", newTicketBody("live"), &tk)
		aliceID, alice := ta.agentToken(auth.Tier2)
		_, bob := ta.agentToken(auth.Tier3)
		ta.do("PATCH", fmt.Sprintf("/api/v1/tickets/%d", tk.ID), "", map[string]any{"assignee_id": aliceID}, nil)

		first := tk.ID // rendered with no messages seen: the first message comes as catch-up
		events := ta.stream(fmt.Sprintf("/live/tickets/%d?after=0", first), alice, "")
		hello := next(t, events, "hello", nil)
		var h struct{ Page string }
		if err := json.Unmarshal([]byte(hello.Data), &h); err != nil || len(h.Page) != 18 {
			t.Fatalf("hello = %q", hello.Data)
		}
		caught := next(t, events, "message", nil)
		if !strings.Contains(caught.Data, "My deposit has not arrived") {
			t.Errorf("catch-up message = %q", caught.Data)
		}

		// A customer's message arrives without reload, and notifies alice.
		ta.do("POST", fmt.Sprintf("/api/v1/tickets/%d/customer-messages", tk.ID), "", customerMessage("u-live", "Any news? <img src=x onerror=alert(1)>"), nil)
		msg := next(t, events, "message", func(e sseEvent) bool { return strings.Contains(e.Data, "Any news?") })
		var m ticket.Message
		if err := json.Unmarshal([]byte(msg.Data), &m); err != nil || msg.ID != fmt.Sprint(m.ID) || m.AuthorKind != "customer" {
			t.Fatalf("live message %+v (id %q): %v", m, msg.ID, err)
		}
		// alice's assignment (the PATCH above) may reach the stream first:
		// its event is relayed after the commit, racing the stream's start.
		n := next(t, events, "notify", func(e sseEvent) bool { return !strings.Contains(e.Data, `"kind":"assignment"`) })
		if !strings.Contains(n.Data, `"kind":"reply"`) {
			t.Errorf("notification = %q", n.Data)
		}

		// Bob opens the ticket: each sees the other; bob types.
		bobEvents := ta.stream(fmt.Sprintf("/live/tickets/%d?after=%d", tk.ID, m.ID), bob, "")
		var bh struct{ Page string }
		if err := json.Unmarshal([]byte(next(t, bobEvents, "hello", nil).Data), &bh); err != nil {
			t.Fatal(err)
		}
		next(t, events, "presence", func(e sseEvent) bool { return strings.Contains(e.Data, `"name":"tier3"`) })
		next(t, bobEvents, "presence", func(e sseEvent) bool { return strings.Contains(e.Data, `"name":"tier2"`) })
		if resp := ta.do("POST", fmt.Sprintf("/api/v1/tickets/%d/typing", tk.ID), bob, map[string]any{"page": bh.Page}, nil); resp.StatusCode != 204 {
			t.Fatalf("typing: %d", resp.StatusCode)
		}
		next(t, events, "presence", func(e sseEvent) bool { return strings.Contains(e.Data, `"typing":true,"note":false`) })
		ta.do("POST", fmt.Sprintf("/api/v1/tickets/%d/typing", tk.ID), bob, map[string]any{"page": bh.Page, "note": true}, nil)
		next(t, events, "presence", func(e sseEvent) bool { return strings.Contains(e.Data, `"typing":true,"note":true`) })
		if resp := ta.do("POST", fmt.Sprintf("/api/v1/tickets/%d/typing", tk.ID), bob, map[string]any{"page": "../x"}, nil); resp.StatusCode != 400 {
			t.Errorf("typing with a bad page id: %d, want 400", resp.StatusCode)
		}

		// A status change shows without reload.
		ta.do("PATCH", fmt.Sprintf("/api/v1/tickets/%d", tk.ID), "", map[string]any{"status": "pending_customer"}, nil)
		next(t, events, "ticket", func(e sseEvent) bool { return strings.Contains(e.Data, `"status":"pending_customer"`) })

		// After a reconnect the page gets what it missed, by Last-Event-ID.
		missed := []string{"first while away", "second while away"}
		for _, body := range missed {
			ta.do("POST", fmt.Sprintf("/api/v1/tickets/%d/customer-messages", tk.ID), "", customerMessage("u-live", body), nil)
		}
		again := ta.stream(fmt.Sprintf("/live/tickets/%d?after=0", tk.ID), alice, msg.ID)
		for _, body := range missed {
			got := next(t, again, "message", nil)
			if !strings.Contains(got.Data, body) {
				t.Errorf("after reconnect got %q, want %q next", got.Data, body)
			}
		}
	})
}

func TestLiveTicketStreamRefused(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		var team struct{ ID int64 }
		ta.do("POST", "/api/v1/teams", "", map[string]any{"name": "Security"}, &team)
		body := newTicketBody("hidden")
		body["team_id"] = team.ID
		var tk ticket.Ticket
		ta.do("POST", "/api/v1/tickets", "", body, &tk)
		_, tier1 := ta.agentToken(auth.Tier1)
		for _, c := range []struct {
			path   string
			header string
			want   int
		}{
			{fmt.Sprintf("/live/tickets/%d", tk.ID), "", http.StatusForbidden},
			{"/live/tickets/99999", "", http.StatusNotFound},
			{fmt.Sprintf("/live/tickets/%d?after=x", tk.ID), "", http.StatusBadRequest},
		} {
			req, _ := http.NewRequest("GET", ta.URL+c.path, nil)
			req.Header.Set("Authorization", "Bearer "+tier1)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != c.want {
				t.Errorf("%s: %d, want %d", c.path, resp.StatusCode, c.want)
			}
		}
	})
}

// TestLiveTicketStreamEndsOnClose: a shutdown ends the open ticket pages'
// streams instead of waiting for the browsers.
func TestLiveTicketStreamEndsOnClose(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, false)
	var tk ticket.Ticket
	ta.do("POST", "/api/v1/tickets", "", newTicketBody("closing"), &tk)
	events := ta.stream(fmt.Sprintf("/live/tickets/%d", tk.ID), testAdminToken, "")
	next(t, events, "hello", nil)
	ta.live.Live.Close()
	deadline := time.After(5 * time.Second)
	for {
		select {
		case _, open := <-events:
			if !open {
				return
			}
		case <-deadline:
			t.Fatal("the stream outlived Close")
		}
	}
}

// TestLiveTicketStreamEndsWhenSignedOut: a revoked token stops the stream
// at the next keep-alive; the agent gets no more customer messages.
func TestLiveTicketStreamEndsWhenSignedOut(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, false)
	ta.live.KeepAlive = 100 * time.Millisecond
	var tk ticket.Ticket
	ta.do("POST", "/api/v1/tickets", "", newTicketBody("revoked"), &tk)
	agent, token := ta.agentToken(auth.Tier3)
	events := ta.stream(fmt.Sprintf("/live/tickets/%d", tk.ID), token, "")
	next(t, events, "hello", nil)
	tokens, err := ta.auth.Tokens(t.Context(), agent)
	if err != nil || len(tokens) != 1 {
		t.Fatalf("tokens: %v %v", tokens, err)
	}
	if err := ta.auth.RevokeToken(t.Context(), agent, tokens[0].ID); err != nil {
		t.Fatal(err)
	}
	gone := next(t, events, "gone", nil)
	if !strings.Contains(gone.Data, "Signed out") {
		t.Errorf("gone = %q", gone.Data)
	}
}

//go:build unix

package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/chat"
)

// sseEvent is one server-sent event of a workspace live channel.
type sseEvent struct {
	Name string
	Data []byte
}

// liveStream is an agent's open live channel (GET /live/tickets/{id}).
type liveStream struct {
	name   string
	events chan sseEvent
}

// openLive opens url as an EventSource would, with the given client (its
// cookies) or bearer token, and passes on its events until ctx ends.
func openLive(ctx context.Context, t *testing.T, name string, c *http.Client, url, token string) *liveStream {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept", "text/event-stream")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s: open %s: %v", name, url, err)
	}
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		resp.Body.Close()
		t.Fatalf("%s: %s answered %d %q, want an event stream", name, url, resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	ls := &liveStream{name: name, events: make(chan sseEvent, 256)}
	go func() {
		defer resp.Body.Close()
		defer close(ls.events)
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		var ev sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if ev.Name != "" {
					ls.events <- ev
				}
				ev = sseEvent{}
			case strings.HasPrefix(line, "event: "):
				ev.Name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.Data = []byte(strings.TrimPrefix(line, "data: "))
			}
		}
	}()
	return ls
}

// await returns the data of the first event called name for which ok
// holds (ok nil: any), skipping others; it fails t when ctx ends first.
func (ls *liveStream) await(ctx context.Context, t *testing.T, what, name string, ok func(data []byte) bool) []byte {
	t.Helper()
	for {
		select {
		case ev, open := <-ls.events:
			if !open {
				t.Fatalf("%s: the live channel closed before %s", ls.name, what)
			}
			if ev.Name == name && (ok == nil || ok(ev.Data)) {
				return ev.Data
			}
		case <-ctx.Done():
			t.Fatalf("%s: no %s on the live channel", ls.name, what)
		}
	}
}

type liveMessage struct {
	ID         int64  `json:"id"`
	AuthorKind string `json:"author_kind"`
	Body       string `json:"body"`
}

func isMessage(id int64) func([]byte) bool {
	return func(data []byte) bool {
		var m liveMessage
		return json.Unmarshal(data, &m) == nil && m.ID == id
	}
}

// present: a presence event lists the agent called name (typing, when
// typing is set).
func present(name string, typing bool) func([]byte) bool {
	return func(data []byte) bool {
		var viewers []struct {
			Name   string `json:"name"`
			Typing bool   `json:"typing"`
		}
		if json.Unmarshal(data, &viewers) != nil {
			return false
		}
		for _, v := range viewers {
			if v.Name == name && (v.Typing || !typing) {
				return true
			}
		}
		return false
	}
}

// signInAgent creates an agent through the admin's API and signs them in on
// node s, returning a client holding their session cookie.
func signInAgent(t *testing.T, admin *api, s *serverProc, email, name string) *http.Client {
	t.Helper()
	const password = "two-node-agent-password-1"
	body := map[string]any{"email": email, "name": name, "role": "tier2", "password": password}
	if code, errBody, err := admin.do(context.Background(), "POST", "/api/v1/agents", body, nil); err != nil || code != http.StatusCreated {
		t.Fatalf("create agent %s: %d %v %.300s", email, code, err, errBody)
	}
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	b, _ := json.Marshal(map[string]string{"email": email, "password": password})
	req, _ := http.NewRequest("POST", s.URL+"/api/v1/sessions", bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", s.URL)
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("sign in %s on %s: status %d", email, s.name, resp.StatusCode)
	}
	return c
}

// testWidgetAcross: a customer's widget socket is on node A. The admin has
// the conversation's live page open on node B, a second agent (Marta) on
// node A. The customer's message reaches B's page live; each page sees
// the other agent present, and the admin's typing on B shows on A; the
// admin's reply through B reaches the customer's socket on A and Marta's
// page. The customer's typing is signalled on the NATS every node hears.
func testWidgetAcross(t *testing.T, natsURL string, nodeA, nodeB *serverProc) {
	ctx, cancel := context.WithTimeout(context.Background(), 40*time.Second)
	defer cancel()
	onA, onB := newAPI(nodeA.URL, testToken, 4), newAPI(nodeB.URL, testToken, 4)

	c, err := chat.Dial(ctx, nodeA.URL+chat.Path, chat.In{Lang: "en"}, nil)
	if err != nil {
		t.Fatalf("widget socket on A: %v", err)
	}
	defer c.Close()
	send := func(id, text string) chat.Frame {
		t.Helper()
		if err := c.Send(ctx, id, text); err != nil {
			t.Fatal(err)
		}
		ack, err := c.Await(ctx, "ack")
		if err != nil || ack.Err() != nil || ack.ID != id || ack.Seq == 0 || ack.Conv() == 0 {
			t.Fatalf("ack of %s on A: %+v, %v", id, ack, err)
		}
		return ack
	}
	first := send("two-node-1", "Widget on A: hello, I need help")
	conv := first.Conv()
	live := fmt.Sprintf("/live/tickets/%d", conv)

	pageB := openLive(ctx, t, "admin's page on B", http.DefaultClient, nodeB.URL+live, testToken)
	hello := pageB.await(ctx, t, "hello", "hello", nil)
	var helloB struct {
		Page string `json:"page"`
	}
	if err := json.Unmarshal(hello, &helloB); err != nil || helloB.Page == "" {
		t.Fatalf("hello on B: %s (%v)", hello, err)
	}
	pageB.await(ctx, t, "the first message (catch-up)", "message", isMessage(first.Seq))

	marta := signInAgent(t, onA, nodeA, "marta@two-node.example", "Marta K.")
	pageA := openLive(ctx, t, "Marta's page on A", marta, nodeA.URL+live, "")
	pageA.await(ctx, t, "the first message (catch-up)", "message", isMessage(first.Seq))

	// Presence across nodes: each page shows the agent on the other node.
	pageB.await(ctx, t, "Marta (on A) present", "presence", present("Marta K.", false))
	pageA.await(ctx, t, "the admin (on B) present", "presence", present("Administrator", false))

	ask := "Widget on A: my BTC withdrawal is pending"
	second := send("two-node-2", ask)
	got := pageB.await(ctx, t, "the customer's new message, live", "message", isMessage(second.Seq))
	var m liveMessage
	if err := json.Unmarshal(got, &m); err != nil || m.AuthorKind != "customer" || m.Body != ask {
		t.Errorf("B's page shows %s (%v), want the customer's %q", got, err, ask)
	}

	// The customer types on A: the signal is on the NATS every node hears.
	typing := make(chan []byte, 16)
	nc, err := nats.Connect(natsURL)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	if _, err := nc.Subscribe(bus.SignalPrefix+"live.typing.*", func(m *nats.Msg) { typing <- m.Data }); err != nil {
		t.Fatal(err)
	}
	if err := nc.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := c.Write(ctx, chat.In{Type: "typing", On: true}); err != nil {
		t.Fatal(err)
	}
	select {
	case data := <-typing:
		var sig struct {
			TicketID int64  `json:"ticket_id"`
			Author   string `json:"author"`
			On       bool   `json:"on"`
		}
		if err := json.Unmarshal(data, &sig); err != nil || sig.TicketID != conv || sig.Author != "customer" || !sig.On {
			t.Errorf("typing signal %s (%v), want the customer typing on %d", data, err, conv)
		}
	case <-ctx.Done():
		t.Fatal("the customer's typing on A was never signalled to the other nodes")
	}

	// The admin types on B: Marta's page on A shows it (collision notice).
	if code, body, err := onB.do(ctx, "POST", fmt.Sprintf("/api/v1/tickets/%d/typing", conv), map[string]string{"page": helloB.Page}, nil); err != nil || code != http.StatusNoContent {
		t.Fatalf("typing on B: %d %v %.300s", code, err, body)
	}
	pageA.await(ctx, t, "the admin typing on B", "presence", present("Administrator", true))

	reply := "Agent on B: it is confirmed on chain, 2 of 3 confirmations"
	var r msgJSON
	if code, body, err := onB.do(ctx, "POST", fmt.Sprintf("/api/v1/tickets/%d/messages", conv), map[string]any{"body": reply}, &r); err != nil || code/100 != 2 {
		t.Fatalf("agent reply on B: %d %v %.300s", code, err, body)
	}
	for {
		f, err := c.Await(ctx, "message")
		if err != nil {
			t.Fatalf("the reply made on B never reached the socket on A: %v", err)
		}
		if f.Seq != r.ID {
			continue // the customer's own messages
		}
		if f.Author != "agent" || f.Text != reply || f.Agent == nil || f.Agent.Name == "" {
			t.Errorf("reply on the socket: %s, want the agent's %q with their name", f.Raw, reply)
		}
		break
	}
	pageA.await(ctx, t, "the admin's reply made on B", "message", isMessage(r.ID))
}

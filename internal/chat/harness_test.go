package chat_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/chat"
	"github.com/groundcrew/groundcrew/internal/server"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

const (
	adminToken     = "gct_chat-test-admin-token-0123456789abcdef"
	identitySecret = "chat-test-identity-secret-0123456789"
)

// node is a whole Groundcrew node behind an http.Server whose read and
// write timeouts are short, so that a socket outliving them is tested.
type node struct {
	*server.App
	URL string
	bus *bus.Bus // a second connection to the node's NATS
	t   testing.TB
	ids atomic.Int64
}

// serverTimeouts are App.Run's http.Server ReadTimeout and WriteTimeout;
// a test may shorten them (shortTimeouts).
var serverTimeouts = [2]time.Duration{30 * time.Second, 60 * time.Second}

func eachEngine(t *testing.T, fn func(t *testing.T, n *node)) {
	for _, engine := range storetest.Engines() {
		t.Run(string(engine), func(t *testing.T) { fn(t, newNode(t, engine)) })
	}
}

func newNode(t testing.TB, engine store.Dialect, mods ...func(*server.Config)) *node {
	return newNodeTimeouts(t, engine, serverTimeouts, mods...)
}

func newNodeTimeouts(t testing.TB, engine store.Dialect, timeouts [2]time.Duration, mods ...func(*server.Config)) *node {
	t.Helper()
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	nats, err := bus.StartWith(ctx, bus.Options{DataDir: t.TempDir(), Listen: "127.0.0.1:-1", Log: log})
	if err != nil {
		t.Fatalf("start nats: %v", err)
	}
	cfg := server.Config{
		DataDir: t.TempDir(), Database: storetest.DSN(t, engine), NATS: nats.ClientURL(),
		AdminPassword: "test-admin-password", AdminToken: adminToken, IdentitySecret: identitySecret,
		WidgetOrigins: []string{"exchange.example", "*.exchange.example"},
	}
	for _, m := range mods {
		m(&cfg)
	}
	app, err := server.Open(ctx, cfg, log)
	if err != nil {
		nats.Close()
		t.Fatalf("open app: %v", err)
	}
	srv := httptest.NewUnstartedServer(app.Handler())
	srv.Config.ReadTimeout, srv.Config.WriteTimeout = timeouts[0], timeouts[1]
	srv.Start()
	t.Cleanup(func() {
		srv.CloseClientConnections()
		srv.Close()
		app.Close()
		nats.Close()
	})
	return &node{App: app, URL: srv.URL, bus: nats, t: t}
}

func (n *node) socketURL() string { return n.URL + chat.Path }

// dial opens a widget socket and fails the test if hello is refused.
func (n *node) dial(hello chat.In) *chat.Client {
	n.t.Helper()
	c, err := n.tryDial(hello, nil)
	if err != nil {
		n.t.Fatalf("dial: %v", err)
	}
	return c
}

func (n *node) tryDial(hello chat.In, opts *chat.DialOptions) (*chat.Client, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, err := chat.Dial(ctx, n.socketURL(), hello, opts)
	if err == nil {
		n.t.Cleanup(func() { c.Close() })
	}
	return c, err
}

// api calls the JSON API as the admin and decodes the answer into out.
func (n *node) api(method, path string, body, out any) int {
	n.t.Helper()
	var rd io.Reader
	if body != nil {
		raw, _ := json.Marshal(body)
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, n.URL+path, rd)
	if err != nil {
		n.t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+adminToken)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		n.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			n.t.Fatalf("%s %s: %d %s: %v", method, path, resp.StatusCode, raw, err)
		}
	}
	return resp.StatusCode
}

// reply posts an agent's (the admin's) reply and returns its message id.
func (n *node) reply(ticketID int64, text string) int64 {
	n.t.Helper()
	id, err := n.tryReply(ticketID, text)
	if err != nil {
		n.t.Fatal(err)
	}
	return id
}

// tryReply is reply for goroutines other than the test's.
func (n *node) tryReply(ticketID int64, text string) (int64, error) {
	raw, _ := json.Marshal(map[string]string{"body": text})
	req, err := http.NewRequest("POST", fmt.Sprintf("%s/api/v1/tickets/%d/messages", n.URL, ticketID), bytes.NewReader(raw))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Authorization", "Bearer "+adminToken)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	var m struct {
		ID int64 `json:"id"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&m); err != nil || resp.StatusCode != http.StatusCreated || m.ID == 0 {
		return 0, fmt.Errorf("agent reply: HTTP %d, %v", resp.StatusCode, err)
	}
	return m.ID, nil
}

// apiTicket is a ticket as the agent's API shows it.
type apiTicket struct {
	ID       int64  `json:"id"`
	Subject  string `json:"subject"`
	Channel  string `json:"channel"`
	Customer struct {
		ExternalID string `json:"external_id"`
	} `json:"customer"`
	Messages []struct {
		ID         int64  `json:"id"`
		AuthorKind string `json:"author_kind"`
		Internal   bool   `json:"internal"`
		Body       string `json:"body"`
	} `json:"messages"`
}

func (n *node) ticket(id int64) apiTicket {
	n.t.Helper()
	var t apiTicket
	if code := n.api("GET", fmt.Sprintf("/api/v1/tickets/%d", id), nil, &t); code != 200 {
		n.t.Fatalf("get ticket %d: HTTP %d", id, code)
	}
	return t
}

// jwtFor signs an identity JWT with claims, HS256 and the node's secret.
func jwtFor(t *testing.T, claims jwt.MapClaims) string {
	t.Helper()
	s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString([]byte(identitySecret))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// userJWT is a valid identity token for the exchange user sub.
func userJWT(t *testing.T, sub string, extra jwt.MapClaims) string {
	now := time.Now()
	c := jwt.MapClaims{"sub": sub, "iat": now.Unix(), "exp": now.Add(10 * time.Minute).Unix(), "name": "Ana " + sub}
	for k, v := range extra {
		if v == nil {
			delete(c, k)
			continue
		}
		c[k] = v
	}
	return jwtFor(t, c)
}

func timeout() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), 10*time.Second)
}

// next reads the next frame, failing the test on a timeout or close.
// Queue frames are skipped: the server's routing and SLA send them on
// their own schedule, between any two frames a test waits for.
func next(t testing.TB, c *chat.Client) chat.Frame {
	t.Helper()
	for {
		if f := nextFrame(t, c); f.Type != "queue" {
			return f
		}
	}
}

func nextFrame(t testing.TB, c *chat.Client) chat.Frame {
	t.Helper()
	ctx, cancel := timeout()
	defer cancel()
	f, err := c.Next(ctx)
	if err != nil {
		t.Fatalf("next frame: %v", err)
	}
	return f
}

// expect reads the next frame and checks its type; expecting "queue"
// reads queue frames too.
func expect(t testing.TB, c *chat.Client, typ string) chat.Frame {
	t.Helper()
	var f chat.Frame
	if typ == "queue" {
		f = nextFrame(t, c)
	} else {
		f = next(t, c)
	}
	if f.Type != typ {
		t.Fatalf("got frame %s, want %s", f.Raw, typ)
	}
	return f
}

// send sends text as a new client id and returns the ack, skipping the
// conversation frame of a first message and survey offers.
func (n *node) send(c *chat.Client, text string) chat.Frame {
	n.t.Helper()
	id := fmt.Sprintf("m-%d", n.ids.Add(1))
	ctx, cancel := timeout()
	defer cancel()
	if err := c.Send(ctx, id, text); err != nil {
		n.t.Fatal(err)
	}
	var ack chat.Frame
	for {
		f := next(n.t, c)
		switch {
		case f.Type == "conversation":
		case f.Type == "survey": // offered whenever metrics opens one for a closed conversation
		case f.Type == "ack" && f.ID == id:
			ack = f
		case f.Type == "message" && ack.Seq != 0 && f.Seq == ack.Seq:
			return ack // and the own message after it
		case f.Type == "message":
		default:
			n.t.Fatalf("waiting for ack of %s: got %s", id, f.Raw)
		}
	}
}

// messagesUntil reads frames until one satisfies stop, and returns the
// message frames among them.
func messagesUntil(t *testing.T, c *chat.Client, stop func(chat.Frame) bool) []chat.Frame {
	t.Helper()
	var out []chat.Frame
	for {
		f := next(t, c)
		if f.Type == "message" {
			out = append(out, f)
		}
		if stop(f) {
			return out
		}
		if f.Type == "error" {
			t.Fatalf("unexpected error frame %s", f.Raw)
		}
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

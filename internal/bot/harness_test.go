package bot_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/bot"
	"github.com/groundcrew/groundcrew/internal/chat"
	"github.com/groundcrew/groundcrew/internal/server"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

const (
	adminToken     = "gct_bot-test-admin-token-0123456789abcdef"
	identitySecret = "bot-test-identity-secret-0123456789abcd"
)

// node is a whole demo node with the bot on.
type node struct {
	*server.App
	URL string
	t   testing.TB
}

// newNode starts a demo node with the bot on; edits change its config.
func newNode(t testing.TB, engine store.Dialect, edits ...func(*server.Config)) *node {
	t.Helper()
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	cfg := server.Config{
		DataDir: t.TempDir(), Database: storetest.DSN(t, engine), AdminPassword: "test-admin-password",
		AdminToken: adminToken, IdentitySecret: identitySecret, Demo: true, Bot: true,
	}
	for _, edit := range edits {
		edit(&cfg)
	}
	app, err := server.Open(ctx, cfg, log)
	if err != nil {
		t.Fatalf("open app: %v", err)
	}
	srv := httptest.NewServer(app.Handler())
	t.Cleanup(func() {
		srv.CloseClientConnections()
		srv.Close()
		app.Close()
	})
	n := &node{App: app, URL: srv.URL, t: t}
	// Demo seeds on open; the search index follows the starter articles through the bus.
	n.eventually("the knowledge base is indexed", func() bool {
		var res struct{ Hits []map[string]any }
		n.api("GET", "/api/v1/kb/search?q=deposit&lang=en", nil, &res)
		return len(res.Hits) > 0
	})
	return n
}

// wait bounds every wait for the bot: generous, since under -race on a
// loaded machine one turn (analysis, look-ups, the relay) takes seconds.
const wait = 45 * time.Second

// eventually polls cond every 20 ms for up to wait.
func (n *node) eventually(what string, cond func() bool) {
	n.t.Helper()
	for end := time.Now().Add(wait); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		if cond() {
			return
		}
	}
	n.t.Fatalf("timed out waiting until %s", what)
}

// api calls the API with the admin token and decodes the answer into out.
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
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		n.t.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	if out != nil && res.StatusCode < 300 {
		if err := json.Unmarshal(data, out); err != nil {
			n.t.Fatalf("%s %s: %v in %s", method, path, err, data)
		}
	}
	return res.StatusCode
}

func (n *node) scalar(query string, args ...any) int64 {
	n.t.Helper()
	var v int64
	if err := n.DB().QueryRow(context.Background(), query, args...).Scan(&v); err != nil {
		n.t.Fatalf("%s: %v", query, err)
	}
	return v
}

// customer is a widget socket signed in as a demo user (or anonymous).
type customer struct {
	n      *node
	ws     *websocket.Conn
	frames chan map[string]any
	ids    int
	conv   int64
	seq    int64            // of the last message sent
	seen   []map[string]any // every frame read so far
	unread []map[string]any // frames read but not matched yet
	intro  string           // the bot's introduction, once it came
}

func (n *node) customer(userID, lang string) *customer {
	n.t.Helper()
	ctx := context.Background()
	ws, _, err := websocket.Dial(ctx, strings.Replace(n.URL, "http", "ws", 1)+chat.Path, &websocket.DialOptions{Subprotocols: []string{chat.Subprotocol}})
	if err != nil {
		n.t.Fatalf("dial: %v", err)
	}
	c := &customer{n: n, ws: ws, frames: make(chan map[string]any, 256)}
	go func() {
		defer close(c.frames)
		for {
			_, data, err := ws.Read(ctx)
			if err != nil {
				return
			}
			var f map[string]any
			if json.Unmarshal(data, &f) == nil {
				c.frames <- f
			}
		}
	}()
	n.t.Cleanup(func() { _ = ws.CloseNow() })
	hello := map[string]any{"type": "hello", "v": 1, "lang": lang}
	if userID != "" {
		// A token without a jti signs a widget in only if it lives ten
		// minutes at most (chat's token life), as an exchange mints them.
		hello["token"] = auth.IdentitySigner{Secret: []byte(identitySecret)}.Sign(userID, 10*time.Minute)
	}
	c.write(hello)
	c.until("welcome", func(f map[string]any) bool { return f["type"] == "welcome" })
	return c
}

func (c *customer) write(v any) {
	c.n.t.Helper()
	data, _ := json.Marshal(v)
	if err := c.ws.Write(context.Background(), websocket.MessageText, data); err != nil {
		c.n.t.Fatalf("write: %v", err)
	}
}

// send sends text (with a button's flow or choice, if given).
func (c *customer) send(text string, button ...string) {
	c.n.t.Helper()
	c.ids++
	f := map[string]any{"type": "send", "id": "m" + strconv.FormatInt(time.Now().UnixNano(), 36) + "-" + strconv.Itoa(c.ids), "text": text}
	if len(button) == 2 {
		f[button[0]] = button[1]
	}
	c.write(f)
	ack := c.until("ack", func(f map[string]any) bool { return f["type"] == "ack" || f["type"] == "error" })
	if ack["type"] == "error" {
		c.n.t.Fatalf("send %q: %v", text, ack)
	}
	c.conv = int64(ack["conversation"].(float64))
	c.seq = int64(ack["seq"].(float64))
}

// until returns the first unread frame that matches, reading more for up
// to wait. Frames that do not match stay unread: the bot's message and
// its flow frame reach the socket in either order.
func (c *customer) until(what string, match func(map[string]any) bool) map[string]any {
	c.n.t.Helper()
	for i, f := range c.unread {
		if match(f) {
			c.unread = append(c.unread[:i], c.unread[i+1:]...)
			return f
		}
	}
	timeout := time.After(wait)
	for {
		select {
		case f, ok := <-c.frames:
			if !ok {
				c.n.t.Fatalf("socket closed waiting for %s; frames: %v", what, c.seen)
			}
			c.seen = append(c.seen, f)
			if match(f) {
				return f
			}
			c.unread = append(c.unread, f)
		case <-timeout:
			c.n.t.Fatalf("timed out waiting for %s; frames: %v", what, c.seen)
		}
	}
}

// bot waits for the bot's next message and returns its text. The
// introduction, a message of its own before the first answer, is kept in
// c.intro and skipped.
func (c *customer) bot() string {
	c.n.t.Helper()
	for {
		f := c.until("a bot message", func(f map[string]any) bool {
			return f["type"] == "message" && f["author"] == "bot" && f["replay"] != true
		})
		text := f["text"].(string)
		if !bot.IsIntro(text) {
			return text
		}
		c.intro = text
	}
}

// flow waits for a flow frame and returns its choices' ids.
func (c *customer) flow() []string {
	c.n.t.Helper()
	f := c.until("a flow frame", func(f map[string]any) bool { return f["type"] == "flow" })
	var ids []string
	for _, ch := range f["choices"].([]any) {
		ids = append(ids, ch.(map[string]any)["id"].(string))
	}
	return ids
}

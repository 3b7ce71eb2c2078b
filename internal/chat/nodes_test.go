package chat_test

import (
	"context"
	"encoding/base64"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/chat"
	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
	"github.com/groundcrew/groundcrew/internal/server"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// TestSignedInCustomerSeesPhrase: welcome carries the signed-in customer's
// anti-phishing phrase from the exchange, for the widget's header.
func TestSignedInCustomerSeesPhrase(t *testing.T) {
	n := newNode(t, "sqlite")
	c := n.dial(chat.In{Token: userJWT(t, sandbox.UserMaria, nil)})
	if c.Welcome.Customer == nil || c.Welcome.Customer.Phrase != "lua azul" {
		t.Fatalf("welcome %s", c.Welcome.Raw)
	}
}

// TestDepositCheckTakesJWT: /deposit-check?identity= accepts the widget's
// JWT beside the older two-part token, and refuses a forged one.
func TestDepositCheckTakesJWT(t *testing.T) {
	n := newNode(t, "sqlite")
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for tok, want := range map[string]int{
		userJWT(t, sandbox.UserMaria, nil):     http.StatusSeeOther,
		jwtFor(t, map[string]any{"sub": "x"}):  http.StatusUnauthorized,
		"eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.": http.StatusUnauthorized,
	} {
		resp, err := noRedirect.Get(n.URL + "/deposit-check?identity=" + url.QueryEscape(tok))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("token %.20s…: HTTP %d, want %d", tok, resp.StatusCode, want)
		}
	}
}

// TestReplyFromAnotherNode: two nodes on one PostgreSQL and one NATS; the
// customer's socket is on A, the agent answers through B, and the reply
// reaches the customer live; the customer's message is on B at once.
func TestReplyFromAnotherNode(t *testing.T) {
	dsn := storetest.DSN(t, "postgres") // skips without PostgreSQL
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	nats, err := bus.StartWith(ctx, bus.Options{DataDir: t.TempDir(), Listen: "127.0.0.1:-1", Log: log})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nats.Close)
	// Nodes share the keys that seal message bodies, as a deployment does.
	keys := "k1:" + base64.StdEncoding.EncodeToString([]byte("0123456789abcdef0123456789abcdef"))
	open := func() *node {
		cfg := server.Config{DataDir: t.TempDir(), Database: dsn, NATS: nats.ClientURL(), AdminPassword: "test-admin-password",
			AdminToken: adminToken, IdentitySecret: identitySecret, EncryptionKeys: keys}
		app, err := server.Open(ctx, cfg, log)
		if err != nil {
			t.Fatalf("open node: %v", err)
		}
		srv := httptest.NewServer(app.Handler())
		t.Cleanup(func() {
			srv.CloseClientConnections()
			srv.Close()
			app.Close()
		})
		return &node{App: app, URL: srv.URL, bus: nats, t: t}
	}
	a, b := open(), open()
	c := a.dial(chat.In{})
	ack := a.send(c, "node A here")
	tk := b.ticket(ack.Conv())
	if len(tk.Messages) != 1 || tk.Messages[0].Body != "node A here" {
		t.Fatalf("node B sees %+v", tk.Messages)
	}
	id := b.reply(ack.Conv(), "answered from node B")
	f := expect(t, c, "message")
	if f.Seq != id || f.Text != "answered from node B" || f.Agent == nil {
		t.Fatalf("on node A: %s", f.Raw)
	}
}

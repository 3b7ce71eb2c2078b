package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// Test apps hash passwords cheaply: hundreds of them sign agents in under
// the race detector, and the full cost is for attackers, not for tests.
func init() { auth.PasswordHashing = auth.Argon2Params{Time: 1, MemoryKiB: 1024, Threads: 1} }

// testAdminToken is the first admin's API token in every test app.
const testAdminToken = "gct_test-admin-token-0123456789abcdef"

// testApp is a whole Groundcrew node on a real database, the embedded NATS
// and an httptest server.
type testApp struct {
	*App
	URL string
	t   *testing.T

	linkMu  sync.Mutex
	linkExp int64 // the exp of the last linkToken
}

// linkToken signs a sign-in token for user that no other call returns: a
// link's token signs in once, and a two-part token is only its sub and exp
// (in seconds), so each call's exp is a second past the last one's.
func (ta *testApp) linkToken(user string) string {
	ta.linkMu.Lock()
	defer ta.linkMu.Unlock()
	ta.linkExp = max(time.Now().Add(5*time.Minute).Unix(), ta.linkExp+1)
	return ta.identity.Sign(user, time.Until(time.Unix(ta.linkExp, 5e8)))
}

// eachEngine runs fn against a fresh test app on every available engine,
// the engines side by side: each half has an app of its own, and the
// PostgreSQL one spends much of its time waiting on the server.
func eachEngine(t *testing.T, fn func(t *testing.T, ta *testApp)) {
	for _, engine := range storetest.Engines() {
		t.Run(string(engine), func(t *testing.T) {
			t.Parallel()
			fn(t, newTestApp(t, engine, false))
		})
	}
}

func newTestApp(t *testing.T, engine store.Dialect, demo bool, mods ...func(*Config)) *testApp {
	t.Helper()
	cfg := Config{
		DataDir:       t.TempDir(),
		Database:      storetest.DSN(t, engine),
		AdminPassword: "test-admin-password",
		AdminToken:    testAdminToken,
		Demo:          demo,
	}
	for _, m := range mods {
		m(&cfg)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	app, err := Open(context.Background(), cfg, log)
	if err != nil {
		t.Fatalf("open app: %v", err)
	}
	srv := httptest.NewServer(app.Handler())
	t.Cleanup(func() {
		srv.Close()
		app.Close()
	})
	return &testApp{App: app, URL: srv.URL, t: t}
}

// do sends a JSON request with the admin token (or token, when not empty)
// and decodes the JSON answer into out when out is not nil.
func (ta *testApp) do(method, path, token string, body any, out any, headers ...string) *http.Response {
	ta.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = bytes.NewReader([]byte(b))
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			ta.t.Fatal(err)
		}
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, ta.URL+path, rd)
	if err != nil {
		ta.t.Fatal(err)
	}
	if token == "" {
		token = testAdminToken
	}
	if token != "-" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		ta.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if out != nil && len(raw) > 0 {
		if err := json.Unmarshal(raw, out); err != nil {
			ta.t.Fatalf("%s %s: decode %q: %v", method, path, raw, err)
		}
	}
	return resp
}

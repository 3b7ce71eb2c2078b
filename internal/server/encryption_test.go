package server

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// testKeys is a key list with a fixed 32-byte key per id, e.g. "b,a".
func testKeys(ids string) string {
	var out []string
	for _, id := range strings.Split(ids, ",") {
		out = append(out, id+":"+base64.StdEncoding.EncodeToString(bytes.Repeat([]byte(id[:1]), 32)))
	}
	return strings.Join(out, ",")
}

// reopenable is a test app that can be stopped and started again on the
// same database and data folder, as after a restart with a new config.
type reopenable struct {
	t        *testing.T
	cfg      Config
	ta       *testApp
	stopOnce func()
}

func newReopenable(t *testing.T, engine store.Dialect, keys string) *reopenable {
	cfg := Config{
		DataDir:        t.TempDir(),
		Database:       storetest.DSN(t, engine),
		AdminPassword:  "test-admin-password",
		AdminToken:     testAdminToken,
		EncryptionKeys: keys,
	}
	r := &reopenable{t: t, cfg: cfg}
	r.start()
	t.Cleanup(func() { r.stop() })
	return r
}

func (r *reopenable) start() {
	r.t.Helper()
	app, err := Open(context.Background(), r.cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		r.t.Fatalf("open app: %v", err)
	}
	srv := httptest.NewServer(app.Handler())
	r.ta = &testApp{App: app, URL: srv.URL, t: r.t}
	r.stopOnce = sync.OnceFunc(func() {
		srv.Close()
		app.Close()
	})
}

func (r *reopenable) stop() { r.stopOnce() }

// restart stops the app and starts it again with keys.
func (r *reopenable) restart(keys string) {
	r.t.Helper()
	r.stop()
	r.cfg.EncryptionKeys = keys
	r.start()
}

// storedBodies are the messages.body values as the database holds them.
func storedBodies(t *testing.T, db *store.DB) []string {
	t.Helper()
	rows, err := db.Query(t.Context(), `SELECT body FROM messages ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var b string
		if err := rows.Scan(&b); err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// waitResealed polls the admin API until the re-seal job is done.
func waitResealed(t *testing.T, ta *testApp) ticket.EncryptionStatus {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		var st ticket.EncryptionStatus
		if resp := ta.do("GET", "/api/v1/admin/encryption", "", nil, &st); resp.StatusCode != http.StatusOK {
			t.Fatalf("GET /api/v1/admin/encryption: status %d", resp.StatusCode)
		}
		if !st.Running {
			return st
		}
		if time.Now().After(deadline) {
			t.Fatalf("re-sealing still running after 30s: %+v", st)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// conversation writes a few tickets with messages and notes through the
// API and returns their ids and the texts each must read back as.
func conversation(t *testing.T, ta *testApp, n int) map[int64][]string {
	t.Helper()
	out := map[int64][]string{}
	for i := range n {
		var tk ticket.Ticket
		if resp := ta.do("POST", "/api/v1/tickets", "", newTicketBody(fmt.Sprintf("enc-%d", i)), &tk); resp.StatusCode != http.StatusCreated {
			t.Fatalf("create ticket: status %d", resp.StatusCode)
		}
		msg := fmt.Sprintf("I sent 250 USDT on Tron, txid %d%d%d", i, i, i)
		note := fmt.Sprintf("internal: customer %d verified", i)
		ta.do("POST", fmt.Sprintf("/api/v1/tickets/%d/customer-messages", tk.ID), "", customerMessage(fmt.Sprintf("u-enc-%d", i), msg), nil)
		ta.do("POST", fmt.Sprintf("/api/v1/tickets/%d/notes", tk.ID), "", map[string]any{"body": note}, nil)
		out[tk.ID] = []string{"My deposit has not arrived", msg, note}
	}
	return out
}

func checkReadBack(t *testing.T, ta *testApp, want map[int64][]string) {
	t.Helper()
	for id, texts := range want {
		var got ticket.Ticket
		if resp := ta.do("GET", fmt.Sprintf("/api/v1/tickets/%d", id), "", nil, &got); resp.StatusCode != http.StatusOK {
			t.Fatalf("get ticket %d: status %d", id, resp.StatusCode)
		}
		var bodies []string
		for _, m := range got.Messages {
			bodies = append(bodies, m.Body)
		}
		if strings.Join(bodies, "|") != strings.Join(texts, "|") {
			t.Errorf("ticket %d reads %q, want %q", id, bodies, texts)
		}
	}
}

func checkSealedWith(t *testing.T, db *store.DB, key string, plaintexts map[int64][]string) {
	t.Helper()
	bodies := storedBodies(t, db)
	if len(bodies) == 0 {
		t.Fatal("no messages stored")
	}
	for i, b := range bodies {
		if !strings.HasPrefix(b, "gcenc:v1:"+key+":") {
			t.Errorf("row %d: body %.40q... is not sealed with %s", i, b, key)
		}
		for _, texts := range plaintexts {
			for _, p := range texts {
				if strings.Contains(b, p) {
					t.Errorf("row %d holds %q in plaintext", i, p)
				}
			}
		}
	}
}

// TestEncryptionKeyRotation: messages written with key A are re-sealed with
// B in the background after a restart with keys "B,A", and read the same.
func TestEncryptionKeyRotation(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines() {
		t.Run(string(engine), func(t *testing.T) {
			t.Parallel()
			r := newReopenable(t, engine, testKeys("a"))
			want := conversation(t, r.ta, 4)
			checkSealedWith(t, r.ta.db, "a", want)
			checkReadBack(t, r.ta, want)
			st := waitResealed(t, r.ta)
			if st.ActiveKey != "a" || st.RowsTotal != 12 || st.RowsSealedWithActiveKey != 12 {
				t.Errorf("status before rotation: %+v", st)
			}

			r.restart(testKeys("b,a"))
			st = waitResealed(t, r.ta)
			if st.ActiveKey != "b" || st.RowsTotal != 12 || st.RowsSealedWithActiveKey != st.RowsTotal || st.RowsUnreadable != 0 ||
				st.StartedAt == nil || st.FinishedAt == nil || st.FinishedAt.Before(*st.StartedAt) {
				t.Errorf("status after rotation: %+v; want 12 of 12 sealed with b, started and finished", st)
			}
			t.Logf("re-sealed %d of %d: 100%% (%s)", st.RowsSealedWithActiveKey, st.RowsTotal, st.FinishedAt.Sub(*st.StartedAt))
			checkSealedWith(t, r.ta.db, "b", want)
			checkReadBack(t, r.ta, want)

			// New messages are sealed with b from the start.
			more := conversation(t, r.ta, 1)
			checkSealedWith(t, r.ta.db, "b", more)

			// A create's stored response (for Idempotency-Key retries) holds the
			// message too: it is sealed as well, and a retry still replays it.
			var first, again ticket.Message
			for id := range want {
				path := fmt.Sprintf("/api/v1/tickets/%d/messages", id)
				in := map[string]any{"body": "retry-safe reply 4711"}
				ta := r.ta
				ta.do("POST", path, "", in, &first, "Idempotency-Key", "enc-retry")
				resp := ta.do("POST", path, "", in, &again, "Idempotency-Key", "enc-retry")
				if resp.Header.Get("Idempotent-Replayed") != "true" || again.ID != first.ID || again.Body != "retry-safe reply 4711" {
					t.Errorf("replay: %s, %+v", resp.Header.Get("Idempotent-Replayed"), again)
				}
				want[id] = append(want[id], "retry-safe reply 4711")
				break
			}
			var leaked int
			if err := r.ta.db.QueryRow(t.Context(), `SELECT COUNT(*) FROM idempotency_keys WHERE response LIKE ? OR response NOT LIKE ?`,
				"%4711%", "gcenc:v1:b:%").Scan(&leaked); err != nil || leaked != 0 {
				t.Errorf("idempotency_keys: %d responses in plaintext (%v)", leaked, err)
			}

			// A is no longer needed.
			r.restart(testKeys("b"))
			checkReadBack(t, r.ta, want)
			checkReadBack(t, r.ta, more)
		})
	}
}

// TestEncryptionDefaultKeyFile: with no keys configured, the first start
// makes encryption.keys (0600) in the data folder and later starts reuse it.
func TestEncryptionDefaultKeyFile(t *testing.T) {
	t.Parallel()
	r := newReopenable(t, store.SQLite, "")
	path := filepath.Join(r.cfg.DataDir, KeysFile)
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatalf("key file: %v", err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("key file mode %v, want 0600", fi.Mode().Perm())
	}
	before, _ := os.ReadFile(path)
	want := conversation(t, r.ta, 2)
	key := r.ta.keys.Active()
	checkSealedWith(t, r.ta.db, key, want)
	// The key is in the file only, not in the settings table.
	lines := strings.Split(strings.TrimSpace(string(before)), "\n")
	_, secret, _ := strings.Cut(lines[len(lines)-1], ":")
	var n int
	if err := r.ta.db.QueryRow(t.Context(), `SELECT COUNT(*) FROM settings WHERE value LIKE ?`, "%"+secret+"%").Scan(&n); err != nil || n != 0 || len(secret) != 44 {
		t.Errorf("settings hold the key %q: %d rows, %v", secret, n, err)
	}

	r.restart("")
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) || r.ta.keys.Active() != key {
		t.Errorf("restart changed the key file")
	}
	checkReadBack(t, r.ta, want)
}

func TestEncryptionConfigErrors(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		cfg  Config
		want string
	}{
		{Config{EncryptionKeys: "a:" + base64.StdEncoding.EncodeToString(make([]byte, 16))}, "32"},
		{Config{EncryptionKeys: "a:short"}, "base64"},
		{Config{EncryptionKeys: testKeys("a") + "," + testKeys("a")}, "twice"},
		{Config{EncryptionKeys: testKeys("a"), EncryptionKeysFile: "/x"}, "not both"},
	} {
		err := c.cfg.Validate()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Validate(keys %q, file %q) = %v, want it to say %q", c.cfg.EncryptionKeys, c.cfg.EncryptionKeysFile, err, c.want)
		}
	}
	// An unreadable key file stops the start instead of falling back to another key.
	cfg := Config{DataDir: t.TempDir(), Database: storetest.DSN(t, store.SQLite), EncryptionKeysFile: filepath.Join(t.TempDir(), "missing")}
	if app, err := Open(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil))); err == nil {
		app.Close()
		t.Fatal("Open with a missing key file succeeded")
	} else if !strings.Contains(err.Error(), "GROUNDCREW_ENCRYPTION_KEYS_FILE") {
		t.Errorf("error %q does not name the setting", err)
	}
	// A readable one works.
	file := filepath.Join(t.TempDir(), "keys")
	if err := os.WriteFile(file, []byte("# keys\n"+strings.ReplaceAll(testKeys("f,a"), ",", "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg.EncryptionKeysFile = file
	app, err := Open(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer app.Close()
	if app.keys.Active() != "f" {
		t.Errorf("active key %q, want f", app.keys.Active())
	}
}

func TestEncryptionPageNeedsAdmin(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, false)
	_, supervisor := ta.agentToken(auth.Supervisor)
	for _, c := range []struct {
		token string
		want  int
	}{{"", http.StatusOK}, {supervisor, http.StatusForbidden}} {
		req, _ := http.NewRequest("GET", ta.URL+"/admin/encryption", nil)
		tok := c.token
		if tok == "" {
			tok = testAdminToken
		}
		req.Header.Set("Authorization", "Bearer "+tok)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != c.want {
			t.Errorf("GET /admin/encryption: status %d, want %d: %s", resp.StatusCode, c.want, body)
		}
		if c.want == http.StatusOK && !bytes.Contains(body, []byte(`id="enc-progress"`)) {
			t.Errorf("page lacks the progress bar: %s", body)
		}
	}
	if resp := ta.do("GET", "/api/v1/admin/encryption", supervisor, nil, nil); resp.StatusCode != http.StatusForbidden {
		t.Errorf("API as supervisor: status %d, want 403", resp.StatusCode)
	}
}

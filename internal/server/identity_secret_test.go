package server

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/seal"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// storedIdentitySecret is the identity_secret settings row as the database holds it.
func storedIdentitySecret(t *testing.T, db *store.DB) string {
	t.Helper()
	var v string
	if err := db.QueryRow(t.Context(), `SELECT value FROM settings WHERE name = ?`, identitySetting).Scan(&v); err != nil {
		t.Fatalf("read identity_secret: %v", err)
	}
	return v
}

// checkSealedSecret: the row is sealed with key, is not the secret in any
// form, and opens to the secret the app signs with.
func checkSealedSecret(t *testing.T, ta *testApp, key string) {
	t.Helper()
	row := storedIdentitySecret(t, ta.db)
	secret := string(ta.identity.Secret)
	if len(secret) < 20 {
		t.Fatalf("identity secret %q is too short", secret)
	}
	if id, ok := seal.KeyID(row); !ok || id != key {
		t.Errorf("stored identity secret %q is not sealed with key %q", row, key)
	}
	if strings.Contains(row, secret) {
		t.Errorf("stored identity secret %q contains the secret", row)
	}
	if got, err := ta.keys.Open(row, identityAAD); err != nil || got != secret {
		t.Errorf("stored identity secret opens to %q, %v; want the app's secret", got, err)
	}
	// Copied to another settings row it does not open: the AAD binds it.
	if _, err := ta.keys.Open(row, "settings.value:other"); err == nil {
		t.Error("the sealed secret opens for another row")
	}
}

// TestIdentitySecretSealed: a fresh start stores the generated secret
// sealed; restarts keep the same secret, and a key rotation re-seals it
// with the new active key.
func TestIdentitySecretSealed(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines() {
		t.Run(string(engine), func(t *testing.T) {
			t.Parallel()
			r := newReopenable(t, engine, testKeys("a"))
			checkSealedSecret(t, r.ta, "a")
			first := string(r.ta.identity.Secret)
			token := r.ta.identity.SignStepUp("u-1", time.Now(), time.Hour, "n")

			r.restart(testKeys("a"))
			if got := string(r.ta.identity.Secret); got != first {
				t.Errorf("after a restart the secret is %q, want %q", got, first)
			}
			r.restart(testKeys("b,a"))
			checkSealedSecret(t, r.ta, "b")
			if _, err := r.ta.identity.Verify(token); err != nil || string(r.ta.identity.Secret) != first {
				t.Errorf("after a key rotation the secret changed: token %v", err)
			}
		})
	}
}

// TestIdentitySecretPlainConverted: a row an older version wrote in plain
// text is sealed in place on start, and the secret stays the same.
func TestIdentitySecretPlainConverted(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines() {
		t.Run(string(engine), func(t *testing.T) {
			t.Parallel()
			r := newReopenable(t, engine, testKeys("a"))
			const legacy = "legacy-identity-secret-0123456789"
			if _, err := r.ta.db.Exec(t.Context(), `UPDATE settings SET value = ? WHERE name = ?`, legacy, identitySetting); err != nil {
				t.Fatal(err)
			}
			r.stop()
			// The app's background work (re-sealing) logs while the test
			// reads: the buffer takes a lock.
			var logs lockedBuffer
			app, err := Open(context.Background(), r.cfg, slog.New(slog.NewTextHandler(&logs, nil)))
			if err != nil {
				t.Fatal(err)
			}
			defer app.Close()
			if string(app.identity.Secret) != legacy {
				t.Errorf("secret %q, want the stored %q", app.identity.Secret, legacy)
			}
			checkSealedSecret(t, &testApp{App: app, t: t}, "a")
			if !strings.Contains(logs.String(), "sealed the stored customer identity secret") || !strings.Contains(logs.String(), "plain text") {
				t.Errorf("no log line for the conversion:\n%s", logs.String())
			}
		})
	}
}

// TestIdentitySecretWrongKeys: a sealed secret that the configured keys do
// not open stops the start with a clear error, unless the secret is
// configured, which then wins.
func TestIdentitySecretWrongKeys(t *testing.T) {
	t.Parallel()
	r := newReopenable(t, store.SQLite, testKeys("a"))
	r.stop()
	cfg := r.cfg
	cfg.EncryptionKeys = testKeys("c")
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if app, err := Open(context.Background(), cfg, log); err == nil {
		app.Close()
		t.Fatal("started with keys that do not open the identity secret")
	} else if !strings.Contains(err.Error(), "customer identity secret") || !strings.Contains(err.Error(), "GROUNDCREW_IDENTITY_SECRET") {
		t.Errorf("error %q does not say what is wrong and what to do", err)
	}
	// An empty row is never used as a key.
	db, err := store.Open(context.Background(), cfg.Database, cfg.DataDir)
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.Exec(t.Context(), `UPDATE settings SET value = '' WHERE name = ?`, identitySetting)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	cfg.EncryptionKeys = testKeys("a")
	if app, err := Open(context.Background(), cfg, log); err == nil {
		app.Close()
		t.Fatal("started with an empty identity secret")
	} else if !strings.Contains(err.Error(), "customer identity secret kept in the database is empty") {
		t.Errorf("error %q does not say the secret is empty", err)
	}

	cfg.EncryptionKeys = testKeys("c")
	cfg.IdentitySecret = "configured-identity-secret-0123456789"
	app, err := Open(context.Background(), cfg, log)
	if err != nil {
		t.Fatal(err)
	}
	defer app.Close()
	if string(app.identity.Secret) != cfg.IdentitySecret {
		t.Errorf("secret %q, want the configured one", app.identity.Secret)
	}
}

// lockedBuffer is a log sink that goroutines may write while a test reads.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestAppsInSameNamedSubtests: apps booted one after another in subtests
// of one name ("boot", "boot#01", ...) each start on their own database.
// The '#' in their folders once cut the SQLite path short, so the later
// apps opened one shared file whose identity secret was sealed with the
// first app's keys, and failed to start.
func TestAppsInSameNamedSubtests(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines() {
		for range 3 {
			t.Run("boot", func(t *testing.T) {
				ta := newTestApp(t, engine, false)
				if n := ta.count(`SELECT COUNT(*) FROM settings WHERE name = 'identity_secret'`); n != 1 {
					t.Fatalf("%d identity secrets stored, want 1", n)
				}
			})
		}
	}
}

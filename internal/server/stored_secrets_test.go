package server

import (
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/seal"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// TestStoredSecretsSealedAtStart: an agent's TOTP secret and a queued
// automation webhook's secret that an older version left in plain text
// are sealed with the active key when the app starts, and after a key
// rotation the next start moves them to the new key.
func TestStoredSecretsSealedAtStart(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines() {
		t.Run(string(engine), func(t *testing.T) {
			t.Parallel()
			r := newReopenable(t, engine, testKeys("a"))
			const totpSecret, hookSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "plain-automation-hook-secret-42"
			for _, q := range []struct {
				sql  string
				args []any
			}{
				{`UPDATE agents SET totp_secret = ?`, []any{totpSecret}},
				{`INSERT INTO automation_webhooks (rule_id, ticket_id, url, secret, body, next_at, created_at) VALUES (1, 1, 'https://example.com/', ?, '{}', ?, 0)`,
					[]any{hookSecret, int64(1) << 60}}, // never due: the sender leaves it
			} {
				if _, err := r.ta.db.Exec(t.Context(), q.sql, q.args...); err != nil {
					t.Fatalf("%s: %v", q.sql, err)
				}
			}
			for _, keys := range []string{"a", "b,a"} {
				r.restart(testKeys(keys))
				key := keys[:1]
				if dump := storetest.Dump(t, r.ta.db, "agents") + storetest.Dump(t, r.ta.db, "automation_webhooks"); strings.Contains(dump, totpSecret) || strings.Contains(dump, hookSecret) {
					t.Fatalf("after a start with key %s a secret is still in clear:\n%s", key, dump)
				}
				for _, q := range []string{`SELECT totp_secret FROM agents WHERE totp_secret <> ''`, `SELECT secret FROM automation_webhooks`} {
					if id, ok := seal.KeyID(storetest.Scalar[string](t, r.ta.db, q)); !ok || id != key {
						t.Errorf("%s: sealed with %q, want %q", q, id, key)
					}
				}
			}
		})
	}
}

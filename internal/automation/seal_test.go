package automation

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/seal"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// keyring is a keyring of the keys named, the first active: "k1" is the
// key newEnv's services seal with, "k2" the key a rotation adds.
func keyring(t *testing.T, ids ...string) *seal.Keyring {
	t.Helper()
	fill := map[string]string{"k1": "k", "k2": "n"}
	var keys []seal.Key
	for _, id := range ids {
		keys = append(keys, seal.Key{ID: id, Bytes: bytes.Repeat([]byte(fill[id]), seal.KeySize)})
	}
	k, err := seal.New(keys...)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// withKeys is e's service sealing with keys instead, reaching loopback.
func (e *env) withKeys(keys *seal.Keyring) *Service {
	s := New(e.db, e.auto.audit, keys, e.tickets, e.routing, nil, slog.New(slog.NewTextHandler(io.Discard, nil)))
	s.AllowPrivate = true
	return s
}

// noSecretIn fails t if a dump of any table that webhooks touch holds secret.
func noSecretIn(t *testing.T, db *store.DB, secret string) {
	t.Helper()
	for _, table := range []string{"automation_rules", "automation_webhooks"} {
		if dump := storetest.Dump(t, db, table); strings.Contains(dump, secret) {
			t.Fatalf("%s holds the webhook secret:\n%s", table, dump)
		}
	}
}

// TestWebhookSecretSealedAtRest: neither the rule nor its queued call keeps
// the secret in clear, the call is still signed with it (checked by a
// local receiver), and a sent call keeps no secret at all.
func TestWebhookSecretSealedAtRest(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		e.auto.AllowPrivate = true
		const secret = "sealed-webhook-secret-0123456789"
		rc := &received{}
		srv := httptest.NewServer(rc.handler(secret))
		defer srv.Close()
		saved, err := e.auto.Save(e.ctx, mustParse(t, `{"name":"hook","enabled":true,"when":{"event":"ticket.created"},"then":[{"type":"webhook","url":"`+srv.URL+`","secret":"`+secret+`"}]}`))
		if err != nil {
			t.Fatal(err)
		}
		noSecretIn(t, db, secret)
		if got, err := e.auto.Rule(e.ctx, saved.ID); err != nil || got.Then[0].Secret != secret {
			t.Fatalf("Rule opens the secret as %q, %v", got.Then[0].Secret, err)
		}
		e.create("hello")
		e.pump()
		noSecretIn(t, db, secret)
		if n, err := e.auto.SendWebhooks(e.ctx); err != nil || n != 1 {
			t.Fatalf("sent %d, %v", n, err)
		}
		if len(rc.valid) != 1 || !rc.valid[0] {
			t.Fatalf("signatures valid: %v", rc.valid)
		}
		if left := storetest.Scalar[string](t, db, `SELECT secret FROM automation_webhooks`); left != "" {
			t.Fatalf("a sent call keeps its secret %q", left)
		}
	})
}

// TestWebhookPlaintextSecretsSealed: a rule and queued calls that an older
// version wrote in clear keep signing; after a key rotation SealSecrets
// seals them (and the old key's values) with the new key, clears the
// secret of calls already sent, and the calls are signed right with the
// old key gone.
func TestWebhookPlaintextSecretsSealed(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		e.auto.AllowPrivate = true // the receiver is on 127.0.0.1
		const secret = "plain-webhook-secret-0123456789"
		rc := &received{}
		srv := httptest.NewServer(rc.handler(secret))
		defer srv.Close()
		r := mustParse(t, `{"name":"hook","enabled":true,"when":{"event":"ticket.created"},"then":[{"type":"webhook","url":"`+srv.URL+`","secret":"`+secret+`"}]}`)
		saved, err := e.auto.Save(e.ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		// As an older version stored them: the rule and two calls in clear.
		plain, err := json.Marshal(stored{When: r.When, If: r.If, Then: r.Then})
		if err != nil {
			t.Fatal(err)
		}
		tk := e.create("hello")
		for _, q := range []string{
			`UPDATE automation_rules SET definition = '` + string(plain) + `'`,
			`INSERT INTO automation_webhooks (rule_id, ticket_id, url, secret, body, state, next_at, created_at) VALUES (?, ?, ?, ?, '{}', 'pending', 0, 0)`,
			`INSERT INTO automation_webhooks (rule_id, ticket_id, url, secret, body, state, next_at, created_at) VALUES (?, ?, ?, ?, '{}', 'sent', 0, 0)`,
		} {
			args := []any{saved.ID, tk.ID, srv.URL, secret}
			if !strings.HasPrefix(q, "INSERT") {
				args = nil
			}
			if _, err := db.Exec(e.ctx, q, args...); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		e.pump() // queues a third call, sealed with k1 from the plain-text rule

		rotated := e.withKeys(keyring(t, "k2", "k1"))
		n, err := rotated.SealSecrets(e.ctx)
		if err != nil || n != 3 {
			t.Fatalf("SealSecrets = %d, %v; want 3 (the rule and two waiting calls)", n, err)
		}
		noSecretIn(t, db, secret)
		def := storetest.Scalar[string](t, db, `SELECT definition FROM automation_rules WHERE id = ?`, saved.ID)
		if !strings.Contains(def, seal.Prefix+"k2:") {
			t.Fatalf("the rule's secret is not sealed with k2: %s", def)
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM automation_webhooks WHERE state = 'pending' AND secret LIKE 'gcenc:v1:k2:%'`); n != 2 {
			t.Fatalf("%d waiting calls sealed with k2, want 2", n)
		}
		if n, err := rotated.SealSecrets(e.ctx); err != nil || n != 0 {
			t.Fatalf("second SealSecrets = %d, %v; want 0", n, err)
		}

		onlyNew := e.withKeys(keyring(t, "k2"))
		if got, err := onlyNew.Rule(e.ctx, saved.ID); err != nil || got.Then[0].Secret != secret {
			t.Fatalf("Rule after rotation opens the secret as %q, %v", got.Then[0].Secret, err)
		}
		if n, err := onlyNew.SendWebhooks(e.ctx); err != nil || n != 2 {
			t.Fatalf("sent %d, %v; want 2", n, err)
		}
		if len(rc.valid) != 2 || !rc.valid[0] || !rc.valid[1] {
			t.Fatalf("signatures valid: %v", rc.valid)
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM automation_webhooks WHERE secret <> ''`); n != 0 {
			t.Fatalf("%d calls keep a secret after sending", n)
		}
	})
}

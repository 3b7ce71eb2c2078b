package automation

import (
	"crypto/hmac"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// received is what the local receiver saw.
type received struct {
	mu     sync.Mutex
	bodies [][]byte
	valid  []bool
	fail   int // answer 500 to this many requests first
}

// receiver checks the signature as a customer's server would.
func (rc *received) handler(secret string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		ts, err := strconv.ParseInt(r.Header.Get(TimestampHeader), 10, 64)
		ok := err == nil && hmac.Equal([]byte(r.Header.Get(SignatureHeader)), []byte(Sign([]byte(secret), ts, body)))
		rc.mu.Lock()
		defer rc.mu.Unlock()
		rc.bodies = append(rc.bodies, body)
		rc.valid = append(rc.valid, ok)
		if rc.fail > 0 {
			rc.fail--
			http.Error(w, "down", http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}
}

// A webhook is sent after the commit by the sender, signed with the rule's
// secret, retried after a failure with backoff, and never shows its secret.
func TestWebhookSignedAndRetried(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		e.auto.AllowPrivate = true // the receiver is on 127.0.0.1
		const secret = "a-webhook-secret-of-some-length"
		rc := &received{fail: 1}
		srv := httptest.NewServer(rc.handler(secret))
		defer srv.Close()
		r := mustParse(t, `{"name":"hook","enabled":true,"when":{"event":"ticket.created"},"then":[{"type":"webhook","url":"`+srv.URL+`/hook","secret":"`+secret+`"}]}`)
		saved, err := e.auto.Save(e.ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		if red := Redacted(saved); red.Then[0].Secret != "" || !red.Then[0].SecretSet {
			t.Fatalf("redacted %+v", red.Then[0])
		}
		// Saving again without the secret keeps it; a new URL needs one.
		saved.Then[0].Secret = ""
		if _, err := e.auto.Save(e.ctx, saved); err != nil {
			t.Fatal(err)
		}
		other := saved
		other.Then = []Action{{Type: Webhook, URL: srv.URL + "/other"}}
		if _, err := e.auto.Save(e.ctx, other); err == nil {
			t.Fatal("a webhook without a secret was saved")
		}
		tk := e.create("hello")
		e.pump()
		if len(rc.bodies) != 0 {
			t.Fatal("the webhook was called from the consumer")
		}
		if n, err := e.auto.SendWebhooks(e.ctx); err != nil || n != 1 {
			t.Fatalf("sent %d, %v", n, err)
		}
		// Failed once: not again until the backoff has passed.
		if n, _ := e.auto.SendWebhooks(e.ctx); n != 0 {
			t.Fatalf("retried at once: %d", n)
		}
		e.clock.Advance(time.Minute + time.Second)
		if n, err := e.auto.SendWebhooks(e.ctx); err != nil || n != 1 {
			t.Fatalf("retry sent %d, %v", n, err)
		}
		if len(rc.bodies) != 2 || !rc.valid[0] || !rc.valid[1] {
			t.Fatalf("%d calls, signatures valid %v", len(rc.bodies), rc.valid)
		}
		var body WebhookBody
		if err := json.Unmarshal(rc.bodies[1], &body); err != nil || body.TicketID != tk.ID || body.Rule != "hook" {
			t.Fatalf("body %s: %v", rc.bodies[1], err)
		}
		if st := storetest.Scalar[string](t, db, `SELECT state FROM automation_webhooks`); st != "sent" {
			t.Fatalf("state %s", st)
		}
		// A wrong secret does not verify.
		if Sign([]byte("another-secret-entirely"), 1, rc.bodies[1]) == Sign([]byte(secret), 1, rc.bodies[1]) {
			t.Fatal("signature ignores the secret")
		}
	})
}

// A receiver that never answers well is given up after maxAttempts.
func TestWebhookGivenUp(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		e.auto.AllowPrivate = true
		rc := &received{fail: 100}
		srv := httptest.NewServer(rc.handler("x"))
		defer srv.Close()
		if _, err := e.auto.Save(e.ctx, mustParse(t, `{"name":"hook","enabled":true,"when":{"event":"ticket.created"},"then":[{"type":"webhook","url":"`+srv.URL+`","secret":"0123456789abcdef"}]}`)); err != nil {
			t.Fatal(err)
		}
		e.create("hello")
		e.pump()
		for range maxAttempts + 2 {
			if _, err := e.auto.SendWebhooks(e.ctx); err != nil {
				t.Fatal(err)
			}
			e.clock.Advance(200 * time.Minute)
		}
		if len(rc.bodies) != maxAttempts {
			t.Fatalf("%d attempts, want %d", len(rc.bodies), maxAttempts)
		}
		if st := storetest.Scalar[string](t, db, `SELECT state FROM automation_webhooks`); st != "failed" {
			t.Fatalf("state %s", st)
		}
	})
}

// Prune keeps a minute of runs for the guard and pending webhooks.
func TestPrune(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		now := db.Now()
		for _, q := range []string{
			`INSERT INTO automation_runs (ticket_id, rule_id, at) VALUES (1, 1, ?)`,
			`INSERT INTO automation_webhooks (rule_id, ticket_id, url, secret, body, state, next_at, created_at) VALUES (1, 1, 'http://x', 's', '{}', 'sent', 0, ?)`,
			`INSERT INTO automation_webhooks (rule_id, ticket_id, url, secret, body, state, next_at, created_at) VALUES (1, 1, 'http://x', 's', '{}', 'pending', 0, ?)`,
		} {
			if _, err := db.Exec(e.ctx, q, now); err != nil {
				t.Fatal(err)
			}
		}
		e.clock.Advance(31 * 24 * time.Hour)
		if _, err := db.Exec(e.ctx, `INSERT INTO automation_runs (ticket_id, rule_id, at) VALUES (1, 1, ?)`, db.Now()); err != nil {
			t.Fatal(err)
		}
		if err := e.auto.Prune(e.ctx); err != nil {
			t.Fatal(err)
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM automation_runs`); n != 1 {
			t.Errorf("%d runs left, want the recent one", n)
		}
		if st := storetest.Scalar[string](t, db, `SELECT state FROM automation_webhooks`); st != "pending" {
			t.Errorf("left %s, want only the pending webhook", st)
		}
	})
}

// By default a webhook cannot reach loopback or private addresses (the
// cloud metadata service, the database): such a rule is refused when
// saved, and one saved while they were allowed fails when sent (retried
// as any failure), and the receiver sees nothing.
func TestWebhookRefusesPrivateAddresses(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		rc := &received{}
		srv := httptest.NewServer(rc.handler("x"))
		defer srv.Close()
		rule := mustParse(t, `{"name":"hook","enabled":true,"when":{"event":"ticket.created"},"then":[{"type":"webhook","url":"`+srv.URL+`","secret":"0123456789abcdef"}]}`)
		if _, err := e.auto.Save(e.ctx, rule); errs.KindOf(err) != errs.Invalid {
			t.Fatalf("a rule calling 127.0.0.1 saved: %v", err)
		}
		e.auto.AllowPrivate = true
		if _, err := e.auto.Save(e.ctx, rule); err != nil {
			t.Fatal(err)
		}
		e.auto.AllowPrivate = false
		e.create("hello")
		e.pump()
		if n, err := e.auto.SendWebhooks(e.ctx); err != nil || n != 1 {
			t.Fatalf("tried %d, %v", n, err)
		}
		if len(rc.bodies) != 0 {
			t.Fatal("the webhook reached a loopback address")
		}
		if msg := storetest.Scalar[string](t, db, `SELECT last_error FROM automation_webhooks`); !strings.Contains(msg, "not a public address") {
			t.Fatalf("last error %q", msg)
		}
	})
}

package risk

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/exchange"
	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/web"
)

// TestBadInput: unsigned, wrongly signed, stale, replayed and malformed
// requests are each refused with a problem body, and nothing is stored.
func TestBadInput(t *testing.T) {
	db := openSQLite(t)
	e := newEnv(t, db)
	srv := e.server()
	good := func(id string) []byte {
		return batch(t, []exchange.RiskEvent{e.event(id, exchange.RiskNewDeviceSignIn, sandbox.UserAyse)})
	}
	if res, body := e.post(srv, good("ok-1"), testSecret, e.clock.Now()); res.StatusCode != http.StatusAccepted {
		t.Fatalf("good request: %d %s", res.StatusCode, body)
	}
	stored := e.count(`SELECT COUNT(*) FROM risk_events`)
	stale := e.event("old", exchange.RiskPasswordChanged, sandbox.UserAyse)
	stale.At = e.clock.Now().Add(-MaxAge - time.Hour)
	future := e.event("future", exchange.RiskPasswordChanged, sandbox.UserAyse)
	future.At = e.clock.Now().Add(time.Hour)
	noAmount := e.event("w1", exchange.RiskLargeWithdrawal, sandbox.UserAyse)
	noAmount.Amount = ""
	var many []exchange.RiskEvent
	for i := range MaxBatch + 1 {
		many = append(many, e.event("m"+itoa(i), exchange.RiskAPIKeyCreated, sandbox.UserAyse))
	}
	cases := []struct {
		name   string
		body   []byte
		secret []byte
		at     time.Time
		code   int
		detail string
	}{
		{"unsigned", good("u1"), nil, e.clock.Now(), 401, "not signed"},
		{"wrong secret", good("u2"), bytes.Repeat([]byte("x"), 32), e.clock.Now(), 401, "wrong signature"},
		{"timestamp outside the window", good("u3"), testSecret, e.clock.Now().Add(-10 * time.Minute), 401, "server's clock"},
		{"replayed event id", good("ok-1"), testSecret, e.clock.Now(), 409, "already received"},
		{"not JSON", []byte("events=1"), testSecret, e.clock.Now(), 400, "JSON"},
		{"two objects", append(good("u4"), []byte(`{}`)...), testSecret, e.clock.Now(), 400, "nothing after it"},
		{"no events", []byte(`{"events":[]}`), testSecret, e.clock.Now(), 400, "at least one"},
		{"too many events", batch(t, many), testSecret, e.clock.Now(), 400, "at most"},
		{"unknown kind", []byte(`{"events":[{"id":"k1","kind":"coffee","user_id":"u-1004","at":"2026-12-05T12:00:00Z"}]}`), testSecret, e.clock.Now(), 400, "kind"},
		{"wrong type", []byte(`{"events":[{"id":7}]}`), testSecret, e.clock.Now(), 400, "wrong type"},
		{"bad id", []byte(`{"events":[{"id":"a b","kind":"password_changed","user_id":"u-1004","at":"2026-12-05T12:00:00Z"}]}`), testSecret, e.clock.Now(), 400, "id"},
		{"stale event", batch(t, []exchange.RiskEvent{stale}), testSecret, e.clock.Now(), 400, "older than"},
		{"future event", batch(t, []exchange.RiskEvent{future}), testSecret, e.clock.Now(), 400, "future"},
		{"withdrawal without amount", batch(t, []exchange.RiskEvent{noAmount}), testSecret, e.clock.Now(), 400, "amount"},
		{"the same id twice", batch(t, []exchange.RiskEvent{e.event("d1", exchange.RiskAPIKeyCreated, "u-1004"), e.event("d1", exchange.RiskAPIKeyCreated, "u-1004")}), testSecret, e.clock.Now(), 400, "twice"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, body := e.post(srv, c.body, c.secret, c.at)
			if res.StatusCode != c.code {
				t.Fatalf("status %d, want %d: %s", res.StatusCode, c.code, body)
			}
			var p web.Problem
			if err := json.Unmarshal(body, &p); err != nil || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/problem+json") {
				t.Fatalf("not a problem body: %s", body)
			}
			if !strings.Contains(p.Detail, c.detail) {
				t.Errorf("detail %q does not say %q", p.Detail, c.detail)
			}
			if n := e.count(`SELECT COUNT(*) FROM risk_events`); n != stored {
				t.Errorf("%d events stored by a refused request", n-stored)
			}
		})
	}
}

func openSQLite(t *testing.T) *store.DB {
	t.Helper()
	return storetestOpen(t)
}

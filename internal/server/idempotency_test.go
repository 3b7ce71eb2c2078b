package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

// fakeClock puts the test app's database on a settable clock.
func (ta *testApp) fakeClock() *store.FakeClock {
	c := store.NewFakeClock(time.Now())
	ta.db.SetClock(c.Now)
	ta.t.Cleanup(func() { ta.db.SetClock(nil) })
	return c
}

func (ta *testApp) count(query string, args ...any) int {
	ta.t.Helper()
	var n int
	if err := ta.db.QueryRow(ta.t.Context(), query, args...).Scan(&n); err != nil {
		ta.t.Fatalf("%s: %v", query, err)
	}
	return n
}

// A second request with a key whose first request is still running waits
// for it, then answers with its response without running the handler.
func TestIdempotencyDuplicateWaits(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		var calls atomic.Int32
		running, release := make(chan struct{}), make(chan struct{})
		next := func(w http.ResponseWriter, r *http.Request) error {
			n := calls.Add(1)
			if _, err := ta.db.Exec(r.Context(), `INSERT INTO teams (name, created_at) VALUES (?, 0)`, fmt.Sprint("team-", n)); err != nil {
				return err
			}
			if n == 1 {
				close(running)
				<-release
			}
			return web.JSON(w, http.StatusCreated, map[string]int32{"call": n})
		}
		send := func() *httptest.ResponseRecorder {
			req := httptest.NewRequest("POST", "/x", strings.NewReader(`{"name":"x"}`))
			req.Header.Set("Idempotency-Key", "dup")
			req = req.WithContext(auth.WithPrincipal(req.Context(), auth.Principal{Agent: auth.Agent{ID: 1}}))
			rec := httptest.NewRecorder()
			if err := ta.idempotent(next, false)(rec, req); err != nil {
				t.Error(err)
			}
			return rec
		}
		first, second := make(chan *httptest.ResponseRecorder, 1), make(chan *httptest.ResponseRecorder, 1)
		go func() { first <- send() }()
		<-running
		go func() { second <- send() }()
		if ta.db.Dialect == store.Postgres {
			// Let the second request reach its claim, where it waits on the first's row.
			waitFor(t, func() bool {
				return ta.count(`SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO idempotency_keys%'`) > 0
			})
		}
		close(release)
		r1, r2 := <-first, <-second
		if r1.Code != http.StatusCreated || strings.TrimSpace(r1.Body.String()) != `{"call":1}` {
			t.Fatalf("first: %d %s", r1.Code, r1.Body)
		}
		if r2.Code != http.StatusCreated || r2.Body.String() != r1.Body.String() || r2.Header().Get("Idempotent-Replayed") != "true" {
			t.Fatalf("second: %d %s (replayed %q), want the first's response", r2.Code, r2.Body, r2.Header().Get("Idempotent-Replayed"))
		}
		if n := calls.Load(); n != 1 {
			t.Fatalf("the handler ran %d times", n)
		}
		if n := ta.count(`SELECT COUNT(*) FROM teams WHERE name LIKE 'team-%'`); n != 1 {
			t.Fatalf("%d teams created", n)
		}
	})
}

// waitFor polls cond until it holds, failing the test after a generous
// bound that only a hang reaches.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	if !poll(2*time.Minute, cond) {
		t.Fatal("condition not reached in two minutes")
	}
}

// poll checks cond until it holds or bound has passed, first every 5 ms
// and then less often, up to every 100 ms: a condition is usually a
// request through the whole app, which under the race detector costs
// more CPU than a 5 ms pause, so fast polling would slow down the very
// work it waits for. It reports whether cond held.
func poll(bound time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(bound)
	for pause := 5 * time.Millisecond; ; pause = min(2*pause, 100*time.Millisecond) {
		if cond() {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(pause)
	}
}

// A request that fails leaves no claim behind: the same key works at once.
func TestIdempotencyFailureLeavesNoClaim(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		body := newTicketBody("fails")
		body["priority"] = "whenever"
		if resp := ta.do("POST", "/api/v1/tickets", "", body, nil, "Idempotency-Key", "f-1"); resp.StatusCode != http.StatusBadRequest {
			t.Fatalf("bad create: %d", resp.StatusCode)
		}
		if n := ta.count(`SELECT COUNT(*) FROM idempotency_keys`); n != 0 {
			t.Fatalf("%d keys after a failed request", n)
		}
		body["priority"] = "high"
		if resp := ta.do("POST", "/api/v1/tickets", "", body, nil, "Idempotency-Key", "f-1"); resp.StatusCode != http.StatusCreated || resp.Header.Get("Idempotent-Replayed") != "" {
			t.Fatalf("retry: %d", resp.StatusCode)
		}
	})
}

// Many clients sending the same create with one key at once (a retrying
// client, a double-clicked button) create it once; all of them get its
// response.
func TestIdempotencyConcurrentDuplicates(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		const clients = 12
		body := newTicketBody("race")
		var wg sync.WaitGroup
		codes := make([]int, clients)
		replayed := make([]bool, clients)
		ids := make([]int64, clients)
		for i := range clients {
			wg.Go(func() {
				raw, _ := json.Marshal(body)
				req, err := http.NewRequest("POST", ta.URL+"/api/v1/tickets", bytes.NewReader(raw))
				if err != nil {
					t.Error(err)
					return
				}
				req.Header.Set("Authorization", "Bearer "+testAdminToken)
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Idempotency-Key", "race-1")
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Error(err)
					return
				}
				defer resp.Body.Close()
				var tk ticket.Ticket
				if resp.StatusCode == http.StatusCreated {
					if err := json.NewDecoder(resp.Body).Decode(&tk); err != nil {
						t.Error(err)
					}
				}
				codes[i], replayed[i], ids[i] = resp.StatusCode, resp.Header.Get("Idempotent-Replayed") == "true", tk.ID
			})
		}
		wg.Wait()
		fresh := 0
		var id int64
		for i, code := range codes {
			switch {
			case code == http.StatusCreated && !replayed[i]:
				fresh++
				id = ids[i]
			case code == http.StatusCreated:
			default:
				t.Errorf("client %d: status %d", i, code)
			}
		}
		if fresh != 1 {
			t.Fatalf("%d fresh creates (codes %v), want 1", fresh, codes)
		}
		for i, code := range codes {
			if code == http.StatusCreated && ids[i] != id {
				t.Errorf("client %d got ticket %d, not %d", i, ids[i], id)
			}
		}
		if n := ta.count(`SELECT COUNT(*) FROM tickets`); n != 1 {
			t.Fatalf("%d tickets, want 1", n)
		}
	})
}

// Keys older than the retention are pruned by the database's clock; newer
// ones keep replaying.
func TestPruneIdempotencyKeys(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		clock := ta.fakeClock()
		ctx := t.Context()
		for i := range 3 {
			if resp := ta.do("POST", "/api/v1/tickets", "", newTicketBody(fmt.Sprint("old", i)), nil, "Idempotency-Key", fmt.Sprint("old-", i)); resp.StatusCode != http.StatusCreated {
				t.Fatalf("create: %d", resp.StatusCode)
			}
		}
		clock.Advance(20 * time.Hour)
		fresh := newTicketBody("fresh")
		var first ticket.Ticket
		ta.do("POST", "/api/v1/tickets", "", fresh, &first, "Idempotency-Key", "fresh")

		if n, err := PruneIdempotencyKeys(ctx, ta.db, DefaultIdempotencyRetention); err != nil || n != 0 {
			t.Fatalf("prune at 20 h = %d, %v; want 0", n, err)
		}
		clock.Advance(5 * time.Hour) // the old keys are 25 h old, the fresh one 5 h
		if n, err := PruneIdempotencyKeys(ctx, ta.db, DefaultIdempotencyRetention); err != nil || n != 3 {
			t.Fatalf("prune at 25 h = %d, %v; want 3", n, err)
		}
		if n := ta.count(`SELECT COUNT(*) FROM idempotency_keys`); n != 1 {
			t.Fatalf("%d keys left, want 1", n)
		}
		var again ticket.Ticket
		if resp := ta.do("POST", "/api/v1/tickets", "", fresh, &again, "Idempotency-Key", "fresh"); resp.Header.Get("Idempotent-Replayed") != "true" || again.ID != first.ID {
			t.Fatalf("the kept key no longer replays: %d, ids %d/%d", resp.StatusCode, again.ID, first.ID)
		}
	})
}

// Pruning goes in batches, so a large backlog goes in several statements.
// (A bare database: the app's own prune loop would race this count.)
func TestPruneIdempotencyKeysInBatches(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := t.Context()
		old := db.Now() - (DefaultIdempotencyRetention + time.Hour).Milliseconds()
		const n = pruneBatch + 7
		err := db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
			for i := range n {
				at := old
				if i%100 == 0 {
					at = db.Now() // a few young keys stay
				}
				if _, err := tx.Exec(ctx, `INSERT INTO idempotency_keys (principal, idem_key, request_hash, status, response, created_at) VALUES ('agent:1', ?, 'h', 201, 'x', ?)`,
					fmt.Sprint("k", i), at); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		young := (n + 99) / 100
		if got, err := PruneIdempotencyKeys(ctx, db, DefaultIdempotencyRetention); err != nil || got != int64(n-young) {
			t.Fatalf("prune = %d, %v; want %d", got, err, n-young)
		}
		var left int
		if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM idempotency_keys`).Scan(&left); err != nil || left != young {
			t.Fatalf("%d keys left (%v), want %d", left, err, young)
		}
	})
}

func TestConfigIdempotencyRetention(t *testing.T) {
	t.Parallel()
	c := Config{}
	if err := c.Validate(); err != nil || c.IdempotencyRetention != DefaultIdempotencyRetention {
		t.Fatalf("default retention = %v, %v", c.IdempotencyRetention, err)
	}
	c = Config{IdempotencyRetention: -time.Hour}
	if err := c.Validate(); err == nil {
		t.Fatal("a negative retention was accepted")
	}
}

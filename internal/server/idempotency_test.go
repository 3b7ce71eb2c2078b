package server

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

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

// adminKey is how the middleware names key for the first admin, with the
// hash of a POST /api/v1/tickets of body.
func adminKey(t *testing.T, key string, body any) idemKey {
	raw, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(append([]byte("POST /api/v1/tickets\n"), raw...))
	return idemKey{principal: "agent:1", key: key, hash: hex.EncodeToString(sum[:])}
}

// A claim left by a request that never finished (a node killed between
// claim and completion) answers 409 until it expires, then the key works.
func TestIdempotencyClaimExpires(t *testing.T) {
	eachEngine(t, func(t *testing.T, ta *testApp) {
		clock := ta.fakeClock()
		body := newTicketBody("claimed")
		k := adminKey(t, "stuck", body)
		if _, done, err := ta.claim(t.Context(), k); err != nil || done != nil {
			t.Fatalf("claim = %v, %v", done, err)
		}

		var p web.Problem
		resp := ta.do("POST", "/api/v1/tickets", "", body, &p, "Idempotency-Key", "stuck")
		if resp.StatusCode != http.StatusConflict || resp.Header.Get("Retry-After") == "" || p.Field != "Idempotency-Key" {
			t.Fatalf("while claimed: %d %+v, Retry-After %q", resp.StatusCode, p, resp.Header.Get("Retry-After"))
		}
		if n := ta.count(`SELECT COUNT(*) FROM tickets`); n != 0 {
			t.Fatalf("%d tickets created under a live claim", n)
		}

		clock.Advance(IdempotencyClaimTTL - time.Second)
		if resp := ta.do("POST", "/api/v1/tickets", "", body, nil, "Idempotency-Key", "stuck"); resp.StatusCode != http.StatusConflict {
			t.Fatalf("just before the claim expires: %d", resp.StatusCode)
		}
		clock.Advance(2 * time.Second)
		var a, b ticket.Ticket
		if resp := ta.do("POST", "/api/v1/tickets", "", body, &a, "Idempotency-Key", "stuck"); resp.StatusCode != http.StatusCreated || resp.Header.Get("Idempotent-Replayed") != "" {
			t.Fatalf("after the claim expired: %d", resp.StatusCode)
		}
		if resp := ta.do("POST", "/api/v1/tickets", "", body, &b, "Idempotency-Key", "stuck"); resp.StatusCode != http.StatusCreated || resp.Header.Get("Idempotent-Replayed") != "true" || a.ID != b.ID {
			t.Fatalf("retry: %d, ids %d/%d", resp.StatusCode, a.ID, b.ID)
		}
		// A different body is still refused while the claim is live.
		other := newTicketBody("other")
		if _, _, err := ta.claim(t.Context(), adminKey(t, "busy", other)); err != nil {
			t.Fatal(err)
		}
		if resp := ta.do("POST", "/api/v1/tickets", "", body, nil, "Idempotency-Key", "busy"); resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("claimed key, different body: %d", resp.StatusCode)
		}
	})
}

// A request that outlived its claim, which another request then took over,
// must not store its response over the new owner's, and its create rolls back.
func TestIdempotencyCompleteIsFenced(t *testing.T) {
	eachEngine(t, func(t *testing.T, ta *testApp) {
		clock := ta.fakeClock()
		ctx := t.Context()
		k := idemKey{principal: "agent:1", key: "slow", hash: "h"}
		first, _, err := ta.claim(ctx, k)
		if err != nil {
			t.Fatal(err)
		}
		clock.Advance(IdempotencyClaimTTL + time.Second)
		second, _, err := ta.claim(ctx, k)
		if err != nil || second == first {
			t.Fatalf("take over = %d, %v (first %d)", second, err, first)
		}
		err = ta.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
			return ta.complete(ctx, tx, k, first, 201, "stale")
		})
		if !errors.Is(err, errKeyInUse) {
			t.Fatalf("complete with the lost claim = %v, want errKeyInUse", err)
		}
		ta.release(ctx, k, first) // must not drop the new owner's claim
		if _, _, err := ta.claim(ctx, k); !errors.Is(err, errKeyInUse) {
			t.Fatalf("claim after the old owner's release = %v, want in use", err)
		}
		err = ta.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
			return ta.complete(ctx, tx, k, second, 201, "fresh")
		})
		if err != nil {
			t.Fatal(err)
		}
		_, done, err := ta.claim(ctx, k)
		if err != nil || done == nil || done.sealed != "fresh" || done.status != 201 {
			t.Fatalf("claim after completion = %+v, %v", done, err)
		}
	})
}

// Many clients sending the same create with one key at once (a retrying
// client, a double-clicked button) create it once; the others get the
// stored response or 409.
func TestIdempotencyConcurrentDuplicates(t *testing.T) {
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
			case code == http.StatusCreated, code == http.StatusConflict:
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
	c := Config{}
	if err := c.Validate(); err != nil || c.IdempotencyRetention != DefaultIdempotencyRetention {
		t.Fatalf("default retention = %v, %v", c.IdempotencyRetention, err)
	}
	c = Config{IdempotencyRetention: -time.Hour}
	if err := c.Validate(); err == nil {
		t.Fatal("a negative retention was accepted")
	}
}

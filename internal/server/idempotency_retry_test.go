package server

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/web"
)

// A keyed request whose transaction PostgreSQL aborts for a deadlock runs
// again and is stored once, whether its key is claimed first or stored at
// commit; a retry with the key replays the answer. The deadlock is forced:
// another transaction holds row B, the handler locks row A and waits for
// B, then the other asks for A. The other waits 20 s before it looks for a
// deadlock, so the handler's transaction (1 s) is the one aborted.
func TestIdempotencyKeyRetriesDeadlock(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.Postgres, false)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for _, atCommit := range []bool{false, true} {
		var rowA, rowB int64
		for i, id := range []*int64{&rowA, &rowB} {
			if err := ta.db.QueryRow(ctx, `INSERT INTO teams (name, created_at) VALUES (?, 0) RETURNING id`, fmt.Sprintf("lock-%v-%d", atCommit, i)).Scan(id); err != nil {
				t.Fatal(err)
			}
		}
		var calls atomic.Int32
		handler := func(w http.ResponseWriter, r *http.Request) error {
			n := calls.Add(1)
			for _, id := range []int64{rowA, rowB} {
				if _, err := ta.db.Exec(r.Context(), `UPDATE teams SET created_at = created_at + 1 WHERE id = ?`, id); err != nil {
					return fmt.Errorf("lock team %d: %w", id, err)
				}
			}
			if _, err := ta.db.Exec(r.Context(), `INSERT INTO teams (name, created_at) VALUES (?, 0)`, fmt.Sprintf("keyed-%v-%d", atCommit, n)); err != nil {
				return err
			}
			return web.JSON(w, http.StatusCreated, map[string]int32{"call": n})
		}
		key := fmt.Sprint("deadlock-", atCommit)
		send := func() *httptest.ResponseRecorder {
			req := httptest.NewRequest("POST", "/x", strings.NewReader(`{"n":1}`))
			req.Header.Set("Idempotency-Key", key)
			req = req.WithContext(auth.WithPrincipal(ctx, auth.Principal{Agent: auth.Agent{ID: 1}}))
			rec := httptest.NewRecorder()
			ta.serve(ta.idempotent(handler, atCommit)).ServeHTTP(rec, req)
			return rec
		}

		retriesBefore := ta.db.Retries()
		holding := make(chan struct{})
		first := make(chan *httptest.ResponseRecorder, 1)
		go func() {
			<-holding
			first <- send()
		}()
		opened := false
		err := ta.db.Tx(ctx, func(txCtx context.Context, tx *store.Tx) error {
			if _, err := tx.Exec(txCtx, `SET LOCAL deadlock_timeout = '20s'`); err != nil {
				return err
			}
			if _, err := tx.Exec(txCtx, `UPDATE teams SET created_at = created_at + 1 WHERE id = ?`, rowB); err != nil {
				return err
			}
			if !opened {
				opened = true
				close(holding)
				if err := storetest.WaitForLockWait(ctx, ta.db, nil); err != nil {
					return err
				}
			}
			_, err := tx.Exec(txCtx, `UPDATE teams SET created_at = created_at + 1 WHERE id = ?`, rowA)
			return err
		})
		if err != nil {
			t.Fatalf("atCommit %v: the other transaction: %v", atCommit, err)
		}
		r1 := <-first
		if r1.Code != http.StatusCreated {
			t.Fatalf("atCommit %v: the keyed request answered %d %s, want 201", atCommit, r1.Code, r1.Body)
		}
		if ta.db.Retries() == retriesBefore {
			t.Fatalf("atCommit %v: no transaction ran again: the deadlock did not happen, so this case proves nothing", atCommit)
		}
		r2 := send()
		if r2.Code != http.StatusCreated || r2.Header().Get("Idempotent-Replayed") != "true" || r2.Body.String() != r1.Body.String() {
			t.Errorf("atCommit %v: the retry answered %d %s (replayed %q), want the first's %s replayed", atCommit, r2.Code, r2.Body, r2.Header().Get("Idempotent-Replayed"), r1.Body)
		}
		if n := ta.count(`SELECT COUNT(*) FROM teams WHERE name LIKE ?`, fmt.Sprintf("keyed-%v-%%", atCommit)); n != 1 {
			t.Errorf("atCommit %v: the handler's row is stored %d times, want once", atCommit, n)
		}
		if n := ta.count(`SELECT COUNT(*) FROM idempotency_keys WHERE idem_key = ?`, key); n != 1 {
			t.Errorf("atCommit %v: %d keys stored, want 1", atCommit, n)
		}
	}
}

package server

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/web"
)

// A key stored with the commit (the intake's routes) behaves as a claimed
// one from outside: the first success is kept and replayed, whatever a
// later request with the key does, and a request that fails with no
// stored key leaves none behind. Each case sends "first" and then "retry"
// with one key.
func TestIdempotencyKeyStoredAtCommit(t *testing.T) {
	t.Parallel()
	type outcome int
	const (
		created  outcome = iota // writes a team, 201
		failed                  // writes a team, then returns an error: rolled back
		answered                // writes a team, answers 422 itself: committed
	)
	cases := []struct {
		name          string
		first, retry  outcome
		wantFirst     int
		wantRetry     int
		wantReplayed  bool
		wantTeams     int // rows the two requests left
		wantKeys      int
		sameBodyTwice bool
	}{
		{"success, then the same request", created, created, 201, 201, true, 1, 1, true},
		{"success, then a failure", created, failed, 201, 201, true, 1, 1, true},
		{"success, then an answered failure", created, answered, 201, 201, true, 1, 1, true},
		{"failure, then a success", failed, created, 409, 201, false, 1, 1, true},
		{"answered failure, then a success", answered, created, 422, 201, false, 2, 1, true},
		{"success, then another body", created, created, 201, 422, false, 1, 1, false},
	}
	eachEngine(t, func(t *testing.T, ta *testApp) {
		for i, c := range cases {
			var calls atomic.Int32
			handler := func(o outcome) web.Handler {
				return func(w http.ResponseWriter, r *http.Request) error {
					n := calls.Add(1)
					if _, err := ta.db.Exec(r.Context(), `INSERT INTO teams (name, created_at) VALUES (?, 0)`, fmt.Sprintf("case%d-%d", i, n)); err != nil {
						return err
					}
					switch o {
					case failed:
						return errs.E(errs.Conflict, "the ticket is closed")
					case answered:
						web.WriteProblem(w, web.Problem{Title: "blocked", Status: http.StatusUnprocessableEntity})
						return nil
					}
					return web.JSON(w, http.StatusCreated, map[string]int32{"call": n})
				}
			}
			send := func(o outcome, body string) *httptest.ResponseRecorder {
				req := httptest.NewRequest("POST", "/x", strings.NewReader(body))
				req.Header.Set("Idempotency-Key", fmt.Sprint("commit-", i))
				req = req.WithContext(auth.WithPrincipal(req.Context(), auth.Principal{Agent: auth.Agent{ID: 1}}))
				rec := httptest.NewRecorder()
				ta.serve(ta.idempotent(handler(o), true)).ServeHTTP(rec, req)
				return rec
			}
			retryBody := `{"n":1}`
			if !c.sameBodyTwice {
				retryBody = `{"n":2}`
			}
			r1 := send(c.first, `{"n":1}`)
			r2 := send(c.retry, retryBody)
			if r1.Code != c.wantFirst || r2.Code != c.wantRetry {
				t.Errorf("%s: statuses %d then %d, want %d then %d (%s)", c.name, r1.Code, r2.Code, c.wantFirst, c.wantRetry, r2.Body)
			}
			if got := r2.Header().Get("Idempotent-Replayed") == "true"; got != c.wantReplayed {
				t.Errorf("%s: retry replayed %v, want %v", c.name, got, c.wantReplayed)
			}
			if c.wantReplayed && r2.Body.String() != r1.Body.String() {
				t.Errorf("%s: retry answered %s, want the first's %s", c.name, r2.Body, r1.Body)
			}
			if n := ta.count(`SELECT COUNT(*) FROM teams WHERE name LIKE ?`, fmt.Sprintf("case%d-%%", i)); n != c.wantTeams {
				t.Errorf("%s: %d teams written, want %d", c.name, n, c.wantTeams)
			}
			if n := ta.count(`SELECT COUNT(*) FROM idempotency_keys WHERE idem_key = ?`, fmt.Sprint("commit-", i)); n != c.wantKeys {
				t.Errorf("%s: %d keys stored, want %d", c.name, n, c.wantKeys)
			}
		}
	})
}

// The intake's routes store their key at commit, and every one of them is
// an idempotent route of the table: a renamed path would silently go back
// to claiming first, or make a route idempotent that was not.
func TestClaimedAtCommitRoutesAreIdempotent(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, false)
	idempotent := map[string]bool{}
	for _, rt := range ta.APIRoutes() {
		idempotent[rt.Method+" "+rt.Path] = rt.Idempotent
	}
	for pattern := range claimedAtCommit {
		if !idempotent[pattern] {
			t.Errorf("%s stores its key at commit but is no idempotent route", pattern)
		}
	}
	if !claimedAtCommit["POST /api/v1/tickets/{id}/customer-messages"] {
		t.Error("the customer intake claims its key first")
	}
}

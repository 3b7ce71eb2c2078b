package server

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/web"
)

// An Idempotency-Key goes through three states in idempotency_keys: absent;
// claimed (status 0, claimed_at in created_at) while its first request
// runs; done (the response's status and sealed body). The claim is its own
// short statement before the create's transaction, so that transaction
// holds only the create's SQL; the response is stored in the create's
// transaction, fenced by the claim, so a create and its stored response
// commit together or not at all.

// IdempotencyClaimTTL is how long a claim holds without a response. A node
// that died between claim and completion leaves a claim that expires after
// this, so the key is not wedged; a request running longer than this loses
// its claim and rolls back.
const IdempotencyClaimTTL = time.Minute

// DefaultIdempotencyRetention is how long a key's response is kept for
// retries when Config.IdempotencyRetention is 0.
const DefaultIdempotencyRetention = 24 * time.Hour

// idemKey names one key of one principal.
type idemKey struct {
	principal, key, hash string
}

// errKeyInUse is a concurrent request with the same key still running.
var errKeyInUse = errors.New("a request with this Idempotency-Key is still being processed")

// errKeyReused is the same key with another body.
var errKeyReused = &errs.Error{Kind: errs.Invalid, Msg: "this Idempotency-Key was used with a different request body", Field: "Idempotency-Key"}

// storedResponse is a completed key's response, still sealed.
type storedResponse struct {
	status int
	sealed string
}

// claim takes the key for this request. It returns a stored response
// instead when the key is done, errKeyReused when the key was used with
// another body, and errKeyInUse while another request holds a live claim.
// On success, claimedAt fences the later completion or release.
func (a *App) claim(ctx context.Context, k idemKey) (claimedAt int64, done *storedResponse, err error) {
	for range 3 {
		now := a.db.Now()
		res, err := a.db.Exec(ctx, `INSERT INTO idempotency_keys (principal, idem_key, request_hash, status, response, created_at)
			VALUES (?, ?, ?, 0, '', ?) ON CONFLICT DO NOTHING`, k.principal, k.key, k.hash, now)
		if err != nil {
			return 0, nil, fmt.Errorf("claim Idempotency-Key: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return 0, nil, fmt.Errorf("claim Idempotency-Key: %w", err)
		} else if n == 1 {
			return now, nil, nil
		}
		var hash, response string
		var status int
		var at int64
		err = a.db.QueryRow(ctx, `SELECT request_hash, status, response, created_at FROM idempotency_keys WHERE principal = ? AND idem_key = ?`, k.principal, k.key).
			Scan(&hash, &status, &response, &at)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			continue // released or pruned meanwhile: claim again
		case err != nil:
			return 0, nil, fmt.Errorf("claim Idempotency-Key: %w", err)
		case hash != k.hash:
			return 0, nil, errKeyReused
		case status != 0:
			return 0, &storedResponse{status: status, sealed: response}, nil
		case now-at < IdempotencyClaimTTL.Milliseconds():
			return 0, nil, errKeyInUse
		}
		// An expired claim: take it over, unless another request just did.
		res, err = a.db.Exec(ctx, `UPDATE idempotency_keys SET created_at = ? WHERE principal = ? AND idem_key = ? AND status = 0 AND created_at = ?`,
			now, k.principal, k.key, at)
		if err != nil {
			return 0, nil, fmt.Errorf("take over Idempotency-Key: %w", err)
		}
		if n, err := res.RowsAffected(); err == nil && n == 1 {
			return now, nil, nil
		}
	}
	return 0, nil, errKeyInUse
}

// complete stores the response under the claim, in the create's
// transaction. It fails with errKeyInUse when the claim expired and another
// request took the key over: the create then rolls back.
func (a *App) complete(ctx context.Context, tx *store.Tx, k idemKey, claimedAt int64, status int, sealed string) error {
	res, err := tx.Exec(ctx, `UPDATE idempotency_keys SET status = ?, response = ? WHERE principal = ? AND idem_key = ? AND status = 0 AND created_at = ?`,
		status, sealed, k.principal, k.key, claimedAt)
	if err != nil {
		return fmt.Errorf("store Idempotency-Key response: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return errKeyInUse
	}
	return nil
}

// release gives the key back after a request that stored no response
// (an error, or a non-2xx answer), so that a retry runs again.
func (a *App) release(ctx context.Context, k idemKey, claimedAt int64) {
	_, err := a.db.Exec(context.WithoutCancel(ctx), `DELETE FROM idempotency_keys WHERE principal = ? AND idem_key = ? AND status = 0 AND created_at = ?`,
		k.principal, k.key, claimedAt)
	if err != nil {
		// The claim expires on its own; until then a retry gets 409.
		a.log.Warn("release Idempotency-Key", "err", err)
	}
}

// runIdempotent is the idempotent middleware's work for a request that
// carries a key: claim, run the handler and store its response in one
// transaction, or replay the stored response.
func (a *App) runIdempotent(next web.Handler, w http.ResponseWriter, r *http.Request, key string) error {
	body, err := web.ReadBody(r, 1<<20)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(append([]byte(r.Method+" "+r.URL.Path+"\n"), body...))
	p, _ := auth.PrincipalFrom(r.Context())
	k := idemKey{principal: "agent:" + strconv.FormatInt(p.Agent.ID, 10), key: key, hash: hex.EncodeToString(sum[:])}

	claimedAt, done, err := a.claim(r.Context(), k)
	if err != nil {
		return idempotencyProblem(w, r, err)
	}
	rec := &recorder{header: http.Header{}}
	if done != nil {
		response, err := a.keys.Open(done.sealed, idempotencyAAD(k.principal, k.key))
		if err != nil {
			return fmt.Errorf("stored response for Idempotency-Key: %w", err)
		}
		rec.status = done.status
		rec.header.Set("Content-Type", "application/json")
		rec.body.WriteString(response)
		rec.header.Set("Idempotent-Replayed", "true")
		return rec.replay(w)
	}

	stored := false
	err = a.db.Tx(r.Context(), func(ctx context.Context, tx *store.Tx) error {
		r2 := r.WithContext(ctx)
		r2.Body = readCloser{bytes.NewReader(body)}
		if err := next(rec, r2); err != nil {
			return err
		}
		if rec.status >= 300 {
			return nil
		}
		// The response holds what was created (a message's body, say), so
		// it is sealed at rest like messages.body.
		sealed, err := a.keys.Seal(rec.body.String(), idempotencyAAD(k.principal, k.key))
		if err != nil {
			return err
		}
		stored = true
		return a.complete(ctx, tx, k, claimedAt, rec.status, sealed)
	})
	if err != nil || !stored {
		a.release(r.Context(), k, claimedAt)
	}
	if err != nil {
		return idempotencyProblem(w, r, err)
	}
	return rec.replay(w)
}

// replay writes the recorded response to w.
func (rec *recorder) replay(w http.ResponseWriter) error {
	for k, v := range rec.header {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.status)
	_, err := w.Write(rec.body.Bytes())
	return err
}

// idempotencyProblem writes the key's own problems (422 for a reused key,
// as the IETF idempotency draft suggests; 409 for a key in use) and
// returns any other error for the usual handling.
func idempotencyProblem(w http.ResponseWriter, r *http.Request, err error) error {
	switch {
	case errors.Is(err, errKeyInUse):
		w.Header().Set("Retry-After", "1")
		web.WriteProblem(w, web.Problem{Type: "https://groundcrew.dev/problems/idempotency_key_in_use",
			Title: "Idempotency-Key in use", Status: http.StatusConflict, Detail: errKeyInUse.Error() + "; retry later", Instance: r.URL.Path, Field: "Idempotency-Key"})
		return nil
	case errors.Is(err, errKeyReused):
		web.WriteProblem(w, web.Problem{Type: "https://groundcrew.dev/problems/idempotency_key_reused",
			Title: "Idempotency-Key reused", Status: http.StatusUnprocessableEntity, Detail: errKeyReused.Msg, Instance: r.URL.Path, Field: "Idempotency-Key"})
		return nil
	}
	return err
}

// pruneBatch is how many keys one prune statement deletes, so that a large
// backlog never holds a long lock.
const pruneBatch = 1000

// PruneIdempotencyKeys deletes keys claimed more than retention ago, by the
// database's clock, and returns how many it deleted.
func PruneIdempotencyKeys(ctx context.Context, db *store.DB, retention time.Duration) (int64, error) {
	cutoff := db.Now() - retention.Milliseconds()
	var total int64
	for {
		res, err := db.Exec(ctx, `DELETE FROM idempotency_keys WHERE (principal, idem_key) IN
			(SELECT principal, idem_key FROM idempotency_keys WHERE created_at < ? LIMIT ?)`, cutoff, pruneBatch)
		if err != nil {
			return total, fmt.Errorf("prune idempotency keys: %w", err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return total, fmt.Errorf("prune idempotency keys: %w", err)
		}
		total += n
		if n < pruneBatch {
			return total, nil
		}
	}
}

// pruneEvery is how often the prune loop runs.
const pruneEvery = 10 * time.Minute

// startPrune deletes expired Idempotency-Keys at start and then every
// pruneEvery until bg ends.
func (a *App) startPrune(bg context.Context) {
	a.wg.Add(1)
	go func() {
		defer a.wg.Done()
		t := time.NewTicker(pruneEvery)
		defer t.Stop()
		for {
			n, err := PruneIdempotencyKeys(bg, a.db, a.cfg.IdempotencyRetention)
			switch {
			case err != nil && bg.Err() == nil:
				a.log.Warn("prune", "err", err)
			case n > 0:
				a.log.Log(bg, slog.LevelDebug, "pruned idempotency keys", "count", n, "retention", a.cfg.IdempotencyRetention)
			}
			select {
			case <-bg.Done():
				return
			case <-t.C:
			}
		}
	}()
}

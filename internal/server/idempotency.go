package server

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/web"
)

// An Idempotency-Key is claimed by the first statement of the create's
// own transaction and completed by its last, so the create and its stored
// response commit together or not at all, and a request that fails or a
// node that dies leaves nothing behind: no claim can outlive its request.
// A second request with the same key waits at its claim (PostgreSQL's
// unique index; SQLite's one writer) until the first commits, then answers
// with the stored response without running the handler.
//
// A claim committed on its own before the transaction would answer that
// second request with 409 instead of making it wait, but costs a commit of
// its own on every create: about 10% more PostgreSQL CPU a message and a
// worse tail at 1,000 messages/s (BENCHMARKS.md), so it is not done.
//
// Routes whose handlers write nothing outside the request's transaction
// (claimedAtCommit in routes.go: ticket creates and messages, the intake
// that carries most keys) skip the claim: the key and its response are
// inserted once, with the commit, in the outbox's statement. That saves
// the claim's round trip and statement and writes the key's row once
// instead of twice. A duplicate then runs the handler too, but cannot
// commit: its INSERT waits on the first's uncommitted key (PostgreSQL's
// unique index; SQLite's one writer) and fails when that commits, its
// transaction rolls back, and it answers with the stored response. A
// retry that fails where the first succeeded (its ticket since closed)
// finds the stored key before giving its error, so it replays as well.

// DefaultIdempotencyRetention is how long a key's response is kept for
// retries when Config.IdempotencyRetention is 0.
const DefaultIdempotencyRetention = 24 * time.Hour

// idemKey names one key of one principal, with the request's hash.
type idemKey struct {
	principal, key, hash string
}

// errKeyReused is the same key with another body.
var errKeyReused = &errs.Error{Kind: errs.Invalid, Msg: "this Idempotency-Key was used with a different request body", Field: "Idempotency-Key"}

// errKeyTaken is a key already stored (by an earlier or concurrent request).
var errKeyTaken = errors.New("Idempotency-Key already stored")

// storedResponse is a completed key's response, still sealed.
type storedResponse struct {
	status int
	sealed string
}

// claim inserts the key, status 0 and no response yet, as the first
// statement of tx. It returns errKeyTaken when the key is stored already.
func claim(ctx context.Context, tx *store.Tx, k idemKey) error {
	res, err := tx.Exec(ctx, `INSERT INTO idempotency_keys (principal, idem_key, request_hash, status, response, created_at)
		VALUES (?, ?, ?, 0, '', ?) ON CONFLICT DO NOTHING`, k.principal, k.key, k.hash, tx.Now())
	if err != nil {
		return fmt.Errorf("claim Idempotency-Key: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("claim Idempotency-Key: %w", err)
	} else if n == 0 {
		return errKeyTaken
	}
	return nil
}

// complete stores the response under the claim, or, with no response to
// keep (status 0), drops the claim so that a retry runs again. It goes with
// the commit (Tx.AtCommit): on PostgreSQL in the outbox's statement, no
// round trip of its own; a failure fails the commit.
func complete(tx *store.Tx, k idemKey, status int, sealed string) error {
	q, args := `UPDATE idempotency_keys SET status = ?, response = ? WHERE principal = ? AND idem_key = ?`, []any{status, sealed, k.principal, k.key}
	if status == 0 {
		q, args = `DELETE FROM idempotency_keys WHERE principal = ? AND idem_key = ?`, []any{k.principal, k.key}
	}
	tx.AtCommit(q, args...)
	return nil
}

// lookup returns the key's stored response, or errKeyReused when the key
// was used with another body.
func (a *App) lookup(ctx context.Context, k idemKey) (*storedResponse, error) {
	var hash string
	var r storedResponse
	err := a.db.QueryRow(ctx, `SELECT request_hash, status, response FROM idempotency_keys WHERE principal = ? AND idem_key = ?`, k.principal, k.key).
		Scan(&hash, &r.status, &r.sealed)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, fmt.Errorf("look up Idempotency-Key: stored but not found")
	case err != nil:
		return nil, fmt.Errorf("look up Idempotency-Key: %w", err)
	case hash != k.hash:
		return nil, errKeyReused
	}
	return &r, nil
}

// runIdempotent is the idempotent middleware's work for a request that
// carries a key: claim it, run the handler and store its response in one
// transaction, or replay the response stored under the key.
func (a *App) runIdempotent(next web.Handler, w http.ResponseWriter, r *http.Request, key string, atCommit bool) error {
	body, err := web.ReadBody(r, 1<<20)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(append([]byte(r.Method+" "+r.URL.Path+"\n"), body...))
	p, _ := auth.PrincipalFrom(r.Context())
	k := idemKey{principal: "agent:" + strconv.FormatInt(p.Agent.ID, 10), key: key, hash: hex.EncodeToString(sum[:])}
	if atCommit {
		return a.runKeyedAtCommit(next, w, r, k, body)
	}

	var rec *recorder
	// The claim, the handler's writes and the response are one transaction,
	// so a deadlock's retry runs them again whole: the aborted run stored
	// nothing, the key included (routes.go says what handlers may do
	// outside it).
	err = a.db.TxRetry(r.Context(), func(ctx context.Context, tx *store.Tx) error {
		rec = &recorder{header: http.Header{}} // what an aborted run wrote is not the answer
		if err := claim(ctx, tx, k); err != nil {
			return err
		}
		r2 := r.WithContext(ctx)
		r2.Body = readCloser{bytes.NewReader(body)}
		if err := next(rec, r2); err != nil {
			return err
		}
		if rec.status >= 300 {
			return complete(tx, k, 0, "") // nothing to replay: a retry runs again
		}
		// The response holds what was created (a message's body, say), so
		// it is sealed at rest like messages.body.
		sealed, err := a.keys.Seal(rec.body.String(), idempotencyAAD(k.principal, k.key))
		if err != nil {
			return err
		}
		return complete(tx, k, rec.status, sealed)
	})
	if errors.Is(err, errKeyTaken) {
		done, err := a.lookup(r.Context(), k)
		if err != nil {
			return idempotencyProblem(w, r, err)
		}
		return a.replayStored(w, k, done)
	}
	if err != nil {
		return err
	}
	return rec.replay(w)
}

// runKeyedAtCommit is runIdempotent for a handler that writes only through
// the request's transaction: no claim first, the key inserted with the
// commit (see the top of this file).
func (a *App) runKeyedAtCommit(next web.Handler, w http.ResponseWriter, r *http.Request, k idemKey, body []byte) error {
	var rec *recorder
	// The handler's one store call ends the transaction (claimedAtCommit):
	// it may send its writes with the commit (store.Ending). It writes only
	// through the transaction, so a deadlock's retry runs it again whole.
	err := a.db.TxRetry(store.Ending(r.Context()), func(ctx context.Context, tx *store.Tx) error {
		rec = &recorder{header: http.Header{}} // what an aborted run wrote is not the answer
		r2 := r.WithContext(ctx)
		r2.Body = readCloser{bytes.NewReader(body)}
		if err := next(rec, r2); err != nil {
			return err
		}
		if rec.status >= 300 {
			// What the failure wrote (a blocked message's audit record)
			// commits, unless the key holds a response to replay instead.
			if stored, err := keyStored(ctx, tx, k); err != nil || stored {
				return cmp.Or(err, errKeyTaken)
			}
			return nil
		}
		sealed, err := a.keys.Seal(rec.body.String(), idempotencyAAD(k.principal, k.key))
		if err != nil {
			return err
		}
		tx.AtCommit(`INSERT INTO idempotency_keys (principal, idem_key, request_hash, status, response, created_at)
			VALUES (?, ?, ?, ?, ?, ?)`, k.principal, k.key, k.hash, rec.status, sealed, tx.Now())
		return nil
	})
	if err == nil {
		return rec.replay(w)
	}
	if !errors.Is(err, errKeyTaken) {
		// The handler failed, or the key's INSERT did because a duplicate
		// committed first; and a retry of a request that succeeded before
		// (whose ticket has since closed, say) fails now: whenever the key
		// is stored, its response is the answer.
		if stored, serr := keyStored(r.Context(), a.db, k); serr != nil || !stored {
			return cmp.Or(serr, err)
		}
	}
	done, err := a.lookup(r.Context(), k)
	if err != nil {
		return idempotencyProblem(w, r, err)
	}
	return a.replayStored(w, k, done)
}

// rowQuerier is what keyStored reads with: a transaction or the database.
type rowQuerier interface {
	QueryRow(ctx context.Context, query string, args ...any) *sql.Row
}

// keyStored reports whether the principal's key is stored, whatever its
// request hash (lookup tells a reused key apart).
func keyStored(ctx context.Context, q rowQuerier, k idemKey) (bool, error) {
	var n int
	if err := q.QueryRow(ctx, `SELECT COUNT(*) FROM idempotency_keys WHERE principal = ? AND idem_key = ?`, k.principal, k.key).Scan(&n); err != nil {
		return false, fmt.Errorf("look up Idempotency-Key: %w", err)
	}
	return n > 0, nil
}

// replayStored answers with a stored response.
func (a *App) replayStored(w http.ResponseWriter, k idemKey, done *storedResponse) error {
	response, err := a.keys.Open(done.sealed, idempotencyAAD(k.principal, k.key))
	if err != nil {
		return fmt.Errorf("stored response for Idempotency-Key: %w", err)
	}
	rec := &recorder{header: http.Header{}, status: done.status}
	rec.header.Set("Content-Type", "application/json")
	rec.header.Set("Idempotent-Replayed", "true")
	rec.body.WriteString(response)
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

// idempotencyProblem writes 422 for a reused key, as the IETF idempotency
// draft suggests, and returns any other error for the usual handling.
func idempotencyProblem(w http.ResponseWriter, r *http.Request, err error) error {
	if errors.Is(err, errKeyReused) {
		web.WriteProblem(w, web.Problem{Type: "https://groundcrew.dev/problems/idempotency_key_reused",
			Title: "Idempotency-Key reused", Status: http.StatusUnprocessableEntity, Detail: errKeyReused.Msg, Instance: r.URL.Path, Field: "Idempotency-Key"})
		return nil
	}
	return err
}

// pruneBatch is how many keys one prune statement deletes, so that a large
// backlog never holds a long lock.
const pruneBatch = 1000

// PruneIdempotencyKeys deletes keys stored more than retention ago, by the
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

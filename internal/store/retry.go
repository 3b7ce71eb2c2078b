package store

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// txAttempts bounds how many times TxRetry runs a transaction that
// PostgreSQL aborted for a deadlock or a serialisation failure.
const txAttempts = 4

// retryable reports whether err is PostgreSQL's deadlock_detected (40P01)
// or serialization_failure (40001): the transaction was rolled back as a
// whole, nothing of it is stored, and running it again may succeed.
func retryable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40P01" || pe.Code == "40001")
}

// TxRetry is Tx for writes that two nodes may make at once in orders that
// can deadlock (a group commit's batch holds several customers' rows):
// when PostgreSQL aborts the transaction with a deadlock or serialisation
// failure, fn runs again in a new transaction, up to txAttempts times in
// all, after a short random pause. The aborted run stored nothing, so
// nothing is written twice; fn must only bear running again (reset what
// it builds outside the transaction at its start). Inside an outer
// transaction fn joins it, and the outer's owner decides.
func (db *DB) TxRetry(ctx context.Context, fn func(ctx context.Context, tx *Tx) error) error {
	if txFrom(ctx, db) != nil {
		return db.Tx(ctx, fn)
	}
	for attempt := 1; ; attempt++ {
		err := db.Tx(ctx, fn)
		if err == nil || attempt == txAttempts || !retryable(err) {
			return err
		}
		db.retries.Add(1)
		// The other transaction usually commits within milliseconds;
		// jitter keeps two retrying nodes from meeting again in step.
		pause := time.Duration(attempt) * time.Duration(2+rand.IntN(8)) * time.Millisecond
		select {
		case <-ctx.Done():
			return err
		case <-time.After(pause):
		}
	}
}

// Retries is how many times TxRetry ran a transaction again.
func (db *DB) Retries() int64 { return db.retries.Load() }

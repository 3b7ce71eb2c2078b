package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// On PostgreSQL a transaction is a connection on which this package sends
// BEGIN and COMMIT itself, rather than database/sql's Tx, so that COMMIT
// goes in one round trip with the transaction's last statement (the
// outbox's INSERT, with the late writes) through pgx's batch: a keyed
// message paid a round trip, in CPU on both sides of the socket, for a
// COMMIT alone. If that statement fails, PostgreSQL skips the COMMIT
// behind it and the transaction is rolled back. A connection that goes
// back to the pool with a transaction still open is discarded by pgx
// (its ResetSession), so no failure path can leak one into the pool.

// errCommitRolledBack is a COMMIT that PostgreSQL answered with ROLLBACK:
// the transaction had failed before it.
var errCommitRolledBack = errors.New("commit: the transaction had failed and was rolled back")

// begin starts a transaction on the write pool.
func (db *DB) begin(ctx context.Context) (*Tx, error) {
	if db.Dialect != Postgres {
		sqlTx, err := db.write.BeginTx(ctx, nil)
		if err != nil {
			return nil, err
		}
		return &Tx{db: db, sqlTx: sqlTx, q: sqlTx}, nil
	}
	conn, err := db.write.Conn(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := conn.ExecContext(ctx, "BEGIN"); err != nil {
		_ = conn.Close()
		return nil, err
	}
	return &Tx{db: db, conn: conn, q: conn}, nil
}

// rollback ends a transaction that failed.
func (tx *Tx) rollback(ctx context.Context) {
	if tx.sqlTx != nil {
		_ = tx.sqlTx.Rollback()
		return
	}
	// Even when ctx has ended: the connection goes back to the pool.
	_, _ = tx.conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
	_ = tx.conn.Close()
}

// commit writes the outbox and the late writes, then commits.
func (tx *Tx) commit(ctx context.Context) error {
	writes := tx.outboxWrites()
	var last *lateWrite
	if tx.conn != nil && len(writes) > 0 {
		last, writes = &writes[len(writes)-1], writes[:len(writes)-1]
	}
	for _, w := range writes {
		if _, err := tx.Exec(ctx, w.query, w.args...); err != nil {
			tx.rollback(ctx)
			return w.failed(err)
		}
	}
	if tx.conn != nil {
		return tx.commitPostgres(ctx, last)
	}
	if err := tx.sqlTx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// commitPostgres sends last (if any) and COMMIT in one round trip and
// hands the connection back.
func (tx *Tx) commitPostgres(ctx context.Context, last *lateWrite) error {
	err := tx.conn.Raw(func(dc any) error {
		sc, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("commit: unexpected driver connection %T", dc)
		}
		b := &pgx.Batch{}
		if last != nil { // no round trip of its own: Tx counted COMMIT's
			b.Queue(tx.db.Rebind(last.query), last.args...)
		}
		b.Queue("COMMIT")
		res := sc.Conn().SendBatch(ctx, b)
		if last != nil {
			if _, err := res.Exec(); err != nil {
				_ = res.Close()
				return last.failed(err)
			}
		}
		tag, err := res.Exec()
		if cerr := res.Close(); err == nil {
			err = cerr
		}
		if err == nil && tag.String() == "ROLLBACK" {
			err = errCommitRolledBack
		}
		return err
	})
	if err != nil {
		tx.rollback(ctx) // a no-op when COMMIT ran; ends what a failed write left open
		return fmt.Errorf("commit: %w", err)
	}
	return tx.conn.Close()
}

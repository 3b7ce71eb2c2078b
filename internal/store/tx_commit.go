package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// On PostgreSQL a transaction is a connection on which this package sends
// BEGIN and COMMIT itself, rather than database/sql's Tx, so that neither
// costs a round trip of its own, paid in CPU on both sides of the socket:
// COMMIT goes with the transaction's last statement (the outbox's INSERT,
// with the late writes) in one pgx batch, and BEGIN waits for the first
// statement and goes with it when that is a ScanRow (the ticket head of
// every message), else alone just before it. If a statement of a batch
// fails, PostgreSQL skips the rest of the batch (the COMMIT behind it)
// and the transaction is rolled back. A connection that goes back to the
// pool with a transaction still open is discarded by pgx (its
// ResetSession), so no failure path can leak one into the pool.

// errCommitRolledBack is a COMMIT that PostgreSQL answered with ROLLBACK:
// the transaction had failed before it.
var errCommitRolledBack = errors.New("the transaction had failed and was rolled back")

// begin starts a transaction on the write pool.
func (db *DB) begin(ctx context.Context) (*Tx, error) {
	if db.Dialect != Postgres {
		db.roundTrips.Add(2) // BEGIN, and COMMIT or ROLLBACK
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
	return &Tx{db: db, conn: conn, q: conn}, nil
}

// ensureBegun sends BEGIN on its own if no statement has carried it yet.
func (tx *Tx) ensureBegun(ctx context.Context) error {
	if tx.conn == nil || tx.begun || tx.failed != nil {
		return tx.failed
	}
	tx.db.roundTrips.Add(1)
	if _, err := tx.conn.ExecContext(ctx, "BEGIN"); err != nil {
		tx.failed = fmt.Errorf("begin: %w", err)
		return tx.failed
	}
	tx.begun = true
	return nil
}

// ScanRow runs a query for one row and scans it into dest, like
// QueryRow(...).Scan(dest...). On PostgreSQL, as the transaction's first
// statement, it carries BEGIN in its round trip; pgx scans the row then,
// so dest must be types pgx scans (Go's basic types, sql.Null*).
func (tx *Tx) ScanRow(ctx context.Context, dest []any, query string, args ...any) error {
	if tx.conn == nil || tx.begun || tx.failed != nil {
		return tx.QueryRow(ctx, query, args...).Scan(dest...)
	}
	tx.db.roundTrips.Add(1)
	return tx.conn.Raw(func(dc any) error {
		pc, err := pgxConn(dc)
		if err != nil {
			return err
		}
		b := &pgx.Batch{}
		b.Queue("BEGIN")
		b.Queue(tx.db.Rebind(query), args...)
		res := pc.SendBatch(ctx, b)
		if _, err := res.Exec(); err != nil {
			_ = res.Close()
			tx.failed = fmt.Errorf("begin: %w", err)
			return tx.failed
		}
		tx.begun = true
		err = res.QueryRow().Scan(dest...)
		if cerr := res.Close(); err == nil {
			err = cerr
		}
		return err
	})
}

// pgxConn is the pgx connection under a database/sql driver connection.
func pgxConn(dc any) (*pgx.Conn, error) {
	sc, ok := dc.(*stdlib.Conn)
	if !ok {
		return nil, fmt.Errorf("unexpected driver connection %T", dc)
	}
	return sc.Conn(), nil
}

// rollback ends a transaction that failed.
func (tx *Tx) rollback(ctx context.Context) {
	if tx.sqlTx != nil {
		_ = tx.sqlTx.Rollback()
		return
	}
	if tx.begun {
		// Even when ctx has ended: the connection goes back to the pool.
		tx.db.roundTrips.Add(1)
		_, _ = tx.conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
	}
	_ = tx.conn.Close()
}

// commit writes the outbox and the late writes, then commits.
func (tx *Tx) commit(ctx context.Context) error {
	if tx.failed != nil { // BEGIN failed, and fn went on regardless
		tx.rollback(ctx)
		return tx.failed
	}
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

// commitPostgres sends last (if any) and COMMIT in one round trip, with
// BEGIN when no statement has sent it, and hands the connection back. A
// transaction that sent nothing and has nothing to write sends nothing.
func (tx *Tx) commitPostgres(ctx context.Context, last *lateWrite) error {
	if !tx.begun && last == nil {
		return tx.conn.Close()
	}
	tx.db.roundTrips.Add(1)
	err := tx.conn.Raw(func(dc any) error {
		pc, err := pgxConn(dc)
		if err != nil {
			return err
		}
		b := &pgx.Batch{}
		if !tx.begun {
			b.Queue("BEGIN")
		}
		if last != nil {
			b.Queue(tx.db.Rebind(last.query), last.args...)
		}
		b.Queue("COMMIT")
		res := pc.SendBatch(ctx, b)
		if !tx.begun {
			if _, err := res.Exec(); err != nil {
				_ = res.Close()
				return fmt.Errorf("begin: %w", err)
			}
			tx.begun = true
		}
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

package bus

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"

	"github.com/groundcrew/groundcrew/internal/store"
)

// relayLockClass is the first key of the relay's PostgreSQL advisory lock;
// the second is the outbox table's oid, so relays of different schemas (test
// databases on one server, say) do not exclude each other.
const relayLockClass = 7710002

// lead returns the connection to read and mark the outbox through, and
// whether this relay is the active one.
//
// On PostgreSQL the active relay is the one holding a session-level
// advisory lock on a connection it keeps for as long as it is active; the
// others try again every Poll. If the node dies or its connection breaks,
// PostgreSQL ends the session and frees the lock, and a standby takes over.
// Chosen over SELECT ... FOR UPDATE SKIP LOCKED, which would keep a
// transaction and its row locks open across every round trip to the bus and
// still let each node publish its own slice of the outbox, out of order.
// With one active relay events leave in id order from one place.
//
// Correctness does not rest on the lock: publishing is idempotent (the
// stream drops a message id it has seen) and marking names exact ids, so a
// moment with two active relays (a broken connection noticed late) costs
// duplicate work, never a lost or doubled event. SQLite has one writer and
// one node, and needs no lock.
func (r *Relay) lead(ctx context.Context) (outboxConn, bool, error) {
	if r.DB.Dialect != store.Postgres {
		return outboxConn{db: r.DB}, true, nil
	}
	if r.lock != nil {
		return outboxConn{db: r.DB, conn: r.lock}, true, nil
	}
	conn, err := r.DB.Conn(ctx)
	if err != nil {
		return outboxConn{}, false, fmt.Errorf("outbox relay: %w", err)
	}
	var got bool
	err = conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock($1, 'outbox'::regclass::oid::int)`, relayLockClass).Scan(&got)
	if err != nil {
		discard(conn) // whether the lock was taken is unknown: never pool it
		return outboxConn{}, false, fmt.Errorf("outbox relay: lock: %w", err)
	}
	if !got {
		_ = conn.Close() // another relay is active; the connection holds nothing
		return outboxConn{}, false, nil
	}
	r.lock = conn
	r.Log.Info("outbox relay: active on this node")
	return outboxConn{db: r.DB, conn: conn}, true, nil
}

// lost gives up being the active relay after a statement on the lock's
// connection failed: the session, and with it the lock, may be gone.
// Called with r.mu held.
func (r *Relay) lost(err error) {
	if r.lock == nil {
		return
	}
	r.Log.Warn("outbox relay: standing down after a database error", "err", err)
	discard(r.lock)
	r.lock = nil
}

// active reports whether this relay is the active one.
func (r *Relay) active() bool {
	if r.DB.Dialect != store.Postgres {
		return true
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.lock != nil
}

// Close ends this relay's turn as the active one, as if its node had died:
// a standby takes over. Run closes the relay when it returns.
func (r *Relay) Close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.lock != nil {
		discard(r.lock)
		r.lock = nil
	}
}

// discard closes a dedicated connection for good: the session ends, and any
// advisory lock it held is freed at once, instead of the connection (lock
// and all) going back to the pool.
func discard(conn *sql.Conn) {
	_ = conn.Raw(func(any) error { return driver.ErrBadConn })
	_ = conn.Close()
}

// outboxConn runs the relay's statements on the active relay's own
// connection (PostgreSQL), or on the pools (SQLite).
type outboxConn struct {
	db   *store.DB
	conn *sql.Conn
}

func (q outboxConn) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if q.conn == nil {
		return q.db.Query(ctx, query, args...)
	}
	return q.conn.QueryContext(ctx, q.db.Rebind(query), args...)
}

func (q outboxConn) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if q.conn == nil {
		return q.db.Exec(ctx, query, args...)
	}
	return q.conn.ExecContext(ctx, q.db.Rebind(query), args...)
}

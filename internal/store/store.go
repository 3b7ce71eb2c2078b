// Package store opens the database (SQLite or PostgreSQL), applies the
// embedded migrations and runs transactions that carry outbox events.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver
)

// Dialect names the SQL engine behind a DB.
type Dialect string

const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// DB is the application's database: a write pool and a read pool (the same
// pool on PostgreSQL), plus a signal that tells the outbox relay to look.
type DB struct {
	Dialect Dialect
	write   *sql.DB
	read    *sql.DB
	// Prepared statements, SQLite only (see stmtCache).
	writeStmts, readStmts *stmtCache

	mu      sync.Mutex
	waiters []chan struct{}

	clock clockBox // see SetClock

	// roundTrips counts what this DB sent to the database: statements,
	// BEGIN, COMMIT and ROLLBACK (see RoundTrips).
	roundTrips atomic.Int64
	retries    atomic.Int64 // see TxRetry

	gatherOnce sync.Once
	gather     *Group // the background writers' shared commits (GatherTx)
}

// RoundTrips is how many statements, BEGINs, COMMITs and ROLLBACKs this DB
// has sent through Tx, Query, QueryRow and Exec since it was opened: tests
// hold an operation's cost to a budget with it (the relay's own connection
// is not counted). On PostgreSQL a transaction's last statement goes with
// its COMMIT, and BEGIN with its first ScanRow (else alone before its
// first statement): each batch counts once.
func (db *DB) RoundTrips() int64 { return db.roundTrips.Load() }

// WritePool is the connection pool that writes go through (on PostgreSQL
// every statement), for its statistics: how long callers waited for one of
// its connections (sql.DBStats.WaitDuration) is queueing that no statement
// timing shows.
func (db *DB) WritePool() *sql.DB { return db.write }

// Open connects to dsn. An empty dsn or one starting with "sqlite:" opens
// SQLite in dataDir; "postgres://" and "postgresql://" open PostgreSQL.
func Open(ctx context.Context, dsn, dataDir string) (*DB, error) {
	var db *DB
	var err error
	switch {
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		db, err = openPostgres(dsn)
	case dsn == "", strings.HasPrefix(dsn, "sqlite:"):
		path := strings.TrimPrefix(dsn, "sqlite:")
		if path == "" {
			path = filepath.Join(dataDir, "groundcrew.db")
		}
		db, err = openSQLite(path)
	default:
		return nil, fmt.Errorf("open database: unsupported address %q (want postgres://... or sqlite:PATH)", redact(dsn))
	}
	if err != nil {
		return nil, err
	}
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.write.PingContext(pingCtx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database: %w", err)
	}
	return db, nil
}

// uriPath escapes what a file: URI would read as other than the path:
// unescaped, "/srv/a#2/db" opened "/srv/a" (the rest a fragment), a file
// outside the data folder that others may share. SQLite decodes %XX in
// the path.
var uriPath = strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")

// sqliteSynchronous is FULL unless GROUNDCREW_SQLITE_SYNCHRONOUS says
// NORMAL. FULL: in WAL mode each commit syncs the WAL before it returns, so
// what was acknowledged survives a power loss too; the group commit shares
// that sync among the writes of one batch. NORMAL survives only a killed
// process and can drop acknowledged messages on a power loss: it is for the
// test suite (scripts/test.sh), whose databases are thrown away.
func sqliteSynchronous() (string, error) {
	switch v := strings.ToUpper(os.Getenv("GROUNDCREW_SQLITE_SYNCHRONOUS")); v {
	case "", "FULL":
		return "FULL", nil
	case "NORMAL":
		return "NORMAL", nil
	default:
		return "", fmt.Errorf("open sqlite: GROUNDCREW_SQLITE_SYNCHRONOUS=%q: want FULL or NORMAL", v)
	}
}

func openSQLite(path string) (*DB, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	sync, err := sqliteSynchronous()
	if err != nil {
		return nil, err
	}
	pragmas := "_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)&_pragma=synchronous(" + sync + ")"
	uri := "file:" + uriPath.Replace(path)
	write, err := sql.Open("sqlite", uri+"?"+pragmas+"&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	// SQLite has one writer; one connection queues writers in Go instead of
	// making them spin on SQLITE_BUSY.
	write.SetMaxOpenConns(1)
	read, err := sql.Open("sqlite", uri+"?"+pragmas+"&_pragma=query_only(1)")
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	read.SetMaxOpenConns(8)
	read.SetMaxIdleConns(8)
	return &DB{Dialect: SQLite, write: write, read: read, writeStmts: newStmtCache(write), readStmts: newStmtCache(read)}, nil
}

func openPostgres(dsn string) (*DB, error) {
	pool, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	pool.SetMaxOpenConns(32)
	pool.SetMaxIdleConns(32)
	pool.SetConnMaxIdleTime(5 * time.Minute)
	return &DB{Dialect: Postgres, write: pool, read: pool}, nil
}

// redact hides a password in a connection string before it is printed.
func redact(dsn string) string {
	at := strings.LastIndex(dsn, "@")
	scheme := strings.Index(dsn, "://")
	if at < 0 || scheme < 0 {
		return dsn
	}
	return dsn[:scheme+3] + "***" + dsn[at:]
}

// Close closes both pools.
func (db *DB) Close() error {
	db.writeStmts.close()
	db.readStmts.close()
	err := db.write.Close()
	if db.read != db.write {
		err = errors.Join(err, db.read.Close())
	}
	return err
}

// Conn reserves one PostgreSQL connection for session-level state, such as
// the outbox relay's advisory lock, which lives as long as the connection.
// The caller closes it. SQLite's single write connection is not lent out.
func (db *DB) Conn(ctx context.Context) (*sql.Conn, error) {
	if db.Dialect != Postgres {
		return nil, errors.New("store: a dedicated connection is for PostgreSQL only")
	}
	return db.write.Conn(ctx)
}

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error { return db.write.PingContext(ctx) }

// Rebind turns the portable "?" placeholders into the dialect's own.
func (db *DB) Rebind(query string) string { return rebind(db.Dialect, query) }

// rebound caches rebind's PostgreSQL results by query text: the same few
// hundred statements run on every request, and building each again (a
// byte loop and a Fprintf per placeholder) was ~7% of the client's
// instructions per message. Queries built at run time beyond
// maxRebound are rebound each time instead of filling memory.
var (
	rebound      sync.Map // query → rebound query
	reboundCount atomic.Int64
)

const maxRebound = 2048

func rebind(d Dialect, query string) string {
	if d != Postgres || !strings.Contains(query, "?") {
		return query
	}
	if q, ok := rebound.Load(query); ok {
		return q.(string)
	}
	q := rebindPostgres(query)
	if reboundCount.Load() < maxRebound {
		if _, loaded := rebound.LoadOrStore(query, q); !loaded {
			reboundCount.Add(1)
		}
	}
	return q
}

// rebindPostgres numbers the "?" placeholders outside string literals.
func rebindPostgres(query string) string {
	var b strings.Builder
	b.Grow(len(query) + 8)
	n := 0
	inString := false
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case c == '\'':
			inString = !inString
			b.WriteByte(c)
		case c == '?' && !inString:
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// Query runs a read-only query on the read pool, or inside the transaction
// that ctx carries so a transaction sees its own writes.
func (db *DB) Query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if tx := txFrom(ctx, db); tx != nil {
		return tx.Query(ctx, query, args...)
	}
	db.roundTrips.Add(1)
	q := db.Rebind(query)
	if s, err := db.readStmts.get(ctx, q); err != nil {
		return nil, err
	} else if s != nil {
		return s.QueryContext(ctx, args...)
	}
	return db.read.QueryContext(ctx, q, args...)
}

// QueryRow is Query for one row.
func (db *DB) QueryRow(ctx context.Context, query string, args ...any) *sql.Row {
	if tx := txFrom(ctx, db); tx != nil {
		return tx.QueryRow(ctx, query, args...)
	}
	db.roundTrips.Add(1)
	q := db.Rebind(query)
	if s, err := db.readStmts.get(ctx, q); err == nil && s != nil {
		return s.QueryRowContext(ctx, args...)
	}
	return db.read.QueryRowContext(ctx, q, args...)
}

// Exec runs one statement in its own transaction (or the one ctx carries).
func (db *DB) Exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	var res sql.Result
	err := db.Tx(ctx, func(ctx context.Context, tx *Tx) error {
		var err error
		res, err = tx.Exec(ctx, query, args...)
		return err
	})
	return res, err
}

// Wait returns a channel that is closed after the next commit that emitted
// events; the outbox relay sleeps on it.
func (db *DB) Wait() <-chan struct{} {
	ch := make(chan struct{})
	db.mu.Lock()
	db.waiters = append(db.waiters, ch)
	db.mu.Unlock()
	return ch
}

func (db *DB) wake() {
	db.mu.Lock()
	ws := db.waiters
	db.waiters = nil
	db.mu.Unlock()
	for _, ch := range ws {
		close(ch)
	}
}

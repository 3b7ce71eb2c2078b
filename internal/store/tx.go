package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Tx is a write transaction. Events emitted in it are written to the outbox
// table in the same transaction, so an event exists exactly when its state
// change does.
type Tx struct {
	db      *DB
	sqlTx   *sql.Tx   // SQLite: database/sql's transaction
	conn    *sql.Conn // PostgreSQL: BEGIN and COMMIT by hand (tx_commit.go)
	q       querier   // sqlTx or conn
	begun   bool      // PostgreSQL: BEGIN has been sent
	failed  error     // PostgreSQL: BEGIN failed; every statement fails with it
	emitted int
	pending []outboxRow // emitted, written at commit
	late    []lateWrite // AtCommit's writes
	rows    []lateRow   // AtCommitRow's rows, merged into INSERTs at commit
	// SQLite: queries this transaction ran that the shared cache lacks,
	// prepared on the transaction when one comes again, so a loop of
	// writes parses its statement twice, not once a run.
	repeats map[string]repeat
}

// repeat is a query a transaction ran without a cached statement.
type repeat struct {
	stmt   *sql.Stmt // prepared on its second run
	failed bool      // preparing failed: it runs unprepared
}

// lateRow is one row queued by AtCommitRow or AtCommitRowOr.
type lateRow struct {
	insert string
	or     string // appended to the merged INSERT (AtCommitRowOr)
	args   []any
}

// lateWrite is a write queued by AtCommit.
type lateWrite struct {
	query string
	args  []any
	what  string // for its error: what it writes, when not a late write
}

// failed wraps the error of w.
func (w lateWrite) failed(err error) error {
	return fmt.Errorf("%s: %w", cmp.Or(w.what, "write at commit"), err)
}

// outboxRow is an emitted event not yet written.
type outboxRow struct {
	typ  string
	data string
	at   int64
}

type txKey struct{}

type txCtx struct {
	db *DB
	tx *Tx
}

func txFrom(ctx context.Context, db *DB) *Tx {
	if v, ok := ctx.Value(txKey{}).(txCtx); ok && v.db == db {
		return v.tx
	}
	return nil
}

// querier runs statements: a *sql.Tx or a *sql.Conn.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Tx runs fn in a transaction and commits when fn returns nil. A Tx call
// inside fn (with the ctx fn was given) joins the outer transaction, so
// packages compose their writes without passing *Tx through every API.
func (db *DB) Tx(ctx context.Context, fn func(ctx context.Context, tx *Tx) error) error {
	if outer := txFrom(ctx, db); outer != nil {
		return fn(ctx, outer)
	}
	tx, err := db.begin(ctx)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	inner := context.WithValue(ctx, txKey{}, txCtx{db: db, tx: tx})
	if err := fn(inner, tx); err != nil {
		tx.rollback(ctx)
		return err
	}
	if err := tx.commit(ctx); err != nil {
		return err
	}
	if tx.emitted > 0 {
		db.wake()
	}
	db.writeStmts.preparePending(context.WithoutCancel(ctx))
	return nil
}

// endsKey marks a context whose store call is the last of its transaction.
type endsKey struct{}

// Ending marks ctx for a caller that begins a transaction around exactly
// one store call and then only commits (adding AtCommit writes and events):
// that call may queue its own writes with AtCommit (see Ends).
func Ending(ctx context.Context) context.Context {
	return context.WithValue(ctx, endsKey{}, true)
}

// Ends reports whether a Tx call made with ctx is the last work of its
// transaction before COMMIT: it begins the transaction itself, or the
// caller that began it marked ctx with Ending. Such a call may send its
// final writes with AtCommit, in the commit's round trip, as nothing reads
// the rows they write before the transaction ends. A group commit's batch
// (Group) is never marked: its calls follow one another in one transaction.
func (db *DB) Ends(ctx context.Context) bool {
	if txFrom(ctx, db) == nil {
		return true
	}
	ends, _ := ctx.Value(endsKey{}).(bool)
	return ends
}

// Dialect is the engine the transaction runs on.
func (tx *Tx) Dialect() Dialect { return tx.db.Dialect }

// stmt returns the cached prepared statement for query bound to this
// transaction, or nil to run the query unprepared.
func (tx *Tx) stmt(ctx context.Context, query string) *sql.Stmt {
	s := tx.db.writeStmts.lookup(query)
	if s == nil {
		return tx.repeated(ctx, query)
	}
	// Bound to the transaction's connection, where database/sql reuses the
	// statement prepared there before; it is released at commit or rollback.
	return tx.sqlTx.StmtContext(ctx, s)
}

// repeated returns a statement prepared on the transaction for a query it
// runs for the second time or more, or nil to run the query unprepared.
// The shared cache only prepares after the transaction, so without this a
// batch written in one transaction (the demo's two weeks of rollups: many
// 400-row INSERTs of one text) was parsed afresh for every batch.
// database/sql closes these statements at commit or rollback.
func (tx *Tx) repeated(ctx context.Context, query string) *sql.Stmt {
	if tx.sqlTx == nil {
		return nil // PostgreSQL: pgx caches statements per connection
	}
	r, seen := tx.repeats[query]
	switch {
	case r.stmt != nil || r.failed:
		return r.stmt
	case !seen:
		if tx.repeats == nil {
			tx.repeats = make(map[string]repeat)
		}
		tx.repeats[query] = repeat{}
		return nil
	}
	s, err := tx.sqlTx.PrepareContext(ctx, query)
	// On an error the query runs unprepared and reports it there.
	tx.repeats[query] = repeat{stmt: s, failed: err != nil}
	return s
}

// Exec runs a statement with portable "?" placeholders.
func (tx *Tx) Exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if err := tx.ensureBegun(ctx); err != nil {
		return nil, err
	}
	tx.db.roundTrips.Add(1)
	q := tx.db.Rebind(query)
	ctx = tx.stmtContext(ctx)
	if s := tx.stmt(ctx, q); s != nil {
		return s.ExecContext(ctx, args...)
	}
	return tx.q.ExecContext(ctx, q, args...)
}

// Query runs a query with portable "?" placeholders.
func (tx *Tx) Query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if err := tx.ensureBegun(ctx); err != nil {
		return nil, err
	}
	tx.db.roundTrips.Add(1)
	q := tx.db.Rebind(query)
	ctx = tx.stmtContext(ctx)
	if s := tx.stmt(ctx, q); s != nil {
		return s.QueryContext(ctx, args...)
	}
	return tx.q.QueryContext(ctx, q, args...)
}

// QueryIDs runs a query that returns one integer column and collects it.
func (tx *Tx) QueryIDs(ctx context.Context, query string, args ...any) ([]int64, error) {
	rows, err := tx.Query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return ScanIDs(rows)
}

// ScanIDs reads rows of one integer column and closes them.
func ScanIDs(rows *sql.Rows) ([]int64, error) {
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// QueryRow runs a query for one row with portable "?" placeholders.
func (tx *Tx) QueryRow(ctx context.Context, query string, args ...any) *sql.Row {
	q := tx.db.Rebind(query)
	if err := tx.ensureBegun(ctx); err != nil {
		// A *sql.Row carries no error of ours: an ended context makes it
		// fail without sending the query outside the transaction.
		dead, cancel := context.WithCancelCause(ctx)
		cancel(err)
		return tx.q.QueryRowContext(dead, q, args...)
	}
	tx.db.roundTrips.Add(1)
	ctx = tx.stmtContext(ctx)
	if s := tx.stmt(ctx, q); s != nil {
		return s.QueryRowContext(ctx, args...)
	}
	return tx.q.QueryRowContext(ctx, q, args...)
}

// stmtContext is the context a statement of tx runs with. On SQLite the
// driver starts a goroutine for every statement whose context can end, to
// interrupt it then: a goroutine, a channel and a closure for each of a
// message's dozen statements, about 3 % of the node's CPU at 2,000
// messages a second. A write transaction's statements are short, and the
// transaction still ends with ctx (database/sql rolls it back once ctx
// ends and refuses its next statement), so they run without the watch; a
// statement under way finishes first. Reads outside a transaction (the
// read pool) keep it.
func (tx *Tx) stmtContext(ctx context.Context) context.Context {
	if tx.sqlTx == nil || ctx.Done() == nil {
		return ctx
	}
	return context.WithoutCancel(ctx)
}

// InsertID runs an INSERT ... RETURNING id and returns the id.
func (tx *Tx) InsertID(ctx context.Context, query string, args ...any) (int64, error) {
	var id int64
	err := tx.QueryRow(ctx, query+" RETURNING id", args...).Scan(&id)
	return id, err
}

// Event is what the outbox holds and the bus carries.
type Event struct {
	ID   int64           `json:"id"`
	Type string          `json:"type"` // e.g. "ticket.created"; the NATS subject is "gc." + Type
	At   time.Time       `json:"at"`
	Data json.RawMessage `json:"data"`
}

// Emit records an event in the outbox as part of this transaction. The
// transaction's events are written together, in the order emitted, just
// before it commits (see outboxWrites), so a read of the outbox inside the
// transaction does not see them.
func (tx *Tx) Emit(ctx context.Context, eventType string, data any) error {
	payload, err := json.Marshal(data)
	if err != nil {
		return fmt.Errorf("emit %s: %w", eventType, err)
	}
	tx.pending = append(tx.pending, outboxRow{typ: eventType, data: string(payload), at: tx.Now()})
	tx.emitted++
	return nil
}

// AtCommit queues a write whose result nobody needs (an UPDATE that
// completes what the transaction claimed, say) to go with the outbox rows
// just before COMMIT: on PostgreSQL in the same statement, as a
// data-modifying WITH, so it costs no round trip of its own. Its error
// fails the commit like any other. Two rules follow from one statement:
// nothing later in the transaction reads what it writes, and no two
// AtCommit writes touch the same row.
func (tx *Tx) AtCommit(query string, args ...any) {
	tx.late = append(tx.late, lateWrite{query: query, args: args})
}

// AtCommitRow queues one row of insert ("INSERT INTO t (a, b) VALUES",
// its values the args) to be written just before COMMIT like an AtCommit
// write. Rows queued with the same insert text go in one multi-row INSERT
// (in chunks of a power of two rows, so that few statement shapes reach
// the statement caches): a group commit's batch, where each call queues a
// row, writes them all in one statement instead of a round trip each. A
// row that breaks a key fails the commit, as AtCommit's writes do.
func (tx *Tx) AtCommitRow(insert string, args ...any) {
	tx.AtCommitRowOr(insert, "", args...)
}

// AtCommitRowOr is AtCommitRow for rows that a key may already hold, with
// or the conflict clause that follows the merged INSERT's rows
// ("ON CONFLICT DO NOTHING"): rows queued by many calls, which may repeat
// one another, still go in one statement with the commit.
func (tx *Tx) AtCommitRowOr(insert, or string, args ...any) {
	tx.rows = append(tx.rows, lateRow{insert: insert, or: or, args: args})
}

// mergeRows turns the rows queued by AtCommitRow into late writes, one
// multi-row INSERT per insert text and power-of-two chunk, in the order
// each insert text was first queued.
func (tx *Tx) mergeRows() {
	if len(tx.rows) == 0 {
		return
	}
	type shape struct{ insert, or string }
	byInsert := map[shape][]lateRow{}
	var order []shape
	for _, r := range tx.rows {
		k := shape{r.insert, r.or}
		if _, ok := byInsert[k]; !ok {
			order = append(order, k)
		}
		byInsert[k] = append(byInsert[k], r)
	}
	tx.rows = nil
	for _, k := range order {
		rows := byInsert[k]
		for len(rows) > 0 {
			n := maxOutboxRows
			for n > len(rows) || n > 1 && n*len(rows[0].args) > maxRowParams {
				n /= 2
			}
			var q strings.Builder
			var args []any
			q.WriteString(k.insert)
			for i, r := range rows[:n] {
				if i > 0 {
					q.WriteString(",")
				}
				q.WriteString(" (?" + strings.Repeat(", ?", len(r.args)-1) + ")")
				args = append(args, r.args...)
			}
			if k.or != "" {
				q.WriteString(" " + k.or)
			}
			tx.late = append(tx.late, lateWrite{query: q.String(), args: args})
			rows = rows[n:]
		}
	}
}

// maxRowParams bounds the parameters of one merged AtCommitRow INSERT.
const maxRowParams = 4096

// maxMergedLate bounds the AtCommit writes sent in the outbox's statement,
// so that the statement has few shapes; more are sent on their own. A
// customer message sent with the commit takes four, its Idempotency-Key
// one and the blind index's rows (search.Index.Add) one.
const maxMergedLate = 6

// maxOutboxRows bounds one INSERT of outboxWrites (3 parameters a row keeps
// it far below both engines' limits).
const maxOutboxRows = 256

// outboxWrites turns the pending events and late writes into the
// statements that go just before COMMIT: the events in multi-row INSERTs,
// one for a transaction's usual one to four events, instead of one round
// trip each. The rows of each INSERT are a power of two (13 events: 8, 4,
// 1), so there are nine statement shapes for the statement caches, not
// 256; ids follow the order of the rows, statement after statement. On
// PostgreSQL the late writes ride in the first INSERT as data-modifying
// WITHs.
func (tx *Tx) outboxWrites() []lateWrite {
	tx.mergeRows()
	rows, late := tx.pending, tx.late
	tx.pending, tx.late = nil, nil
	var out []lateWrite
	if tx.db.Dialect != Postgres || len(rows) == 0 {
		// SQLite runs in-process, where a round trip costs little; a
		// transaction without events sends its late writes as they are.
		out, late = late, nil
	}
	if len(late) > maxMergedLate {
		// A group commit's batch queues one late write per call: merged
		// into one statement, nearly every batch would send PostgreSQL a
		// statement it has not seen, to parse, plan and prepare anew.
		out = append(out, late[maxMergedLate:]...)
		late = late[:maxMergedLate]
	}
	for len(rows) > 0 {
		n := maxOutboxRows
		for n > len(rows) {
			n /= 2
		}
		var with strings.Builder
		var args []any
		for i, w := range late { // all with the first INSERT
			fmt.Fprintf(&with, "w%d AS (%s), ", i, w.query)
			args = append(args, w.args...)
		}
		for _, r := range rows[:n] {
			args = append(args, r.typ, r.data, r.at)
		}
		q := outboxInsert(n)
		if len(late) > 0 {
			q = "WITH " + strings.TrimSuffix(with.String(), ", ") + " " + q
		}
		out = append(out, lateWrite{query: q, args: args, what: fmt.Sprintf("emit %d events (%s, ...)", n, rows[0].typ)})
		rows, late = rows[n:], nil
	}
	return out
}

// outboxInsert is the INSERT of n outbox rows.
func outboxInsert(n int) string {
	return `INSERT INTO outbox (type, data, created_at) VALUES (?, ?, ?)` + strings.Repeat(`, (?, ?, ?)`, n-1)
}

// Now is the wall clock's time in the unit every table uses: Unix
// milliseconds. Prefer db.Now or tx.Now, which a test can set.
func Now() int64 { return time.Now().UnixMilli() }

// Time converts a stored Unix-millisecond value to a time.Time in UTC.
func Time(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

// Package audit keeps an append-only, hash-chained log of who did what.
//
// The log is a fixed set of independent chains: chains 1..Chains, which new
// entries go to, and chain 0, the single chain of earlier versions, closed.
// Each entry's hash covers its chain, its place in the chain, its fields
// and the previous entry's hash, and audit_chains holds every chain's last
// link, so Verify notices a changed, removed, inserted or reordered entry
// and a missing or added chain. Transactions on different database
// connections append to different chains, so audited actions do not take
// turns on one head row across the cluster. Verify cannot notice someone
// who rewrites a whole chain and its head together; that would need the
// heads anchored outside the database.
package audit

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
)

// Actor kinds.
const (
	ActorAgent    = "agent"
	ActorCustomer = "customer"
	ActorSystem   = "system"
	ActorAPI      = "api"
)

// Actor is who performs an action: the request's authenticated principal,
// or the system for background work.
type Actor struct {
	Kind string // ActorAgent, ActorCustomer, ActorSystem or ActorAPI
	ID   string
	IP   string
}

func validKind(kind string) bool {
	switch kind {
	case ActorAgent, ActorCustomer, ActorSystem, ActorAPI:
		return true
	}
	return false
}

type actorKey struct{}

// WithActor returns a context that carries a as the actor of what follows.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns the actor ctx carries; without one it is the system.
func ActorFrom(ctx context.Context) Actor {
	a, _ := ctx.Value(actorKey{}).(Actor)
	if a.Kind == "" && a.ID == "" {
		a.Kind, a.ID = ActorSystem, ActorSystem
	}
	return a
}

// Chains is how many chains new entries are spread over (chains 1..Chains).
// Migration 0009 creates their head rows; changing it needs a migration.
const Chains = 32

// Entry is one link of a chain.
type Entry struct {
	Seq        int64           `json:"seq"`       // the log's global order, for listing
	Chain      int             `json:"chain"`     // 1..Chains, or 0: the closed chain of earlier versions
	ChainSeq   int64           `json:"chain_seq"` // the entry's place in its chain, from 1
	At         time.Time       `json:"at"`
	ActorKind  string          `json:"actor_kind"`
	ActorID    string          `json:"actor_id"`
	Action     string          `json:"action"` // e.g. "agent.signed_in", "ticket.viewed", "customer.pii_revealed"
	TargetKind string          `json:"target_kind"`
	TargetID   string          `json:"target_id"`
	IP         string          `json:"ip"`
	Detail     json.RawMessage `json:"detail"` // canonical JSON object, "{}" when empty
	PrevHash   string          `json:"prev_hash"`
	Hash       string          `json:"hash"`
}

// Log reads and appends the audit log.
type Log struct {
	db *store.DB
	// pin, when not 0, is the chain every entry goes to (tests).
	pin int
	// refs name TxIDs and addresses in records (ChainInput).
	refs ChainRefs
}

// New returns the audit log stored in db.
func New(db *store.DB) *Log { return &Log{db: db} }

// Record appends one entry for the actor ctx carries. It runs in the
// transaction ctx carries, if any, so the entry commits or rolls back with
// the action it describes. detail may be nil; otherwise it must marshal to
// a JSON object.
func (l *Log) Record(ctx context.Context, action, targetKind, targetID string, detail any) error {
	actor := ActorFrom(ctx)
	if !validKind(actor.Kind) {
		return fmt.Errorf("audit %s: unknown actor kind %q", action, actor.Kind)
	}
	if action == "" {
		return errors.New("audit: action is required")
	}
	canon, err := canonicalDetail(detail)
	if err != nil {
		return fmt.Errorf("audit %s: %w", action, err)
	}
	e := Entry{
		ActorKind:  clean(actor.Kind),
		ActorID:    clean(actor.ID),
		Action:     clean(action),
		TargetKind: clean(targetKind),
		TargetID:   clean(targetID),
		IP:         clean(actor.IP),
		Detail:     json.RawMessage(canon),
	}
	err = l.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		var headSeq int64
		if err := l.lockHead(ctx, tx).Scan(&e.Chain, &headSeq, &e.PrevHash); err != nil {
			return fmt.Errorf("read head: %w", err)
		}
		// Stamped after the lock so that time follows chain_seq on one clock.
		at := tx.Now()
		e.ChainSeq, e.At = headSeq+1, store.Time(at)
		e.Hash = chainHash(e)
		if _, err := tx.Exec(ctx, `INSERT INTO audit_log (chain, chain_seq, at, actor_kind, actor_id, action, target_kind, target_id, ip, detail, prev_hash, hash)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			e.Chain, e.ChainSeq, at, e.ActorKind, e.ActorID, e.Action, e.TargetKind, e.TargetID, e.IP, string(e.Detail), e.PrevHash, e.Hash); err != nil {
			return fmt.Errorf("insert: %w", err)
		}
		res, err := tx.Exec(ctx, `UPDATE audit_chains SET seq = ?, hash = ? WHERE chain = ? AND seq = ?`, e.ChainSeq, e.Hash, e.Chain, headSeq)
		if err != nil {
			return fmt.Errorf("update head: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return fmt.Errorf("update head: moved under us (%d rows, %v)", n, err)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("audit %s: %w", action, err)
	}
	return nil
}

// lockHead reads the head of the chain this transaction appends to, locked
// until the transaction ends. On PostgreSQL the chain follows the
// connection (its backend's process id), so every entry of one transaction
// goes to one chain: a transaction never waits for a second head while
// holding one, and transactions on other connections wait only when their
// ids share a chain. SQLite has one writer, so any chain will do; a random
// one keeps every chain in use.
func (l *Log) lockHead(ctx context.Context, tx *store.Tx) *sql.Row {
	const q = `SELECT chain, seq, hash FROM audit_chains WHERE chain = `
	switch {
	case l.pin != 0 && tx.Dialect() == store.Postgres:
		return tx.QueryRow(ctx, q+`? FOR UPDATE`, l.pin)
	case l.pin != 0:
		return tx.QueryRow(ctx, q+`?`, l.pin)
	case tx.Dialect() == store.Postgres:
		return tx.QueryRow(ctx, q+pgChain+` FOR UPDATE`)
	}
	return tx.QueryRow(ctx, q+`?`, 1+rand.IntN(Chains))
}

// pgChain is the chain of a PostgreSQL connection, 1..Chains.
var pgChain = fmt.Sprintf(`pg_backend_pid() %% %d + 1`, Chains)

// canonicalDetail marshals detail to a compact JSON object with sorted keys,
// so the same facts give the same bytes whatever Go type carried them.
func canonicalDetail(detail any) (string, error) {
	if detail == nil {
		return "{}", nil
	}
	raw, err := json.Marshal(detail)
	if err != nil {
		return "", fmt.Errorf("detail: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber() // keeps large integers exact
	var obj map[string]any
	if err := dec.Decode(&obj); err != nil {
		return "", fmt.Errorf("detail must be a JSON object, not %.40s", raw)
	}
	if obj == nil { // a nil map or pointer
		return "{}", nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // readable in the database; escaping adds nothing here
	if err := enc.Encode(obj); err != nil {
		return "", fmt.Errorf("detail: %w", err)
	}
	return strings.TrimSuffix(buf.String(), "\n"), nil
}

// clean makes s storable as TEXT on both engines: PostgreSQL refuses invalid
// UTF-8 and NUL bytes, and an audit entry is better kept than refused.
func clean(s string) string {
	return strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\x00", "\uFFFD")
}

// The hash formats. Each message starts with its version, so an entry of
// one format can never pass for the other: v1 is the single chain of
// earlier versions (chain 0), v2 adds the chain id.
const (
	hashV1 = "groundcrew-audit-v1"
	hashV2 = "groundcrew-audit-v2"
)

// chainHash is the hex SHA-256 of e's chain, place, fields and PrevHash.
// Each field is written with its length in front (integers as 8 bytes,
// big-endian), so no two different entries give the same message. The field
// order is part of the format.
func chainHash(e Entry) string {
	h := sha256.New()
	var n [8]byte
	writeStr := func(s string) {
		binary.BigEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.Write([]byte(s))
	}
	writeInt := func(v int64) {
		binary.BigEndian.PutUint64(n[:], uint64(v))
		h.Write(n[:])
	}
	if e.Chain == 0 {
		writeStr(hashV1)
	} else {
		writeStr(hashV2)
		writeInt(int64(e.Chain))
	}
	writeInt(e.ChainSeq)
	writeInt(e.At.UnixMilli())
	for _, s := range []string{e.ActorKind, e.ActorID, e.Action, e.TargetKind, e.TargetID, e.IP, string(e.Detail), e.PrevHash} {
		writeStr(s)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// entryColumns and scanEntry read audit_log rows the same way everywhere.
const entryColumns = `seq, chain, chain_seq, at, actor_kind, actor_id, action, target_kind, target_id, ip, detail, prev_hash, hash`

func scanEntry(rows *sql.Rows) (Entry, error) {
	var e Entry
	var at int64
	var detail string
	err := rows.Scan(&e.Seq, &e.Chain, &e.ChainSeq, &at, &e.ActorKind, &e.ActorID, &e.Action, &e.TargetKind, &e.TargetID, &e.IP, &detail, &e.PrevHash, &e.Hash)
	e.At, e.Detail = store.Time(at), json.RawMessage(detail)
	return e, err
}

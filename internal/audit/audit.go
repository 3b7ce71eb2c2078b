// Package audit keeps an append-only, hash-chained log of who did what.
//
// Each entry's hash covers its fields and the previous entry's hash, and the
// audit_head row holds the last link, so Verify notices a changed, removed
// or inserted entry. It cannot notice someone who rewrites the whole chain
// and the head together; that would need the head anchored outside the
// database.
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

// Entry is one link of the chain.
type Entry struct {
	Seq        int64           `json:"seq"`
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
		q := `SELECT seq, hash FROM audit_head WHERE id = 1`
		if tx.Dialect() == store.Postgres {
			// The row lock makes concurrent writers take turns; on SQLite the
			// single write connection already does.
			q += ` FOR UPDATE`
		}
		var headSeq int64
		if err := tx.QueryRow(ctx, q).Scan(&headSeq, &e.PrevHash); err != nil {
			return fmt.Errorf("read head: %w", err)
		}
		// Stamped after the lock so that time follows seq on one clock.
		at := store.Now()
		e.Seq, e.At = headSeq+1, store.Time(at)
		e.Hash = chainHash(e)
		if _, err := tx.Exec(ctx, `INSERT INTO audit_log (seq, at, actor_kind, actor_id, action, target_kind, target_id, ip, detail, prev_hash, hash)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			e.Seq, at, e.ActorKind, e.ActorID, e.Action, e.TargetKind, e.TargetID, e.IP, string(e.Detail), e.PrevHash, e.Hash); err != nil {
			return fmt.Errorf("insert: %w", err)
		}
		res, err := tx.Exec(ctx, `UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1 AND seq = ?`, e.Seq, e.Hash, headSeq)
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

// hashVersion starts every hashed message, so the format can change later
// without old entries becoming ambiguous.
const hashVersion = "groundcrew-audit-v1"

// chainHash is the hex SHA-256 of e's fields and PrevHash. Each field is
// written with its length in front (integers as 8 bytes, big-endian), so no
// two different entries give the same message. The field order is part of
// the format.
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
	writeStr(hashVersion)
	writeInt(e.Seq)
	writeInt(e.At.UnixMilli())
	for _, s := range []string{e.ActorKind, e.ActorID, e.Action, e.TargetKind, e.TargetID, e.IP, string(e.Detail), e.PrevHash} {
		writeStr(s)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// entryColumns and scanEntry read audit_log rows the same way everywhere.
const entryColumns = `seq, at, actor_kind, actor_id, action, target_kind, target_id, ip, detail, prev_hash, hash`

func scanEntry(rows *sql.Rows) (Entry, error) {
	var e Entry
	var at int64
	var detail string
	err := rows.Scan(&e.Seq, &at, &e.ActorKind, &e.ActorID, &e.Action, &e.TargetKind, &e.TargetID, &e.IP, &detail, &e.PrevHash, &e.Hash)
	e.At, e.Detail = store.Time(at), json.RawMessage(detail)
	return e, err
}

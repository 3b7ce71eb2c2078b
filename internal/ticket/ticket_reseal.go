package ticket

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
)

// Rekeyer is a Sealer that can say which of its keys seals new values;
// *seal.Keyring implements it.
type Rekeyer interface {
	Sealer
	Active() string       // id of the key Seal uses
	ActivePrefix() string // how every value sealed with the active key starts
	IDs() []string        // every key id it can open, the active one first
}

// Resealer re-seals message bodies that are not sealed with the active key:
// those sealed with an older key after the operator put a new key first,
// and plaintext written before sealing was on. It works in batches, one
// transaction each, by ascending id, and keeps its progress in the settings
// table, so that it resumes after a restart and several nodes never redo
// more than one batch of each other's work.
type Resealer struct {
	DB    *store.DB
	Keys  Rekeyer
	Log   *slog.Logger
	Batch int           // rows per transaction; DefaultResealBatch when 0
	Pause time.Duration // rest between batches, to leave the database to intake
	Retry time.Duration // pause after a failed batch; 5s when 0
}

// DefaultResealBatch is how many messages one re-seal transaction handles.
const DefaultResealBatch = 500

// resealSetting names the settings row that holds a resealState as JSON.
const resealSetting = "encryption.reseal"

// resealState is the progress of re-sealing every body with Key. The run
// covers the messages that existed when it started (id <= MaxID); later
// ones are sealed with Key when they are written.
type resealState struct {
	Key        string `json:"key"`
	MaxID      int64  `json:"max_id"`
	Cursor     int64  `json:"cursor"` // every id <= Cursor is done
	Total      int64  `json:"total"`  // rows with id <= MaxID at the start
	Done       int64  `json:"done"`   // rows looked at so far
	Resealed   int64  `json:"resealed"`
	Unreadable int64  `json:"unreadable"` // rows no configured key opens; left as they are
	StartedAt  int64  `json:"started_at"`
	FinishedAt int64  `json:"finished_at,omitempty"`
}

// errRaced means another node moved the progress on first; reload and go on.
var errRaced = errors.New("re-seal progress changed under us")

// Run re-seals until every message is sealed with the active key or ctx
// ends. A failed batch is logged and retried after a pause; Run returns nil
// when the work is done and ctx.Err() when it was stopped.
func (r *Resealer) Run(ctx context.Context) error {
	for {
		err := r.run(ctx)
		if err == nil || ctx.Err() != nil {
			return ctx.Err()
		}
		if !errors.Is(err, errRaced) {
			r.Log.Error("re-seal message bodies: will retry", "err", err)
			retry := r.Retry
			if retry == 0 {
				retry = 5 * time.Second
			}
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(retry):
			}
		}
	}
}

func (r *Resealer) run(ctx context.Context) error {
	active := r.Keys.Active()
	st, raw, err := loadReseal(ctx, r.DB)
	if err != nil {
		return err
	}
	switch {
	case st.Key == active && st.FinishedAt != 0:
		return nil
	case st.Key != active && st.Key != "" && !slices.Contains(r.Keys.IDs(), st.Key):
		// Another node seals with a key this one lacks: this node's key list is
		// older than theirs. Re-sealing now would undo their work.
		r.Log.Warn("not re-sealing message bodies: the last rotation was to a key this node does not have; give every node the same GROUNDCREW_ENCRYPTION_KEYS",
			"rotated_to", st.Key, "active", active)
		return nil
	case st.Key != active:
		if st, raw, err = r.start(ctx, raw); err != nil {
			return err
		}
		r.Log.Info("re-sealing message bodies with the active key", "key", active, "rows", st.Total)
	default:
		r.Log.Info("resuming re-sealing of message bodies", "key", active, "done", st.Done, "rows", st.Total)
	}
	for st.FinishedAt == 0 {
		if err := ctx.Err(); err != nil {
			return err
		}
		if st, raw, err = r.step(ctx, st, raw); err != nil {
			return err
		}
		if r.Pause > 0 && st.FinishedAt == 0 {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(r.Pause):
			}
		}
	}
	r.Log.Info("message bodies re-sealed", "key", active, "rows", st.Total, "resealed", st.Resealed, "unreadable", st.Unreadable)
	return nil
}

// start records a new run for the active key in place of the one in raw.
func (r *Resealer) start(ctx context.Context, raw string) (resealState, string, error) {
	st := resealState{Key: r.Keys.Active(), StartedAt: r.DB.Now()}
	var next string
	err := r.DB.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		if err := tx.QueryRow(ctx, `SELECT COALESCE(MAX(id), 0), COUNT(*) FROM messages`).Scan(&st.MaxID, &st.Total); err != nil {
			return err
		}
		if st.Total == 0 {
			st.FinishedAt = st.StartedAt
		}
		var err error
		next, err = saveReseal(ctx, tx, raw, st)
		return err
	})
	if err != nil {
		return st, "", fmt.Errorf("start re-seal: %w", err)
	}
	return st, next, nil
}

type storedBody struct {
	id, ticketID int64
	body         string
}

// step re-seals the next batch after st.Cursor in one transaction.
func (r *Resealer) step(ctx context.Context, st resealState, raw string) (resealState, string, error) {
	batch := r.Batch
	if batch <= 0 {
		batch = DefaultResealBatch
	}
	prefix := r.Keys.ActivePrefix()
	next := st
	var nextRaw string
	err := r.DB.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		next = st
		rows, err := tx.Query(ctx, `SELECT id, ticket_id, body FROM messages WHERE id > ? AND id <= ? ORDER BY id LIMIT ?`, st.Cursor, st.MaxID, batch)
		if err != nil {
			return err
		}
		var found []storedBody
		for rows.Next() {
			var b storedBody
			if err := rows.Scan(&b.id, &b.ticketID, &b.body); err != nil {
				rows.Close()
				return err
			}
			found = append(found, b)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		var unreadable []int64
		var why error
		for _, b := range found {
			next.Cursor = b.id
			if strings.HasPrefix(b.body, prefix) {
				continue
			}
			aad := bodyAAD(b.ticketID)
			plain, err := r.Keys.Open(b.body, aad)
			if err != nil {
				unreadable, why = append(unreadable, b.id), err
				continue
			}
			sealed, err := r.Keys.Seal(plain, aad)
			if err != nil {
				return err
			}
			// Only if nobody changed the body meanwhile (a redaction seals anew).
			res, err := tx.Exec(ctx, `UPDATE messages SET body = ? WHERE id = ? AND body = ?`, sealed, b.id, b.body)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 1 {
				next.Resealed++
			}
		}
		if len(unreadable) > 0 {
			next.Unreadable += int64(len(unreadable))
			r.Log.Error("re-seal: message bodies that no configured key opens are left as they are",
				"message_ids", unreadable, "last_err", why)
		}
		next.Done += int64(len(found))
		if len(found) < batch {
			next.FinishedAt = tx.Now()
			next.Done = max(next.Done, next.Total)
		}
		nextRaw, err = saveReseal(ctx, tx, raw, next)
		return err
	})
	if err != nil {
		return st, raw, fmt.Errorf("re-seal after message %d: %w", st.Cursor, err)
	}
	return next, nextRaw, nil
}

// loadReseal reads the progress and its stored text ("" when there is none).
func loadReseal(ctx context.Context, db *store.DB) (resealState, string, error) {
	var st resealState
	raw, found, err := db.Setting(ctx, resealSetting)
	if err != nil || !found {
		return st, "", err
	}
	if err := json.Unmarshal([]byte(raw), &st); err != nil {
		return st, "", fmt.Errorf("load re-seal progress: %w", err)
	}
	return st, raw, nil
}

// saveReseal replaces the progress, which must still be old; errRaced
// otherwise (another node saved first).
func saveReseal(ctx context.Context, tx *store.Tx, old string, st resealState) (string, error) {
	b, err := json.Marshal(st)
	if err != nil {
		return "", err
	}
	if old == "" {
		added, err := tx.AddSetting(ctx, resealSetting, string(b))
		if err != nil {
			return "", err
		}
		if !added {
			return "", errRaced
		}
		return string(b), nil
	}
	res, err := tx.Exec(ctx, `UPDATE settings SET value = ? WHERE name = ? AND value = ?`, string(b), resealSetting, old)
	if err != nil {
		return "", err
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return "", errRaced
	}
	return string(b), nil
}

// EncryptionStatus says how far message bodies are sealed with the active key.
type EncryptionStatus struct {
	ActiveKey               string     `json:"active_key"`
	RowsTotal               int64      `json:"rows_total"`
	RowsSealedWithActiveKey int64      `json:"rows_sealed_with_active_key"`
	RowsUnreadable          int64      `json:"rows_unreadable"`
	Running                 bool       `json:"running"`
	StartedAt               *time.Time `json:"started_at"`
	FinishedAt              *time.Time `json:"finished_at"`
}

// Status counts the messages and those sealed with the active key (one
// pass over the table) and reports the current run.
func (r *Resealer) Status(ctx context.Context) (EncryptionStatus, error) {
	active := r.Keys.Active()
	out := EncryptionStatus{ActiveKey: active}
	st, _, err := loadReseal(ctx, r.DB)
	if err != nil {
		return out, err
	}
	prefix := r.Keys.ActivePrefix()
	err = r.DB.QueryRow(ctx, `SELECT COUNT(*), COALESCE(SUM(CASE WHEN substr(body, 1, ?) = ? THEN 1 ELSE 0 END), 0) FROM messages`,
		len(prefix), prefix).Scan(&out.RowsTotal, &out.RowsSealedWithActiveKey)
	if err != nil {
		return out, fmt.Errorf("encryption status: %w", err)
	}
	if st.Key != active {
		// Not started yet (it starts with the server), or this node is behind.
		out.Running = slices.Contains(r.Keys.IDs(), st.Key) || st.Key == ""
		return out, nil
	}
	out.Running = st.FinishedAt == 0
	out.RowsUnreadable = st.Unreadable
	started := store.Time(st.StartedAt)
	out.StartedAt = &started
	if st.FinishedAt != 0 {
		finished := store.Time(st.FinishedAt)
		out.FinishedAt = &finished
	}
	return out, nil
}

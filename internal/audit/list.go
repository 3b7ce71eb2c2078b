package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/web"
)

// Page sizes for List.
const (
	DefaultLimit = 50
	MaxLimit     = 500
)

// Filter narrows List; empty fields match everything.
type Filter struct {
	ActorKind, ActorID, Action, TargetKind, TargetID string
}

func (f Filter) validate() error {
	if f.ActorKind != "" && !validKind(f.ActorKind) {
		return errs.Field("actor_kind", "actor_kind must be one of agent, customer, system, api")
	}
	return nil
}

// List returns entries matching f, newest first. page.Cursor is a seq: only
// entries before it are listed (0 starts at the newest). The returned
// cursor continues the listing; it is 0 when there is nothing more.
func (l *Log) List(ctx context.Context, f Filter, page web.Page) ([]Entry, int64, error) {
	if err := f.validate(); err != nil {
		return nil, 0, err
	}
	limit := page.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxLimit)

	var where []string
	var args []any
	for _, c := range []struct{ col, val string }{
		{"actor_kind", f.ActorKind}, {"actor_id", f.ActorID}, {"action", f.Action},
		{"target_kind", f.TargetKind}, {"target_id", f.TargetID},
	} {
		if c.val != "" {
			where = append(where, c.col+" = ?")
			args = append(args, c.val)
		}
	}
	if page.Cursor > 0 {
		where = append(where, "seq < ?")
		args = append(args, page.Cursor)
	}
	q := `SELECT ` + entryColumns + ` FROM audit_log`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, " AND ")
	}
	// One extra row tells whether another page follows.
	q += ` ORDER BY seq DESC LIMIT ?`
	args = append(args, limit+1)

	rows, err := l.db.Query(ctx, q, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("list audit: %w", err)
	}
	defer rows.Close()
	entries := make([]Entry, 0, min(limit+1, 64))
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("list audit: %w", err)
		}
		if !json.Valid(e.Detail) {
			// Only tampering gets here; show the text rather than fail the page.
			e.Detail, _ = json.Marshal(string(e.Detail))
		}
		entries = append(entries, e)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("list audit: %w", err)
	}
	var next int64
	if len(entries) > limit {
		entries = entries[:limit]
		next = entries[limit-1].Seq
	}
	return entries, next, nil
}

package routing

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
)

// CatchAllName is the queue that takes what no rule matches; it always
// exists and is always last.
const CatchAllName = "General"

// Queue is an admin-defined queue.
type Queue struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Position int    `json:"position"`
	Rule     string `json:"rule"`
	CatchAll bool   `json:"catch_all"`
	parsed   Rule
}

// QueueInput is what an admin writes.
type QueueInput struct {
	Name     string `json:"name"`
	Rule     string `json:"rule"`
	Position int    `json:"position"` // 0: last before the catch-all
}

func (in *QueueInput) validate() (Rule, error) {
	in.Name = strings.TrimSpace(in.Name)
	if in.Name == "" || len(in.Name) > 100 || !utf8.ValidString(in.Name) || strings.ContainsRune(in.Name, 0) {
		return Rule{}, errs.Field("name", "a queue needs a name of 1 to 100 bytes")
	}
	r, err := ParseRule(in.Rule)
	if err != nil {
		return Rule{}, err
	}
	if len(r.Conds) == 0 {
		return Rule{}, errs.Field("rule", "a queue needs a rule; the %q queue takes everything else", CatchAllName)
	}
	in.Rule = r.String()
	return r, nil
}

// Queues lists the queues in rule order, the catch-all last.
func (s *Service) Queues(ctx context.Context) ([]Queue, error) {
	rows, err := s.db.Query(ctx, `SELECT id, name, position, rule, catch_all FROM routing_queues ORDER BY catch_all, position, id`)
	if err != nil {
		return nil, fmt.Errorf("list queues: %w", err)
	}
	defer rows.Close()
	var out []Queue
	for rows.Next() {
		var q Queue
		var catchAll int
		if err := rows.Scan(&q.ID, &q.Name, &q.Position, &q.Rule, &catchAll); err != nil {
			return nil, fmt.Errorf("list queues: %w", err)
		}
		q.CatchAll = catchAll == 1
		if q.parsed, err = ParseRule(q.Rule); err != nil {
			return nil, fmt.Errorf("queue %d's stored rule: %w", q.ID, err)
		}
		out = append(out, q)
	}
	return out, rows.Err()
}

// EnsureCatchAll creates the catch-all queue if it is missing.
func (s *Service) EnsureCatchAll(ctx context.Context) error {
	return s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		var n int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM routing_queues WHERE catch_all = 1`).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return nil
		}
		now := tx.Now()
		_, err := tx.Exec(ctx, `INSERT INTO routing_queues (name, position, rule, catch_all, created_at, updated_at) VALUES (?, 1000000, '', 1, ?, ?)`, CatchAllName, now, now)
		return err
	})
}

// SaveQueue creates a queue (id 0) or changes one, at in.Position in the
// rule order (the others move down). The catch-all keeps an empty rule
// and its place; only its name may change.
func (s *Service) SaveQueue(ctx context.Context, by, id int64, in QueueInput) (Queue, error) {
	var q Queue
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		catchAll := false
		if id != 0 {
			var c int
			err := tx.QueryRow(ctx, `SELECT catch_all FROM routing_queues WHERE id = ?`, id).Scan(&c)
			if errors.Is(err, sql.ErrNoRows) {
				return errs.E(errs.NotFound, "no queue %d", id)
			}
			if err != nil {
				return err
			}
			catchAll = c == 1
		}
		if catchAll {
			in.Rule = ""
			in.Name = strings.TrimSpace(in.Name)
			if in.Name == "" || len(in.Name) > 100 || !utf8.ValidString(in.Name) {
				return errs.Field("name", "a queue needs a name of 1 to 100 bytes")
			}
		} else if _, err := in.validate(); err != nil {
			return err
		}
		var clash int64
		err := tx.QueryRow(ctx, `SELECT id FROM routing_queues WHERE name = ? AND id <> ?`, in.Name, id).Scan(&clash)
		if err == nil {
			return errs.Field("name", "a queue named %q exists", in.Name)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		now := tx.Now()
		if id == 0 {
			if id, err = tx.InsertID(ctx, `INSERT INTO routing_queues (name, position, rule, catch_all, created_at, updated_at) VALUES (?, 0, ?, 0, ?, ?)`,
				in.Name, in.Rule, now, now); err != nil {
				return err
			}
		} else if _, err := tx.Exec(ctx, `UPDATE routing_queues SET name = ?, rule = ?, updated_at = ? WHERE id = ?`, in.Name, in.Rule, now, id); err != nil {
			return err
		}
		if !catchAll {
			if err := reorder(ctx, tx, id, in.Position); err != nil {
				return err
			}
		}
		q = Queue{ID: id, Name: in.Name, Rule: in.Rule, CatchAll: catchAll}
		return QueuesChanged.Emit(ctx, tx, QueuesChangedEvent{AgentID: by})
	})
	if err != nil {
		return Queue{}, fmt.Errorf("save queue: %w", err)
	}
	s.queuesChanged()
	return q, nil
}

// reorder moves queue id to position pos (1-based; 0 or past the end:
// last) and numbers the rule queues 1..n.
func reorder(ctx context.Context, tx *store.Tx, id int64, pos int) error {
	rows, err := tx.Query(ctx, `SELECT id FROM routing_queues WHERE catch_all = 0 AND id <> ? ORDER BY position, id`, id)
	if err != nil {
		return err
	}
	var ids []int64
	for rows.Next() {
		var other int64
		if err := rows.Scan(&other); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, other)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if pos < 1 || pos > len(ids)+1 {
		pos = len(ids) + 1
	}
	ids = append(ids[:pos-1], append([]int64{id}, ids[pos-1:]...)...)
	for i, qid := range ids {
		if _, err := tx.Exec(ctx, `UPDATE routing_queues SET position = ? WHERE id = ?`, i+1, qid); err != nil {
			return err
		}
	}
	return nil
}

// RemoveQueue deletes a rule queue; its tickets are routed again.
func (s *Service) RemoveQueue(ctx context.Context, by, id int64) error {
	var moved []int64
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		var c int
		err := tx.QueryRow(ctx, `SELECT catch_all FROM routing_queues WHERE id = ?`, id).Scan(&c)
		if errors.Is(err, sql.ErrNoRows) {
			return errs.E(errs.NotFound, "no queue %d", id)
		}
		if err != nil {
			return err
		}
		if c == 1 {
			return errs.E(errs.Conflict, "the catch-all queue cannot be removed: every ticket must be in a queue")
		}
		if moved, err = tx.QueryIDs(ctx, `SELECT id FROM tickets WHERE queue_id = ? AND status NOT IN ('solved', 'closed')`, id); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE tickets SET queue_id = NULL WHERE queue_id = ?`, id); err != nil {
			return err
		}
		for _, q := range []string{`DELETE FROM routing_waits WHERE queue_id = ?`, `DELETE FROM routing_queues WHERE id = ?`} {
			if _, err := tx.Exec(ctx, q, id); err != nil {
				return err
			}
		}
		return QueuesChanged.Emit(ctx, tx, QueuesChangedEvent{AgentID: by})
	})
	if err != nil {
		return fmt.Errorf("remove queue %d: %w", id, err)
	}
	s.queuesChanged()
	for _, t := range moved {
		if _, err := s.Route(ctx, t); err != nil {
			return err
		}
	}
	return nil
}

package sla

import (
	"context"
	"fmt"
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
)

// Risk is an open ticket whose running target falls due within the
// horizon asked for, or has already been breached.
type Risk struct {
	TicketID int64     `json:"ticket_id"`
	Target   Target    `json:"target"`
	DueAt    time.Time `json:"due_at"`
	Breached bool      `json:"breached"`
}

// AtRisk lists the open tickets with a running target due before now +
// horizon, or breached and not yet met, earliest first (at most limit). It
// reads the due index, not every timer.
func (s *Service) AtRisk(ctx context.Context, horizon time.Duration, limit int) ([]Risk, error) {
	now := s.db.Now()
	rows, err := s.db.Query(ctx, `SELECT s.ticket_id, s.target, s.due_at, s.state FROM sla_timers s JOIN tickets t ON t.id = s.ticket_id
		WHERE (s.state = 'running' AND s.due_at <= ? OR s.state = 'breached') AND t.status NOT IN ('solved', 'closed')
		ORDER BY s.due_at, s.ticket_id LIMIT ?`, now+horizon.Milliseconds(), limit)
	if err != nil {
		return nil, fmt.Errorf("sla at risk: %w", err)
	}
	defer rows.Close()
	var out []Risk
	for rows.Next() {
		var r Risk
		var due int64
		var state string
		if err := rows.Scan(&r.TicketID, &r.Target, &due, &state); err != nil {
			return nil, fmt.Errorf("sla at risk: %w", err)
		}
		r.DueAt, r.Breached = store.Time(due), state == string(Breached)
		out = append(out, r)
	}
	return out, rows.Err()
}

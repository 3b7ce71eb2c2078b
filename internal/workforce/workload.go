package workforce

import (
	"context"
	"fmt"
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
)

// Workload windows.
const (
	WorkloadWindow = 7 * 24 * time.Hour
)

// Workload is an agent's load and handle time, for the agent and their
// supervisor.
type Workload struct {
	Load
	Assigned7d int `json:"assigned_7d"`
	Solved7d   int `json:"solved_7d"`
	// HandleMedian and HandleMean are seconds from assignment to solve of
	// the tickets solved in the last 7 days (0 when none).
	HandleMedian int64      `json:"handle_median_seconds"`
	HandleMean   int64      `json:"handle_mean_seconds"`
	Flags7d      int        `json:"flagged_conversations_7d"`
	RestingUntil *time.Time `json:"resting_until,omitempty"`
	Shifts       []Shift    `json:"upcoming_shifts"`
}

// Workload reads agentID's workload.
func (s *Service) Workload(ctx context.Context, agentID int64) (Workload, error) {
	p, err := s.routing.Profile(ctx, agentID)
	if err != nil {
		return Workload{}, err
	}
	w := Workload{Load: loadOf(p)}
	w.AgentID = agentID
	now := s.now()
	since := now - WorkloadWindow.Milliseconds()
	if err := s.db.QueryRow(ctx, `SELECT COUNT(*) FROM agent_handles WHERE agent_id = ? AND assigned_at > ?`, agentID, since).Scan(&w.Assigned7d); err != nil {
		return Workload{}, fmt.Errorf("workload of agent %d: %w", agentID, err)
	}
	rows, err := s.db.Query(ctx, `SELECT solved_at - assigned_at FROM agent_handles WHERE agent_id = ? AND solved_at > ? ORDER BY 1`, agentID, since)
	if err != nil {
		return Workload{}, fmt.Errorf("workload of agent %d: %w", agentID, err)
	}
	var spans []int64
	for rows.Next() {
		var ms int64
		if err := rows.Scan(&ms); err != nil {
			rows.Close()
			return Workload{}, fmt.Errorf("workload of agent %d: %w", agentID, err)
		}
		spans = append(spans, ms)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return Workload{}, fmt.Errorf("workload of agent %d: %w", agentID, err)
	}
	w.Solved7d = len(spans)
	if n := len(spans); n > 0 {
		var sum int64
		for _, ms := range spans {
			sum += ms
		}
		w.HandleMean = sum / int64(n) / 1000
		w.HandleMedian = spans[n/2] / 1000
		if n%2 == 0 {
			w.HandleMedian = (spans[n/2-1] + spans[n/2]) / 2 / 1000
		}
	}
	if err := s.db.QueryRow(ctx, `SELECT COUNT(*) FROM ticket_flags f WHERE f.created_at > ? AND (f.agent_id = ?
		OR f.source = 'detected' AND EXISTS (SELECT 1 FROM agent_handles h WHERE h.ticket_id = f.ticket_id AND h.agent_id = ?))`,
		since, agentID, agentID).Scan(&w.Flags7d); err != nil {
		return Workload{}, fmt.Errorf("workload of agent %d: %w", agentID, err)
	}
	if u := s.RestingUntil(agentID); !u.IsZero() {
		w.RestingUntil = &u
	}
	if w.Shifts, err = s.Shifts(ctx, store.Time(now), store.Time(now).Add(WorkloadWindow), 0, agentID); err != nil {
		return Workload{}, err
	}
	return w, nil
}

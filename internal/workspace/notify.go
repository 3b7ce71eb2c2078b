package workspace

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/groundcrew/groundcrew/internal/store"
)

// NotifySettings says which browser notifications an agent wants. An agent
// who never chose gets all of them.
type NotifySettings struct {
	Assignments bool `json:"assignments"` // a ticket assigned to them
	Mentions    bool `json:"mentions"`    // an internal note mentioning them
	Replies     bool `json:"replies"`     // a customer writing on a ticket assigned to them
}

// DefaultNotify is what an agent who never chose gets.
var DefaultNotify = NotifySettings{Assignments: true, Mentions: true, Replies: true}

// NotifyStore keeps each agent's notification settings.
type NotifyStore struct{ db *store.DB }

// NewNotifyStore returns the settings store.
func NewNotifyStore(db *store.DB) *NotifyStore { return &NotifyStore{db: db} }

// Get returns agent agentID's settings.
func (s *NotifyStore) Get(ctx context.Context, agentID int64) (NotifySettings, error) {
	var a, m, r int
	err := s.db.QueryRow(ctx, `SELECT assignments, mentions, replies FROM agent_notifications WHERE agent_id = ?`, agentID).Scan(&a, &m, &r)
	if errors.Is(err, sql.ErrNoRows) {
		return DefaultNotify, nil
	}
	if err != nil {
		return NotifySettings{}, fmt.Errorf("notification settings of agent %d: %w", agentID, err)
	}
	return NotifySettings{Assignments: a == 1, Mentions: m == 1, Replies: r == 1}, nil
}

// Set stores agent agentID's settings.
func (s *NotifyStore) Set(ctx context.Context, agentID int64, n NotifySettings) error {
	_, err := s.db.Exec(ctx, `INSERT INTO agent_notifications (agent_id, assignments, mentions, replies, updated_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (agent_id) DO UPDATE SET assignments = excluded.assignments, mentions = excluded.mentions,
		replies = excluded.replies, updated_at = excluded.updated_at`,
		agentID, boolInt(n.Assignments), boolInt(n.Mentions), boolInt(n.Replies), s.db.Now())
	if err != nil {
		return fmt.Errorf("set notification settings of agent %d: %w", agentID, err)
	}
	return nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

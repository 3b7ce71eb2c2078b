package routing

import (
	"context"
	"fmt"
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
)

// Presence: each node counts its open workspace connections (event
// streams) per agent in agent_connections and refreshes them on every
// sweep. An online agent goes away when, across all nodes, none of their
// connections has been open for PresenceGrace (a page reload does not
// count), or when the only ones left belong to a node that stopped
// refreshing them (it died).
const (
	PresenceGrace = 15 * time.Second
	presenceStale = 3 * dispatchSweep
)

// Connected counts a workspace connection of agentID opened on this node.
func (s *Service) Connected(ctx context.Context, agentID int64) error {
	return s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO agent_connections (agent_id, node, open, seen_at) VALUES (?, ?, 1, ?)
			ON CONFLICT (agent_id, node) DO UPDATE SET open = agent_connections.open + 1, seen_at = excluded.seen_at`, agentID, s.Node, tx.Now())
		if err != nil {
			return fmt.Errorf("agent %d connected: %w", agentID, err)
		}
		return nil
	})
}

// Disconnected counts one of agentID's connections on this node closed.
func (s *Service) Disconnected(ctx context.Context, agentID int64) error {
	_, err := s.db.Exec(ctx, `UPDATE agent_connections SET open = CASE WHEN open > 0 THEN open - 1 ELSE 0 END, seen_at = ? WHERE agent_id = ? AND node = ?`,
		s.db.Now(), agentID, s.Node)
	if err != nil {
		return fmt.Errorf("agent %d disconnected: %w", agentID, err)
	}
	return nil
}

// SweepPresence refreshes this node's connections and sets away the
// online agents whose last connection closed more than PresenceGrace ago.
func (s *Service) SweepPresence(ctx context.Context) error {
	now := s.db.Now()
	if _, err := s.db.Exec(ctx, `UPDATE agent_connections SET seen_at = ? WHERE node = ? AND open > 0`, now, s.Node); err != nil {
		return fmt.Errorf("presence: %w", err)
	}
	rows, err := s.db.Query(ctx, `SELECT r.agent_id FROM agent_routing r WHERE r.availability = 'online'
		AND EXISTS (SELECT 1 FROM agent_connections c WHERE c.agent_id = r.agent_id)
		AND NOT EXISTS (SELECT 1 FROM agent_connections c WHERE c.agent_id = r.agent_id AND c.open > 0 AND c.seen_at > ?)
		AND NOT EXISTS (SELECT 1 FROM agent_connections c WHERE c.agent_id = r.agent_id AND c.open = 0 AND c.seen_at > ?)`,
		now-presenceStale.Milliseconds(), now-PresenceGrace.Milliseconds())
	if err != nil {
		return fmt.Errorf("presence: %w", err)
	}
	gone, err := store.ScanIDs(rows)
	if err != nil {
		return fmt.Errorf("presence: %w", err)
	}
	for _, a := range gone {
		if _, err := s.db.Exec(ctx, `DELETE FROM agent_connections WHERE agent_id = ?`, a); err != nil {
			return fmt.Errorf("presence: %w", err)
		}
		if err := s.SetAvailability(ctx, a, Away); err != nil {
			return err
		}
		s.log.Info("routing: agent away, no workspace open", "agent", a)
	}
	return nil
}

package workforce

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
)

// Flag kinds and sources.
var FlagKinds = []string{"abusive", "distressing"}

const (
	SourceAgent    = "agent"
	SourceDetected = "detected"
)

// Flag is a conversation flagged abusive or distressing.
type Flag struct {
	ID        int64     `json:"id"`
	TicketID  int64     `json:"ticket_id"`
	Kind      string    `json:"kind"`
	Source    string    `json:"source"`
	AgentID   *int64    `json:"agent_id"`
	CreatedAt time.Time `json:"created_at"`
	// RestingUntil is when the agent who carried the conversation is
	// offered chats again (nil: no agent had it).
	RestingUntil *time.Time `json:"resting_until"`
}

// Breathing-room length limits, in minutes.
const (
	MinBreathing = 1
	MaxBreathing = 60
)

// FlagTicket flags ticket id; by is the flagging agent (nil for detected
// abuse), who must be allowed to see the ticket (the caller checks). The
// agent who carried the conversation (the flagging agent, else the
// assignee) gets breathing room: no chat offered for the configured
// minutes.
func (s *Service) FlagTicket(ctx context.Context, id int64, kind string, by *int64) (Flag, error) {
	if !slices.Contains(FlagKinds, kind) {
		return Flag{}, errs.Field("kind", "kind must be one of %v", FlagKinds)
	}
	f, err := s.tickets.RouteFacts(ctx, id)
	if err != nil {
		return Flag{}, err
	}
	st, err := s.Settings(ctx)
	if err != nil {
		return Flag{}, err
	}
	source := SourceDetected
	if by != nil {
		source = SourceAgent
	}
	rester := by
	if rester == nil {
		rester = f.AssigneeID
	}
	now := s.now()
	out := Flag{TicketID: id, Kind: kind, Source: source, AgentID: by, CreatedAt: store.Time(now)}
	var until int64
	err = s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		if out.ID, err = tx.InsertID(ctx, `INSERT INTO ticket_flags (ticket_id, kind, source, agent_id, created_at) VALUES (?, ?, ?, ?, ?)`,
			id, kind, source, by, now); err != nil {
			return err
		}
		if err := TicketFlagged.Emit(ctx, tx, TicketFlaggedEvent{TicketID: id, Kind: kind, Source: source, AgentID: by}); err != nil {
			return err
		}
		if rester == nil {
			return nil
		}
		until = now + int64(st.BreathingMinutes)*time.Minute.Milliseconds()
		if _, err := tx.Exec(ctx, `INSERT INTO agent_breathing (agent_id, until_at, ticket_id, kind) VALUES (?, ?, ?, ?)
			ON CONFLICT (agent_id) DO UPDATE SET until_at = excluded.until_at, ticket_id = excluded.ticket_id, kind = excluded.kind`,
			*rester, until, id, kind); err != nil {
			return err
		}
		return BreathingStarted.Emit(ctx, tx, BreathingStartedEvent{AgentID: *rester, Until: until, TicketID: id})
	})
	if err != nil {
		return Flag{}, fmt.Errorf("flag ticket %d: %w", id, err)
	}
	if rester != nil {
		s.rest(*rester, until) // this node at once; the others from the event
		u := store.Time(until)
		out.RestingUntil = &u
	}
	return out, nil
}

// Flags lists ticket id's flags, oldest first.
func (s *Service) Flags(ctx context.Context, id int64) ([]Flag, error) {
	rows, err := s.db.Query(ctx, `SELECT id, kind, source, agent_id, created_at FROM ticket_flags WHERE ticket_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, fmt.Errorf("flags of ticket %d: %w", id, err)
	}
	defer rows.Close()
	out := []Flag{}
	for rows.Next() {
		f := Flag{TicketID: id}
		var at int64
		if err := rows.Scan(&f.ID, &f.Kind, &f.Source, &f.AgentID, &at); err != nil {
			return nil, fmt.Errorf("flags of ticket %d: %w", id, err)
		}
		f.CreatedAt = store.Time(at)
		out = append(out, f)
	}
	return out, rows.Err()
}

// SetBreathingMinutes sets how long breathing room lasts.
func (s *Service) SetBreathingMinutes(ctx context.Context, minutes int) error {
	if minutes < MinBreathing || minutes > MaxBreathing {
		return errs.Field("breathing_minutes", "breathing room is %d to %d minutes", MinBreathing, MaxBreathing)
	}
	if _, err := s.db.Exec(ctx, `UPDATE workforce_settings SET breathing_minutes = ?, updated_at = ? WHERE id = 1`, minutes, s.now()); err != nil {
		return fmt.Errorf("set breathing minutes: %w", err)
	}
	return nil
}

// Resting reports whether agentID is in breathing room now. Routing calls
// it under its index lock, so it only reads memory.
func (s *Service) Resting(agentID int64) bool {
	s.mu.Lock()
	until, ok := s.resting[agentID]
	s.mu.Unlock()
	return ok && until > s.now()
}

// RestingUntil is when agentID's breathing room ends (zero when none).
func (s *Service) RestingUntil(agentID int64) time.Time {
	s.mu.Lock()
	until := s.resting[agentID]
	s.mu.Unlock()
	if until <= s.now() {
		return time.Time{}
	}
	return store.Time(until)
}

func (s *Service) rest(agentID, until int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if until > s.resting[agentID] {
		s.resting[agentID] = until
	}
}

// loadResting reads the breathing room in force (at start).
func (s *Service) loadResting(ctx context.Context) error {
	rows, err := s.db.Query(ctx, `SELECT agent_id, until_at FROM agent_breathing WHERE until_at > ?`, s.now())
	if err != nil {
		return fmt.Errorf("load breathing room: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var a, until int64
		if err := rows.Scan(&a, &until); err != nil {
			return fmt.Errorf("load breathing room: %w", err)
		}
		s.rest(a, until)
	}
	return rows.Err()
}

// detectAbuse flags ticket id when a customer's message is abusive, at
// most once per breathing-room length (a tirade of ten messages is one
// flag, and the agent's room is not stretched by each).
func (s *Service) detectAbuse(ctx context.Context, id int64, body string) error {
	if !Abusive(body) {
		return nil
	}
	st, err := s.Settings(ctx)
	if err != nil {
		return err
	}
	var recent int
	since := s.now() - int64(st.BreathingMinutes)*time.Minute.Milliseconds()
	if err := s.db.QueryRow(ctx, `SELECT COUNT(*) FROM ticket_flags WHERE ticket_id = ? AND source = 'detected' AND created_at > ?`, id, since).Scan(&recent); err != nil {
		return fmt.Errorf("detect abuse on ticket %d: %w", id, err)
	}
	if recent > 0 {
		return nil
	}
	_, err = s.FlagTicket(ctx, id, "abusive", nil)
	return err
}

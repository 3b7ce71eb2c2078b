package ticket

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
)

// What internal/routing needs of tickets: the facts a queue rule reads,
// the queue a ticket is in, and assignment that two nodes cannot both win.

// RouteFacts is what routing reads of a ticket.
type RouteFacts struct {
	ID               int64
	Subject          string
	FirstMessage     string // the customer's first message, opened
	Channel          string
	Status           Status
	Priority         Priority
	ProductArea      string
	Language         string
	LanguageByAgent  bool // an agent set Language: detection keeps it
	CustomerLanguage string
	Tier             int
	AssigneeID       *int64
	QueueID          *int64
	QueueReason      string
	VIPLevel         int
	Verification     int    // the customer's highest verification level that counts now
	Specialist       string // of the latest escalation, if any
	CreatedAt        int64
}

// RouteFacts reads ticket id's routing facts.
func (s *Store) RouteFacts(ctx context.Context, id int64) (RouteFacts, error) {
	f := RouteFacts{ID: id}
	var assignee, queue sql.NullInt64
	var byAgent int
	err := s.db.QueryRow(ctx, `SELECT t.subject, t.channel, t.status, t.priority, t.product_area, t.language, t.language_by_agent, t.tier, t.assignee_id, t.queue_id, t.queue_reason,
		c.language, c.vip_level, t.created_at, c.id
		FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE t.id = ?`, id).
		Scan(&f.Subject, &f.Channel, &f.Status, &f.Priority, &f.ProductArea, &f.Language, &byAgent, &f.Tier, &assignee, &queue, &f.QueueReason,
			&f.CustomerLanguage, &f.VIPLevel, &f.CreatedAt, new(int64))
	if errors.Is(err, sql.ErrNoRows) {
		return f, errs.E(errs.NotFound, "no ticket %d", id)
	}
	if err != nil {
		return f, fmt.Errorf("route facts of ticket %d: %w", id, err)
	}
	f.LanguageByAgent = byAgent == 1
	if assignee.Valid {
		f.AssigneeID = &assignee.Int64
	}
	if queue.Valid {
		f.QueueID = &queue.Int64
	}
	now := s.db.Now()
	err = s.db.QueryRow(ctx, `SELECT COALESCE(MAX(v.level), 0) FROM customer_verifications v JOIN tickets t ON t.customer_id = v.customer_id
		WHERE t.id = ? AND (v.expires_at = 0 AND (v.ticket_id IS NULL OR v.ticket_id <= t.id) OR v.expires_at > ?)`, id, now).Scan(&f.Verification)
	if err != nil {
		return f, fmt.Errorf("route facts of ticket %d: verification: %w", id, err)
	}
	err = s.db.QueryRow(ctx, `SELECT specialist FROM escalations WHERE ticket_id = ? ORDER BY id DESC LIMIT 1`, id).Scan(&f.Specialist)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return f, fmt.Errorf("route facts of ticket %d: escalation: %w", id, err)
	}
	var msgID int64
	var sealed string
	err = s.db.QueryRow(ctx, `SELECT id, body FROM messages WHERE ticket_id = ? AND author_kind = 'customer' AND internal = 0 ORDER BY id LIMIT 1`, id).Scan(&msgID, &sealed)
	if errors.Is(err, sql.ErrNoRows) {
		return f, nil
	}
	if err != nil {
		return f, fmt.Errorf("route facts of ticket %d: first message: %w", id, err)
	}
	if f.FirstMessage, err = s.openBody(id, msgID, sealed); err != nil {
		return f, fmt.Errorf("route facts of ticket %d: %w", id, err)
	}
	return f, nil
}

// SetQueue puts ticket id in queue queueID with its reason, and corrects
// its language and product area when routing detected them (empty: keep).
// A language an agent set stays, even one set after routing read the
// ticket.
// It runs in the transaction ctx carries, if any; the caller emits.
func (s *Store) SetQueue(ctx context.Context, id, queueID int64, reason, language, area string) error {
	_, err := s.setQueue(ctx, false, id, queueID, reason, language, area)
	return err
}

// SetFirstQueue is SetQueue for a ticket's first placement: it writes
// only while the ticket is in no queue, so a placement made since the
// caller read the ticket (an automation rule's, an agent's escalation,
// another node's) stands. placed is false when the ticket already had
// a queue, or when language is a detection and an agent has set the
// ticket's language since (the queue was chosen for the wrong one).
func (s *Store) SetFirstQueue(ctx context.Context, id, queueID int64, reason, language, area string) (placed bool, err error) {
	return s.setQueue(ctx, true, id, queueID, reason, language, area)
}

func (s *Store) setQueue(ctx context.Context, first bool, id, queueID int64, reason, language, area string) (bool, error) {
	if language != "" {
		if err := oneOf("language", language, Languages); err != nil {
			return false, err
		}
	}
	if area != "" {
		if err := oneOf("product_area", area, ProductAreas); err != nil {
			return false, err
		}
	}
	q := `UPDATE tickets SET queue_id = ?, queue_reason = ?,
		language = CASE WHEN ? = '' OR language_by_agent = 1 THEN language ELSE ? END, product_area = CASE WHEN ? = '' THEN product_area ELSE ? END WHERE id = ?`
	args := []any{queueID, reason, language, language, area, area, id}
	if first {
		// A first placement decided on a language an agent has since
		// set is stale: the caller reads the ticket again.
		q += ` AND queue_id IS NULL AND (? = '' OR language_by_agent = 0)`
		args = append(args, language)
	}
	var placed bool
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		res, err := tx.Exec(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("set queue of ticket %d: %w", id, err)
		}
		n, err := res.RowsAffected()
		placed = n == 1
		return err
	})
	return placed, err
}

// Claim assigns ticket id to agentID if it has no assignee and is not
// solved or closed: a conditional UPDATE, so of two nodes claiming at
// once exactly one wins. ok is false for the loser. It emits ticket.updated
// (assignee_id) in the transaction ctx carries, or its own.
func (s *Store) Claim(ctx context.Context, id, agentID int64) (ok bool, err error) {
	err = s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		now := tx.Now()
		res, err := tx.Exec(ctx, `UPDATE tickets SET assignee_id = ?, updated_at = ? WHERE id = ? AND assignee_id IS NULL AND status NOT IN ('solved', 'closed')`,
			agentID, now, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return nil
		}
		if err := touch(ctx, tx, id, now); err != nil {
			return err
		}
		ok = true
		return TicketUpdated.Emit(ctx, tx, TicketUpdatedEvent{TicketID: id, AgentID: agentID,
			Changes: map[string]Change{"assignee_id": {From: nil, To: agentID}}})
	})
	if err != nil {
		return false, fmt.Errorf("claim ticket %d for agent %d: %w", id, agentID, err)
	}
	return ok, nil
}

// Release unassigns ticket id if agentID still has it (routing takes a
// chat back from an agent who went away); by is who decided (0: routing).
func (s *Store) Release(ctx context.Context, id, agentID, by int64) (ok bool, err error) {
	err = s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		now := tx.Now()
		res, err := tx.Exec(ctx, `UPDATE tickets SET assignee_id = NULL, updated_at = ? WHERE id = ? AND assignee_id = ?`, now, id, agentID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return nil
		}
		if err := touch(ctx, tx, id, now); err != nil {
			return err
		}
		ok = true
		return TicketUpdated.Emit(ctx, tx, TicketUpdatedEvent{TicketID: id, AgentID: by,
			Changes: map[string]Change{"assignee_id": {From: agentID, To: nil}}})
	})
	if err != nil {
		return false, fmt.Errorf("release ticket %d from agent %d: %w", id, agentID, err)
	}
	return ok, nil
}

// SpecialistEscalation is an agent's escalation with a hand-off summary:
// to a tier, or to the security or recovery specialists (Specialist set,
// ToTier their tier).
type SpecialistEscalation struct {
	ToTier     int
	Specialist string
	Reason     string
	Summary    string
	TeamID     *int64 // nil: the team stays as it is
}

// EscalateWithSummary records e on ticket id (if v may see it), moves the
// ticket to e.ToTier, clears its assignee and emits ticket.escalated, in
// the transaction ctx carries, if any. A move to the same tier is refused
// unless it goes to a specialist the ticket is not with yet.
func (s *Store) EscalateWithSummary(ctx context.Context, v Viewer, id int64, e SpecialistEscalation) (Escalation, error) {
	if e.ToTier < 1 || e.ToTier > 3 {
		return Escalation{}, errs.Field("to_tier", "to_tier must be 1, 2 or 3")
	}
	e.Reason, e.Summary = strings.TrimSpace(e.Reason), strings.TrimSpace(e.Summary)
	if err := checkText("reason", e.Reason, 2000, true); err != nil {
		return Escalation{}, err
	}
	if err := checkText("summary", e.Summary, 8000, false); err != nil {
		return Escalation{}, err
	}
	// An agent may quote the customer: cut secrets as from a note, before
	// the row, the ticket page and the event (webhooks carry it out).
	e.Reason, e.Summary = s.redact(e.Reason), s.redact(e.Summary)
	var out Escalation
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		t, err := s.load(ctx, id)
		if err != nil {
			return err
		}
		if !v.CanSee(t) {
			return errs.E(errs.Forbidden, "ticket %d belongs to a team you are not in", id)
		}
		var current string
		if err := tx.QueryRow(ctx, `SELECT specialist FROM escalations WHERE ticket_id = ? ORDER BY id DESC LIMIT 1`, id).Scan(&current); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		teamMove := e.TeamID != nil && (t.TeamID == nil || *t.TeamID != *e.TeamID)
		if t.Tier == e.ToTier && current == e.Specialist && !teamMove {
			return errs.Field("to_tier", "ticket %d is at tier %d already", id, e.ToTier)
		}
		if teamMove {
			var n int
			if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM teams WHERE id = ?`, *e.TeamID).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return errs.Field("team_id", "no team %d", *e.TeamID)
			}
		}
		now := tx.Now()
		out = Escalation{FromTier: t.Tier, ToTier: e.ToTier, Reason: e.Reason, AgentID: &v.AgentID, CreatedAt: store.Time(now)}
		out.ID, err = tx.InsertID(ctx, `INSERT INTO escalations (ticket_id, from_tier, to_tier, reason, agent_id, created_at, specialist, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			id, t.Tier, e.ToTier, e.Reason, v.AgentID, now, e.Specialist, e.Summary)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE tickets SET tier = ?, assignee_id = NULL, updated_at = ? WHERE id = ?`, e.ToTier, now, id); err != nil {
			return err
		}
		if err := touch(ctx, tx, id, now); err != nil {
			return err
		}
		if teamMove {
			if _, err := tx.Exec(ctx, `UPDATE tickets SET team_id = ? WHERE id = ?`, *e.TeamID, id); err != nil {
				return err
			}
			if err := TicketUpdated.Emit(ctx, tx, TicketUpdatedEvent{TicketID: id, AgentID: v.AgentID,
				Changes: map[string]Change{"team_id": {From: t.TeamID, To: *e.TeamID}}}); err != nil {
				return err
			}
		}
		return TicketEscalated.Emit(ctx, tx, TicketEscalatedEvent{TicketID: id, FromTier: t.Tier, ToTier: e.ToTier, AgentID: v.AgentID, Reason: e.Reason})
	})
	if err != nil {
		return Escalation{}, fmt.Errorf("escalate ticket %d: %w", id, err)
	}
	return out, nil
}

// HandOff is one escalation with its specialist and summary.
type HandOff struct {
	Escalation
	Specialist string `json:"specialist,omitempty"`
	Summary    string `json:"summary"`
}

// HandOffs lists ticket id's escalations with their summaries, oldest first.
func (s *Store) HandOffs(ctx context.Context, id int64) ([]HandOff, error) {
	rows, err := s.db.Query(ctx, `SELECT id, from_tier, to_tier, reason, agent_id, created_at, specialist, summary FROM escalations WHERE ticket_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, fmt.Errorf("hand-offs of ticket %d: %w", id, err)
	}
	defer rows.Close()
	out := []HandOff{}
	for rows.Next() {
		var h HandOff
		var agent sql.NullInt64
		var created int64
		if err := rows.Scan(&h.ID, &h.FromTier, &h.ToTier, &h.Reason, &agent, &created, &h.Specialist, &h.Summary); err != nil {
			return nil, err
		}
		if agent.Valid {
			h.AgentID = &agent.Int64
		}
		h.CreatedAt = store.Time(created)
		out = append(out, h)
	}
	return out, rows.Err()
}

// SystemMessage adds a message from the system that the customer sees
// (routing tells them what happens next), in the transaction ctx carries.
// The text is Groundcrew's own, so the outbound guard does not read it.
func (s *Store) SystemMessage(ctx context.Context, id int64, body string) (Message, error) {
	return s.systemMessage(ctx, id, body, false)
}

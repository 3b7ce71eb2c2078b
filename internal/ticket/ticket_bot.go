package ticket

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
)

// What the support bot (internal/bot) writes: its replies, as author kind
// "bot" (decided here, never by a caller), through the outbound guard like
// any agent's; and its hand-offs to people, recorded like an escalation
// with the bot as the actor and the summary for the agent.

// BotActor names the bot in escalations, events and audit records.
const BotActor = "bot"

// BotReply stores body as the bot's public message on ticket id. The
// outbound guard reads it with the ticket's earlier agent and bot
// messages; a refusal is audited and the error wraps ErrBlocked. A closed
// ticket refuses it (Conflict).
func (s *Store) BotReply(ctx context.Context, id int64, body string) (Message, error) {
	in := NewMessage{Body: body, Author: "bot"}
	return s.add(ctx, func(ticketHead) error { return nil }, id, in, false)
}

// BotReplyWaiting is BotReply for a conversation the bot has handed to
// people: the customer still waits for an agent, so the inbox's wait
// (awaiting_since) stands, from the customer's message or from now.
func (s *Store) BotReplyWaiting(ctx context.Context, id int64, body string) (Message, error) {
	var m Message
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		var since sql.NullInt64
		if err := tx.QueryRow(ctx, `SELECT awaiting_since FROM tickets WHERE id = ?`, id).Scan(&since); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return errs.E(errs.NotFound, "no ticket %d", id)
			}
			return err
		}
		var err error
		if m, err = s.BotReply(ctx, id, body); err != nil {
			return err
		}
		if !since.Valid {
			since = sql.NullInt64{Int64: tx.Now(), Valid: true}
		}
		_, err = tx.Exec(ctx, `UPDATE tickets SET awaiting_since = ? WHERE id = ? AND status IN ('new', 'open')`, since.Int64, id)
		return err
	})
	return m, err
}

// BotNote stores body as an internal note by the bot (the hand-off summary
// agents read first); customers never see it.
func (s *Store) BotNote(ctx context.Context, id int64, body string) (Message, error) {
	in := NewMessage{Body: body, Author: "bot"}
	return s.add(ctx, func(ticketHead) error { return nil }, id, in, true)
}

// BotHandOff is where the bot sends a ticket: a tier, or the security or
// recovery specialists, with the reason and the summary agents read.
type BotHandOff struct {
	ToTier     int
	Specialist string // "", "security" or "recovery"
	Priority   Priority
	Reason     string
	Summary    string
}

// HandOffFromBot records h on ticket id as an escalation by the bot (with
// its specialist and summary), raises the priority to h.Priority if that is
// higher, and emits ticket.escalated, which routing follows to the new
// queue. A ticket already there with that specialist keeps its escalation
// history unchanged (moved false); the priority is still raised.
func (s *Store) HandOffFromBot(ctx context.Context, id int64, h BotHandOff) (moved bool, err error) {
	if h.ToTier < 1 || h.ToTier > 3 {
		return false, errs.Field("to_tier", "to_tier must be 1, 2 or 3")
	}
	if err := checkText("reason", h.Reason, 2000, true); err != nil {
		return false, err
	}
	if err := checkText("summary", h.Summary, 8000, false); err != nil {
		return false, err
	}
	err = s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		t, err := s.load(ctx, id)
		if err != nil {
			return err
		}
		var current string
		err = tx.QueryRow(ctx, `SELECT specialist FROM escalations WHERE ticket_id = ? ORDER BY id DESC LIMIT 1`, id).Scan(&current)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if h.Priority != "" {
			if _, err := s.RaisePriority(ctx, id, h.Priority, BotActor, h.Reason); err != nil {
				return err
			}
		}
		if t.Tier == h.ToTier && current == h.Specialist {
			return nil
		}
		moved = true
		now := tx.Now()
		if _, err := tx.Exec(ctx, `INSERT INTO escalations (ticket_id, from_tier, to_tier, reason, agent_id, actor, created_at, specialist, summary)
			VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?)`, id, t.Tier, h.ToTier, h.Reason, BotActor, now, h.Specialist, h.Summary); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE tickets SET tier = ?, assignee_id = NULL, updated_at = ? WHERE id = ?`, h.ToTier, now, id); err != nil {
			return err
		}
		if err := touch(ctx, tx, id, now); err != nil {
			return err
		}
		if err := s.audit.Record(ctx, "ticket.escalated", "ticket", fmt.Sprint(id),
			map[string]any{"actor": BotActor, "from_tier": t.Tier, "to_tier": h.ToTier, "specialist": h.Specialist, "reason": h.Reason}); err != nil {
			return err
		}
		return TicketEscalated.Emit(ctx, tx, TicketEscalatedEvent{TicketID: id, FromTier: t.Tier, ToTier: h.ToTier, Actor: BotActor, Reason: h.Reason})
	})
	if err != nil {
		return false, fmt.Errorf("bot hand-off of ticket %d: %w", id, err)
	}
	return moved, nil
}

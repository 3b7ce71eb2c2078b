package ticket

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
)

// Changes made by a part of the system (the SLA scheduler, routing) rather
// than an agent: no viewer, the actor's name in the events and the
// escalation, and an audit record. Inside a caller's transaction (ctx from
// store.DB.Tx) they join it.

// RaisePriority sets ticket id's priority to to, if that is higher than it
// is; raised is false (and nothing changes) when it is not.
func (s *Store) RaisePriority(ctx context.Context, id int64, to Priority, actor, reason string) (raised bool, err error) {
	if err := oneOf("priority", to, Priorities); err != nil {
		return false, err
	}
	if err := checkActor(actor, reason); err != nil {
		return false, err
	}
	err = s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		t, err := s.load(ctx, id)
		if err != nil {
			return err
		}
		if slices.Index(Priorities, to) <= slices.Index(Priorities, t.Priority) {
			return nil
		}
		raised = true
		now := tx.Now()
		if _, err := tx.Exec(ctx, `UPDATE tickets SET priority = ?, updated_at = ? WHERE id = ?`, string(to), now, id); err != nil {
			return err
		}
		if err := touch(ctx, tx, id, now); err != nil {
			return err
		}
		changes := map[string]Change{"priority": {From: string(t.Priority), To: string(to)}}
		if err := s.audit.Record(ctx, "ticket.priority_raised", "ticket", fmt.Sprint(id),
			map[string]any{"actor": actor, "from": t.Priority, "to": to, "reason": reason}); err != nil {
			return err
		}
		return TicketUpdated.Emit(ctx, tx, TicketUpdatedEvent{TicketID: id, Actor: actor, Changes: changes})
	})
	if err != nil {
		return false, fmt.Errorf("raise priority of ticket %d: %w", id, err)
	}
	return raised, nil
}

// SystemEscalate moves ticket id to tier toTier, recording actor and reason
// in the escalation history, and clears the assignee as Escalate does.
// moved is false (and nothing changes) when the ticket is at that tier.
func (s *Store) SystemEscalate(ctx context.Context, id int64, toTier int, actor, reason string) (moved bool, err error) {
	if toTier < 1 || toTier > 3 {
		return false, errs.Field("to_tier", "to_tier must be 1, 2 or 3")
	}
	if err := checkActor(actor, reason); err != nil {
		return false, err
	}
	err = s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		t, err := s.load(ctx, id)
		if err != nil {
			return err
		}
		if t.Tier == toTier {
			return nil
		}
		moved = true
		now := tx.Now()
		if _, err := tx.Exec(ctx, `INSERT INTO escalations (ticket_id, from_tier, to_tier, reason, agent_id, actor, created_at) VALUES (?, ?, ?, ?, NULL, ?, ?)`,
			id, t.Tier, toTier, reason, actor, now); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE tickets SET tier = ?, assignee_id = NULL, updated_at = ? WHERE id = ?`, toTier, now, id); err != nil {
			return err
		}
		if err := touch(ctx, tx, id, now); err != nil {
			return err
		}
		if err := s.audit.Record(ctx, "ticket.escalated", "ticket", fmt.Sprint(id),
			map[string]any{"actor": actor, "from_tier": t.Tier, "to_tier": toTier, "reason": reason}); err != nil {
			return err
		}
		return TicketEscalated.Emit(ctx, tx, TicketEscalatedEvent{TicketID: id, FromTier: t.Tier, ToTier: toTier, Actor: actor, Reason: reason})
	})
	if err != nil {
		return false, fmt.Errorf("escalate ticket %d by %s: %w", id, actor, err)
	}
	return moved, nil
}

func checkActor(actor, reason string) error {
	if actor == "" || len(actor) > 40 || strings.ContainsAny(actor, " \n") {
		return errs.Field("actor", "actor must name the system part, e.g. \"sla\"")
	}
	return checkText("reason", strings.TrimSpace(reason), 2000, true)
}

// SystemUpdate applies u to ticket id for a system part (automation): the
// same checks and events as UpdateTicket, with actor in ticket.updated
// and an audit record of the reason.
func (s *Store) SystemUpdate(ctx context.Context, id int64, u Update, actor, reason string) (Ticket, error) {
	if err := checkActor(actor, reason); err != nil {
		return Ticket{}, err
	}
	var t Ticket
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		var err error
		if t, err = s.update(ctx, Viewer{AllTeams: true, CanAssign: true}, id, u, actor); err != nil {
			return err
		}
		return s.audit.Record(ctx, "ticket.system_updated", "ticket", fmt.Sprint(id), map[string]any{"actor": actor, "reason": reason})
	})
	return t, err
}

// SystemReply sends body to ticket id's customer as a system message (an
// automation's macro) after the outbound guard read it with the ticket's
// earlier agent messages; a message the guard refuses is not stored and
// the error says why.
func (s *Store) SystemReply(ctx context.Context, id int64, body string) (Message, error) {
	return s.systemMessage(ctx, id, body, true)
}

// systemMessage stores body as a system message on ticket id. written:
// people wrote the text (a macro), so a closed ticket refuses it and the
// outbound guard reads it first.
func (s *Store) systemMessage(ctx context.Context, id int64, body string, written bool) (Message, error) {
	if err := checkText("body", body, MaxBody, true); err != nil {
		return Message{}, err
	}
	var m Message
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		h, err := loadHead(ctx, tx, func(ticketHead) error { return nil }, id)
		if err != nil {
			return err
		}
		if written {
			if err := s.screenSystemReply(ctx, tx, h, body); err != nil {
				return err
			}
		}
		m, err = s.insertMessage(ctx, tx, h, "system", nil, false, body, false)
		return err
	})
	if err != nil {
		return Message{}, fmt.Errorf("system message on ticket %d: %w", id, err)
	}
	return m, nil
}

func (s *Store) screenSystemReply(ctx context.Context, tx *store.Tx, h ticketHead, body string) error {
	if h.status == StatusClosed {
		return errs.E(errs.Conflict, "ticket %d is closed", h.probe.ID)
	}
	reason, _, err := s.outboundVerdict(ctx, tx, h.probe.ID, body)
	if err != nil {
		return err
	}
	if reason != "" {
		return errs.E(errs.Conflict, "the outbound guard refused the message: %s", reason)
	}
	return nil
}

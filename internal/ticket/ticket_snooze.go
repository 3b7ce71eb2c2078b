package ticket

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
)

// Snoozing: an agent puts a ticket aside until a time, until the customer
// replies, or both (whichever comes first). A snoozed ticket leaves the
// working views of the inbox (mine, unassigned, my teams, waiting) and
// comes back when the snooze ends, with a ticket.snooze_ended event that
// automation rules can trigger on. The time is read through an index
// (WakeSnoozed), never by scanning open tickets.

// MaxSnooze is the longest a ticket may be snoozed for.
const MaxSnooze = 90 * 24 * time.Hour

// Why a snooze ended (SnoozeEndedEvent.Reason).
const (
	SnoozeEndedTime  = "time"     // the time set was reached
	SnoozeEndedReply = "customer" // the customer wrote
	SnoozeEndedAgent = "agent"    // an agent woke it up
	SnoozeEndedSolve = "status"   // solved or closed while snoozed
)

// Snooze is a ticket's snooze while it lasts.
type Snooze struct {
	Until      *time.Time `json:"until"`       // nil: only until the customer replies
	UntilReply bool       `json:"until_reply"` // the customer's next message ends it
	By         *int64     `json:"by,omitempty"`
}

// SnoozeRequest is an agent's snooze: a time, until the customer replies,
// or both.
type SnoozeRequest struct {
	Until      *time.Time `json:"until"`
	UntilReply bool       `json:"until_reply"`
}

// snoozeColumns follow dueColumns in ticketColumns.
const snoozeColumns = `t.snoozed, t.snooze_until, t.snooze_reply, t.snoozed_by`

type snoozeScan struct {
	snoozed, reply int
	until, by      sql.NullInt64
}

func (s *snoozeScan) dest() []any { return []any{&s.snoozed, &s.until, &s.reply, &s.by} }

func (s *snoozeScan) info() *Snooze {
	if s.snoozed == 0 {
		return nil
	}
	out := &Snooze{UntilReply: s.reply != 0}
	if s.until.Valid {
		at := store.Time(s.until.Int64)
		out.Until = &at
	}
	if s.by.Valid {
		out.By = &s.by.Int64
	}
	return out
}

// validate checks the request against now (Unix ms).
func (in SnoozeRequest) validate(now int64) error {
	if in.Until == nil && !in.UntilReply {
		return errs.Field("until", "snooze until a time, until the customer replies, or both")
	}
	if in.Until != nil {
		at := in.Until.UnixMilli()
		if at <= now {
			return errs.Field("until", "the snooze must end in the future")
		}
		if at > now+MaxSnooze.Milliseconds() {
			return errs.Field("until", "a ticket can be snoozed for at most %d days", int(MaxSnooze.Hours()/24))
		}
	}
	return nil
}

// Snooze snoozes ticket id for v. Snoozing until the customer replies
// also sets a new or open ticket waiting on the customer, which pauses its
// SLA clocks where the policy says so.
func (s *Store) Snooze(ctx context.Context, v Viewer, id int64, in SnoozeRequest) (Ticket, error) {
	if err := in.validate(s.db.Now()); err != nil {
		return Ticket{}, err
	}
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		h, err := loadHead(ctx, tx, v.gate(), id)
		if err != nil {
			return err
		}
		if h.probe.ID != id {
			return errs.E(errs.Conflict, "ticket %d was merged into #%d; snooze that one", id, h.probe.ID)
		}
		if h.status == StatusSolved || h.status == StatusClosed {
			return errs.E(errs.Conflict, "ticket %d is %s; only a ticket being worked on can be snoozed", id, h.status)
		}
		var until any
		if in.Until != nil {
			until = in.Until.UnixMilli()
		}
		now := tx.Now()
		if _, err := tx.Exec(ctx, `UPDATE tickets SET snoozed = 1, snooze_until = ?, snooze_reply = ?, snoozed_by = ?, updated_at = ? WHERE id = ?`,
			until, boolInt(in.UntilReply), v.AgentID, now, id); err != nil {
			return fmt.Errorf("snooze ticket %d: %w", id, err)
		}
		if err := touch(ctx, tx, id, now); err != nil {
			return err
		}
		if err := Snoozed.Emit(ctx, tx, SnoozedEvent{TicketID: id, Until: in.Until, UntilReply: in.UntilReply, AgentID: v.AgentID}); err != nil {
			return err
		}
		if in.UntilReply && (h.status == StatusNew || h.status == StatusOpen) {
			pending := StatusPendingCustomer
			if _, err := s.UpdateTicket(ctx, v, id, Update{Status: &pending}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return Ticket{}, err
	}
	return s.Get(ctx, v, id)
}

// Unsnooze ends ticket id's snooze now, for v; a ticket that is not
// snoozed is left as it is.
func (s *Store) Unsnooze(ctx context.Context, v Viewer, id int64) (Ticket, error) {
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		h, err := loadHead(ctx, tx, v.gate(), id)
		if err != nil {
			return err
		}
		return endSnooze(ctx, tx, h.probe.ID, SnoozeEndedAgent)
	})
	if err != nil {
		return Ticket{}, err
	}
	return s.Get(ctx, v, id)
}

// endSnooze ends ticket id's snooze, if it has one, and says why.
func endSnooze(ctx context.Context, tx *store.Tx, id int64, reason string) error {
	now := tx.Now()
	res, err := tx.Exec(ctx, `UPDATE tickets SET snoozed = 0, snooze_until = NULL, snooze_reply = 0, snoozed_by = NULL, updated_at = ?
		WHERE id = ? AND snoozed = 1`, now, id)
	if err != nil {
		return fmt.Errorf("end snooze of ticket %d: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return err
	}
	if err := touch(ctx, tx, id, now); err != nil {
		return err
	}
	return SnoozeEnded.Emit(ctx, tx, SnoozeEndedEvent{TicketID: id, Reason: reason, At: store.Time(now)})
}

// wakeBatch is how many snoozes one WakeSnoozed transaction ends.
const wakeBatch = 200

// WakeSnoozed ends every snooze whose time has come (by the database
// clock) and returns how many it ended. On PostgreSQL the rows are locked
// with SKIP LOCKED, so that two nodes end each snooze once.
func (s *Store) WakeSnoozed(ctx context.Context) (int, error) {
	total := 0
	for {
		n := 0
		err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
			q := `SELECT id FROM tickets WHERE snooze_until IS NOT NULL AND snooze_until <= ? ORDER BY snooze_until, id LIMIT ?`
			if tx.Dialect() == store.Postgres {
				q += ` FOR UPDATE SKIP LOCKED`
			}
			rows, err := tx.Query(ctx, q, tx.Now(), wakeBatch)
			if err != nil {
				return err
			}
			var ids []int64
			for rows.Next() {
				var id int64
				if err := rows.Scan(&id); err != nil {
					rows.Close()
					return err
				}
				ids = append(ids, id)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
			n = len(ids)
			for _, id := range ids {
				if err := endSnooze(ctx, tx, id, SnoozeEndedTime); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return total, fmt.Errorf("wake snoozed tickets: %w", err)
		}
		total += n
		if n < wakeBatch {
			return total, nil
		}
	}
}

// NextSnoozeEnd is the earliest time a snooze ends (Unix ms), if any.
func (s *Store) NextSnoozeEnd(ctx context.Context) (int64, bool, error) {
	var next sql.NullInt64
	if err := s.db.QueryRow(ctx, `SELECT MIN(snooze_until) FROM tickets WHERE snooze_until IS NOT NULL`).Scan(&next); err != nil {
		return 0, false, fmt.Errorf("next snooze end: %w", err)
	}
	return next.Int64, next.Valid, nil
}

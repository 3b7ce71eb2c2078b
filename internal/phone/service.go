package phone

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// Channel is the tickets' channel.
const Channel = "phone"

// Tickets is what phone needs of the ticket store: the customer-scoped
// intake, so the guard and sealing apply to transcripts too.
type Tickets interface {
	ticket.Intake
	LatestCustomerTicket(ctx context.Context, c ticket.CustomerRef, channel string) (ticket.CustomerView, bool, error)
}

// Auditor records who revealed a number.
type Auditor interface {
	Record(ctx context.Context, action, targetType, targetID string, detail any) error
}

// Service takes call events and callback requests.
type Service struct {
	db      *store.DB
	tickets Tickets
	audit   Auditor
	// Reply posts a message to a ticket's customer through the outbound
	// guard (ticket.Store.SystemReply); a widget callback's confirmation
	// uses it. Nil: no confirmation message.
	Reply func(ctx context.Context, ticketID int64, body string) error
}

// New returns the service.
func New(db *store.DB, tickets Tickets, audit Auditor) *Service {
	return &Service{db: db, tickets: tickets, audit: audit}
}

// Outcome is what an event did.
type Outcome struct {
	Duplicate bool   `json:"duplicate"`
	TicketID  int64  `json:"ticket_id"`
	State     string `json:"state"`
	Missed    bool   `json:"missed"`
	Callback  int64  `json:"callback_id,omitempty"`
}

// Call is one call as the ticket's call log shows it: the number masked.
type Call struct {
	ID           int64      `json:"id"`
	CallID       string     `json:"call_id"`
	TicketID     int64      `json:"ticket_id"`
	Number       string     `json:"number"` // masked
	State        string     `json:"state"`
	Missed       bool       `json:"missed"`
	Agent        string     `json:"agent"`
	StartedAt    time.Time  `json:"started_at"`
	AnsweredAt   *time.Time `json:"answered_at,omitempty"`
	EndedAt      *time.Time `json:"ended_at,omitempty"`
	Duration     int        `json:"duration_seconds"`
	RecordingURL string     `json:"recording_url,omitempty"`
}

type callRow struct {
	id, ticketID int64
	state        string
	answered     sql.NullInt64
	missed       bool
}

// HandleEvent applies one call event. An event id seen before changes
// nothing (Duplicate). Events may arrive out of order: the state only
// moves forward, and an "answered" that arrives after "ended" turns a
// missed call into an answered one and cancels its callback.
func (s *Service) HandleEvent(ctx context.Context, e Event) (Outcome, error) {
	if err := e.check(); err != nil {
		return Outcome{}, err
	}
	var out Outcome
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		res, err := tx.Exec(ctx, `INSERT INTO phone_events (event_id, call_id, received_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, e.ID, e.CallID, tx.Now())
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			out.Duplicate = true
			return err
		}
		c, err := s.call(ctx, tx, e)
		if err != nil {
			return err
		}
		out.TicketID = c.ticketID
		return s.apply(ctx, tx, c, e, &out)
	})
	if err != nil {
		return Outcome{}, fmt.Errorf("call event %s: %w", e.ID, err)
	}
	if out.Duplicate {
		var missed int
		err := s.db.QueryRow(ctx, `SELECT ticket_id, state, missed FROM phone_calls WHERE call_id = ?`, e.CallID).Scan(&out.TicketID, &out.State, &missed)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return out, fmt.Errorf("call event %s: %w", e.ID, err)
		}
		out.Missed = missed == 1
	}
	return out, nil
}

// call loads the event's call, or starts it with its ticket: the caller's
// open phone ticket, or a new one.
func (s *Service) call(ctx context.Context, tx *store.Tx, e Event) (callRow, error) {
	var c callRow
	var missed int
	err := tx.QueryRow(ctx, `SELECT id, ticket_id, state, answered_at, missed FROM phone_calls WHERE call_id = ?`, e.CallID).
		Scan(&c.id, &c.ticketID, &c.state, &c.answered, &missed)
	if err == nil {
		c.missed = missed == 1
		return c, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return c, err
	}
	ref, err := s.customerOf(ctx, tx, e.From)
	if err != nil {
		return c, err
	}
	view, ok, err := s.tickets.LatestCustomerTicket(ctx, ticket.CustomerRef{ExternalID: ref}, Channel)
	if err != nil {
		return c, err
	}
	c.ticketID = view.ID
	if !ok || view.Status == ticket.StatusSolved {
		t, err := s.tickets.CreateForCustomer(ctx, ticket.NewTicket{Subject: "Phone call", Channel: Channel,
			Message: "Phone call from " + Mask(e.From) + ".", Customer: ticket.NewCustomer{ExternalID: ref}})
		if err != nil {
			return c, err
		}
		c.ticketID = t.ID
	}
	now := tx.Now()
	c.state = e.Type
	c.id, err = tx.InsertID(ctx, `INSERT INTO phone_calls (call_id, ticket_id, number, state, started_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
		e.CallID, c.ticketID, e.From, e.Type, e.At.UnixMilli(), now)
	return c, err
}

// customerOf is the exchange user whose verified number this is, or the
// number's own anonymous customer (a number someone only typed proves
// nothing about who calls from it).
func (s *Service) customerOf(ctx context.Context, tx *store.Tx, number string) (string, error) {
	var ext string
	err := tx.QueryRow(ctx, `SELECT external_id FROM phone_numbers WHERE number = ? AND verified = 1`, number).Scan(&ext)
	if errors.Is(err, sql.ErrNoRows) {
		return callerRef(number), nil
	}
	return ext, err
}

func (s *Service) apply(ctx context.Context, tx *store.Tx, c callRow, e Event, out *Outcome) error {
	at, now := e.At.UnixMilli(), tx.Now()
	state := c.state
	if rank[e.Type] > rank[state] {
		state = e.Type
	}
	switch e.Type {
	case Ringing:
		if _, err := tx.Exec(ctx, `UPDATE phone_calls SET started_at = CASE WHEN started_at > ? THEN ? ELSE started_at END, state = ?, updated_at = ? WHERE id = ?`, at, at, state, now, c.id); err != nil {
			return err
		}
	case Answered:
		if _, err := tx.Exec(ctx, `UPDATE phone_calls SET answered_at = COALESCE(answered_at, ?), agent = ?, state = ?, missed = 0, updated_at = ? WHERE id = ?`,
			at, e.Agent, state, now, c.id); err != nil {
			return err
		}
		if c.missed { // "ended" came first: the call was answered after all
			if _, err := tx.Exec(ctx, `UPDATE phone_callbacks SET status = 'cancelled', updated_at = ? WHERE call_id = ? AND status = 'scheduled'`, now, e.CallID); err != nil {
				return err
			}
		}
		c.missed = false
	case Ended:
		c.missed = !c.answered.Valid
		missed := 0
		if c.missed {
			missed = 1
		}
		if _, err := tx.Exec(ctx, `UPDATE phone_calls SET ended_at = ?, duration_s = ?, recording_url = ?, missed = ?, state = ?, updated_at = ? WHERE id = ?`,
			at, e.Duration, e.RecordingURL, missed, state, now, c.id); err != nil {
			return err
		}
		if c.missed {
			id, err := s.addCallback(ctx, tx, c.ticketID, "", "missed", e.CallID, e.At, e.At.Add(24*time.Hour))
			if err != nil {
				return err
			}
			out.Callback = id
		}
		if e.Transcript != "" {
			ref, err := s.refOf(ctx, tx, c.ticketID)
			if err != nil {
				return err
			}
			if _, err := s.tickets.AppendAsCustomer(ctx, ticket.CustomerRef{ExternalID: ref}, c.ticketID, "Call transcript:\n"+e.Transcript); err != nil {
				return err
			}
		}
	}
	out.State, out.Missed = state, c.missed
	return nil
}

func (s *Service) refOf(ctx context.Context, tx *store.Tx, ticketID int64) (string, error) {
	var ref string
	err := tx.QueryRow(ctx, `SELECT c.external_id FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE t.id = ?`, ticketID).Scan(&ref)
	return ref, err
}

// Calls is ticketID's call log, newest first, numbers masked.
func (s *Service) Calls(ctx context.Context, ticketID int64) ([]Call, error) {
	rows, err := s.db.Query(ctx, `SELECT id, call_id, ticket_id, number, state, missed, agent, started_at, answered_at, ended_at, duration_s, recording_url
		FROM phone_calls WHERE ticket_id = ? ORDER BY started_at DESC, id DESC LIMIT 200`, ticketID)
	if err != nil {
		return nil, fmt.Errorf("calls of ticket %d: %w", ticketID, err)
	}
	defer rows.Close()
	out := []Call{}
	for rows.Next() {
		var c Call
		var missed int
		var started int64
		var answered, ended sql.NullInt64
		if err := rows.Scan(&c.ID, &c.CallID, &c.TicketID, &c.Number, &c.State, &missed, &c.Agent, &started, &answered, &ended, &c.Duration, &c.RecordingURL); err != nil {
			return nil, fmt.Errorf("calls of ticket %d: %w", ticketID, err)
		}
		c.Number, c.Missed, c.StartedAt = Mask(c.Number), missed == 1, store.Time(started)
		c.AnsweredAt, c.EndedAt = timeOf(answered), timeOf(ended)
		out = append(out, c)
	}
	return out, rows.Err()
}

func timeOf(v sql.NullInt64) *time.Time {
	if !v.Valid {
		return nil
	}
	t := store.Time(v.Int64)
	return &t
}

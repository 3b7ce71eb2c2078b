package ticket

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
)

// What a channel may read of a customer's own tickets: live chat shows the
// customer their conversation, and resumes it. As with Intake, the customer
// is named by a CustomerRef, never an agent's Viewer; another customer's
// ticket is NotFound, and internal notes are never read.

// CustomerView is what a customer may know of their ticket.
type CustomerView struct {
	ID       int64
	Status   Status
	Channel  string
	Language string
	// LastMessageID is the id of the newest public message (0: none).
	LastMessageID int64
}

// CustomerTicket returns ticketID, if it is the customer c names.
func (s *Store) CustomerTicket(ctx context.Context, c CustomerRef, ticketID int64) (CustomerView, error) {
	if err := c.Validate(); err != nil {
		return CustomerView{}, err
	}
	var v CustomerView
	h := ticketHead{probe: Ticket{ID: ticketID}}
	cu := &h.probe.Customer
	err := s.db.QueryRow(ctx, `SELECT t.status, t.channel, t.language, c.id, c.external_id, c.email,
		(SELECT COALESCE(MAX(m.id), 0) FROM messages m WHERE m.ticket_id = t.id AND m.internal = 0)
		FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE t.id = ?`, ticketID).
		Scan(&v.Status, &v.Channel, &v.Language, &cu.ID, &cu.ExternalID, &cu.Email, &v.LastMessageID)
	if errors.Is(err, sql.ErrNoRows) {
		return CustomerView{}, errs.E(errs.NotFound, "no ticket %d", ticketID)
	}
	if err != nil {
		return CustomerView{}, fmt.Errorf("customer ticket %d: %w", ticketID, err)
	}
	if err := c.gate()(h); err != nil {
		return CustomerView{}, err
	}
	v.ID = ticketID
	return v, nil
}

// LatestCustomerTicket returns the customer's newest ticket on channel that
// is not closed; ok is false when there is none.
func (s *Store) LatestCustomerTicket(ctx context.Context, c CustomerRef, channel string) (v CustomerView, ok bool, err error) {
	if err := c.Validate(); err != nil {
		return CustomerView{}, false, err
	}
	where, arg := customerWhere(c)
	var id int64
	err = s.db.QueryRow(ctx, `SELECT t.id FROM tickets t JOIN customers c ON c.id = t.customer_id
		WHERE `+where+` AND t.channel = ? AND t.status <> ? ORDER BY t.id DESC LIMIT 1`, arg, channel, string(StatusClosed)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return CustomerView{}, false, nil
	}
	if err != nil {
		return CustomerView{}, false, fmt.Errorf("latest ticket of a customer: %w", err)
	}
	v, err = s.CustomerTicket(ctx, c, id)
	return v, err == nil, err
}

// CustomerTicketIDs lists the customer's tickets on channel, oldest first.
func (s *Store) CustomerTicketIDs(ctx context.Context, c CustomerRef, channel string) ([]int64, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	where, arg := customerWhere(c)
	rows, err := s.db.Query(ctx, `SELECT t.id FROM tickets t JOIN customers c ON c.id = t.customer_id
		WHERE `+where+` AND t.channel = ? ORDER BY t.id`, arg, channel)
	if err != nil {
		return nil, fmt.Errorf("tickets of a customer: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("tickets of a customer: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

func customerWhere(c CustomerRef) (string, any) {
	switch {
	case c.ID != 0:
		return `c.id = ?`, c.ID
	case c.ExternalID != "":
		return `c.external_id = ? AND c.external_id <> ''`, c.ExternalID // see byExternalID
	}
	return `c.email = ?`, c.Email
}

// MaxCustomerPage bounds one read of CustomerMessages.
const MaxCustomerPage = 500

// CustomerMessages returns up to limit public messages of the customer's
// ticket, oldest first: those after the message id after, or with before
// set, the newest ones before it. more says that the page was full.
func (s *Store) CustomerMessages(ctx context.Context, c CustomerRef, ticketID, after, before int64, limit int) (msgs []Message, more bool, err error) {
	if err := c.Validate(); err != nil {
		return nil, false, err
	}
	// The customer's own ticket only: checked by the same read (a widget
	// send reads its message back, so a round trip less each); an empty
	// page asks CustomerTicket whether the ticket is theirs at all.
	where, owner := customerWhere(c)
	limit = min(max(limit, 1), MaxCustomerPage)
	q := `SELECT m.id, m.author_kind, m.author_id, m.body, m.created_at FROM messages m JOIN tickets t ON t.id = m.ticket_id
		JOIN customers c ON c.id = t.customer_id WHERE m.ticket_id = ? AND ` + where + ` AND m.internal = 0`
	args := []any{ticketID, owner}
	if before > 0 {
		q += ` AND m.id < ? ORDER BY m.id DESC LIMIT ?`
		args = append(args, before, limit+1)
	} else {
		q += ` AND m.id > ? ORDER BY m.id LIMIT ?`
		args = append(args, after, limit+1)
	}
	defer func() {
		if err == nil && len(msgs) == 0 {
			_, err = s.CustomerTicket(ctx, c, ticketID)
		}
	}()
	rows, err := s.db.Query(ctx, q, args...)
	if err != nil {
		return nil, false, fmt.Errorf("messages of ticket %d: %w", ticketID, err)
	}
	defer rows.Close()
	for rows.Next() {
		m := Message{TicketID: ticketID}
		var author sql.NullInt64
		var created int64
		if err := rows.Scan(&m.ID, &m.AuthorKind, &author, &m.Body, &created); err != nil {
			return nil, false, fmt.Errorf("messages of ticket %d: %w", ticketID, err)
		}
		if m.Body, err = s.openBody(ticketID, m.ID, m.Body); err != nil {
			return nil, false, fmt.Errorf("messages of ticket %d: %w", ticketID, err)
		}
		if author.Valid {
			m.AuthorID = &author.Int64
		}
		m.CreatedAt = store.Time(created)
		msgs = append(msgs, m)
	}
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("messages of ticket %d: %w", ticketID, err)
	}
	if more = len(msgs) > limit; more {
		msgs = msgs[:limit]
	}
	if before > 0 {
		for i, j := 0, len(msgs)-1; i < j; i, j = i+1, j-1 {
			msgs[i], msgs[j] = msgs[j], msgs[i]
		}
	}
	return msgs, more, nil
}

// AttachCustomer gives ticketID, a ticket of the anonymous customer from
// names (a chat visitor), to the customer to describes (added if new), who
// has just signed in: an internal system note tells the agents, an event
// says so, and to.Identity, the token that proved it, is recorded for the
// ticket. The customer's other fields fill only what their record lacks.
// The visitor's screen state continues in the customer's, so the guard
// reads what they typed before and after the sign-in as one conversation.
func (s *Store) AttachCustomer(ctx context.Context, from CustomerRef, ticketID int64, to NewCustomer) error {
	if err := from.Validate(); err != nil {
		return err
	}
	if to.ExternalID == "" || to.Identity == "" {
		return errs.Field("customer", "attaching a ticket needs the signed-in customer's external_id and identity token")
	}
	if err := checkText("customer.external_id", to.ExternalID, 200, true); err != nil {
		return err
	}
	if err := checkText("customer.name", to.Name, 200, false); err != nil {
		return err
	}
	err := s.db.TxRetry(ctx, func(ctx context.Context, tx *store.Tx) error {
		h, err := loadHead(ctx, tx, from.gate(), ticketID)
		if err != nil {
			return err
		}
		customer, _, err := upsertCustomer(ctx, tx, to)
		if err != nil {
			return err
		}
		if err := s.joinScreenState(ctx, tx, h.probe.Customer.ID, customer.ID); err != nil {
			return err
		}
		now := tx.Now()
		if _, err := tx.Exec(ctx, `UPDATE tickets SET customer_id = ?, updated_at = ? WHERE id = ?`, customer.ID, now, ticketID); err != nil {
			return err
		}
		if err := touch(ctx, tx, ticketID, now); err != nil {
			return err
		}
		if s.identity == nil {
			return errs.Field("customer.identity", "this server cannot check customer identity tokens")
		}
		if err := s.identity.RecordIntake(ctx, to.Identity, to.ExternalID, customer.ID, ticketID); err != nil {
			return err
		}
		note := fmt.Sprintf("The visitor signed in as exchange user %s (L1). This conversation was anonymous until then; earlier messages came from the same browser.", to.ExternalID)
		previous := h.probe.Customer.ID
		h.probe.Customer.ID = customer.ID
		if _, err := s.insertMessage(ctx, tx, h, "system", nil, true, note, false); err != nil {
			return err
		}
		return CustomerAttached.Emit(ctx, tx, CustomerAttachedEvent{TicketID: ticketID, FromCustomerID: previous, ToCustomerID: customer.ID})
	})
	if err != nil {
		return fmt.Errorf("attach ticket %d to customer %q: %w", ticketID, to.ExternalID, err)
	}
	return nil
}

package ticket

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"strings"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
)

// Intake is the one way channels (live chat, e-mail, Telegram, the API's
// integrations) store what customers write: a ticket for a customer, and
// messages as that customer on their own tickets. It never takes an agent's
// Viewer, so a channel cannot reach another customer's ticket, and the
// guard and sealing of the Store always apply. *Store implements it.
type Intake interface {
	CreateForCustomer(ctx context.Context, in NewTicket) (Ticket, error)
	AppendAsCustomer(ctx context.Context, c CustomerRef, ticketID int64, body string) (Message, error)
}

var _ Intake = (*Store)(nil)

// CustomerRef names the customer a channel speaks for: by Groundcrew's
// customer id, the exchange's user id, or (for customers the exchange does
// not know, such as an e-mail sender) the e-mail address. Exactly one is set.
type CustomerRef struct {
	ID         int64  `json:"id,omitempty"`
	ExternalID string `json:"external_id,omitempty"`
	Email      string `json:"email,omitempty"`
}

// Validate checks that r names one customer, and normalises it.
func (r *CustomerRef) Validate() error {
	r.ExternalID, r.Email = strings.TrimSpace(r.ExternalID), strings.ToLower(strings.TrimSpace(r.Email))
	n := 0
	for _, set := range []bool{r.ID != 0, r.ExternalID != "", r.Email != ""} {
		if set {
			n++
		}
	}
	if n != 1 || r.ID < 0 {
		return errs.Field("customer", "customer must name the customer by exactly one of id, external_id or email")
	}
	if err := checkText("customer.external_id", r.ExternalID, 200, false); err != nil {
		return err
	}
	if err := checkText("customer.email", r.Email, 254, false); err != nil {
		return err
	}
	if r.Email != "" {
		if a, err := mail.ParseAddress(r.Email); err != nil || a.Address != r.Email {
			return errs.Field("customer.email", "customer.email must be a plain e-mail address")
		}
	}
	return nil
}

// gate lets the customer r names write on their own tickets only; any other
// ticket is "not found", as if it did not exist.
func (r CustomerRef) gate() gate {
	return func(h ticketHead) error {
		c := h.probe.Customer
		mine := (r.ID != 0 && c.ID == r.ID) ||
			(r.ExternalID != "" && c.ExternalID == r.ExternalID) ||
			(r.Email != "" && c.Email == r.Email)
		if !mine {
			return errs.E(errs.NotFound, "no ticket %d", h.probe.ID)
		}
		return nil
	}
}

// CreateForCustomer opens a ticket for the customer in.Customer names, with
// its first message as theirs. An existing customer's stored e-mail and name
// are kept (see upsertCustomer): a new ticket fills only what is missing.
func (s *Store) CreateForCustomer(ctx context.Context, in NewTicket) (Ticket, error) {
	if err := in.Validate(); err != nil {
		return Ticket{}, err
	}
	if err := s.checkFields(ctx, surfaceOf(in.Channel), &in); err != nil {
		return Ticket{}, err
	}
	return s.create(ctx, in, NewMessage{Author: "customer"})
}

// CreateAsAgent opens a ticket for the customer in.Customer names on agent
// v's initiative (a phone call, an outreach): the first message is the
// agent's, to the customer, and passes the outbound guard (a refusal is
// ErrBlocked, and nothing is stored). Only channels write as the customer.
func (s *Store) CreateAsAgent(ctx context.Context, v Viewer, in NewTicket) (Ticket, error) {
	var first NewMessage
	if err := asAgent(v, &first); err != nil {
		return Ticket{}, err
	}
	if err := in.Validate(); err != nil {
		return Ticket{}, err
	}
	if err := s.checkFields(ctx, "agent", &in); err != nil {
		return Ticket{}, err
	}
	// Refuse before writing anything: a caller's transaction (Idempotency-Key)
	// may wrap this one and commit what a refusal leaves behind.
	if reason := s.screen.Outbound(nil, in.Subject); reason != "" {
		return Ticket{}, s.refuseSubject(ctx, v.AgentID, 0, in.Subject, reason)
	}
	if reason := s.screen.Outbound(nil, in.Message); reason != "" {
		first.Body = in.Message
		err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
			return s.recordBlocked(ctx, tx, 0, first, reason)
		})
		blocked := &errs.Error{Kind: errs.Forbidden, Msg: "This ticket was not opened: " + reason, Err: ErrBlocked}
		if err != nil {
			return Ticket{}, errors.Join(fmt.Errorf("open ticket: %w", err), blocked)
		}
		return Ticket{}, blocked
	}
	return s.create(ctx, in, first)
}

// AppendAsCustomer adds body to ticketID as a message of the customer c
// names. A ticket of another customer is NotFound. The message passes the
// inbound guard (secrets are cut out) and is sealed like every other.
func (s *Store) AppendAsCustomer(ctx context.Context, c CustomerRef, ticketID int64, body string) (Message, error) {
	if err := c.Validate(); err != nil {
		return Message{}, err
	}
	return s.add(ctx, c.gate(), ticketID, NewMessage{Body: body, Author: "customer"}, false)
}

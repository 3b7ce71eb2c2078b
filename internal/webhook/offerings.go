package webhook

import (
	"context"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/routing"
	"github.com/groundcrew/groundcrew/internal/sla"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// BodyOpener opens the body a message.created event carries: the text as
// the ticket store keeps it, which the inbound guard has already redacted.
// *ticket.Store implements it.
type BodyOpener interface {
	OpenEventBody(ctx context.Context, ev ticket.MessageCreatedEvent) (string, error)
}

// Standard is the ticket, routing and SLA events every installation
// offers. Other packages' events are offered by the server with Offer.
func Standard(bodies BodyOpener) []Offering {
	return []Offering{
		{Kind: ticket.TicketCreated, Label: "Ticket created"},
		{Kind: ticket.MessageCreated, Label: "Message created", Shape: messageShape(bodies)},
		{Kind: ticket.StatusChanged, Label: "Status changed"},
		{Kind: routing.TicketAssigned, Label: "Ticket assigned"},
		{Kind: ticket.TicketEscalated, Label: "Ticket escalated"},
		{Kind: sla.BreachedTopic, Label: "SLA breached"},
	}
}

// MessageData is the data of a message.created delivery. The event itself
// carries the body sealed under the installation's keys; a subscriber
// gets, at most, the text as stored, which the inbound guard has already
// redacted (seed phrases, keys, passwords cut out), and only with the
// message_bodies scope. A message the guard may still cut (the start of a
// phrase a later message could complete) goes without its body
// (body_withheld), since sending it would let a phrase out before the cut.
type MessageData struct {
	TicketID     int64     `json:"ticket_id"`
	MessageID    int64     `json:"message_id"`
	CustomerID   int64     `json:"customer_id"`
	TeamID       *int64    `json:"team_id"`
	AssigneeID   *int64    `json:"assignee_id"`
	AuthorKind   string    `json:"author_kind"`
	AuthorID     *int64    `json:"author_id"`
	CreatedAt    time.Time `json:"created_at"`
	Body         *string   `json:"body,omitempty"`
	BodyWithheld bool      `json:"body_withheld,omitempty"`
}

func messageShape(bodies BodyOpener) func(ctx context.Context, ev store.Event, scope Scope) (any, error) {
	return func(ctx context.Context, ev store.Event, scope Scope) (any, error) {
		m, _, err := ticket.MessageCreated.Decode(ev)
		if err != nil {
			return nil, err
		}
		out := MessageData{TicketID: m.TicketID, MessageID: m.MessageID, CustomerID: m.CustomerID, TeamID: m.TeamID,
			AssigneeID: m.AssigneeID, AuthorKind: string(m.AuthorKind), AuthorID: m.AuthorID, CreatedAt: m.At}
		switch {
		case scope != ScopeBodies || m.Internal:
			// Metadata only; internal notes never leave, whatever the scope.
		case m.Withheld || bodies == nil:
			out.BodyWithheld = true
		default:
			text, err := bodies.OpenEventBody(ctx, m)
			switch {
			case errs.KindOf(err) == errs.NotFound:
				// Gone since (a merge, say): the event still goes, without
				// a body, rather than holding the consumer for ever.
				out.BodyWithheld = true
			case err != nil:
				return nil, err
			default:
				out.Body = &text
			}
		}
		return out, nil
	}
}

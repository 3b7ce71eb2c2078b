package workforce

import (
	"context"
	"fmt"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/routing"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// Bus is what Start needs of the bus (bus.Bus).
type Bus interface {
	Consume(ctx context.Context, durable, filter string, h bus.Handler) error
	Subscribe(ctx context.Context, filter string, h func(store.Event)) error
}

// Start loads the breathing room and the surge setting into this node,
// keeps them current from every node's events, and runs the durable
// consumers: abuse detection on customer messages, the assignment and
// solve times of handle times, and the alerts agents are shown.
func (s *Service) Start(ctx context.Context, b Bus) error {
	if err := s.loadResting(ctx); err != nil {
		return err
	}
	st, err := s.Settings(ctx)
	if err != nil {
		return err
	}
	s.routing.Index().SetWiden(st.Surge)
	if err := b.Subscribe(ctx, bus.SubjectPrefix+"workforce.>", s.observe); err != nil {
		return fmt.Errorf("workforce: subscribe: %w", err)
	}
	for _, c := range []struct {
		durable, subject string
		h                bus.Handler
	}{
		{"workforce-abuse", bus.SubjectPrefix + ticket.MessageCreated.Type(), s.onMessage},
		{"workforce-assigned", bus.SubjectPrefix + routing.TicketAssigned.Type(), s.onAssigned},
		{"workforce-status", bus.SubjectPrefix + ticket.StatusChanged.Type(), s.onStatus},
		{"workforce-alerts", bus.SubjectPrefix + auth.AlertRaised.Type(), s.onAlert},
	} {
		if err := b.Consume(ctx, c.durable, c.subject, c.h); err != nil {
			return fmt.Errorf("workforce: consume %s: %w", c.durable, err)
		}
	}
	return nil
}

// observe applies another node's breathing room and surge switch here.
func (s *Service) observe(ev store.Event) {
	if e, ok, err := BreathingStarted.Decode(ev); ok && err == nil {
		s.rest(e.AgentID, e.Until)
	} else if e, ok, err := SurgeChanged.Decode(ev); ok && err == nil {
		s.routing.Index().SetWiden(e.On)
	}
}

// onMessage checks a customer's message for abuse.
func (s *Service) onMessage(ctx context.Context, ev store.Event) error {
	e, ok, err := ticket.MessageCreated.Decode(ev)
	if !ok || err != nil || e.AuthorKind != "customer" || e.Internal {
		return nil // a payload that cannot decode will not on redelivery either
	}
	body, err := s.tickets.OpenEventBody(ctx, e)
	if err != nil {
		return err
	}
	return s.detectAbuse(ctx, e.TicketID, body)
}

// onAssigned starts a handle-time span.
func (s *Service) onAssigned(ctx context.Context, ev store.Event) error {
	e, ok, err := routing.TicketAssigned.Decode(ev)
	if !ok || err != nil {
		return nil
	}
	_, err = s.db.Exec(ctx, `INSERT INTO agent_handles (ticket_id, agent_id, assigned_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
		e.TicketID, e.AgentID, ev.At.UnixMilli())
	if err != nil {
		return fmt.Errorf("workforce: handle span of ticket %d: %w", e.TicketID, err)
	}
	return nil
}

// onStatus ends the open handle-time span when a ticket is solved.
func (s *Service) onStatus(ctx context.Context, ev store.Event) error {
	e, ok, err := ticket.StatusChanged.Decode(ev)
	if !ok || err != nil || (e.To != ticket.StatusSolved && e.To != ticket.StatusClosed) {
		return nil
	}
	_, err = s.db.Exec(ctx, `UPDATE agent_handles SET solved_at = ? WHERE ticket_id = ? AND solved_at = 0`, ev.At.UnixMilli(), e.TicketID)
	if err != nil {
		return fmt.Errorf("workforce: end handle span of ticket %d: %w", e.TicketID, err)
	}
	return nil
}

package routing

import (
	"context"
	"fmt"
	"time"

	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// Bus is what Start needs of the bus (bus.Bus).
type Bus interface {
	Consume(ctx context.Context, durable, filter string, h bus.Handler) error
	Subscribe(ctx context.Context, filter string, h func(store.Event)) error
	Signaler
}

// How often each node sweeps: expired offers, waiting chats, and agents
// whose last workspace connection is gone.
const (
	offerSweep    = time.Second
	dispatchSweep = 10 * time.Second
)

// Start loads the index, routes tickets from the durable consumer
// "routing" (ticket.created, ticket.escalated and field changes), keeps
// the index current from every node's events, and runs the sweeps until
// ctx ends.
func (s *Service) Start(ctx context.Context, b Bus) error {
	if err := s.EnsureCatchAll(ctx); err != nil {
		return err
	}
	if err := s.Load(ctx); err != nil {
		return err
	}
	s.poke = make(chan struct{}, 1)
	if err := b.Consume(ctx, "routing", bus.SubjectPrefix+"ticket.>", s.handle); err != nil {
		return fmt.Errorf("routing: consume: %w", err)
	}
	if err := b.Subscribe(ctx, bus.SubjectPrefix+">", s.observe); err != nil {
		return fmt.Errorf("routing: subscribe: %w", err)
	}
	go s.sweep(ctx)
	return nil
}

// handle is the durable consumer: it routes new tickets and re-routes on
// escalation and on changes of the fields rules read.
func (s *Service) handle(ctx context.Context, ev store.Event) error {
	var id int64
	if e, ok, err := ticket.TicketCreated.Decode(ev); ok {
		if err != nil {
			return nil // a payload that cannot decode will not decode on redelivery
		}
		_, err = s.routeNew(ctx, e.TicketID)
		return err
	} else if e, ok, err := ticket.TicketEscalated.Decode(ev); ok {
		if err != nil || e.Actor == AutomationActor {
			return nil
		}
		id = e.TicketID
	} else if e, ok, err := ticket.TicketUpdated.Decode(ev); ok {
		if err != nil || !reroutes(e.Changes) || e.Actor == AutomationActor {
			return nil
		}
		id = e.TicketID
	} else {
		return nil
	}
	_, err := s.Route(ctx, id)
	return err
}

// reroutes: a change of a field some rule may read.
func reroutes(changes map[string]ticket.Change) bool {
	for _, k := range []string{"product_area", "language", "priority", "tags", "subject"} {
		if _, ok := changes[k]; ok {
			return true
		}
	}
	return false
}

// observe keeps this node's index current from every node's events.
func (s *Service) observe(ev store.Event) {
	ctx := context.Background()
	var agents []int64
	switch ev.Type {
	case AgentChanged.Type():
		if e, ok, err := AgentChanged.Decode(ev); ok && err == nil {
			agents = append(agents, e.AgentID)
		}
	case TicketAssigned.Type():
		if e, ok, err := TicketAssigned.Decode(ev); ok && err == nil {
			agents = append(agents, e.AgentID)
		}
	case ticket.TicketUpdated.Type():
		if e, ok, err := ticket.TicketUpdated.Decode(ev); ok && err == nil {
			if c, ok := e.Changes["assignee_id"]; ok {
				agents = append(agents, idOf(c.From), idOf(c.To))
				s.redispatchSoon(ctx)
			}
			if _, ok := e.Changes["status"]; ok {
				s.redispatchSoon(ctx)
			}
		}
	case ticket.StatusChanged.Type(), ticket.TicketEscalated.Type():
		s.redispatchSoon(ctx)
		return
	case QueuesChanged.Type():
		s.queuesChanged()
		return
	}
	for _, a := range agents {
		if a != 0 {
			if err := s.refreshAgent(ctx, a); err != nil {
				s.log.Warn("routing: refresh agent", "agent", a, "err", err)
			}
		}
	}
}

func idOf(v any) int64 {
	switch n := v.(type) {
	case float64:
		return int64(n)
	case int64:
		return n
	}
	return 0
}

// redispatchSoon asks the sweep loop to offer waiting chats now.
func (s *Service) redispatchSoon(context.Context) {
	if s.poke == nil {
		return
	}
	select {
	case s.poke <- struct{}{}:
	default:
	}
}

func (s *Service) sweep(ctx context.Context) {
	offers := time.NewTicker(offerSweep)
	defer offers.Stop()
	waiting := time.NewTicker(dispatchSweep)
	defer waiting.Stop()
	run := func(name string, fn func(context.Context) error) {
		if err := fn(ctx); err != nil && ctx.Err() == nil {
			s.log.Warn("routing: sweep", "step", name, "err", err)
		}
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-offers.C:
			run("offers", s.ExpireOffers)
		case <-s.poke:
			run("dispatch", s.Redispatch)
		case <-waiting.C:
			run("dispatch", s.Redispatch)
			run("presence", s.SweepPresence)
		}
	}
}

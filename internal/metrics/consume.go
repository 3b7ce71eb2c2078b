package metrics

import (
	"context"
	"fmt"

	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/routing"
	"github.com/groundcrew/groundcrew/internal/sla"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// consumerName is the durable consumer that keeps the rollups current.
const consumerName = "metrics"

// Bus is what the service needs of internal/bus.
type Bus interface {
	ConsumeBatch(ctx context.Context, durable, filter string, max int, h bus.BatchHandler) error
}

// watched are the event types that move a figure.
var watched = map[string]bool{}

func init() {
	for _, k := range []bus.Kind{ticket.TicketCreated, ticket.TicketUpdated, ticket.StatusChanged, ticket.TicketEscalated,
		ticket.MessageCreated, ticket.CustomerAttached, routing.TicketQueued, routing.TicketAssigned, sla.BreachedTopic, SurveyAnswered} {
		watched[k.Type()] = true
	}
}

// Start consumes the events (one node handles each, in batches) and
// checks the contact drivers for spikes as the hours go by.
func (s *Service) Start(ctx context.Context, b Bus) error {
	return b.ConsumeBatch(ctx, consumerName, bus.SubjectPrefix+">", s.Batch, s.HandleEvents)
}

// HandleEvents applies a batch of events once each, in one transaction:
// the tickets' states, the rollups, the surveys a solve offers.
func (s *Service) HandleEvents(ctx context.Context, evs []store.Event) error {
	relevant := evs[:0:0]
	for _, ev := range evs {
		if watched[ev.Type] {
			relevant = append(relevant, ev)
		}
	}
	if len(relevant) == 0 {
		return nil
	}
	var spikes []int64
	err := bus.OnceBatch(ctx, s.db, consumerName, relevant, func(ctx context.Context, tx *store.Tx, fresh []store.Event) error {
		b, err := s.newBatch(ctx, tx, fresh)
		if err != nil {
			return err
		}
		if err := b.finish(ctx); err != nil {
			return err
		}
		spikes = b.createdHours()
		return nil
	})
	if err != nil {
		return fmt.Errorf("metrics: apply events: %w", err)
	}
	// Spikes are looked for after the batch is in, in their own
	// transaction: a failed check must not send the batch back.
	for _, h := range spikes {
		if err := s.CheckSpikes(ctx, h); err != nil {
			s.log.Warn("metrics: spike check failed", "err", err)
		}
	}
	return nil
}

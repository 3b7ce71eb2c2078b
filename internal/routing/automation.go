package routing

import (
	"context"
	"fmt"
	"strings"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
)

// AutomationActor is the actor of changes made by automation rules
// (internal/automation). Routing does not re-route on them: a rule that
// wants a queue says so, and calls Route itself after escalating.
const AutomationActor = "automation"

// PlaceInQueue puts ticket id in the queue named name (case-insensitive)
// with reason, in the transaction ctx carries; call Dispatch after commit.
func (s *Service) PlaceInQueue(ctx context.Context, id int64, name, reason string) error {
	queues, err := s.Queues(ctx)
	if err != nil {
		return err
	}
	for _, q := range queues {
		if !strings.EqualFold(q.Name, name) {
			continue
		}
		f, err := s.tickets.RouteFacts(ctx, id)
		if err != nil {
			return fmt.Errorf("place ticket %d: %w", id, err)
		}
		if f.QueueID != nil && *f.QueueID == q.ID {
			return nil
		}
		lang, area := "", ""
		if f.QueueID == nil {
			// The rule came before the ticket's first routing, which will
			// keep this placement (routeNew): read the text as it would.
			if l, a, _ := detectFacts(f); l != f.Language || a != f.ProductArea {
				lang, area = l, a
			}
		}
		return s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
			if err := s.tickets.SetQueue(ctx, id, q.ID, reason, lang, area); err != nil {
				return err
			}
			return TicketQueued.Emit(ctx, tx, TicketQueuedEvent{TicketID: id, QueueID: q.ID, FromQueue: f.QueueID, Reason: reason})
		})
	}
	return errs.E(errs.NotFound, "no queue named %q", name)
}

// Dispatch offers ticket id in its queue as routing does after placing it.
func (s *Service) Dispatch(ctx context.Context, id int64) error {
	return s.dispatch(ctx, id)
}

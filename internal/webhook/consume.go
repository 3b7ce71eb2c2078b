package webhook

import (
	"context"
	"fmt"
	"time"

	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/store"
)

// Consumer is the durable bus consumer's name: one node handles each event.
const Consumer = "webhooks"

// pollEvery is how often an idle deliverer looks for due deliveries that
// another node queued or whose back-off ran out.
const pollEvery = time.Second

// Start takes events from the bus (every subject: which types are offered
// can change at run time) and queues deliveries. Run delivers them.
func (s *Service) Start(ctx context.Context, b *bus.Bus) error {
	return b.ConsumeBatch(ctx, Consumer, bus.SubjectPrefix+">", bus.DefaultBatch, s.HandleEvents)
}

// Run delivers what is due until ctx ends: at once when this node queued
// something, else every pollEvery; every hour it prunes the log and
// re-seals what an older key sealed.
func (s *Service) Run(ctx context.Context) {
	t := time.NewTicker(pollEvery)
	defer t.Stop()
	var pruned time.Time
	for {
		if _, err := s.DeliverDue(ctx); err != nil && ctx.Err() == nil {
			s.log.Error("webhook: deliver", "err", err)
		}
		if time.Since(pruned) > time.Hour {
			pruned = time.Now()
			if _, err := s.Prune(ctx); err != nil && ctx.Err() == nil {
				s.log.Warn("webhook: prune the delivery log", "err", err)
			}
			if _, err := s.Reseal(ctx); err != nil && ctx.Err() == nil {
				s.log.Warn("webhook: re-seal with the active key", "err", err)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-s.wake:
		case <-t.C:
		}
	}
}

// Wake asks this node's deliverer to look for due deliveries now.
func (s *Service) Wake() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// HandleEvents queues a delivery for each event and each active
// subscription that wants its type, in the transaction that records the
// events as handled (bus.OnceBatch): a redelivered event queues nothing
// twice, and an event is acknowledged only once its deliveries are stored.
func (s *Service) HandleEvents(ctx context.Context, evs []store.Event) error {
	types := s.cfg.Catalogue.typesOf(evs)
	if len(types) == 0 {
		return nil // nothing offered: no write at all
	}
	subs, err := listSubs(ctx, s.db, `SELECT `+subColumns+` FROM webhook_subscriptions WHERE active = 1 ORDER BY id`)
	if err != nil {
		return err
	}
	var wanted []store.Event
	for _, ev := range evs {
		for _, sub := range subs {
			if sub.Wants(ev.Type) {
				wanted = append(wanted, ev)
				break
			}
		}
	}
	if len(wanted) == 0 {
		return nil
	}
	err = bus.OnceBatch(ctx, s.db, Consumer, wanted, func(ctx context.Context, tx *store.Tx, fresh []store.Event) error {
		now := tx.Now()
		for _, ev := range fresh {
			bodies := map[Scope][]byte{}
			for _, sub := range subs {
				if !sub.Wants(ev.Type) {
					continue
				}
				body, ok := bodies[sub.Scope]
				if !ok {
					if body, err = s.cfg.Catalogue.payload(ctx, ev, sub.Scope); err != nil {
						return err
					}
					bodies[sub.Scope] = body
				}
				sealed, err := s.cfg.Sealer.Seal(string(body), payloadAAD(sub.ID, ev.ID))
				if err != nil {
					return err
				}
				if _, err := tx.Exec(ctx, `INSERT INTO webhook_deliveries (subscription_id, event_id, event_type, payload, next_at, created_at)
					VALUES (?, ?, ?, ?, ?, ?)`, sub.ID, ev.ID, ev.Type, sealed, now, now); err != nil {
					return fmt.Errorf("queue webhook %d event %d: %w", sub.ID, ev.ID, err)
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	s.Wake()
	return nil
}

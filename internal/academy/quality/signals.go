package quality

import (
	"context"
	"fmt"

	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// consumerName is the durable consumer that keeps qa_signals.
const consumerName = "quality-signals"

// Signal kinds in qa_signals.
const (
	SignalOutboundBlocked = "outbound_blocked"
	SignalSecretRedacted  = "secret_redacted"
)

// Bus is what the service needs of internal/bus.
type Bus interface {
	ConsumeBatch(ctx context.Context, durable, filter string, max int, h bus.BatchHandler) error
}

// Start consumes the guard's events (one node handles each).
func (s *Service) Start(ctx context.Context, b Bus) error {
	return b.ConsumeBatch(ctx, consumerName, bus.SubjectPrefix+"guard.>", bus.DefaultBatch, s.HandleEvents)
}

// HandleEvents counts guard events per ticket, once each.
func (s *Service) HandleEvents(ctx context.Context, evs []store.Event) error {
	err := bus.OnceBatch(ctx, s.db, consumerName, evs, func(ctx context.Context, tx *store.Tx, fresh []store.Event) error {
		for _, ev := range fresh {
			var id int64
			var kind string
			if b, ok, err := ticket.OutboundBlocked.Decode(ev); err != nil {
				return err
			} else if ok && b.TicketID != nil {
				id, kind = *b.TicketID, SignalOutboundBlocked
			}
			if r, ok, err := ticket.SecretRedacted.Decode(ev); err != nil {
				return err
			} else if ok && r.AuthorKind != "agent" {
				id, kind = r.TicketID, SignalSecretRedacted
			}
			if kind == "" {
				continue
			}
			if err := addSignal(ctx, tx, id, kind, ev.At.UnixMilli()); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("quality: guard events: %w", err)
	}
	return nil
}

// addSignal counts one guard event on a ticket.
func addSignal(ctx context.Context, tx *store.Tx, id int64, kind string, at int64) error {
	if at == 0 {
		at = tx.Now()
	}
	_, err := tx.Exec(ctx, `INSERT INTO qa_signals (ticket_id, kind, count, last_at) VALUES (?, ?, 1, ?)
		ON CONFLICT (ticket_id, kind) DO UPDATE SET count = qa_signals.count + 1,
		last_at = CASE WHEN excluded.last_at > qa_signals.last_at THEN excluded.last_at ELSE qa_signals.last_at END`, id, kind, at)
	return err
}

// guardSignals reads how many times each guard event happened on a ticket.
func (s *Service) guardSignals(ctx context.Context, id int64) (map[string]int, error) {
	rows, err := s.db.Query(ctx, `SELECT kind, count FROM qa_signals WHERE ticket_id = ?`, id)
	if err != nil {
		return nil, fmt.Errorf("quality: signals of ticket %d: %w", id, err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var kind string
		var n int
		if err := rows.Scan(&kind, &n); err != nil {
			return nil, fmt.Errorf("quality: signals of ticket %d: %w", id, err)
		}
		out[kind] = n
	}
	return out, rows.Err()
}

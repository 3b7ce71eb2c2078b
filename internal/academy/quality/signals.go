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

// prefill suggests scores from the guard's events on a ticket: a refused
// outbound message puts "never asked for a secret" at 0 for the reviewer
// to confirm; a customer's secret cut by the guard is a hint to check that
// the agent warned them and did not repeat the request.
func (s *Service) prefill(ctx context.Context, id int64) (map[string]int, map[string]string, error) {
	rows, err := s.db.Query(ctx, `SELECT kind, count FROM qa_signals WHERE ticket_id = ?`, id)
	if err != nil {
		return nil, nil, fmt.Errorf("quality: signals of ticket %d: %w", id, err)
	}
	defer rows.Close()
	pre, hints := map[string]int{"no_secret_asked": MaxScore}, map[string]string{}
	for rows.Next() {
		var kind string
		var n int
		if err := rows.Scan(&kind, &n); err != nil {
			return nil, nil, err
		}
		switch kind {
		case SignalOutboundBlocked:
			pre["no_secret_asked"] = 0
			hints["no_secret_asked"] = fmt.Sprintf("The outbound guard refused %d message(s) the agent wrote on this ticket: check what they asked for.", n)
		case SignalSecretRedacted:
			if _, set := hints["no_secret_asked"]; !set {
				hints["no_secret_asked"] = fmt.Sprintf("The customer sent a secret %d time(s) (the guard cut it): check the agent warned them and did not ask for it.", n)
			}
		}
	}
	return pre, hints, rows.Err()
}

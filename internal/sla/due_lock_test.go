package sla

import (
	"context"
	"fmt"
	"testing"

	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// TestBatchLocksTicketsOnlyAtCommit: while the consumer's batch is still
// open, a customer writing to one of its tickets can lock the ticket's row
// (PostgreSQL, NOWAIT: a held lock fails at once); the due times are on
// the rows once the batch commits.
func TestBatchLocksTicketsOnlyAtCommit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		var ids []int64
		for i := range 3 {
			tk, err := e.tickets.CreateForCustomer(e.ctx, ticket.NewTicket{Subject: "Help", Message: "My deposit has not arrived",
				Channel: "email", Priority: "urgent", Customer: ticket.NewCustomer{ExternalID: fmt.Sprintf("u-%d", i)}})
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, tk.ID)
		}
		evs, err := bus.Pending(e.ctx, db, 1000)
		if err != nil {
			t.Fatal(err)
		}
		err = bus.OnceBatch(e.ctx, db, consumerName, evs, func(ctx context.Context, tx *store.Tx, fresh []store.Event) error {
			if _, err := e.sla.apply(ctx, tx, fresh); err != nil {
				return err
			}
			if db.Dialect != store.Postgres {
				return nil // one writer: nobody else could write now anyway
			}
			// Another connection, as a customer's message would lock it.
			return db.Tx(context.Background(), func(ctx context.Context, other *store.Tx) error {
				for _, id := range ids {
					var got int64
					if err := other.QueryRow(ctx, `SELECT id FROM tickets WHERE id = ? FOR NO KEY UPDATE NOWAIT`, id).Scan(&got); err != nil {
						return fmt.Errorf("ticket %d locked by the open batch: %w", id, err)
					}
				}
				return nil
			})
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range ids {
			if n := storetest.Scalar[int64](t, db, `SELECT COUNT(*) FROM tickets WHERE id = ? AND sla_due_at IS NOT NULL`, id); n != 1 {
				t.Errorf("ticket %d has no due time after the batch", id)
			}
		}
	})
}

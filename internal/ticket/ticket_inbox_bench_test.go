package ticket

import (
	"cmp"
	"context"
	"testing"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// BenchmarkInbox measures what an open inbox costs: a page of a view, the
// counts (one grouped pass a node makes after a change) and one agent's
// counts taken from that pass,
// over 20,000 tickets with a message each, for an agent in two teams.
func BenchmarkInbox(b *testing.B) {
	const tickets = 20000
	for _, engine := range storetest.Engines() {
		b.Run(string(engine), func(b *testing.B) {
			db := storetest.Open(b, engine)
			s, err := NewStore(db, audit.New(db), passThrough{}, clearText{})
			if err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			var teams []int64
			err = db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
				now := store.Now()
				for _, name := range []string{"A", "B", "C", "D"} {
					id, err := tx.InsertID(ctx, `INSERT INTO teams (name, created_at) VALUES (?, ?)`, name, now)
					if err != nil {
						return err
					}
					teams = append(teams, id)
				}
				cust, err := tx.InsertID(ctx, `INSERT INTO customers (external_id, created_at, updated_at) VALUES ('bench', ?, ?)`, now, now)
				if err != nil {
					return err
				}
				statuses := []string{"new", "open", "pending_customer", "solved", "closed"}
				for i := range tickets {
					at := now + int64(i)
					id, err := tx.InsertID(ctx, `INSERT INTO tickets (subject, customer_id, channel, status, priority, product_area, language, tier, team_id, created_at, updated_at, last_message_at, awaiting_since)
						VALUES ('Deposit missing', ?, 'chat', ?, 'normal', 'wallet_deposits', 'en', 1, ?, ?, ?, ?, ?)`,
						cust, statuses[i%len(statuses)], teams[i%len(teams)], at, at, at, at)
					if err != nil {
						return err
					}
					if _, err := tx.Exec(ctx, `INSERT INTO messages (ticket_id, author_kind, body, created_at) VALUES (?, 'customer', 'x', ?)`, id, now); err != nil {
						return err
					}
					if err := touch(ctx, tx, id, at); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
			v := Viewer{AgentID: 1, Teams: teams[:2]}
			b.Run("counts", func(b *testing.B) {
				for b.Loop() {
					if _, err := s.InboxCounts(ctx, v); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("tally-for-one-agent", func(b *testing.B) {
				tally, err := s.InboxTally(ctx)
				if err != nil {
					b.Fatal(err)
				}
				for b.Loop() {
					tally.For(v)
				}
			})
			for _, view := range []string{ViewAll, ViewTeams, ViewWaiting} {
				b.Run("page-"+cmp.Or(view, "all"), func(b *testing.B) {
					for b.Loop() {
						if _, _, err := s.Inbox(ctx, v, InboxQuery{View: view}); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		})
	}
}

package routing

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// Two nodes (two routing services, each with its own connection pool and
// index, on one database) assign at once: no ticket gets two assignees and
// no agent goes past their capacity.
func TestTwoNodesAssigningAtOnce(t *testing.T) {
	for _, engine := range storetest.Engines() {
		t.Run(string(engine), func(t *testing.T) {
			dsn := storetest.DSN(t, engine)
			ctx := context.Background()
			open := func() *store.DB {
				db, err := store.Open(ctx, dsn, t.TempDir())
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { db.Close() })
				if _, err := db.Migrate(ctx); err != nil {
					t.Fatal(err)
				}
				return db
			}
			dbA, dbB := open(), open()
			e := newEnv(t, dbA)
			const agents, capacity, emails, chats = 4, 3, 20, 10
			var ids []int64
			for i := 0; i < agents; i++ {
				ids = append(ids, e.agent(fmt.Sprintf("A%d", i), Skills{Languages: []string{"en", "tr"}, Areas: []string{"futures", "other"}, Tiers: []int{1}, MaxTickets: capacity, MaxChats: capacity}))
			}
			for i := 0; i < emails; i++ {
				e.ticket("email", "en", fmt.Sprintf("Q%d", i), "A question about my account")
			}
			var chatIDs []int64
			for i := 0; i < chats; i++ {
				chatIDs = append(chatIDs, e.ticket("chat", "tr", "Tasfiye", liquidationTR))
			}
			nodeA := e.svc
			nodeB := New(dbB, tickets(t, dbB), nil, nil)
			if err := nodeB.Load(ctx); err != nil {
				t.Fatal(err)
			}
			var wg sync.WaitGroup
			failures := make(chan error, 1000)
			for _, node := range []*Service{nodeA, nodeB} {
				for _, agent := range ids {
					wg.Add(2)
					go func() { // the agent presses "Next ticket" on both nodes
						defer wg.Done()
						for i := 0; i < capacity+2; i++ {
							if _, err := node.Next(ctx, agent); err != nil && errs.KindOf(err) != errs.Conflict && errs.KindOf(err) != errs.NotFound {
								failures <- err
							}
						}
					}()
					go func() { // and accepts whatever chat either node offered
						defer wg.Done()
						for _, id := range chatIDs {
							if err := node.dispatch(ctx, id); err != nil {
								failures <- err
							}
							if err := node.Accept(ctx, agent, id); err != nil && errs.KindOf(err) != errs.Conflict {
								failures <- err
							}
						}
					}()
				}
			}
			wg.Wait()
			close(failures)
			for err := range failures {
				t.Error(err)
			}
			twice := storetest.Scalar[int](t, dbA, `SELECT COUNT(*) FROM (SELECT ticket_id FROM routing_waits GROUP BY ticket_id HAVING COUNT(*) > 1) x`)
			if twice != 0 {
				t.Errorf("%d tickets were assigned twice", twice)
			}
			for _, a := range ids {
				n := storetest.Scalar[int](t, dbA, `SELECT COUNT(*) FROM tickets WHERE assignee_id = ?`, a)
				if n > capacity {
					t.Errorf("agent %d has %d tickets, capacity %d", a, n, capacity)
				}
			}
			assigned := storetest.Scalar[int](t, dbA, `SELECT COUNT(*) FROM tickets WHERE assignee_id IS NOT NULL`)
			waits := storetest.Scalar[int](t, dbA, `SELECT COUNT(*) FROM routing_waits`)
			if assigned != waits || assigned == 0 {
				t.Errorf("%d tickets assigned, %d assignments recorded", assigned, waits)
			}
		})
	}
}

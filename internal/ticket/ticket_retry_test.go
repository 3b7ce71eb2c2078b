package ticket

import (
	"context"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/guard"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// TestIntakeRetriesDeadlock forces, on PostgreSQL, the deadlock that two
// nodes can meet: a transaction (another node's group commit) holds one
// ticket of a customer and the customer's screen state, while a customer
// message to a second ticket of theirs holds that ticket and waits for
// the state; then the first asks for the second ticket. PostgreSQL aborts
// the message's transaction (its wait began first, so its deadlock check
// fires first: the other sets a longer deadlock_timeout). The intake runs
// it again, and every message is stored exactly once.
func TestIntakeRetriesDeadlock(t *testing.T) {
	db := storetest.Open(t, store.Postgres)
	e := newEnvWith(db, guardScreen{d: guard.NewDetector()}, testKeyring(t, "a"))
	a := e.create(t, func(in *NewTicket) { in.Subject, in.Message = "Deposit", "Where is my deposit?" })
	b := e.create(t, func(in *NewTicket) { in.Subject, in.Message = "Withdrawal", "And my withdrawal?" })
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	holding := make(chan struct{})
	intake := make(chan error, 1)
	go func() {
		<-holding
		_, err := e.s.AppendAsCustomer(ctx, customerOf(a), a.ID, "intake message")
		intake <- err
	}()
	first, outer := true, ctx
	err := db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		if _, err := tx.Exec(ctx, `SET LOCAL deadlock_timeout = '20s'`); err != nil {
			return err
		}
		if _, err := e.s.AppendAsCustomer(ctx, customerOf(b), b.ID, "other node 1"); err != nil {
			return err
		}
		if first {
			first = false
			close(holding)
			// The test's context, not the transaction's: the poll runs
			// on a connection of its own.
			if err := storetest.WaitForLockWait(outer, db, intake); err != nil {
				return err
			}
		}
		_, err := e.s.AppendAsCustomer(ctx, customerOf(a), a.ID, "other node 2")
		return err
	})
	if err != nil {
		t.Fatalf("the other transaction: %v", err)
	}
	if err := <-intake; err != nil {
		t.Fatalf("the customer's message was not stored: %v", err)
	}
	if db.Retries() == 0 {
		t.Fatalf("no transaction was run again: the deadlock did not happen, so this test proves nothing")
	}
	for _, c := range []struct {
		id   int64
		body string
	}{{a.ID, "intake message"}, {a.ID, "other node 2"}, {b.ID, "other node 1"}} {
		n := 0
		for _, m := range e.get(t, everyone, c.id).Messages {
			if m.Body == c.body {
				n++
			}
		}
		if n != 1 {
			t.Errorf("ticket %d holds %q %d times, want once", c.id, c.body, n)
		}
	}
}

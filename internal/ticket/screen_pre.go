package ticket

import (
	"context"

	"github.com/groundcrew/groundcrew/internal/store"
)

// preScreened is a customer's message screened before its transaction,
// against the customer's screen state as it was read then, without a lock.
type preScreened struct {
	customerID int64
	stored     storedState // the row as read
	conv       *conversation
	res        Screened
}

// preScreen screens a customer's message to ticketID before the
// transaction that stores it, so that the guard's scan (about a fifth of
// the node's CPU at intake) runs while the transaction holds no row lock
// and no connection. The transaction uses the result only when it reads,
// under the lock, the very state row this read (matches); otherwise it
// screens again. Only on PostgreSQL, where transactions run side by side;
// nil when there is no state yet or the read fails.
func (s *Store) preScreen(ctx context.Context, ticketID int64, body string) *preScreened {
	if s.db.Dialect != store.Postgres {
		return nil
	}
	// A context without ctx's values: the request may already run in a
	// transaction (the Idempotency-Key's), and this read must not.
	rctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	defer context.AfterFunc(ctx, cancel)()
	var p preScreened
	st := &p.stored
	err := s.db.QueryRow(rctx, `SELECT s.customer_id, s.state, s.warn, s.warn_ticket, s.last_ref
		FROM tickets t JOIN customer_screen_state s ON s.customer_id = t.customer_id WHERE t.id = ?`, ticketID).
		Scan(&p.customerID, &st.state, &st.warn, &st.warnTicket, &st.last)
	if err != nil {
		return nil // the transaction reads and screens as before
	}
	p.conv = s.openScreenState(p.customerID, *st)
	p.res = s.screen.Inbound(p.conv.state, p.conv.previous, body)
	return &p
}

// matches reports whether the state row read under the lock is the one p
// was screened against: a state sealed anew has a new nonce, so any write
// since changes the row.
func (p *preScreened) matches(customerID int64, st storedState) bool {
	return p != nil && p.customerID == customerID && p.stored == st
}

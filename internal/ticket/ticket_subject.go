package ticket

import (
	"context"
	"errors"
	"fmt"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
)

// refuseSubject passes a subject an agent sets through the outbound guard:
// the customer reads it as the subject line of every e-mail reply. A
// refusal is audited (in a transaction of its own, committed whatever the
// caller does next) and returned as ErrBlocked naming the subject field;
// nil when the subject may be saved. ticketID is 0 for a new ticket.
func (s *Store) refuseSubject(ctx context.Context, agentID, ticketID int64, subject string) error {
	reason := s.screen.Outbound(nil, subject)
	if reason == "" {
		return nil
	}
	id := agentID
	attempt := NewMessage{Author: "agent", AuthorID: &id, Body: subject}
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		return s.recordBlocked(ctx, tx, ticketID, attempt, reason)
	})
	blocked := &errs.Error{Kind: errs.Forbidden, Field: "subject", Msg: "The subject was not saved: " + reason, Err: ErrBlocked}
	if err != nil {
		return errors.Join(fmt.Errorf("refuse subject: %w", err), blocked)
	}
	return blocked
}

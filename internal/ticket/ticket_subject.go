package ticket

import (
	"context"
	"errors"
	"fmt"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
)

// refuseSubject answers an agent's subject the outbound guard refused
// (reason): the customer reads a subject as the subject line of every
// e-mail reply. The refusal is audited (in a transaction of its own,
// committed whatever the caller does next) and returned as ErrBlocked
// naming the subject field. ticketID is 0 for a new ticket.
func (s *Store) refuseSubject(ctx context.Context, agentID, ticketID int64, subject, reason string) error {
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

// subjectRefusal is the outbound guard's reason to refuse a subject an
// agent sets (actor ""), "" when it may be saved or a system part sets it.
func (s *Store) subjectRefusal(actor string, subject *string) string {
	if actor != "" || subject == nil {
		return ""
	}
	return s.screen.Outbound(nil, *subject)
}

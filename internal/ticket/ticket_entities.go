package ticket

import (
	"context"
	"sort"

	"github.com/groundcrew/groundcrew/internal/store"
)

// EntityIndexer records, in the intake's transaction, what an agent may
// later search a ticket by (e-mail addresses, TxIDs and addresses in the
// customer's text), without the text itself; *search.Index implements it.
type EntityIndexer interface {
	Add(ctx context.Context, tx *store.Tx, ticketID int64, texts ...string) error
}

// WithEntities makes intake feed new tickets' fields and customer messages
// (after the guard's redaction) to ix.
func (s *Store) WithEntities(ix EntityIndexer) *Store {
	s.entities = ix
	return s
}

// indexTicket indexes a new ticket's subject, customer e-mail and custom
// field values.
func (s *Store) indexTicket(ctx context.Context, tx *store.Tx, id int64, in NewTicket) error {
	if s.entities == nil {
		return nil
	}
	texts := []string{in.Subject, in.Customer.Email}
	keys := make([]string, 0, len(in.CustomFields))
	for k := range in.CustomFields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		texts = append(texts, in.CustomFields[k])
	}
	return s.entities.Add(ctx, tx, id, texts...)
}

// indexMessage indexes a customer's public message.
func (s *Store) indexMessage(ctx context.Context, tx *store.Tx, ticketID int64, author AuthorKind, internal bool, body string) error {
	if s.entities == nil || author != "customer" || internal {
		return nil
	}
	return s.entities.Add(ctx, tx, ticketID, body)
}

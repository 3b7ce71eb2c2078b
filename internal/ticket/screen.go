package ticket

import (
	"context"
	"fmt"

	"github.com/groundcrew/groundcrew/internal/store"
)

// Screen is the gate every message passes before anything stores it: secrets
// a customer pastes are cut out, and an agent's or bot's message that asks
// for one is refused. The guard package implements it; the ticket store
// calls it inside the transaction that writes the message.
type Screen interface {
	// Inbound redacts secrets from text. previous holds the ticket's recent
	// messages from the same side, oldest first, so that a secret split
	// across messages is caught too.
	Inbound(previous []string, text string) Screened
	// Outbound says why text must not be sent to a customer, or "" if it may.
	Outbound(text string) string
	// Warning tells the customer, in their language, what was removed and what to do.
	Warning(language string, kinds []string) string
}

// Screened is the result of an inbound screen.
type Screened struct {
	Text    string
	Kinds   []string       // kinds of secret removed; empty when none
	Earlier map[int]string // index in previous → that message with its part removed
}

// screenWindow is how many earlier messages a split secret is looked for in.
const screenWindow = 4

// earlier returns the ticket's last screenWindow public messages by
// author, ids and (opened) bodies, oldest first.
func (s *Store) earlier(ctx context.Context, tx *store.Tx, ticketID int64, author AuthorKind) ([]int64, []string, error) {
	rows, err := tx.Query(ctx, `SELECT id, body FROM messages WHERE ticket_id = ? AND author_kind = ? AND internal = 0 ORDER BY id DESC LIMIT ?`,
		ticketID, string(author), screenWindow)
	if err != nil {
		return nil, nil, fmt.Errorf("earlier messages: %w", err)
	}
	defer rows.Close()
	var ids []int64
	var bodies []string
	for rows.Next() {
		var id int64
		var body string
		if err := rows.Scan(&id, &body); err != nil {
			return nil, nil, fmt.Errorf("earlier messages: %w", err)
		}
		if body, err = s.openBody(ticketID, id, body); err != nil {
			return nil, nil, fmt.Errorf("earlier messages: %w", err)
		}
		ids, bodies = append([]int64{id}, ids...), append([]string{body}, bodies...)
	}
	return ids, bodies, rows.Err()
}

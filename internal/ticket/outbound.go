package ticket

import (
	"context"
	"fmt"

	"github.com/groundcrew/groundcrew/internal/store"
)

// outboundWindow is how many earlier agent and bot messages the outbound
// guard reads with a new one: enough for a request drawn out over a
// conversation ("let's go word by word", "and the third?").
const outboundWindow = 10

// earlierOutbound returns the ticket's last outboundWindow public messages
// from agents and the bot, opened, oldest first. Every agent's count: a
// request split between two agents is still a request.
func (s *Store) earlierOutbound(ctx context.Context, tx *store.Tx, ticketID int64) ([]string, error) {
	rows, err := tx.Query(ctx, `SELECT id, body FROM messages WHERE ticket_id = ? AND author_kind IN ('agent', 'bot') AND internal = 0
		ORDER BY id DESC LIMIT ?`, ticketID, outboundWindow)
	if err != nil {
		return nil, fmt.Errorf("earlier agent messages: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id int64
		var body string
		if err := rows.Scan(&id, &body); err != nil {
			return nil, fmt.Errorf("earlier agent messages: %w", err)
		}
		if body, err = s.openBody(ticketID, id, body); err != nil {
			return nil, fmt.Errorf("earlier agent messages: %w", err)
		}
		out = append(out, body)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("earlier agent messages: %w", err)
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out, nil
}

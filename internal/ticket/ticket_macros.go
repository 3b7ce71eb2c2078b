package ticket

import (
	"context"
	"fmt"

	"github.com/groundcrew/groundcrew/internal/store"
)

// recordMacros notes the macros inserted into message id (see migration
// 0047); a macro named twice counts once.
func recordMacros(ctx context.Context, tx *store.Tx, id int64, uses []MacroUse) error {
	for _, u := range uses {
		if _, err := tx.Exec(ctx, `INSERT INTO message_macros (message_id, macro_id, language) VALUES (?, ?, ?)
			ON CONFLICT (message_id, macro_id) DO NOTHING`, id, u.MacroID, u.Language); err != nil {
			return fmt.Errorf("ticket: record macro %d on message %d: %w", u.MacroID, id, err)
		}
	}
	return nil
}

// MacroUses are the macros agents inserted into the public replies of
// ticket id, oldest reply first. For reviews and reports: it does not
// check who asks.
func (s *Store) MacroUses(ctx context.Context, id int64) ([]MacroUse, error) {
	rows, err := s.db.Query(ctx, `SELECT u.macro_id, u.language FROM message_macros u JOIN messages m ON m.id = u.message_id
		WHERE m.ticket_id = ? ORDER BY m.id, u.macro_id`, id)
	if err != nil {
		return nil, fmt.Errorf("ticket: macros of ticket %d: %w", id, err)
	}
	defer rows.Close()
	var out []MacroUse
	for rows.Next() {
		var u MacroUse
		if err := rows.Scan(&u.MacroID, &u.Language); err != nil {
			return nil, fmt.Errorf("ticket: macros of ticket %d: %w", id, err)
		}
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("ticket: macros of ticket %d: %w", id, err)
	}
	return out, nil
}

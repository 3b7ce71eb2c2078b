package bot

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// firstTurnGrace is how long a new chat waits for the bot's first turn
// before routing offers it anyway: a turn that failed must not strand it.
const firstTurnGrace = 2 * time.Minute

// Holds says whether the bot is handling chat ticket id, so that routing
// does not offer it to agents (routing.Service.BotHolds): its conversation
// is in bot mode, or it has none yet and the ticket is younger than
// firstTurnGrace (the bot's first turn is on its way).
func (b *Bot) Holds(ctx context.Context, id int64) (bool, error) {
	var mode string
	err := b.cfg.DB.QueryRow(ctx, `SELECT mode FROM bot_conversations WHERE ticket_id = ?`, id).Scan(&mode)
	if errors.Is(err, sql.ErrNoRows) {
		var created int64
		if err := b.cfg.DB.QueryRow(ctx, `SELECT created_at FROM tickets WHERE id = ?`, id).Scan(&created); err != nil {
			return false, fmt.Errorf("bot holds ticket %d: %w", id, err)
		}
		return b.cfg.DB.Now()-created < firstTurnGrace.Milliseconds(), nil
	}
	if err != nil {
		return false, fmt.Errorf("bot holds ticket %d: %w", id, err)
	}
	return mode == modeBot, nil
}

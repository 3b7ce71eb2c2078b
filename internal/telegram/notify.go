package telegram

import (
	"context"
	"fmt"

	"github.com/groundcrew/groundcrew/internal/store"
)

// NotifyCustomer queues text to every Telegram chat linked to the exchange
// user externalID (a proactive notice, such as a security alert); sent is
// false when none is linked. The text is the system's own, not an agent's.
func (b *Bot) NotifyCustomer(ctx context.Context, externalID, text string) (sent bool, err error) {
	err = b.cfg.DB.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		ids, err := tx.QueryIDs(ctx, `SELECT chat_id FROM telegram_chats WHERE customer_ref = ? AND linked = 1 ORDER BY chat_id`, externalID)
		if err != nil {
			return err
		}
		for _, id := range ids {
			if err := b.enqueueText(ctx, tx, id, text); err != nil {
				return err
			}
		}
		sent = len(ids) > 0
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("telegram: notify %q: %w", externalID, err)
	}
	if sent {
		b.wake()
	}
	return sent, nil
}

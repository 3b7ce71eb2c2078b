package telegram

import (
	"context"

	"github.com/groundcrew/groundcrew/internal/store"
)

// HandleEventForTest runs the durable consumer's handler on ev.
func HandleEventForTest(b *Bot, ctx context.Context, ev store.Event) error {
	return b.handleEvent(ctx, ev)
}

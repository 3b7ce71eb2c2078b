package telegram

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"net/http"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/web"
)

// SecretHeader carries the webhook's secret_token on every update
// Telegram posts (https://core.telegram.org/bots/api#setwebhook).
const SecretHeader = "X-Telegram-Bot-Api-Secret-Token"

// HandleWebhook takes an update Telegram posts. Without the right secret
// it is Unauthorized and nothing is read; a malformed update is Invalid.
// Telegram retries anything but a 2xx, so a replay is answered 200.
func (b *Bot) HandleWebhook(w http.ResponseWriter, r *http.Request) error {
	got := r.Header.Get(SecretHeader)
	if b.cfg.Secret == "" || subtle.ConstantTimeCompare([]byte(got), []byte(b.cfg.Secret)) != 1 {
		return errs.E(errs.Unauthorized, "the %s header is missing or wrong", SecretHeader)
	}
	body, err := web.ReadBody(r, MaxUpdate)
	if err != nil {
		return err
	}
	if err := b.HandleUpdate(r.Context(), body); err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, map[string]bool{"ok": true})
}

// SetWebhook registers url (this server's webhook route) with Telegram.
func (b *Bot) SetWebhook(ctx context.Context, url string) error {
	if b.cfg.Secret == "" {
		return errs.E(errs.Invalid, "a webhook needs a secret token")
	}
	return b.cfg.Client.SetWebhook(ctx, url, b.cfg.Secret)
}

// Poll long-polls getUpdates until ctx ends. Updates Telegram gives again
// (after a restart, before the offset moved on) are stored once by id.
func (b *Bot) Poll(ctx context.Context, wait time.Duration) {
	if err := b.cfg.Client.DeleteWebhook(ctx); err != nil && ctx.Err() == nil {
		b.cfg.Log.Warn("telegram: deleteWebhook before polling", "err", err)
	}
	var offset int64
	backoff := time.Second
	for ctx.Err() == nil {
		ups, err := b.cfg.Client.GetUpdates(ctx, offset, wait)
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			b.cfg.Log.Warn("telegram: getUpdates", "err", err)
			sleep(ctx, backoff)
			backoff = min(2*backoff, time.Minute)
			continue
		}
		backoff = time.Second
		for _, raw := range ups {
			var id struct {
				UpdateID int64 `json:"update_id"`
			}
			_ = json.Unmarshal(raw, &id)
			if err := b.HandleUpdate(ctx, raw); err != nil {
				if errs.KindOf(err) == errs.Internal {
					b.cfg.Log.Warn("telegram: update not taken; asking again", "update", id.UpdateID, "err", err)
					sleep(ctx, backoff)
					break // offset stays: Telegram gives it again
				}
				b.cfg.Log.Info("telegram: update refused", "update", id.UpdateID, "err", err)
			}
			offset = max(offset, id.UpdateID+1)
		}
	}
}

func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

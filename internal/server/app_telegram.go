package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/guard"
	"github.com/groundcrew/groundcrew/internal/ratelimit"
	"github.com/groundcrew/groundcrew/internal/telegram"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

// telegramWebhookPath is where Telegram posts updates in webhook mode.
const telegramWebhookPath = "/api/v1/telegram/webhook"

func (c *Config) validateChannels() error {
	switch c.TelegramMode {
	case "":
		c.TelegramMode = "polling"
	case "polling", "webhook":
	default:
		return fmt.Errorf("config: GROUNDCREW_TELEGRAM_MODE must be polling or webhook, not %q", c.TelegramMode)
	}
	if c.TelegramAPI == "" {
		c.TelegramAPI = "https://api.telegram.org"
	}
	if c.TelegramToken != "" && c.TelegramMode == "webhook" && len(c.TelegramWebhookSecret) < 16 {
		return fmt.Errorf("config: the Telegram webhook needs GROUNDCREW_TELEGRAM_WEBHOOK_SECRET (16 to 256 of A-Z, a-z, 0-9, _ and -)")
	}
	if s := c.TelegramWebhookSecret; s != "" && (len(s) > 256 || strings.Trim(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") != "") {
		return fmt.Errorf("config: GROUNDCREW_TELEGRAM_WEBHOOK_SECRET may hold only A-Z, a-z, 0-9, _ and - (at most 256)")
	}
	if c.TelegramBot != "" && !strings.HasPrefix(c.TelegramBot, "@") {
		c.TelegramBot = "@" + c.TelegramBot
	}
	if c.PhoneSecret != "" && len(c.PhoneSecret) < 16 {
		return fmt.Errorf("config: GROUNDCREW_PHONE_SECRET must be at least 16 characters")
	}
	return nil
}

// telegramBotName is the bot's @username: configured, or the demo's.
func (a *App) telegramBotName() string {
	if a.cfg.TelegramBot != "" {
		return a.cfg.TelegramBot
	}
	return DemoTelegram
}

// openTelegram builds the bot when a token is configured, and the deep
// links in any case (the exchange may issue them before the bot runs).
func (a *App) openTelegram() error {
	a.telegramLinks = telegram.NewLinks(a.db, a.keys.Derive("telegram.link")[0].Bytes)
	a.telegramLinkLimit = ratelimit.New(ratelimit.Rule{Rate: 10.0 / 60, Burst: 10}, time.Now, 100_000)
	if a.cfg.TelegramToken == "" {
		return nil
	}
	tickets := a.tickets.Store
	bot, err := telegram.New(telegram.Config{DB: a.db, Tickets: tickets, Links: a.telegramLinks,
		Client:   &telegram.Client{Base: a.cfg.TelegramAPI, Token: a.cfg.TelegramToken, HTTP: &http.Client{Timeout: 70 * time.Second}},
		Verifier: a.official,
		Mint:     func(user string) string { return a.identity.Sign(user, time.Minute) },
		Bot:      a.telegramBotName(), Site: strings.TrimRight(a.cfg.PublicURL, "/"),
		Secret: a.cfg.TelegramWebhookSecret, Log: a.log})
	if err != nil {
		return err
	}
	a.telegram = bot
	return nil
}

// startTelegram lists the bot as an official channel, and starts the
// sender, the durable consumer and the updates (polling or webhook).
func (a *App) startTelegram(ctx context.Context) error {
	if a.telegram == nil {
		return nil
	}
	_, err := a.official.AddChannel(ctx, guard.NewChannel{Kind: guard.ChannelTelegram, Value: a.telegramBotName(), Label: "Official Telegram support bot"})
	if err != nil && !errs.Is(err, errs.Conflict) {
		return fmt.Errorf("telegram: list the bot as official: %w", err)
	}
	if err := a.telegram.Consume(ctx, a.bus); err != nil {
		return err
	}
	a.wg.Add(2)
	go func() {
		defer a.wg.Done()
		a.telegram.RunSender(ctx)
	}()
	go func() {
		defer a.wg.Done()
		if a.cfg.TelegramMode == "webhook" {
			if err := a.telegram.SetWebhook(ctx, strings.TrimRight(a.cfg.PublicURL, "/")+telegramWebhookPath); err != nil {
				a.log.Error("telegram: setWebhook failed; updates will not arrive", "err", err)
			}
			return
		}
		a.telegram.Poll(ctx, 25*time.Second)
	}()
	return nil
}

// handleTelegramWebhook: POST /api/v1/telegram/webhook.
func (a *App) handleTelegramWebhook(w http.ResponseWriter, r *http.Request) error {
	if a.telegram == nil || a.cfg.TelegramMode != "webhook" {
		return errs.E(errs.Unavailable, "the Telegram webhook is not configured here")
	}
	return a.telegram.HandleWebhook(w, r)
}

// handleTelegramLink: POST /api/v1/telegram/links. The exchange (or its
// signed-in page) trades the user's signed identity for a deep link that
// links a Telegram chat to them once; an identity token is traded once,
// with or without a jti.
func (a *App) handleTelegramLink(w http.ResponseWriter, r *http.Request) error {
	if ok, wait := a.telegramLinkLimit.Allow(requestIP(r)); !ok {
		return errs.Limited(wait, "too many link requests; try again in a minute")
	}
	var in struct {
		Identity string `json:"identity"`
	}
	if _, err := web.Decode(r, 8<<10, &in); err != nil {
		return err
	}
	if in.Identity == "" || len(in.Identity) > ticket.MaxIdentityToken {
		return errs.Field("identity", "identity must be the exchange's signed identity token for the user")
	}
	id, err := a.identity.VerifySignIn(in.Identity)
	if errors.Is(err, auth.ErrIdentityTooLong) || errors.Is(err, auth.ErrIdentityExpired) {
		e, _ := errs.As(err)
		return errs.Field("identity", "identity: %s", e.Msg)
	}
	if err != nil {
		return errs.Field("identity", "identity is not a valid identity token signed by the exchange")
	}
	// A token buys one link: a leaked copy replayed within its exp links
	// no stranger's chat. Tokens without a jti are told apart by their
	// signature.
	token, exp, err := a.telegramLinks.Issue(r.Context(), id.UserID, id.OnceKey(), id.Expires)
	if err != nil {
		return err
	}
	link := "https://t.me/" + url.PathEscape(strings.TrimPrefix(a.telegramBotName(), "@")) + "?start=" + token
	return web.JSON(w, http.StatusCreated, map[string]any{"url": link, "token": token, "expires_at": exp})
}

// telegramStatus is the admin page's and API's view of the bot's config.
type telegramStatus struct {
	Enabled    bool   `json:"enabled"`
	Mode       string `json:"mode"`
	Bot        string `json:"bot"`
	API        string `json:"api"`
	WebhookURL string `json:"webhook_url,omitempty"`
	Pending    int64  `json:"pending"`
	Sent       int64  `json:"sent"`
	Failed     int64  `json:"failed"`
	Chats      int64  `json:"chats"`
}

func (a *App) telegramState(ctx context.Context) (telegramStatus, error) {
	s := telegramStatus{Enabled: a.telegram != nil, Mode: a.cfg.TelegramMode, Bot: a.telegramBotName(), API: a.cfg.TelegramAPI}
	if s.Mode == "webhook" {
		s.WebhookURL = strings.TrimRight(a.cfg.PublicURL, "/") + telegramWebhookPath
	}
	err := a.db.QueryRow(ctx, `SELECT
		(SELECT COUNT(*) FROM telegram_outbox WHERE status = 'pending'),
		(SELECT COUNT(*) FROM telegram_outbox WHERE status = 'sent'),
		(SELECT COUNT(*) FROM telegram_outbox WHERE status = 'failed'),
		(SELECT COUNT(*) FROM telegram_chats)`).Scan(&s.Pending, &s.Sent, &s.Failed, &s.Chats)
	if err != nil {
		return s, fmt.Errorf("telegram status: %w", err)
	}
	return s, nil
}

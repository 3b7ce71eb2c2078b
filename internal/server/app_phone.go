package server

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/phone"
	"github.com/groundcrew/groundcrew/internal/ratelimit"
	"github.com/groundcrew/groundcrew/internal/web"
	"github.com/groundcrew/groundcrew/internal/workspace"
)

// phoneEventsPath is where the telephony provider posts call events.
const phoneEventsPath = "/api/v1/phone/events"

// openPhone builds the phone service and its API.
func (a *App) openPhone() {
	tickets := a.tickets.Store
	a.phone = &phone.HTTP{Service: phone.New(a.db, tickets, a.audit),
		Secret: func() []byte { return []byte(a.cfg.PhoneSecret) },
		Now:    a.db.Clock(),
		CanSee: func(r *http.Request, id int64) error {
			_, err := tickets.Visible(r.Context(), viewerOf(r), id)
			return err
		},
		AgentOf: func(r *http.Request) int64 {
			p, _ := auth.PrincipalFrom(r.Context())
			return p.Agent.ID
		},
		// The API's identity signs a request in, as a ticket's
		// customer.identity does: a short-lived token (not one-use: the
		// exchange's back-end may retry its call).
		Identity: func(token string) (phone.SignedUser, error) {
			id, err := a.identity.VerifySignIn(token)
			return phone.SignedUser{ID: id.UserID, Number: id.Phone}, err
		},
	}
	// Callback requests open tickets: a few per address and hour.
	a.callbackLimit = ratelimit.New(ratelimit.Rule{Rate: 5.0 / 3600, Burst: 5}, time.Now, 100_000)
}

// newCallbackPage is the customers' callback form (/callback), linked from
// the widget and the help center.
func (a *App) newCallbackPage(assets *web.Assets) (*phone.Page, error) {
	return phone.NewPage(a.log, assets, phone.Page{Service: a.phone.Service, SameOrigin: sameOrigin,
		SignIn: func(w http.ResponseWriter, r *http.Request, token string) (phone.SignedUser, string, error) {
			id, page, err := a.signInLink(w, r, token)
			return phone.SignedUser{ID: id.UserID, Number: id.Phone}, page, err
		},
		Customer: func(r *http.Request) (phone.SignedUser, string, bool) {
			id, page, ok := a.pageCustomer(r)
			return phone.SignedUser{ID: id.UserID, Number: id.Phone}, page, ok
		},
		Text: func(lang, key string) string {
			if a.widget == nil {
				return ""
			}
			return a.widget.Text(lang, key)
		},
		Allow: func(r *http.Request) error {
			if ok, wait := a.callbackLimit.Allow(requestIP(r)); !ok {
				return errs.Limited(wait, "too many callback requests from this address; try again later")
			}
			return nil
		}})
}

// handleRequestCallback: POST /api/v1/phone/callbacks, rate limited per IP.
func (a *App) handleRequestCallback(w http.ResponseWriter, r *http.Request) error {
	if ok, wait := a.callbackLimit.Allow(requestIP(r)); !ok {
		return errs.Limited(wait, "too many callback requests from this address; try again later")
	}
	return a.phone.HandleRequestCallback(w, r)
}

// handleChannelSettings: GET /api/v1/admin/telegram-phone.
func (a *App) handleChannelSettings(w http.ResponseWriter, r *http.Request) error {
	s, err := a.channelSettings(r.Context())
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, s)
}

// channelSettings is what the admin page shows of the Telegram bot's and
// the phone webhook's configuration: never the secrets themselves.
func (a *App) channelSettings(ctx context.Context) (workspace.ChannelSettings, error) {
	tg, err := a.telegramState(ctx)
	if err != nil {
		return workspace.ChannelSettings{}, err
	}
	return workspace.ChannelSettings{
		TelegramEnabled: tg.Enabled, TelegramMode: tg.Mode, TelegramBot: tg.Bot, TelegramAPI: tg.API,
		TelegramWebhookURL: tg.WebhookURL, TelegramSecretSet: a.cfg.TelegramWebhookSecret != "",
		TelegramPending: tg.Pending, TelegramSent: tg.Sent, TelegramFailed: tg.Failed, TelegramChats: tg.Chats,
		PhoneEnabled: a.cfg.PhoneSecret != "", PhoneWebhookURL: strings.TrimRight(a.cfg.PublicURL, "/") + phoneEventsPath,
		PhoneTimestampHeader: phone.TimestampHeader, PhoneSignatureHeader: phone.SignatureHeader,
	}, nil
}

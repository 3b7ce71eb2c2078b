package workspace

import (
	"context"
	"net/http"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/phone"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

// The Telegram and phone pages: scheduled callbacks (/callbacks), the call
// log on the ticket page, and the admin page that shows how the bot and
// the phone webhook are configured (/admin/telegram-phone).

// PhoneDesk is the phone service (phone.Service).
type PhoneDesk interface {
	Calls(ctx context.Context, ticketID int64) ([]phone.Call, error)
	Callbacks(ctx context.Context, status string) ([]phone.Callback, error)
	Callback(ctx context.Context, id int64) (phone.Callback, error)
	SetCallbackStatus(ctx context.Context, id, agentID int64, status string) (phone.Callback, error)
	RevealNumber(ctx context.Context, id, agentID int64, reason string) (string, error)
}

// ChannelSettings is the Telegram bot's and the phone webhook's
// configuration as admins see it: never the secrets themselves.
type ChannelSettings struct {
	TelegramEnabled    bool   `json:"telegram_enabled"`
	TelegramMode       string `json:"telegram_mode"`
	TelegramBot        string `json:"telegram_bot"`
	TelegramAPI        string `json:"telegram_api"`
	TelegramWebhookURL string `json:"telegram_webhook_url,omitempty"`
	TelegramSecretSet  bool   `json:"telegram_webhook_secret_set"`
	TelegramPending    int64  `json:"telegram_pending"`
	TelegramSent       int64  `json:"telegram_sent"`
	TelegramFailed     int64  `json:"telegram_failed"`
	TelegramChats      int64  `json:"telegram_chats"`

	PhoneEnabled         bool   `json:"phone_enabled"`
	PhoneWebhookURL      string `json:"phone_webhook_url"`
	PhoneTimestampHeader string `json:"phone_timestamp_header"`
	PhoneSignatureHeader string `json:"phone_signature_header"`
}

func init() {
	pageNames = append(pageNames, "callbacks", "telegramphone")
	notices["callback-done"] = "The callback is marked done."
	notices["callback-cancelled"] = "The callback is cancelled."
	notices["callback-scheduled"] = "The callback is scheduled again."
}

func (ws *Workspace) phoneRoutes() []Route {
	return []Route{
		{"GET", "/callbacks", auth.PermTicketRead, 0, ws.callbacks},
		{"POST", "/callbacks/{id}/status", auth.PermTicketUpdate, formMax, ws.setCallback},
		{"POST", "/callbacks/{id}/reveal", auth.PermCustomerReveal, formMax, ws.revealCallback},
		{"GET", "/admin/telegram-phone", auth.PermSettingsManage, 0, ws.telegramPhone},
	}
}

var callbackSourceLabels = map[string]string{phone.SourceMissed: "Missed call", phone.SourceWidget: "Chat widget", phone.SourceHelp: "Help center"}

// callbacks: GET /callbacks, the callbacks on tickets the agent may see.
func (ws *Workspace) callbacks(w http.ResponseWriter, r *http.Request) {
	ws.renderCallbacks(w, r, http.StatusOK, agentPage(principal(r), "Callbacks"))
}

func (ws *Workspace) renderCallbacks(w http.ResponseWriter, r *http.Request, status int, data map[string]any) {
	pr := principal(r)
	data["Notice"] = notice(r)
	show := r.URL.Query().Get("status")
	if show == "" {
		show = phone.CallbackScheduled
	}
	if show == "all" {
		show = ""
	}
	data["Show"] = show
	if ws.Admin.Phone == nil {
		data["Error"] = "Phone support is not set up on this server."
		ws.render(w, http.StatusNotFound, "callbacks", data)
		return
	}
	all, err := ws.Admin.Phone.Callbacks(r.Context(), show)
	if err != nil {
		status = ws.failed(data, err)
	}
	v := ws.ViewerOf(r)
	var mine []phone.Callback
	for _, c := range all {
		if _, err := ws.Tickets.Get(r.Context(), v, c.TicketID); err == nil {
			mine = append(mine, c)
		}
	}
	data["Callbacks"], data["Sources"] = mine, callbackSourceLabels
	data["CanUpdate"], data["CanReveal"] = pr.Can(auth.PermTicketUpdate), pr.Can(auth.PermCustomerReveal)
	ws.render(w, status, "callbacks", data)
}

// visibleCallback is the path's callback when its ticket is the agent's to see.
func (ws *Workspace) visibleCallback(r *http.Request) (phone.Callback, error) {
	id, err := web.PathID(r, "id")
	if err != nil {
		return phone.Callback{}, err
	}
	if ws.Admin.Phone == nil {
		return phone.Callback{}, errs.E(errs.NotFound, "no callback %d", id)
	}
	c, err := ws.Admin.Phone.Callback(r.Context(), id)
	if err != nil {
		return c, err
	}
	if _, err := ws.Tickets.Get(r.Context(), ws.ViewerOf(r), c.TicketID); err != nil {
		return c, err
	}
	return c, nil
}

// setCallback: POST /callbacks/{id}/status.
func (ws *Workspace) setCallback(w http.ResponseWriter, r *http.Request) {
	c, err := ws.visibleCallback(r)
	status := r.PostFormValue("status")
	if err == nil {
		_, err = ws.Admin.Phone.SetCallbackStatus(r.Context(), c.ID, principal(r).Agent.ID, status)
	}
	if err != nil {
		data := agentPage(principal(r), "Callbacks")
		ws.renderCallbacks(w, r, ws.failed(data, err), data)
		return
	}
	done(w, r, "/callbacks", "callback-"+status)
}

// revealCallback: POST /callbacks/{id}/reveal, the number to call, with a
// reason that goes to the audit log.
func (ws *Workspace) revealCallback(w http.ResponseWriter, r *http.Request) {
	c, err := ws.visibleCallback(r)
	var number string
	if err == nil {
		number, err = ws.Admin.Phone.RevealNumber(r.Context(), c.ID, principal(r).Agent.ID, r.PostFormValue("reason"))
	}
	data := agentPage(principal(r), "Callbacks")
	if err != nil {
		ws.renderCallbacks(w, r, ws.failed(data, err), data)
		return
	}
	data["Revealed"], data["RevealedID"] = number, c.ID
	ws.renderCallbacks(w, r, http.StatusOK, data)
}

// callPanel puts the ticket's call log on the ticket page.
func (ws *Workspace) callPanel(r *http.Request, t ticket.Ticket, data map[string]any) {
	if ws.Admin.Phone == nil || t.Channel != phone.Channel {
		return
	}
	calls, err := ws.Admin.Phone.Calls(r.Context(), t.ID)
	if err != nil {
		ws.Log.Warn("workspace: call log", "ticket", t.ID, "err", err)
		return
	}
	data["Calls"] = calls
	data["PhoneTicket"] = true
}

// telegramPhone: GET /admin/telegram-phone.
func (ws *Workspace) telegramPhone(w http.ResponseWriter, r *http.Request) {
	data := adminPage(r, "Telegram and phone", "/admin/telegram-phone")
	status := http.StatusOK
	if ws.Admin.ChannelSettings != nil {
		s, err := ws.Admin.ChannelSettings(r.Context())
		if err != nil {
			status = ws.failed(data, err)
		}
		data["Settings"] = s
	}
	ws.render(w, status, "telegramphone", data)
}

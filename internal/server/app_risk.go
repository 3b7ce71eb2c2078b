package server

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/chat"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/exchange/exchangehttp"
	"github.com/groundcrew/groundcrew/internal/risk"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/web"
	"github.com/groundcrew/groundcrew/internal/workspace"
)

// sandboxRiskKeyID names the key the sandbox signs its demo risk events
// with (derived from the keyring; only with the sandbox exchange).
const sandboxRiskKeyID = "sandbox-risk"

// openRisk wires risk events and proactive outreach (after openEmail,
// openTelegram and openCrypto). The exchange signs its events with the
// adapter's key (GROUNDCREW_EXCHANGE_KEY_ID / _SECRET).
func (a *App) openRisk() {
	keys := map[string][]byte{}
	if a.cfg.ExchangeKeyID != "" && len(a.cfg.ExchangeSecret) >= exchangehttp.MinSecret {
		keys[a.cfg.ExchangeKeyID] = []byte(a.cfg.ExchangeSecret)
	}
	if a.sandbox != nil {
		keys[sandboxRiskKeyID] = a.keys.Derive("risk.sandbox-events")[0].Bytes
	}
	cfg := risk.Config{DB: a.db, Exchange: a.exchange, Tickets: a.tickets.Store, Keys: keys,
		LinkKey: a.keys.Derive("risk.disable-link")[0].Bytes, PublicURL: strings.TrimRight(a.cfg.PublicURL, "/"), Log: a.log.With("part", "risk"),
		MaySee: func(r *http.Request, user string) error {
			return a.tickets.Store.SeesCustomer(r.Context(), viewerOf(r), user)
		}}
	if a.email != nil {
		cfg.Mailer = a.email
	}
	if a.telegram != nil {
		cfg.Telegram = a.telegram
	}
	a.risk = risk.New(cfg)
}

// startRisk starts the outreach consumer and, on every node, pushes a new
// alert to the customer's widgets open on that node (welcome carries it at
// the next connect).
func (a *App) startRisk(ctx context.Context) error {
	if err := a.risk.Start(ctx, a.bus); err != nil {
		return err
	}
	if a.chat == nil {
		return nil
	}
	return a.bus.Subscribe(ctx, risk.OutreachOpenedTopic.Subject(), func(ev store.Event) {
		o, ok, err := risk.OutreachOpenedTopic.Decode(ev)
		if err != nil || !ok {
			return
		}
		pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		a.chat.PushAlert(pctx, o.UserID)
	})
}

// riskAlert is the chat widget's security alert for a signed-in customer.
func (a *App) riskAlert(ctx context.Context, userID, lang string) (chat.Alert, bool, error) {
	if a.risk == nil {
		return chat.Alert{}, false, nil
	}
	n, ok, err := a.risk.NoticeFor(ctx, userID, lang)
	return chat.Alert{Title: n.Title, Text: n.Text, Button: n.Button, Href: n.Href}, ok, err
}

// riskDemo is the demo's "fire demo risk events": the sandbox makes the
// events and they go through the signed endpoint's own checks.
func (a *App) riskDemo() workspace.RiskDemo {
	if a.sandbox == nil {
		return workspace.RiskDemo{}
	}
	d := workspace.RiskDemo{Fire: a.fireDemoRisk}
	for _, c := range a.demoCustomers {
		d.DemoUsers = append(d.DemoUsers, workspace.DemoUser{ID: c.UserID, Name: c.Name})
	}
	return d
}

func (a *App) fireDemoRisk(ctx context.Context, userID string) (risk.Accepted, error) {
	if a.sandbox == nil {
		return risk.Accepted{}, errs.E(errs.NotFound, "demo risk events need the sandbox exchange")
	}
	if !slices.ContainsFunc(a.demoCustomers, func(c DemoCustomer) bool { return c.UserID == userID }) {
		return risk.Accepted{}, errs.Field("user_id", "user_id must be one of the demo customers")
	}
	evs, err := a.sandbox.RiskEvents(ctx, userID)
	if err != nil {
		return risk.Accepted{}, err
	}
	return a.risk.AcceptEvents(ctx, evs)
}

// handleRiskDemo: POST /api/v1/risk/demo {"user_id": "u-1001"}.
func (a *App) handleRiskDemo(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		UserID string `json:"user_id"`
	}
	if _, err := web.Decode(r, 1<<10, &in); err != nil {
		return err
	}
	res, err := a.fireDemoRisk(r.Context(), in.UserID)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusAccepted, res)
}

// riskSetRule names the admin who changed a rule.
func (a *App) riskSetRule() web.Handler { return a.risk.HandleSetRule(authorOf) }

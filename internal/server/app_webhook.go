package server

import (
	"context"

	"github.com/groundcrew/groundcrew/internal/academy/feedback"
	"github.com/groundcrew/groundcrew/internal/risk/fraud"
	"github.com/groundcrew/groundcrew/internal/webhook"
	"github.com/groundcrew/groundcrew/internal/workspace"
)

// openWebhooks builds outgoing webhooks with the standard event types
// (ticket, message, status, assignment, escalation, SLA breach) and the
// other packages' events offered below (a Shape is needed when a payload
// carries anything a subscriber must not get).
// Call after openPages and openMetrics.
func (a *App) openWebhooks() error {
	cat, err := webhook.NewCatalogue(webhook.Standard(a.tickets.Store)...)
	if err != nil {
		return err
	}
	// The exchange's flagged-scam list (flags and their withdrawals) and
	// the product teams' feedback: no payload names a customer, so they go
	// out as they are.
	for _, o := range []webhook.Offering{
		{Kind: fraud.EntityFlagged, Label: "Scam entity flagged"},
		{Kind: fraud.EntityUnflagged, Label: "Scam flag withdrawn"},
		{Kind: feedback.Tagged, Label: "Product feedback tagged"},
	} {
		if err := cat.Offer(o); err != nil {
			return err
		}
	}
	a.webhooks, err = webhook.New(webhook.Config{DB: a.db, Sealer: a.keys, Audit: a.audit, Catalogue: cat, Log: a.log,
		Policy: webhook.Policy{AllowPrivate: a.cfg.WebhookAllowPrivate}})
	if err != nil {
		return err
	}
	a.webhookHTTP = &webhook.HTTP{Service: a.webhooks}
	a.webhookPages, err = webhook.NewPages(a.webhooks, a.assets, workspace.AdminNav)
	return err
}

// startWebhooks starts the durable consumer (one node queues each event's
// deliveries) and this node's deliverer.
func (a *App) startWebhooks(ctx context.Context) error {
	if err := a.webhooks.Start(ctx, a.bus); err != nil {
		return err
	}
	a.wg.Add(1)
	go func() {
		defer a.wg.Done()
		a.webhooks.Run(ctx)
	}()
	return nil
}

package server

import (
	"context"

	"github.com/groundcrew/groundcrew/internal/automation"
)

// openAutomation builds the automation rules over the ticket store,
// routing and the SLA calendars (after openRouting).
func (a *App) openAutomation() {
	a.automation = &automation.HTTP{Service: automation.New(a.db, a.audit, a.keys, a.tickets.Store, a.routing, a.sla.Service, a.log)}
	a.automation.Service.Screen = a.published
	a.automation.Service.Snoozes = a.tickets.Store
	// One switch for both kinds of webhook: a receiver on the
	// installation's own network is opted into once, for all of them.
	a.automation.Service.AllowPrivate = a.cfg.WebhookAllowPrivate
}

// startAutomation starts the rules' durable consumer and the scheduler of
// time rules and webhooks.
func (a *App) startAutomation(ctx context.Context) error {
	if err := a.automation.Service.Start(ctx, a.bus); err != nil {
		return err
	}
	a.wg.Add(1)
	go func() {
		defer a.wg.Done()
		a.automation.Service.Run(ctx)
	}()
	return nil
}

package server

import (
	"context"
	"net/http"

	"github.com/groundcrew/groundcrew/internal/workforce"
)

// openWorkforce builds the workforce over routing, SLA, tickets and
// people, and gives routing its breathing-room hook.
func (a *App) openWorkforce() {
	svc := workforce.New(a.db, a.routing, a.sla.Service, a.tickets.Store, a.auth, a.log)
	a.routing.Resting = svc.Resting
	a.workforce = &workforce.HTTP{Service: svc, CanSee: func(r *http.Request, id int64) error {
		_, err := a.tickets.Store.Visible(r.Context(), viewerOf(r), id)
		return err
	}}
}

// startWorkforce starts its consumers and subscriptions and the
// supervisor view's live feed.
func (a *App) startWorkforce(ctx context.Context) error {
	if err := a.workforce.Service.Start(ctx, a.bus); err != nil {
		return err
	}
	return a.workspace.StartSupervisor(ctx)
}

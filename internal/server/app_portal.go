package server

import (
	"github.com/groundcrew/groundcrew/internal/portal"
	"github.com/groundcrew/groundcrew/internal/web"
)

// portalRoutes are the help center's My requests pages for signed-in
// customers: the same identity token and cookie as the widget's handoff
// pages, the tickets' customer reads and AppendAsCustomer, and the SLA's
// promised answer time.
func (a *App) portalRoutes() []web.PageRoute {
	p := &portal.Portal{DB: a.db, Tickets: a.tickets.Store, Identity: a.identity, Links: a.levels, Log: a.log}
	if a.sla != nil && a.sla.Service != nil {
		p.SLA = a.sla.Service
	}
	return p.Routes()
}

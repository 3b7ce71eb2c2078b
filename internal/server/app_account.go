package server

import (
	"github.com/groundcrew/groundcrew/internal/account"
	"github.com/groundcrew/groundcrew/internal/auth"
)

// openAccount wires customer verification (levels, step-ups, identity
// tokens on new tickets) and the agent's view of the exchange account.
// It runs after openCrypto, which makes the identity signer and the exchange.
func (a *App) openAccount() {
	a.levels = auth.NewVerifications(a.db, a.audit, a.identity)
	a.tickets.Store.WithIdentity(a.levels)
	a.account = &account.HTTP{ViewerOf: viewerOf, Service: &account.Service{
		Tickets: a.tickets.Store, Levels: a.levels, Exchange: a.exchange, Audit: a.audit,
	}}
}

// stepUpURL is where the step-up page sends customers to confirm a fresh
// code: the exchange's page, or the sandbox's demo page; "" when neither.
func (a *App) stepUpURL() string {
	switch {
	case a.cfg.ExchangeStepUpURL != "":
		return a.cfg.ExchangeStepUpURL
	case a.sandbox != nil:
		return "/sandbox/step-up"
	}
	return ""
}

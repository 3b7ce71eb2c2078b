package server

import (
	"context"

	"github.com/groundcrew/groundcrew/internal/risk/fraud"
)

// openFraud builds the fraud-pattern index, its API and its pages (after
// openOfficial, which it compares sites and accounts with, and openPages).
func (a *App) openFraud() error {
	a.fraud = fraud.New(fraud.Config{DB: a.db, Audit: a.audit, Tickets: a.tickets.Store, Chain: a.registry,
		Official: a.official, Log: a.log, Redact: a.redactText})
	a.fraudHTTP = &fraud.HTTP{Fraud: a.fraud}
	var err error
	a.fraudPages, err = fraud.NewPages(a.fraud, a.assets)
	return err
}

// startFraud starts the index's durable consumer.
func (a *App) startFraud(ctx context.Context) error { return a.fraud.StartIndex(ctx, a.bus) }

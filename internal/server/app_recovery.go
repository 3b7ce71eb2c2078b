package server

import (
	"context"
	"fmt"
	"time"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/recovery"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// openRecovery builds deposit-recovery appeals over the exchange, the
// chain clients diagnosis uses and the audit log; a demo or sandbox
// exchange gets the demo matrix and fee schedules.
func (a *App) openRecovery(ctx context.Context) error {
	svc := recovery.New(a.db, a.audit, a.exchange, recovery.Chains{Registry: a.registry, Clients: a.diagnose.Diagnoser.Clients}, a.log)
	if a.cfg.Demo || a.sandbox != nil {
		if err := svc.SeedDemo(ctx); err != nil {
			return err
		}
	}
	svc.Outbound = func(text string) string { return a.screen.Outbound(nil, text) }
	svc.Redact = a.redactText
	a.recovery = &recovery.HTTP{Service: svc}
	return nil
}

// startRecovery watches returns until their transactions are confirmed.
func (a *App) startRecovery(ctx context.Context) {
	a.wg.Add(1)
	go func() {
		defer a.wg.Done()
		tick := time.NewTicker(30 * time.Second)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
			sys := audit.WithActor(ctx, audit.Actor{Kind: audit.ActorSystem, ID: "recovery-watch"})
			if _, err := a.recovery.Service.Watch(sys); err != nil && ctx.Err() == nil {
				a.log.Error("recovery: watch returns", "err", err)
			}
		}
	}()
}

// recoveryTicket opens the customer's ticket about a new appeal, so the
// team's inbox, the evidence uploads (attachments belong to tickets) and
// the conversation all hang on it. It goes to the recovery team when the
// installation names one, so agents of other teams never read the TxID,
// the amount or the evidence; without one it belongs to no team.
func (a *App) recoveryTicket(ctx context.Context, identity string, ap recovery.Appeal) (int64, error) {
	c := ticket.NewCustomer{ExternalID: ap.UserID, Identity: identity, Language: ap.Language}
	if u, err := a.exchange.User(ctx, ap.UserID); err == nil {
		c.Email, c.Name = u.Email, u.Name
	}
	var team *int64
	if id, err := a.recovery.Service.Team(ctx); err != nil {
		return 0, fmt.Errorf("recovery ticket for appeal %d: %w", ap.ID, err)
	} else if id > 0 {
		team = &id
	}
	t, err := a.tickets.Store.CreateForCustomer(ctx, ticket.NewTicket{
		TeamID:  team,
		Subject: fmt.Sprintf("Deposit recovery appeal #%d", ap.ID),
		Message: fmt.Sprintf("I accepted the recovery quote for my deposit.\nTxID: %s\nNetwork: %s\nAmount: %s %s\nFee: %s %s", ap.TxID, ap.Network, ap.Amount, ap.Asset, ap.Fee, ap.Asset),
		Channel: "web", Customer: c, Language: ap.Language, ProductArea: "wallet_deposits", Priority: "high",
		Tags: []string{"recovery", ap.Network}, CustomFields: map[string]string{"txid": ap.TxID, "network": ap.Network, "asset": ap.Asset},
	})
	if err != nil {
		return 0, fmt.Errorf("recovery ticket for appeal %d: %w", ap.ID, err)
	}
	return t.ID, a.recovery.Service.LinkTicket(ctx, ap.ID, t.ID)
}

package server

import (
	"context"
	"time"

	"github.com/groundcrew/groundcrew/internal/chat/widget"
)

// openWidget wires the chat widget's loader, frame and (in demo mode) the
// demo exchange page. It runs after openCrypto, which makes the identity
// signer and the sandbox's demo customers.
func (a *App) openWidget(ctx context.Context) error {
	cfg := widget.Config{Demo: a.cfg.Demo, Log: a.log}
	if a.cfg.Demo {
		for _, c := range a.demoCustomers {
			dc := widget.DemoCustomer{UserID: c.UserID, Name: c.Name, Scenario: c.Scenario}
			if u, err := a.exchange.User(ctx, c.UserID); err == nil {
				dc.Lang = u.Language
			}
			cfg.DemoCustomers = append(cfg.DemoCustomers, dc)
		}
		cfg.MintIdentity = a.mintDemoIdentity
	}
	w, err := widget.New(cfg)
	if err != nil {
		return err
	}
	a.widget = w
	return nil
}

// mintDemoIdentity signs a demo customer's identity for an hour, as the
// exchange's back-end does for its signed-in users.
func (a *App) mintDemoIdentity(userID, name string) (string, error) {
	return a.identity.Sign(userID, time.Hour), nil
}

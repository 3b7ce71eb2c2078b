package server

import (
	"context"
	"fmt"

	"github.com/groundcrew/groundcrew/internal/academy"
)

// openAcademy builds the training and testing center over the knowledge
// base and puts its certification gate in front of routing's queues,
// account actions and recovery approvals. Call after openPages (its pages
// use the shared layout and static files), openRouting, openAccount and
// openRecovery.
func (a *App) openAcademy() error {
	svc := academy.New(a.db, a.help.Store, a.auth, a.log)
	svc.Audit = a.audit
	h, err := academy.NewHTTP(svc, a.assets)
	if err != nil {
		return err
	}
	a.academy = h
	a.routing.Gate = svc
	a.tickets.Store.WithAssignCheck(a.routing.MayTake)
	a.account.Service.Gate = svc
	a.recovery.Service.Gate = svc
	return nil
}

// seedDemoAcademy adds the demo courses and certifications; the demo's
// security agent and supervisor hold the security certification, so the
// security queue is staffed from the start.
func (a *App) seedDemoAcademy(ctx context.Context) error {
	agents, err := a.auth.Agents(ctx)
	if err != nil {
		return fmt.Errorf("seed demo academy: %w", err)
	}
	holders := map[string][]int64{}
	for _, ag := range agents {
		switch ag.Email {
		case "security@demo.groundcrew.local", "supervisor@demo.groundcrew.local":
			holders["security-specialist"] = append(holders["security-specialist"], ag.ID)
		case "tier2@demo.groundcrew.local":
			holders["deposit-investigations"] = append(holders["deposit-investigations"], ag.ID)
		}
	}
	return a.academy.SeedDemo(ctx, holders)
}

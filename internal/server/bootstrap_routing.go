package server

import (
	"context"
	"fmt"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/routing"
)

// demoQueues are the demo's queues in rule order (General, the catch-all,
// comes last by itself).
var demoQueues = []routing.QueueInput{
	{Name: "Security · Tier 3", Rule: "specialist=security"},
	{Name: "Recovery · Tier 2", Rule: "specialist=recovery"},
	{Name: "Futures · Turkish · Tier 1", Rule: "area=futures language=tr tier=1"},
	{Name: "Futures · Turkish · Tier 2", Rule: "area=futures language=tr tier=2"},
	{Name: "General · English · Tier 1", Rule: "language=en tier=1"},
	{Name: "Tier 2", Rule: "tier=2"},
	{Name: "Tier 3", Rule: "tier=3"},
}

// demoSkills are the skills of the demo agents, by e-mail; the two
// Turkish futures agents are new here.
var demoSkills = map[string]routing.Skills{
	"tier1@demo.groundcrew.local":      {Languages: []string{"en", "es"}, Tiers: []int{1}, MaxChats: 3, MaxTickets: 25},
	"tier2@demo.groundcrew.local":      {Languages: []string{"en", "tr"}, Tiers: []int{2}, Certifications: []string{"recovery"}, MaxChats: 2, MaxTickets: 20},
	"security@demo.groundcrew.local":   {Languages: []string{"en"}, Tiers: []int{3}, Certifications: []string{"security"}, MaxChats: 2, MaxTickets: 15},
	"supervisor@demo.groundcrew.local": {Languages: []string{"en"}, Tiers: []int{1, 2, 3}, MaxChats: 1, MaxTickets: 5},
	"recovery@demo.groundcrew.local":   {Languages: []string{"en"}, Tiers: []int{2}, Certifications: []string{"recovery"}, MaxChats: 1, MaxTickets: 20},
	"ayse@demo.groundcrew.local":       {Languages: []string{"tr", "en"}, Areas: []string{"futures", "spot"}, Tiers: []int{1}, MaxChats: 3, MaxTickets: 25},
	"emre@demo.groundcrew.local":       {Languages: []string{"tr", "en"}, Areas: []string{"futures"}, Tiers: []int{1}, MaxChats: 3, MaxTickets: 25},
}

// demoOnline are the demo agents who start online (the others set
// themselves online in the header), so that the demo's Turkish futures
// chat is offered at once while the other demo tickets wait visibly.
var demoOnline = map[string]bool{"ayse@demo.groundcrew.local": true, "emre@demo.groundcrew.local": true}

// seedDemoRouting adds the demo queues, the Turkish futures agents and
// everyone's skills.
func (a *App) seedDemoRouting(ctx context.Context) error {
	for _, ag := range []auth.NewAgent{
		{Email: "ayse@demo.groundcrew.local", Name: "Ayşe Futures TR", Role: auth.Tier1},
		{Email: "emre@demo.groundcrew.local", Name: "Emre Futures TR", Role: auth.Tier1},
	} {
		ag.Password = DemoPassword + "-2026"
		if _, err := a.auth.CreateAgent(ctx, ag); err != nil {
			return fmt.Errorf("seed demo routing: %w", err)
		}
	}
	if err := a.routing.EnsureCatchAll(ctx); err != nil {
		return err
	}
	for _, q := range demoQueues {
		if _, err := a.routing.SaveQueue(ctx, 0, 0, q); err != nil {
			return fmt.Errorf("seed demo queue %s: %w", q.Name, err)
		}
	}
	agents, err := a.auth.Agents(ctx)
	if err != nil {
		return fmt.Errorf("seed demo routing: %w", err)
	}
	for _, ag := range agents {
		k, ok := demoSkills[ag.Email]
		if !ok {
			continue
		}
		if _, err := a.routing.SetSkills(ctx, ag.ID, k); err != nil {
			return fmt.Errorf("seed demo skills of %s: %w", ag.Email, err)
		}
		if !demoOnline[ag.Email] {
			continue
		}
		if err := a.routing.SetAvailability(ctx, ag.ID, routing.Online); err != nil {
			return fmt.Errorf("seed demo availability of %s: %w", ag.Email, err)
		}
	}
	return nil
}

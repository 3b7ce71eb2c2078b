package server

import (
	"context"
	"fmt"
	"slices"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// Bootstrap is the first admin's credentials, known only at the start that
// created them.
type Bootstrap struct {
	Created  bool
	Email    string
	Password string // empty when it came from GROUNDCREW_ADMIN_PASSWORD
	Token    string
}

// bootstrap creates the first admin (and demo data if asked) when the
// database has no agents.
func (a *App) bootstrap(ctx context.Context) (Bootstrap, error) {
	var n int
	if err := a.db.QueryRow(ctx, `SELECT COUNT(*) FROM agents`).Scan(&n); err != nil {
		return Bootstrap{}, fmt.Errorf("bootstrap: %w", err)
	}
	if n > 0 {
		return Bootstrap{Email: a.cfg.AdminEmail}, nil
	}
	ctx = audit.WithActor(ctx, audit.Actor{Kind: audit.ActorSystem, ID: "bootstrap"})
	b := Bootstrap{Created: true, Email: a.cfg.AdminEmail, Password: a.cfg.AdminPassword}
	generated := b.Password == ""
	if generated {
		b.Password = auth.NewToken("")[:20]
	}
	admin, err := a.auth.CreateAgent(ctx, auth.NewAgent{Email: b.Email, Name: "Administrator", Role: auth.Admin, Password: b.Password})
	if err != nil {
		return Bootstrap{}, fmt.Errorf("bootstrap admin: %w", err)
	}
	tok, err := a.auth.CreateToken(ctx, admin.ID, "bootstrap", a.cfg.AdminToken)
	if err != nil {
		return Bootstrap{}, fmt.Errorf("bootstrap token: %w", err)
	}
	b.Token = tok.Token
	if !generated {
		b.Password = ""
	}
	if a.cfg.Demo {
		if err := a.seedDemo(ctx); err != nil {
			return Bootstrap{}, err
		}
	}
	return b, nil
}

// SeedDemo adds demo teams, agents and tickets; `groundcrew seed-demo` calls it.
func (a *App) SeedDemo(ctx context.Context) error {
	return a.seedDemo(audit.WithActor(ctx, audit.Actor{Kind: audit.ActorSystem, ID: "seed-demo"}))
}

// DemoPassword is the password of every demo agent.
const DemoPassword = "groundcrew-demo"

func (a *App) seedDemo(ctx context.Context) error {
	teams := []auth.NewTeam{
		{Name: "Deposits EN", ProductArea: "wallet_deposits", Language: "en"},
		{Name: "Account Security", ProductArea: "account_security", Language: "en"},
		{Name: "Withdrawals & KYC", ProductArea: "withdrawals", Language: "en"},
	}
	var teamIDs []int64
	for _, t := range teams {
		created, err := a.auth.CreateTeam(ctx, t)
		if err != nil {
			return fmt.Errorf("seed demo: %w", err)
		}
		teamIDs = append(teamIDs, created.ID)
	}
	recoveryTeam, err := a.seedDemoRecoveryTeam(ctx)
	if err != nil {
		return err
	}
	agents := []auth.NewAgent{
		{Email: "tier1@demo.groundcrew.local", Name: "Tomás Tier One", Role: auth.Tier1, Teams: []int64{teamIDs[0], teamIDs[2]}},
		{Email: "tier2@demo.groundcrew.local", Name: "Priya Tier Two", Role: auth.Tier2, Teams: []int64{teamIDs[0]}},
		{Email: "security@demo.groundcrew.local", Name: "Sam Security", Role: auth.Security, Teams: []int64{teamIDs[1]}},
		{Email: "supervisor@demo.groundcrew.local", Name: "Mei Supervisor", Role: auth.Supervisor},
		// The recovery role reviews and approves appeals; tier 2 cannot.
		{Email: "recovery@demo.groundcrew.local", Name: "Rafael Recovery", Role: auth.Recovery, Teams: []int64{recoveryTeam}},
	}
	var agentIDs []int64
	for _, ag := range agents {
		ag.Password = DemoPassword + "-2026"
		created, err := a.auth.CreateAgent(ctx, ag)
		if err != nil {
			return fmt.Errorf("seed demo: %w", err)
		}
		agentIDs = append(agentIDs, created.ID)
	}
	if err := a.seedOfficialChannels(ctx); err != nil {
		return err
	}
	if err := a.seedDemoMacros(ctx); err != nil {
		return err
	}
	if err := a.help.Store.SeedStarter(ctx); err != nil {
		return err
	}
	if err := a.seedDemoRouting(ctx); err != nil {
		return err
	}
	if err := a.automation.Service.SeedDemo(ctx); err != nil {
		return err
	}
	if err := a.seedDemoAcademy(ctx); err != nil {
		return err
	}
	if err := a.seedDemoMetrics(ctx, teamIDs, agentIDs[:3]); err != nil {
		return err
	}
	tickets := a.tickets.Store
	for i, d := range a.demoTicketList(ctx) {
		d.TeamID = &teamIDs[demoTeamOf[d.ProductArea]]
		if _, err := tickets.CreateForCustomer(ctx, d); err != nil {
			return fmt.Errorf("seed demo ticket %d: %w", i, err)
		}
	}
	// A handful of product-feedback tags, so that the voice-of-the-customer
	// report lists the demo's complaints by product area.
	if _, err := a.feedback.DemoTags(ctx, agentIDs[0], 8); err != nil {
		return fmt.Errorf("seed demo feedback: %w", err)
	}
	return nil
}

// seedDemoRecoveryTeam creates the team that handles deposit-recovery
// appeals and names it in the setting, so the demo's appeal tickets are
// read by its members (and those who read every ticket) only.
func (a *App) seedDemoRecoveryTeam(ctx context.Context) (int64, error) {
	t, err := a.auth.CreateTeam(ctx, auth.NewTeam{Name: "Deposit recovery", ProductArea: "wallet_deposits", Language: "en"})
	if err != nil {
		return 0, fmt.Errorf("seed demo recovery team: %w", err)
	}
	if err := a.recovery.Service.SetTeam(ctx, t.ID); err != nil {
		return 0, fmt.Errorf("seed demo recovery team: %w", err)
	}
	return t.ID, nil
}

// demoTeamOf routes demo tickets: deposits to team 0, security to 1, the rest to 2.
var demoTeamOf = map[string]int{"wallet_deposits": 0, "account_security": 1, "withdrawals": 2, "kyc": 2}

// demoTicketList is one ticket per sandbox deposit scenario, written as the
// customer would, from the sandbox's customers, plus a few other cases.
func (a *App) demoTicketList(ctx context.Context) []ticket.NewTicket {
	customer := func(userID string) (ticket.NewCustomer, string) {
		c := ticket.NewCustomer{ExternalID: userID}
		if a.exchange == nil {
			return c, "en"
		}
		u, err := a.exchange.User(ctx, userID)
		if err != nil {
			return c, "en"
		}
		c.Email, c.Name = u.Email, u.Name
		if slices.Contains(ticket.Languages, u.Language) {
			c.Language = u.Language
		}
		return c, c.Language
	}
	var out []ticket.NewTicket
	for _, sc := range sandbox.Scenarios() {
		c, lang := customer(sc.UserID)
		// Chat comes from the exchange's widget, which passes on the signed-in
		// user's identity: these tickets start at level L1. E-mail does not.
		c.Identity = a.identity.Sign(sc.UserID, a.identity.SignInLife())
		msg := fmt.Sprintf("My deposit has not arrived.\nTxID: %s\nI sent it to: %s", sc.TxID, sc.Address)
		// What the widget's pre-chat form asked for (see form.Builtins).
		fields := map[string]string{"asset": sc.Asset, "network": sc.Network, "txid": sc.TxID}
		out = append(out, ticket.NewTicket{Subject: sc.Name, Message: msg, Channel: "chat", Customer: c, Language: lang,
			ProductArea: "wallet_deposits", Priority: "high", Tags: []string{"deposit", sc.Network}, CustomFields: fields})
	}
	others := []struct{ user, subject, message, area, priority, tag string }{
		{sandbox.UserKarim, "Account frozen", "My account says frozen and I cannot trade. Why?", "account_security", "urgent", "frozen"},
		{sandbox.UserOlena, "Withdrawal on hold to a new address", "I added a new withdrawal address and now my withdrawal is on hold.", "withdrawals", "normal", "withdrawal"},
		{sandbox.UserMaria, "Lost my 2FA phone", "My phone was stolen and I can't sign in with my authenticator. Please help me reset 2FA.", "account_security", "urgent", "2fa"},
		{sandbox.UserAyse, "Identity verification pending", "I uploaded my passport two days ago and verification is still pending.", "kyc", "normal", "kyc"},
	}
	for _, o := range others {
		c, lang := customer(o.user)
		out = append(out, ticket.NewTicket{Subject: o.subject, Message: o.message, Channel: "email", Customer: c, Language: lang,
			ProductArea: o.area, Priority: ticket.Priority(o.priority), Tags: []string{o.tag}})
	}
	return out
}

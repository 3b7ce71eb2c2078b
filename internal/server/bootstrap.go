package server

import (
	"context"
	"fmt"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/auth"
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
		{Name: "Soporte ES", ProductArea: "other", Language: "es"},
	}
	var teamIDs []int64
	for _, t := range teams {
		created, err := a.auth.CreateTeam(ctx, t)
		if err != nil {
			return fmt.Errorf("seed demo: %w", err)
		}
		teamIDs = append(teamIDs, created.ID)
	}
	agents := []auth.NewAgent{
		{Email: "tier1@demo.groundcrew.local", Name: "Tomás Tier One", Role: auth.Tier1, Teams: []int64{teamIDs[0], teamIDs[2]}},
		{Email: "tier2@demo.groundcrew.local", Name: "Priya Tier Two", Role: auth.Tier2, Teams: []int64{teamIDs[0]}},
		{Email: "security@demo.groundcrew.local", Name: "Sam Security", Role: auth.Security, Teams: []int64{teamIDs[1]}},
		{Email: "supervisor@demo.groundcrew.local", Name: "Mei Supervisor", Role: auth.Supervisor},
	}
	for _, ag := range agents {
		ag.Password = DemoPassword + "-2026"
		if _, err := a.auth.CreateAgent(ctx, ag); err != nil {
			return fmt.Errorf("seed demo: %w", err)
		}
	}
	store := a.tickets.Store
	for i, d := range demoTickets {
		in := ticket.NewTicket{
			Subject: d.subject, Message: d.message, Channel: d.channel, Language: d.lang, ProductArea: d.area,
			Priority: ticket.Priority(d.priority), TeamID: &teamIDs[d.team], Tags: d.tags,
			Customer: ticket.NewCustomer{ExternalID: fmt.Sprintf("demo-user-%d", 1001+i), Email: fmt.Sprintf("user%d@example.com", 1001+i), Name: d.customer, Language: d.lang},
		}
		if _, err := store.Create(ctx, in); err != nil {
			return fmt.Errorf("seed demo ticket %d: %w", i, err)
		}
	}
	return nil
}

var demoTickets = []struct {
	subject, message, channel, lang, area, priority, customer string
	team                                                      int
	tags                                                      []string
}{
	{"USDT deposit not credited", "I sent 250 USDT on Tron to my deposit address 3 hours ago and it still isn't in my account.", "chat", "en", "wallet_deposits", "high", "Alex Morgan", 0, []string{"deposit", "usdt"}},
	{"Forgot XRP destination tag", "I withdrew XRP from another exchange to my address but forgot the tag. Can you find it?", "email", "en", "wallet_deposits", "normal", "Jordan Lee", 0, []string{"deposit", "xrp", "memo"}},
	{"Lost my 2FA phone", "My phone was stolen and I can't log in with Google Authenticator. Please help me reset 2FA.", "chat", "en", "account_security", "urgent", "Chris Park", 1, []string{"2fa"}},
	{"Suspicious login from another country", "I got an email about a login from Brazil. That wasn't me!", "email", "en", "account_security", "urgent", "Taylor Smith", 1, []string{"security"}},
	{"Retiro bloqueado", "Mi retiro de BTC lleva 24 horas en revisión. ¿Qué pasa?", "chat", "es", "withdrawals", "high", "María García", 2, []string{"withdrawal"}},
	{"BTC deposit pending", "My bitcoin deposit shows 1 of 2 confirmations for an hour now.", "api", "en", "wallet_deposits", "normal", "Sam Rivera", 0, []string{"deposit", "btc"}},
	{"Verificación de identidad", "Subí mi pasaporte hace dos días y sigue pendiente.", "email", "es", "kyc", "normal", "Lucía Fernández", 2, []string{"kyc"}},
	{"Sent token to wrong network", "I sent USDC on Polygon to my Ethereum address. Is it lost?", "chat", "en", "wallet_deposits", "high", "Robin Chen", 0, []string{"deposit", "wrong-network"}},
}

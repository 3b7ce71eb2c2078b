package workspace

import (
	"context"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/form"
	"github.com/groundcrew/groundcrew/internal/guard"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

// AdminDeps is what the account, new-ticket and admin pages need; server
// fills it in beside Deps. Each page calls the same service methods as the
// API route that does the same thing, so the two cannot drift apart.
type AdminDeps struct {
	People   People
	Audit    AuditLog
	Official OfficialChannels
	Forms    FormFields
	Intake   Intake
	Work     TicketWork
	Files    Files
	SLA      SLA // nil: no SLA page or panel
	// Automation: nil, no automation page.
	Automation Automation
	KB         KnowledgeBase
	KBSearch   KBSearch
	// Phone: nil, no callbacks page or call log. ChannelSettings: the
	// Telegram and phone admin page's data.
	Phone           PhoneDesk
	ChannelSettings func(ctx context.Context) (ChannelSettings, error)
	// Status: nil, no status page.
	Status StatusBoard
	Bot    Bot // the bot's intents pages (admin_bot.go); zero: none
	// Email: nil, no e-mail page content.
	Email    EmailChannel
	Recovery Recovery // deposit-recovery appeals
	// Risk: nil, no risk page.
	Risk     RiskDesk
	RiskDemo RiskDemo
}

// People are the agents and teams, and an agent's own account (auth.Service).
type People interface {
	Agents(ctx context.Context) ([]auth.Agent, error)
	Agent(ctx context.Context, id int64) (auth.Agent, error)
	CreateAgent(ctx context.Context, in auth.NewAgent) (auth.Agent, error)
	UpdateAgent(ctx context.Context, id int64, u auth.AgentUpdate) (auth.Agent, error)
	Teams(ctx context.Context) ([]auth.Team, error)
	Team(ctx context.Context, id int64) (auth.Team, error)
	CreateTeam(ctx context.Context, in auth.NewTeam) (auth.Team, error)

	ChangeOwnPassword(ctx context.Context, id int64, current string, c auth.PasswordChange) (auth.PasswordChanged, error)
	ChangeEmail(ctx context.Context, id int64, email string, in auth.Reauth) (auth.Agent, error)
	StartTOTP(ctx context.Context, id int64, in auth.Reauth) (auth.TOTPEnrollment, error)
	ConfirmTOTP(ctx context.Context, id int64, code string) error
	DisableTOTP(ctx context.Context, id int64, in auth.Reauth) error
	Tokens(ctx context.Context, agentID int64) ([]auth.APIToken, error)
	CreateOwnToken(ctx context.Context, agentID int64, name string, in auth.Reauth) (auth.APIToken, error)
	RevokeToken(ctx context.Context, agentID, tokenID int64) error
	RotateVerificationCode(ctx context.Context, agentID int64) (string, error)
	TOTPPolicy(ctx context.Context) (auth.TOTPPolicy, error)
	SetTOTPPolicy(ctx context.Context, p auth.TOTPPolicy) (auth.TOTPPolicy, error)
}

// AuditLog lists and verifies the audit log (audit.Log).
type AuditLog interface {
	List(ctx context.Context, f audit.Filter, page web.Page) ([]audit.Entry, int64, error)
	Verify(ctx context.Context) (audit.Report, error)
}

// OfficialChannels are the exchange's official channels (guard.Official).
type OfficialChannels interface {
	Channels(ctx context.Context) ([]guard.Channel, error)
	AddChannel(ctx context.Context, in guard.NewChannel) (guard.Channel, error)
	RemoveChannel(ctx context.Context, id int64) error
}

// FormFields is the ticket form (form.Store).
type FormFields interface {
	List(ctx context.Context) ([]form.Field, error)
	On(ctx context.Context, surface form.Surface) ([]form.Field, error)
	Put(ctx context.Context, f form.Field) (form.Field, error)
	Delete(ctx context.Context, key string) error
}

// Intake opens a ticket for a customer (ticket.Store).
type Intake interface {
	CreateAsAgent(ctx context.Context, v ticket.Viewer, in ticket.NewTicket) (ticket.Ticket, error)
}

// The account, new-ticket and admin pages, added to pageNames here so that
// page groups can be added without touching one shared line.
func init() {
	pageNames = append(pageNames, "account", "agents", "agent", "teams", "team", "channels", "formfields", "audit", "newticket", "macros")
}

// Package auth owns agents, teams, roles and permissions, passwords, TOTP,
// sessions and API tokens, and the one check every handler goes through.
package auth

import (
	"slices"

	"github.com/groundcrew/groundcrew/internal/web"
)

// Role is an agent's job, which decides what the agent may do.
type Role string

const (
	Tier1      Role = "tier1"
	Tier2      Role = "tier2"
	Tier3      Role = "tier3"
	Security   Role = "security"
	Recovery   Role = "recovery"
	Supervisor Role = "supervisor"
	Admin      Role = "admin"
	// Integration is a channel integration's account (a chat or e-mail
	// bridge, the exchange's back-end), not a person: it opens tickets and
	// writes as customers through its API token, and reads nothing but the
	// list of flagged scam entities (fraud.list).
	Integration Role = "integration"
)

// Roles lists every role, least privileged first.
var Roles = []Role{Integration, Tier1, Tier2, Tier3, Security, Recovery, Supervisor, Admin}

var roleLabels = map[Role]string{Tier1: "Tier 1", Tier2: "Tier 2", Tier3: "Tier 3", Security: "Security",
	Recovery: "Deposit recovery", Supervisor: "Supervisor", Admin: "Administrator", Integration: "Integration"}

// Label is the role's name for people to read ("Tier 1" for tier1).
func (r Role) Label() string {
	if l, ok := roleLabels[r]; ok {
		return l
	}
	return string(r)
}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return slices.Contains(Roles, r) }

// Perm is one thing an agent may do. Handlers name the Perm they need in the
// route table; Allows is the only place that decides. It is web.Perm so
// that page tables (web.PageRoute) can name one without importing auth.
type Perm = web.Perm

const (
	PermTicketRead     Perm = "ticket.read"     // tickets of the agent's own teams, and those assigned to them
	PermTicketReadAll  Perm = "ticket.read_all" // every team's tickets
	PermTicketCreate   Perm = "ticket.create"
	PermTicketUpdate   Perm = "ticket.update"
	PermTicketAssign   Perm = "ticket.assign"
	PermTicketEscalate Perm = "ticket.escalate"
	PermMessageWrite   Perm = "message.write"
	// PermMessageWriteAsCustomer writes a message as a ticket's customer, for
	// channel integrations; agents' own messages are always the agent's.
	PermMessageWriteAsCustomer Perm = "message.write_as_customer"
	PermNoteWrite              Perm = "note.write"
	PermTagRead                Perm = "tag.read"
	PermAgentRead              Perm = "agent.read"
	PermAgentManage            Perm = "agent.manage"
	PermTeamRead               Perm = "team.read"
	PermTeamManage             Perm = "team.manage"
	PermAuditRead              Perm = "audit.read"
	PermChainLookup            Perm = "chain.lookup"    // identify addresses and TxIDs, diagnose deposits
	PermGuardCheck             Perm = "guard.check"     // try the secret detector and the outbound guard
	PermSettingsManage         Perm = "settings.manage" // server settings such as encryption at rest; admins only
	PermCustomerReveal         Perm = "customer.reveal" // unmask a customer's personal data, with a reason (audited)
	PermCustomerUpdate         Perm = "customer.update" // change a customer's contact data, with a reason (audited)
	PermAccountAction          Perm = "account.action"  // ask the exchange for a 2FA reset or a withdrawal unlock (L2 customers)
	PermChannelsManage         Perm = "channels.manage" // the registry of official channels customers verify against; admins only
	PermSelf                   Perm = "self"            // one's own profile, password, TOTP and API tokens
	PermMacroManage            Perm = "macro.manage"    // create, change and delete macros (canned replies)
	PermStatusManage           Perm = "status.manage"   // open, update and resolve status-page incidents and maintenance; act on their tickets
	PermBotAnalyze             Perm = "bot.analyze"     // read a text as the bot would (language, intent, entities)
	PermBotManage              Perm = "bot.manage"      // the bot's intents and training phrases
)

// Deposit-recovery appeals (internal/recovery).
const (
	PermRecoveryReview  Perm = "recovery.review"  // the queue, an appeal, rejecting, statistics
	PermRecoveryApprove Perm = "recovery.approve" // approve an appeal and retry its execution; two approvers above the threshold
)

// Quality reviews (internal/academy/quality) and product feedback
// (internal/academy/feedback). An agent reads and disputes their own
// reviews with qa.own.
const (
	PermQAReview       Perm = "qa.review"       // sample conversations, score them, calibrate, resolve disputes
	PermQAOwn          Perm = "qa.own"          // see one's own reviews and dispute them
	PermFeedbackTag    Perm = "feedback.tag"    // tag product feedback on a ticket
	PermFeedbackReport Perm = "feedback.report" // the product-feedback report, its CSV and the voice-of-the-customer page
)

// Fraud patterns (internal/risk/fraud).
const (
	PermFraudList        Perm = "fraud.list"        // the flagged entities and why, in summary (agents, the exchange's back-end)
	PermFraudInvestigate Perm = "fraud.investigate" // clusters: which tickets and customers reported an entity; flag or dismiss it
)

// The training and testing center (internal/academy).
const (
	PermAcademyTrain  Perm = "academy.train"  // take courses and quizzes, see one's own certifications
	PermAcademyManage Perm = "academy.manage" // author courses and certifications, new versions, the certification matrix
)

// Outgoing webhooks (internal/webhook): subscriptions, their secrets and
// delivery log, resending. Admins only: a subscription sends customer
// data out of the installation.
const PermWebhookManage Perm = "webhook.manage"

// PermMessageRelease decides on agents' replies the outbound guard held
// for review (internal/ticket, ticket_held.go): release one to be sent
// as its author's, or reject it. Never one's own.
const PermMessageRelease Perm = "message.release"

var (
	agentPerms = []Perm{PermSelf, PermTicketRead, PermTicketCreate, PermTicketUpdate, PermTicketEscalate,
		PermMessageWrite, PermNoteWrite, PermTagRead, PermAgentRead, PermTeamRead, PermChainLookup, PermGuardCheck, PermBotAnalyze,
		PermQAOwn, PermFeedbackTag, PermFraudList, PermAcademyTrain}
	// Tier 2 and up reveal personal data; the recovery team reveals but does not act on accounts.
	tier2Perms      = append(slices.Clone(agentPerms), PermCustomerReveal, PermAccountAction)
	recoveryPerms   = append(slices.Clone(agentPerms), PermCustomerReveal, PermRecoveryReview, PermRecoveryApprove)
	specialistPerms = append(slices.Clone(tier2Perms), PermTicketReadAll, PermTicketAssign)
	supervisorPerms = append(slices.Clone(specialistPerms), PermAuditRead, PermTeamManage, PermCustomerUpdate, PermMacroManage, PermStatusManage, PermBotManage,
		PermRecoveryReview, PermRecoveryApprove, PermQAReview, PermFeedbackReport, PermAcademyManage, PermMessageRelease)
	// API tokens carry their agent's role and no scopes of their own, so an
	// integration gets an account of its own with just these.
	// bot.analyze lets an outside evaluation read texts as the bot does;
	// fraud.list lets the exchange's back-end read the flagged entities.
	integrationPerms = []Perm{PermSelf, PermTicketCreate, PermMessageWriteAsCustomer, PermBotAnalyze, PermFraudList}
)

// rolePerms is deny by default: a permission not listed is refused.
var rolePerms = map[Role][]Perm{
	Tier1:       agentPerms,
	Tier2:       tier2Perms,
	Tier3:       specialistPerms,
	Security:    append(slices.Clone(specialistPerms), PermAuditRead, PermFraudInvestigate),
	Recovery:    recoveryPerms,
	Supervisor:  supervisorPerms,
	Admin:       append(slices.Clone(supervisorPerms), PermFraudInvestigate, PermAgentManage, PermSettingsManage, PermChannelsManage, PermMessageWriteAsCustomer, PermWebhookManage),
	Integration: integrationPerms,
}

// Allows reports whether role r has permission p.
func (r Role) Allows(p Perm) bool { return slices.Contains(rolePerms[r], p) }

// Perms lists the permissions of r.
func (r Role) Perms() []Perm { return slices.Clone(rolePerms[r]) }

// Tier is the support tier a role works at (0 for roles outside the tiers).
func (r Role) Tier() int {
	switch r {
	case Tier1:
		return 1
	case Tier2, Recovery:
		return 2
	case Tier3, Security:
		return 3
	}
	return 0
}

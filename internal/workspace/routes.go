package workspace

import (
	"net/http"
	"slices"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

// Route is one page of the workspace.
type Route struct {
	Method  string
	Path    string
	Perm    auth.Perm // web.Public, or the permission the agent needs
	MaxBody int64     // a form's size limit, checked before the session; 0: none
	Handler http.HandlerFunc
}

// Pattern is the route's http.ServeMux pattern.
func (rt Route) Pattern() string { return rt.Method + " " + rt.Path }

// Routes is every page of the workspace and the permission it needs.
// web.Public pages check what they need themselves (sign-in: origin and rate
// limits; sign-out: the session's CSRF token).
func (ws *Workspace) Routes() []Route {
	return slices.Concat([]Route{
		{"GET", "/login", web.Public, 0, ws.loginForm},
		{"POST", "/login", web.Public, 0, ws.login},
		{"POST", "/login/totp", web.Public, 0, ws.loginEnrol},
		{"POST", "/logout", web.Public, 0, ws.logout},

		{"GET", "/{$}", auth.PermTicketRead, 0, ws.inbox},
		{"GET", "/inbox/counts", auth.PermTicketRead, 0, ws.inboxCounts},
		{"GET", "/inbox/live", auth.PermTicketRead, 0, ws.inboxLive},
		{"GET", "/tickets/{id}", auth.PermTicketRead, 0, ws.ticket},
		{"POST", "/tickets/{id}/reply", auth.PermMessageWrite, ticket.MaxRequest, ws.reply},
		{"POST", "/tickets/{id}/held/{held}/review", auth.PermMessageWrite, formMax, ws.askReview},
		{"GET", "/held-replies", auth.PermMessageRelease, 0, ws.heldReplies},
		{"POST", "/held-replies/{id}/release", auth.PermMessageRelease, formMax, ws.releaseHeld},
		{"POST", "/held-replies/{id}/reject", auth.PermMessageRelease, formMax, ws.rejectHeld},
		{"GET", "/live/tickets/{id}", auth.PermTicketRead, 0, ws.liveTicket},
		{"GET", "/live/tickets/{id}/screen", auth.PermTicketRead, 0, ws.liveScreen},
		{"GET", "/live/notifications", auth.PermTicketRead, 0, ws.liveNotifications},

		{"POST", "/tickets/{id}/update", auth.PermTicketUpdate, formMax, ws.updateTicket},
		{"POST", "/tickets/{id}/escalate", auth.PermTicketEscalate, formMax, ws.escalateTicket},
		{"POST", "/tickets/{id}/snooze", auth.PermTicketUpdate, formMax, ws.snoozeTicket},
		{"POST", "/tickets/{id}/unsnooze", auth.PermTicketUpdate, formMax, ws.unsnoozeTicket},
		{"POST", "/tickets/{id}/customer", auth.PermCustomerUpdate, formMax, ws.updateCustomer},
		{"GET", "/tickets/new", auth.PermTicketCreate, 0, ws.newTicketForm},
		{"POST", "/tickets/new", auth.PermTicketCreate, ticket.MaxRequest, ws.createTicket},

		{"GET", "/account", auth.PermSelf, 0, ws.account},
		{"POST", "/account/password", auth.PermSelf, formMax, ws.changePassword},
		{"POST", "/account/email", auth.PermSelf, formMax, ws.changeEmail},
		{"POST", "/account/totp", auth.PermSelf, formMax, ws.startTOTP},
		{"POST", "/account/totp/confirm", auth.PermSelf, formMax, ws.confirmTOTP},
		{"POST", "/account/totp/disable", auth.PermSelf, formMax, ws.disableTOTP},
		{"POST", "/account/tokens", auth.PermSelf, formMax, ws.createToken},
		{"POST", "/account/tokens/{id}/revoke", auth.PermSelf, formMax, ws.revokeToken},
		{"POST", "/account/verification-code", auth.PermSelf, formMax, ws.rotateCode},
		{"POST", "/account/notifications", auth.PermSelf, formMax, ws.setNotifications},

		{"GET", "/admin", auth.PermSelf, 0, ws.adminHome},
		{"GET", "/admin/agents", auth.PermAgentRead, 0, ws.agents},
		{"POST", "/admin/agents", auth.PermAgentManage, formMax, ws.createAgent},
		{"GET", "/admin/agents/{id}", auth.PermAgentRead, 0, ws.agentDetail},
		{"POST", "/admin/agents/{id}", auth.PermAgentManage, formMax, ws.updateAgent},
		{"POST", "/admin/totp-policy", auth.PermSettingsManage, formMax, ws.setTOTPPolicy},
		{"GET", "/admin/teams", auth.PermTeamRead, 0, ws.teams},
		{"POST", "/admin/teams", auth.PermTeamManage, formMax, ws.createTeam},
		{"GET", "/admin/teams/{id}", auth.PermTeamRead, 0, ws.team},
		{"GET", "/admin/macros", auth.PermMacroManage, 0, ws.macros},
		{"POST", "/admin/macros", auth.PermMacroManage, formMax, ws.saveMacro},
		{"POST", "/admin/macros/{id}/remove", auth.PermMacroManage, formMax, ws.removeMacro},
		{"GET", "/admin/channels", auth.PermChannelsManage, 0, ws.officialChannels},
		{"POST", "/admin/channels", auth.PermChannelsManage, formMax, ws.addChannel},
		{"POST", "/admin/channels/{id}/remove", auth.PermChannelsManage, formMax, ws.removeChannel},
		{"GET", "/admin/form", auth.PermSettingsManage, 0, ws.formFields},
		{"POST", "/admin/form", auth.PermSettingsManage, formMax, ws.putFormField},
		{"POST", "/admin/form/{key}/remove", auth.PermSettingsManage, formMax, ws.removeFormField},
		{"GET", "/admin/kb", auth.PermTicketRead, 0, ws.kbList},
		{"POST", "/admin/kb", auth.PermMacroManage, kbFormMax, ws.kbCreate},
		{"GET", "/admin/kb/{id}", auth.PermTicketRead, 0, ws.kbArticle},
		{"POST", "/admin/kb/{id}/texts/{lang}", auth.PermMacroManage, kbFormMax, ws.kbSaveText},
		{"POST", "/admin/kb/{id}/texts/{lang}/status", auth.PermMacroManage, formMax, ws.kbSetStatus},
		{"POST", "/admin/kb/{id}/remove", auth.PermMacroManage, formMax, ws.kbRemove},
		{"GET", "/admin/sla", auth.PermSettingsManage, 0, ws.slaAdmin},
		{"GET", "/admin/automation", auth.PermSettingsManage, 0, ws.automationAdmin},
		{"POST", "/admin/automation/rules", auth.PermSettingsManage, formMax, ws.saveRule},
		{"POST", "/admin/automation/rules/{id}/remove", auth.PermSettingsManage, formMax, ws.removeRule},
		{"POST", "/admin/automation/dry-run", auth.PermSettingsManage, formMax, ws.dryRunRule},
		{"POST", "/admin/sla/policies", auth.PermSettingsManage, formMax, ws.saveSLAPolicy},
		{"POST", "/admin/sla/policies/{id}/remove", auth.PermSettingsManage, formMax, ws.removeSLAPolicy},
		{"POST", "/admin/sla/calendars", auth.PermSettingsManage, formMax, ws.saveSLACalendar},
		{"POST", "/admin/sla/calendars/{id}/remove", auth.PermSettingsManage, formMax, ws.removeSLACalendar},
		{"GET", "/supervisor", auth.PermTeamManage, 0, ws.supervisor},
		{"GET", "/supervisor/live", auth.PermTeamManage, 0, ws.supervisorLive},
		{"POST", "/supervisor/settings", auth.PermTeamManage, formMax, ws.supervisorSettings},
		{"POST", "/supervisor/move", auth.PermTeamManage, formMax, ws.supervisorMove},
		{"POST", "/tickets/{id}/flag", auth.PermTicketUpdate, formMax, ws.flagTicket},
		{"GET", "/workforce/shifts", auth.PermTeamRead, 0, ws.shifts},
		{"POST", "/workforce/shifts", auth.PermTeamManage, formMax, ws.addShift},
		{"POST", "/workforce/shifts/{id}/remove", auth.PermTeamManage, formMax, ws.removeShift},
		{"GET", "/workforce/me", auth.PermSelf, 0, ws.myWorkload},
		{"GET", "/workforce/alerts", auth.PermSelf, 0, ws.myAlerts},
		{"GET", "/workforce/agents/{id}", auth.PermSelf, 0, ws.workload},
		{"GET", "/admin/audit", auth.PermAuditRead, 0, ws.auditLog},
		{"GET", "/admin/encryption", auth.PermSettingsManage, 0, ws.encryption},
		{"GET", "/admin/email", auth.PermSettingsManage, 0, ws.emailAdmin},
	}, ws.routingRoutes(), ws.phoneRoutes(), ws.statusRoutes(), ws.botRoutes(), ws.recoveryRoutes(), ws.riskRoutes())
}

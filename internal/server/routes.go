package server

import (
	"net/http"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/chat"
	"github.com/groundcrew/groundcrew/internal/risk"
	"github.com/groundcrew/groundcrew/internal/web"
)

// Route is one entry of the route table.
type Route struct {
	Method     string
	Path       string
	Perm       auth.Perm // web.Public, or the permission the caller needs
	Idempotent bool      // honours Idempotency-Key
	Handler    web.Handler
}

// APIRoutes is the whole JSON API: every route, and the permission it needs.
func (a *App) APIRoutes() []Route {
	t, u, l, m, live, rt, wf := a.tickets, a.auth, a.audit, a.macros, a.live, a.routingHTTP, a.workforce
	return []Route{
		{"POST", "/api/v1/sessions", web.Public, false, a.sameOriginOnly(a.limitSignIn(u.HandleSignIn))},
		{"POST", "/api/v1/sessions/totp-enrolment", web.Public, false, a.sameOriginOnly(a.limitSignIn(u.HandleCompleteEnrolment))},
		{"DELETE", "/api/v1/sessions/current", auth.PermSelf, false, u.HandleSignOut},
		{"GET", "/api/v1/me", auth.PermSelf, false, u.HandleMe},
		{"POST", "/api/v1/me/password", auth.PermSelf, false, u.HandleChangePassword},
		{"POST", "/api/v1/me/totp", auth.PermSelf, false, u.HandleStartTOTP},
		{"POST", "/api/v1/me/totp/confirm", auth.PermSelf, false, u.HandleConfirmTOTP},
		{"POST", "/api/v1/me/totp/disable", auth.PermSelf, false, u.HandleDisableTOTP},
		{"POST", "/api/v1/me/email", auth.PermSelf, false, u.HandleChangeEmail},
		{"GET", "/api/v1/me/tokens", auth.PermSelf, false, u.HandleListTokens},
		{"POST", "/api/v1/me/tokens", auth.PermSelf, false, u.HandleCreateToken},
		{"DELETE", "/api/v1/me/tokens/{id}", auth.PermSelf, false, u.HandleRevokeToken},
		{"POST", "/api/v1/me/verification-code", auth.PermSelf, false, u.HandleRotateVerificationCode},
		{"GET", "/api/v1/me/mentions", auth.PermTicketRead, false, t.HandleMentions},
		{"GET", "/api/v1/me/notifications", auth.PermSelf, false, m.HandleGetNotify},
		{"PUT", "/api/v1/me/notifications", auth.PermSelf, false, m.HandleSetNotify},

		{"GET", "/api/v1/agents", auth.PermAgentRead, false, u.HandleListAgents},
		{"POST", "/api/v1/agents", auth.PermAgentManage, true, u.HandleCreateAgent},
		{"GET", "/api/v1/agents/{id}", auth.PermAgentRead, false, u.HandleGetAgent},
		{"PATCH", "/api/v1/agents/{id}", auth.PermAgentManage, false, u.HandleUpdateAgent},
		{"GET", "/api/v1/teams", auth.PermTeamRead, false, u.HandleListTeams},
		{"POST", "/api/v1/teams", auth.PermTeamManage, true, u.HandleCreateTeam},
		{"GET", "/api/v1/teams/{id}", auth.PermTeamRead, false, u.HandleGetTeam},

		{"GET", "/api/v1/tickets", auth.PermTicketRead, false, t.HandleList},
		{"POST", "/api/v1/tickets", auth.PermTicketCreate, true, t.HandleCreate},
		{"GET", "/api/v1/tickets/{id}", auth.PermTicketRead, false, t.HandleGet},
		{"PATCH", "/api/v1/tickets/{id}", auth.PermTicketUpdate, false, t.HandleUpdate},
		{"POST", "/api/v1/tickets/{id}/messages", auth.PermMessageWrite, true, t.HandleAddMessage},
		{"POST", "/api/v1/tickets/{id}/customer-messages", auth.PermMessageWriteAsCustomer, true, t.HandleAddCustomerMessage},
		{"POST", "/api/v1/tickets/{id}/notes", auth.PermNoteWrite, true, t.HandleAddNote},
		{"GET", "/api/v1/tickets/{id}/held-replies", auth.PermTicketRead, false, t.HandleHeldReplies},
		{"POST", "/api/v1/held-replies/{id}/review", auth.PermMessageWrite, false, t.HandleRequestReview},
		{"GET", "/api/v1/held-replies", auth.PermMessageRelease, false, t.HandleReviewQueue},
		{"POST", "/api/v1/held-replies/{id}/release", auth.PermMessageRelease, false, t.HandleRelease},
		{"POST", "/api/v1/held-replies/{id}/reject", auth.PermMessageRelease, false, t.HandleReject},
		{"POST", "/api/v1/tickets/{id}/snooze", auth.PermTicketUpdate, false, t.HandleSnooze},
		{"DELETE", "/api/v1/tickets/{id}/snooze", auth.PermTicketUpdate, false, t.HandleUnsnooze},
		{"GET", "/api/v1/inbox", auth.PermTicketRead, false, t.HandleInbox},
		{"GET", "/api/v1/tickets/{id}/attachments", auth.PermTicketRead, false, a.files.HandleList},
		{"POST", "/api/v1/tickets/{id}/attachments", auth.PermMessageWrite, false, a.files.HandleUpload},
		{"GET", "/api/v1/attachments/{id}", auth.PermTicketRead, false, a.files.HandleDownload},
		{"GET", "/api/v1/form-fields", auth.PermTicketRead, false, a.forms.HandleList},
		{"PUT", "/api/v1/form-fields/{key}", auth.PermSettingsManage, false, a.forms.HandlePut},
		{"DELETE", "/api/v1/form-fields/{key}", auth.PermSettingsManage, false, a.forms.HandleDelete},
		{"POST", "/api/v1/tickets/{id}/merge", auth.PermTicketUpdate, false, t.HandleMerge},
		{"POST", "/api/v1/tickets/{id}/mentions/read", auth.PermTicketRead, false, t.HandleReadMentions},
		{"POST", "/api/v1/tickets/{id}/typing", auth.PermMessageWrite, false, live.HandleTyping},
		{"GET", "/api/v1/tags", auth.PermTagRead, false, t.HandleTags},

		{"GET", "/api/v1/macros", auth.PermMessageWrite, false, m.HandleList},
		{"POST", "/api/v1/macros", auth.PermMacroManage, true, m.HandleCreate},
		{"GET", "/api/v1/macros/{id}", auth.PermMessageWrite, false, m.HandleGet},
		{"PUT", "/api/v1/macros/{id}", auth.PermMacroManage, false, m.HandleUpdate},
		{"DELETE", "/api/v1/macros/{id}", auth.PermMacroManage, false, m.HandleDelete},
		{"POST", "/api/v1/macros/{id}/apply", auth.PermMessageWrite, false, m.HandleApply},
		{"PATCH", "/api/v1/customers/{id}", auth.PermCustomerUpdate, false, t.HandleUpdateCustomer},

		{"GET", "/api/v1/tickets/{id}/verification", auth.PermTicketRead, false, a.account.HandleVerification},
		{"POST", "/api/v1/tickets/{id}/step-up", auth.PermTicketUpdate, false, a.account.HandleStepUp},
		{"GET", "/api/v1/tickets/{id}/account", auth.PermTicketRead, false, a.account.HandleAccount},
		{"POST", "/api/v1/tickets/{id}/actions/{action}", auth.PermAccountAction, false, a.account.HandleAction},
		{"POST", "/api/v1/tickets/{id}/reveal", auth.PermCustomerReveal, false, a.account.HandleReveal},
		{"GET", "/api/v1/tickets/{id}/sla", auth.PermTicketRead, false, a.sla.HandleTicket},

		{"GET", "/api/v1/kb/articles", auth.PermTicketRead, false, a.kbHTTP.HandleList},
		{"POST", "/api/v1/kb/articles", auth.PermMacroManage, true, a.kbHTTP.HandleCreate},
		{"GET", "/api/v1/kb/articles/{id}", auth.PermTicketRead, false, a.kbHTTP.HandleGet},
		{"DELETE", "/api/v1/kb/articles/{id}", auth.PermMacroManage, false, a.kbHTTP.HandleDelete},
		{"PUT", "/api/v1/kb/articles/{id}/texts/{lang}", auth.PermMacroManage, false, a.kbHTTP.HandleSaveText},
		{"POST", "/api/v1/kb/articles/{id}/texts/{lang}/status", auth.PermMacroManage, false, a.kbHTTP.HandleSetStatus},
		{"GET", "/api/v1/kb/search", auth.PermTicketRead, false, a.kbHTTP.HandleSearch},

		{"POST", "/api/v1/bot/analyze", auth.PermBotAnalyze, false, a.nluHTTP.HandleAnalyze},
		{"GET", "/api/v1/bot/intents", auth.PermBotManage, false, a.nluHTTP.HandleListIntents},
		{"POST", "/api/v1/bot/intents", auth.PermBotManage, false, a.nluHTTP.HandleCreateIntent},
		{"GET", "/api/v1/bot/intents/{name}", auth.PermBotManage, false, a.nluHTTP.HandleGetIntent},
		{"DELETE", "/api/v1/bot/intents/{name}", auth.PermBotManage, false, a.nluHTTP.HandleRemoveIntent},
		{"POST", "/api/v1/bot/intents/{name}/phrases", auth.PermBotManage, false, a.nluHTTP.HandleAddPhrase},
		{"DELETE", "/api/v1/bot/phrases/{id}", auth.PermBotManage, false, a.nluHTTP.HandleRemovePhrase},

		{"GET", "/api/v1/sla/policies", auth.PermSettingsManage, false, a.sla.HandleListPolicies},
		{"POST", "/api/v1/sla/policies", auth.PermSettingsManage, true, a.sla.HandleCreatePolicy},
		{"PUT", "/api/v1/sla/policies/{id}", auth.PermSettingsManage, false, a.sla.HandleUpdatePolicy},
		{"DELETE", "/api/v1/sla/policies/{id}", auth.PermSettingsManage, false, a.sla.HandleDeletePolicy},
		{"GET", "/api/v1/sla/calendars", auth.PermSettingsManage, false, a.sla.HandleListCalendars},
		{"POST", "/api/v1/sla/calendars", auth.PermSettingsManage, true, a.sla.HandleCreateCalendar},
		{"PUT", "/api/v1/sla/calendars/{id}", auth.PermSettingsManage, false, a.sla.HandleUpdateCalendar},
		{"DELETE", "/api/v1/sla/calendars/{id}", auth.PermSettingsManage, false, a.sla.HandleDeleteCalendar},

		{"GET", "/api/v1/automation/rules", auth.PermSettingsManage, false, a.automation.HandleList},
		{"POST", "/api/v1/automation/rules", auth.PermSettingsManage, true, a.automation.HandleCreate},
		{"PUT", "/api/v1/automation/rules/{id}", auth.PermSettingsManage, false, a.automation.HandleUpdate},
		{"DELETE", "/api/v1/automation/rules/{id}", auth.PermSettingsManage, false, a.automation.HandleDelete},
		{"POST", "/api/v1/automation/dry-run", auth.PermSettingsManage, false, a.automation.HandleDryRun},

		{"GET", "/api/v1/audit", auth.PermAuditRead, false, l.HandleList},
		{"GET", "/api/v1/audit/verify", auth.PermAuditRead, false, l.HandleVerify},

		{"POST", "/api/v1/chain/identify", auth.PermChainLookup, false, a.registry.HandleIdentify},
		{"GET", "/api/v1/chain/networks", auth.PermChainLookup, false, a.registry.HandleNetworks},
		{"POST", "/api/v1/deposits/diagnose", auth.PermChainLookup, false, a.diagnose.HandleDiagnose},

		{"POST", "/api/v1/guard/scan", auth.PermGuardCheck, false, a.screen.Detector().HandleScan},
		{"POST", "/api/v1/guard/check-outbound", auth.PermGuardCheck, false, a.screen.Detector().HandleCheckOutbound},

		{"GET", "/api/v1/admin/encryption", auth.PermSettingsManage, false, a.handleEncryption},
		{"GET", "/api/v1/email/status", auth.PermSettingsManage, false, a.email.HandleStatus},
		{"GET", "/api/v1/admin/totp-policy", auth.PermSettingsManage, false, u.HandleGetTOTPPolicy},
		{"PUT", "/api/v1/admin/totp-policy", auth.PermSettingsManage, false, u.HandleSetTOTPPolicy},

		{"GET", "/api/v1/official-channels", auth.PermChannelsManage, false, a.official.HandleListChannels},
		{"POST", "/api/v1/official-channels", auth.PermChannelsManage, true, a.official.HandleAddChannel},
		{"DELETE", "/api/v1/official-channels/{id}", auth.PermChannelsManage, false, a.official.HandleRemoveChannel},
		{"POST", "/api/v1/verify", web.Public, false, a.limitVerify(a.official.HandleVerify)},

		{"GET", "/api/v1/webhooks", auth.PermWebhookManage, false, a.webhookHTTP.HandleList},
		{"POST", "/api/v1/webhooks", auth.PermWebhookManage, true, a.webhookHTTP.HandleCreate},
		{"GET", "/api/v1/webhooks/event-types", auth.PermWebhookManage, false, a.webhookHTTP.HandleEventTypes},
		{"GET", "/api/v1/webhooks/{id}", auth.PermWebhookManage, false, a.webhookHTTP.HandleGet},
		{"PATCH", "/api/v1/webhooks/{id}", auth.PermWebhookManage, false, a.webhookHTTP.HandleUpdate},
		{"DELETE", "/api/v1/webhooks/{id}", auth.PermWebhookManage, false, a.webhookHTTP.HandleDelete},
		{"POST", "/api/v1/webhooks/{id}/secret", auth.PermWebhookManage, false, a.webhookHTTP.HandleRotateSecret},
		{"GET", "/api/v1/webhooks/{id}/deliveries", auth.PermWebhookManage, false, a.webhookHTTP.HandleDeliveries},
		{"POST", "/api/v1/webhooks/{id}/deliveries/{delivery}/resend", auth.PermWebhookManage, true, a.webhookHTTP.HandleResend},

		{"POST", telegramWebhookPath, web.Public, false, a.handleTelegramWebhook},
		{"POST", "/api/v1/telegram/links", web.Public, false, a.handleTelegramLink},
		{"POST", phoneEventsPath, web.Public, false, a.phone.HandleEvent},
		{"POST", "/api/v1/phone/callbacks", web.Public, false, a.handleRequestCallback},
		{"GET", "/api/v1/phone/callbacks", auth.PermTicketRead, false, a.phone.HandleCallbacks},
		{"PATCH", "/api/v1/phone/callbacks/{id}", auth.PermTicketUpdate, false, a.phone.HandleSetCallback},
		{"POST", "/api/v1/phone/callbacks/{id}/reveal", auth.PermCustomerReveal, false, a.phone.HandleReveal},
		{"GET", "/api/v1/tickets/{id}/calls", auth.PermTicketRead, false, a.phone.HandleCalls},
		{"GET", "/api/v1/admin/telegram-phone", auth.PermSettingsManage, false, a.handleChannelSettings},

		{"GET", "/api/v1/queues", auth.PermTeamRead, false, rt.HandleListQueues},
		{"POST", "/api/v1/queues", auth.PermTeamManage, true, rt.HandleCreateQueue},
		{"PUT", "/api/v1/queues/{id}", auth.PermTeamManage, false, rt.HandleUpdateQueue},
		{"DELETE", "/api/v1/queues/{id}", auth.PermTeamManage, false, rt.HandleRemoveQueue},
		{"POST", "/api/v1/queues/dry-run", auth.PermTeamRead, false, rt.HandleDryRun},
		{"GET", "/api/v1/supervisor", auth.PermTeamManage, false, wf.HandleSupervisor},
		{"GET", "/api/v1/me/alerts", auth.PermSelf, false, wf.HandleMyAlerts},
		{"PUT", "/api/v1/workforce/settings", auth.PermTeamManage, false, wf.HandleSettings},

		{"GET", "/api/v1/metrics/summary", auth.PermSelf, false, a.dash.HandleSummary},
		{"GET", "/api/v1/metrics/series", auth.PermSelf, false, a.dash.HandleSeries},
		{"GET", "/api/v1/metrics/breakdown", auth.PermTeamManage, false, a.dash.HandleBreakdown},
		{"GET", "/api/v1/metrics/drivers", auth.PermTeamManage, false, a.dash.HandleDrivers},
		{"GET", "/api/v1/metrics/backlog", auth.PermTeamManage, false, a.dash.HandleBacklog},
		{"GET", "/api/v1/metrics/export/{dim}", auth.PermTeamManage, false, a.dash.HandleExport},
		{"GET", "/api/v1/metrics/settings", auth.PermTeamManage, false, a.dash.HandleGetSettings},
		{"PUT", "/api/v1/metrics/settings", auth.PermSettingsManage, false, a.dash.HandlePutSettings},
		{"GET", "/api/v1/surveys/{token}", web.Public, false, a.dash.HandleGetSurvey},
		{"POST", "/api/v1/surveys/{token}", web.Public, false, a.dash.HandleAnswerSurvey},
		{"GET", "/api/v1/recovery/appeals", auth.PermRecoveryReview, false, a.recovery.HandleQueue},
		{"GET", "/api/v1/recovery/appeals/{id}", auth.PermRecoveryReview, false, a.recovery.HandleGet},
		{"POST", "/api/v1/recovery/appeals/{id}/approve", auth.PermRecoveryApprove, false, a.recovery.HandleApprove},
		{"POST", "/api/v1/recovery/appeals/{id}/reject", auth.PermRecoveryReview, false, a.recovery.HandleReject},
		{"POST", "/api/v1/recovery/appeals/{id}/execute", auth.PermRecoveryApprove, false, a.recovery.HandleExecute},
		{"GET", "/api/v1/recovery/stats", auth.PermRecoveryReview, false, a.recovery.HandleStats},
		{"GET", "/api/v1/recovery/matrix", auth.PermRecoveryReview, false, a.recovery.HandleMatrix},
		{"PUT", "/api/v1/recovery/matrix", auth.PermSettingsManage, false, a.recovery.HandleSetMatrix},
		{"GET", "/api/v1/recovery/fees", web.Public, false, a.recovery.HandleFees},
		{"PUT", "/api/v1/recovery/fees", auth.PermSettingsManage, false, a.recovery.HandleSetFee},
		{"GET", "/api/v1/recovery/team", auth.PermSettingsManage, false, a.recovery.HandleTeam},
		{"PUT", "/api/v1/recovery/team", auth.PermSettingsManage, false, a.recovery.HandleSetTeam},
		{"POST", "/api/v1/agents/{id}/move", auth.PermTeamManage, false, wf.HandleMove},
		{"POST", "/api/v1/tickets/{id}/flags", auth.PermTicketUpdate, false, wf.HandleFlag},
		{"GET", "/api/v1/shifts", auth.PermTeamRead, false, wf.HandleShifts},
		{"POST", "/api/v1/shifts", auth.PermTeamManage, false, wf.HandleAddShift},
		{"DELETE", "/api/v1/shifts/{id}", auth.PermTeamManage, false, wf.HandleRemoveShift},
		{"GET", "/api/v1/manager-rota", auth.PermTeamRead, false, wf.HandleManagerRota},
		{"GET", "/api/v1/agents/{id}/workload", auth.PermSelf, false, wf.HandleWorkload},
		{"GET", "/api/v1/routing/agents", auth.PermTeamRead, false, rt.HandleListProfiles},
		{"PUT", "/api/v1/routing/agents/{id}", auth.PermTeamManage, false, rt.HandleSetSkills},
		{"GET", "/api/v1/me/routing", auth.PermTicketRead, false, rt.HandleMe},
		{"PUT", "/api/v1/me/availability", auth.PermTicketRead, false, rt.HandleSetAvailability},
		{"POST", "/api/v1/me/next-ticket", auth.PermTicketRead, false, rt.HandleNext},
		{"POST", "/api/v1/offers/{id}/accept", auth.PermTicketRead, false, rt.HandleAccept},
		{"POST", "/api/v1/offers/{id}/decline", auth.PermTicketRead, false, rt.HandleDecline},
		{"GET", "/api/v1/tickets/{id}/route", auth.PermTicketRead, false, rt.HandleTicketRoute},
		// One escalation model (routing.Escalation): a tier, the
		// specialists or a team, a reason, and moving up a hand-off summary.
		// .../handoffs is the earlier name, kept for the clients that use it.
		{"POST", "/api/v1/tickets/{id}/escalations", auth.PermTicketEscalate, true, rt.HandleEscalate},
		{"POST", "/api/v1/tickets/{id}/handoffs", auth.PermTicketEscalate, true, rt.HandleEscalate},

		{"GET", "/api/v1/status/incidents", auth.PermTicketRead, false, a.statusHTTP.HandleList},
		{"POST", "/api/v1/status/incidents", auth.PermStatusManage, true, a.statusHTTP.HandleOpen},
		{"POST", "/api/v1/status/incidents/{id}/updates", auth.PermStatusManage, false, a.statusHTTP.HandleUpdate},
		{"POST", "/api/v1/status/incidents/{id}/resolve", auth.PermStatusManage, false, a.statusHTTP.HandleResolve},
		{"POST", "/api/v1/status/incidents/{id}/tickets/status", auth.PermStatusManage, false, a.statusHTTP.HandleBulkStatus},
		{"GET", "/api/v1/risk/customers/{user}/events", auth.PermTicketRead, false, a.risk.HandleCustomerEvents},
		{"GET", "/api/v1/risk/cases", auth.PermTicketReadAll, false, a.risk.HandleCases},
		{"GET", "/api/v1/risk/rules", auth.PermTicketRead, false, a.risk.HandleRules},
		{"PUT", "/api/v1/risk/rules/{kind}", auth.PermSettingsManage, false, a.riskSetRule()},
		{"POST", "/api/v1/risk/demo", auth.PermSettingsManage, false, a.handleRiskDemo},

		{"GET", "/api/v1/qa/scorecard", auth.PermQAReview, false, a.qa.HandleScorecard},
		{"GET", "/api/v1/qa/sessions", auth.PermQAReview, false, a.qa.HandleListSessions},
		{"POST", "/api/v1/qa/sessions", auth.PermQAReview, true, a.qa.HandleCreateSession},
		{"GET", "/api/v1/qa/sessions/{id}", auth.PermQAReview, false, a.qa.HandleGetSession},
		{"POST", "/api/v1/qa/sessions/{id}/reviews", auth.PermQAReview, true, a.qa.HandleAddReview},
		{"GET", "/api/v1/qa/sessions/{id}/calibration", auth.PermQAReview, false, a.qa.HandleCalibration},
		{"GET", "/api/v1/qa/disputes", auth.PermQAReview, false, a.qa.HandleDisputes},
		{"POST", "/api/v1/qa/reviews/{id}/resolve", auth.PermQAReview, false, a.qa.HandleResolve},
		{"GET", "/api/v1/me/qa/reviews", auth.PermQAOwn, false, a.qa.HandleMyReviews},
		{"POST", "/api/v1/qa/reviews/{id}/dispute", auth.PermQAOwn, false, a.qa.HandleDispute},
		{"GET", "/api/v1/tickets/{id}/feedback", auth.PermTicketRead, false, a.feedback.HandleList},
		{"POST", "/api/v1/tickets/{id}/feedback", auth.PermFeedbackTag, true, a.feedback.HandleTag},
		{"GET", "/api/v1/feedback/report", auth.PermFeedbackReport, false, a.feedback.HandleReport},
		{"GET", "/api/v1/feedback/export/{area}", auth.PermFeedbackReport, false, a.feedback.HandleExport},
		{"GET", "/api/v1/fraud/flagged", auth.PermFraudList, false, a.fraudHTTP.HandleFlaggedList},
		{"GET", "/api/v1/fraud/clusters", auth.PermFraudInvestigate, false, a.fraudHTTP.HandleClusters},
		{"GET", "/api/v1/fraud/entities/{id}", auth.PermFraudInvestigate, false, a.fraudHTTP.HandleEntity},
		{"POST", "/api/v1/fraud/entities/{id}/flag", auth.PermFraudInvestigate, false, a.fraudHTTP.HandleFlag},
		{"POST", "/api/v1/fraud/entities/{id}/dismiss", auth.PermFraudInvestigate, false, a.fraudHTTP.HandleDismiss},
		{"POST", "/api/v1/fraud/entities/{id}/unflag", auth.PermFraudInvestigate, false, a.fraudHTTP.HandleUnflag},
		{"POST", "/api/v1/fraud/allowed", auth.PermFraudInvestigate, false, a.fraudHTTP.HandleAllow},
		{"GET", "/api/v1/fraud/settings", auth.PermFraudInvestigate, false, a.fraudHTTP.HandleGetSettings},
		{"PUT", "/api/v1/fraud/settings", auth.PermSettingsManage, false, a.fraudHTTP.HandlePutSettings},
		{"GET", "/api/v1/academy/courses", auth.PermAcademyTrain, false, a.academy.HandleCourses},
		{"POST", "/api/v1/academy/courses", auth.PermAcademyManage, true, a.academy.HandleCreateCourse},
		{"GET", "/api/v1/academy/courses/{id}", auth.PermAcademyTrain, false, a.academy.HandleCourse},
		{"PUT", "/api/v1/academy/courses/{id}", auth.PermAcademyManage, false, a.academy.HandleUpdateCourse},
		{"POST", "/api/v1/academy/courses/{id}/attempts", auth.PermAcademyTrain, false, a.academy.HandleStart},
		{"POST", "/api/v1/academy/attempts/{id}/answers", auth.PermAcademyTrain, false, a.academy.HandleSubmit},
		{"GET", "/api/v1/academy/certifications", auth.PermAcademyTrain, false, a.academy.HandleCertifications},
		{"POST", "/api/v1/academy/certifications", auth.PermAcademyManage, true, a.academy.HandleCreateCertification},
		{"PUT", "/api/v1/academy/certifications/{id}", auth.PermAcademyManage, false, a.academy.HandleUpdateCertification},
		{"POST", "/api/v1/academy/certifications/{id}/versions", auth.PermAcademyManage, false, a.academy.HandleNewVersion},
		{"GET", "/api/v1/academy/matrix", auth.PermAcademyManage, false, a.academy.HandleMatrix},
		{"GET", "/api/v1/me/training", auth.PermAcademyTrain, false, a.academy.HandleMyTraining},

		{"GET", "/api/v1/openapi.json", web.Public, false, handleOpenAPI},
	}
}

// An idempotent route's handler writes what lasts only through the
// request's transaction (the store calls it makes with the request's
// context): when PostgreSQL aborts that transaction for a deadlock, the
// handler runs again in a new one (store.DB.TxRetry), so whatever else it
// does (a live signal, a cache refresh) must bear running twice.

// claimedAtCommit are the idempotent routes whose handlers write nothing
// outside the request's transaction (no call to the exchange, no mail), so
// that a duplicate may run them and roll back: their Idempotency-Key is
// stored with the commit, not claimed first (idempotency.go). They are the
// intake's routes, where a claim's round trip and row were a fifth of a
// keyed message's statements. Each handler's one store call is the last
// work of the transaction, so it may send its writes with the commit
// (store.Ending): a keyed customer message takes two round trips.
var claimedAtCommit = map[string]bool{
	"POST /api/v1/tickets":                        true,
	"POST /api/v1/tickets/{id}/messages":          true,
	"POST /api/v1/tickets/{id}/customer-messages": true,
	"POST /api/v1/tickets/{id}/notes":             true,
}

// routes builds the server's handler from the route table, pages and probes.
func (a *App) routes() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range a.APIRoutes() {
		h := rt.Handler
		if rt.Idempotent {
			h = a.idempotent(h, claimedAtCommit[rt.Method+" "+rt.Path])
		}
		if rt.Perm != web.Public {
			h = a.guard(rt.Perm, h)
		}
		pattern := rt.Method + " " + rt.Path
		mux.Handle(pattern, a.observe(pattern, a.serve(h)))
	}
	for _, p := range a.pageRoutes() {
		mux.Handle(p.pattern, a.observe(p.pattern, p.handler))
	}
	// The exchange's signed risk events, and the customers' disable page.
	mux.Handle("POST "+risk.EventsPath, a.observe("POST "+risk.EventsPath, a.serve(a.risk.HandleEvents)))
	mux.Handle("GET "+chat.Path, a.observe("GET "+chat.Path, http.HandlerFunc(a.chat.HandleSocket)))
	mux.Handle("POST "+chat.UploadPath, a.observe("POST "+chat.UploadPath, http.HandlerFunc(a.chat.HandleUpload)))
	mux.Handle("OPTIONS "+chat.UploadPath, a.observe("OPTIONS "+chat.UploadPath, http.HandlerFunc(a.chat.HandleUploadPreflight)))
	mux.Handle("GET /healthz", a.observe("GET /healthz", http.HandlerFunc(a.handleHealth)))
	mux.Handle("GET /readyz", a.observe("GET /readyz", http.HandlerFunc(a.handleReady)))
	if a.cfg.MetricsAddr == "" {
		mux.Handle("GET /metrics", a.metricsGate(false))
	}
	// Any other address gets the styled not-found page, not the router's bare text.
	mux.Handle("/", a.observe("/", http.HandlerFunc(a.workspace.NotFound)))
	mux.Handle("/api/", a.observe("/api/", a.serve(func(w http.ResponseWriter, r *http.Request) error {
		return errNoRoute(r)
	})))
	return mux
}

// serve turns a web.Handler into an http.Handler that writes its error.
func (a *App) serve(h web.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			web.WriteError(w, r, a.log, err)
		}
	})
}

package workspace

import (
	"context"
	"net/http"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/exchange"
	"github.com/groundcrew/groundcrew/internal/risk"
)

// The risk page (/admin/risk): the security specialists' queue of
// proactive cases (alerts answered with "This wasn't me", and critical
// alerts of the week), the rules that turn risk events into alerts, and,
// in the demo, a button that fires the sandbox's risk events for a demo
// customer. The ticket page's risk card is internal/risk's own
// (Deps.TicketPanels).

// RiskDesk is internal/risk's service (*risk.Service).
type RiskDesk interface {
	Rules(ctx context.Context) ([]risk.Rule, error)
	SetRule(ctx context.Context, r risk.Rule, by string) (risk.Rule, error)
	Cases(ctx context.Context, limit int) ([]risk.Outreach, error)
}

// RiskDemo fires the sandbox's demo risk events for a demo customer; nil
// outside the demo. DemoUsers are whom it may fire them for.
type RiskDemo struct {
	Fire      func(ctx context.Context, userID string) (risk.Accepted, error)
	DemoUsers []DemoUser
}

// DemoUser is a demo customer, by exchange user id and name.
type DemoUser struct{ ID, Name string }

func init() {
	pageNames = append(pageNames, "risk")
	adminLinks = append(adminLinks, adminLink{"/admin/risk", "Risk alerts", auth.PermTicketReadAll, false})
	notices["risk-rule"] = "The rule is saved; it applies to the next events."
	notices["risk-fired"] = "The sandbox sent the demo risk events; the customer's alert is on its way."
}

// riskRoutes are the risk page's routes; none without the service.
func (ws *Workspace) riskRoutes() []Route {
	if ws.Admin.Risk == nil {
		return nil
	}
	return []Route{
		{"GET", "/admin/risk", auth.PermTicketRead, 0, ws.riskAdmin},
		{"POST", "/admin/risk/rules/{kind}", auth.PermSettingsManage, formMax, ws.riskSetRule},
		{"POST", "/admin/risk/demo", auth.PermSettingsManage, formMax, ws.riskFire},
	}
}

// riskAdmin: GET /admin/risk.
func (ws *Workspace) riskAdmin(w http.ResponseWriter, r *http.Request) {
	ws.renderRisk(w, r, http.StatusOK, adminPage(r, "Risk alerts", "/admin/risk"))
}

func (ws *Workspace) renderRisk(w http.ResponseWriter, r *http.Request, code int, data map[string]any) {
	pr := principal(r)
	rules, err := ws.Admin.Risk.Rules(r.Context())
	if err != nil {
		code = ws.failed(data, err)
	}
	data["Rules"], data["Severities"] = rules, risk.Severities
	data["CanManage"] = pr.Can(auth.PermSettingsManage)
	if data["CanCases"] = pr.Can(auth.PermTicketReadAll); pr.Can(auth.PermTicketReadAll) {
		cases, err := ws.Admin.Risk.Cases(r.Context(), 100)
		if err != nil {
			code = ws.failed(data, err)
		}
		data["Cases"] = cases
	}
	if ws.Admin.RiskDemo.Fire != nil && pr.Can(auth.PermSettingsManage) {
		data["DemoUsers"] = ws.Admin.RiskDemo.DemoUsers
	}
	ws.render(w, code, "risk", data)
}

// riskSetRule: POST /admin/risk/rules/{kind}, as PUT /api/v1/risk/rules/{kind}.
func (ws *Workspace) riskSetRule(w http.ResponseWriter, r *http.Request) {
	rule := risk.Rule{Kind: exchange.RiskKind(r.PathValue("kind")), Notify: r.PostFormValue("notify") == "on",
		Email: r.PostFormValue("email") == "on", Telegram: r.PostFormValue("telegram") == "on", Severity: r.PostFormValue("severity")}
	if _, err := ws.Admin.Risk.SetRule(r.Context(), rule, principal(r).Agent.Name); err != nil {
		data := adminPage(r, "Risk alerts", "/admin/risk")
		ws.renderRisk(w, r, ws.failed(data, err), data)
		return
	}
	done(w, r, "/admin/risk", "risk-rule")
}

// riskFire: POST /admin/risk/demo, as POST /api/v1/risk/demo.
func (ws *Workspace) riskFire(w http.ResponseWriter, r *http.Request) {
	if ws.Admin.RiskDemo.Fire == nil {
		http.NotFound(w, r)
		return
	}
	if _, err := ws.Admin.RiskDemo.Fire(r.Context(), r.PostFormValue("user_id")); err != nil {
		data := adminPage(r, "Risk alerts", "/admin/risk")
		ws.renderRisk(w, r, ws.failed(data, err), data)
		return
	}
	done(w, r, "/admin/risk", "risk-fired")
}

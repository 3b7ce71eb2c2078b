package workspace

import (
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/web"
)

// adminLink is one page of the administration's sub-navigation.
type adminLink struct {
	Path, Label string
	Perm        auth.Perm
	On          bool
}

var adminLinks = []adminLink{
	{"/admin/agents", "Agents", auth.PermAgentRead, false},
	{"/admin/teams", "Teams", auth.PermTeamRead, false},
	{"/admin/macros", "Macros", auth.PermMacroManage, false},
	{"/admin/kb", "Knowledge base", auth.PermMacroManage, false},
	{"/admin/channels", "Official channels", auth.PermChannelsManage, false},
	{"/admin/telegram-phone", "Telegram and phone", auth.PermSettingsManage, false},
	{"/admin/form", "Ticket form", auth.PermSettingsManage, false},
	{"/admin/sla", "SLA", auth.PermSettingsManage, false},
	{"/admin/automation", "Automation", auth.PermSettingsManage, false},
	{"/admin/audit", "Audit log", auth.PermAuditRead, false},
	{"/admin/encryption", "Encryption", auth.PermSettingsManage, false},
	{"/admin/email", "E-mail", auth.PermSettingsManage, false},
	{"/admin/webhooks", "Webhooks", auth.PermWebhookManage, false},
}

// AdminNav is the admin sub-navigation for pages other packages own
// (internal/webhook's), for the layout's AdminNav.
func AdminNav(pr auth.Principal, current string) any { return adminNav(pr, current) }

// adminNav is the sub-navigation the agent may follow, with the current
// page marked.
func adminNav(pr auth.Principal, current string) []adminLink {
	var out []adminLink
	for _, l := range adminLinks {
		if pr.Can(l.Perm) {
			l.On = l.Path == current
			out = append(out, l)
		}
	}
	return out
}

// adminPage is an admin page's data: the agent's, with the sub-navigation.
func adminPage(r *http.Request, title, current string) map[string]any {
	pr := principal(r)
	data := agentPage(pr, title)
	data["AdminNav"], data["Notice"], data["Errors"] = adminNav(pr, current), notice(r), map[string]string{}
	return data
}

// adminHome: GET /admin, the first admin page the agent may open.
func (ws *Workspace) adminHome(w http.ResponseWriter, r *http.Request) {
	nav := adminNav(principal(r), "")
	if len(nav) == 0 {
		data := agentPage(principal(r), "Not for your role")
		data["Heading"], data["Message"] = "Not for your role", "Your role has no administration pages."
		ws.forbidden(w, data)
		return
	}
	http.Redirect(w, r, nav[0].Path, http.StatusSeeOther)
}

// auditLog: GET /admin/audit, the log newest first, filtered, in pages;
// with ?verify=1 it walks the hash chains first and says whether the log
// is intact.
func (ws *Workspace) auditLog(w http.ResponseWriter, r *http.Request) {
	data := adminPage(r, "Audit log", "/admin/audit")
	q := r.URL.Query()
	f := audit.Filter{ActorKind: q.Get("actor_kind"), ActorID: strings.TrimSpace(q.Get("actor_id")),
		Action: strings.TrimSpace(q.Get("action")), TargetKind: strings.TrimSpace(q.Get("target_kind")), TargetID: strings.TrimSpace(q.Get("target_id"))}
	data["Filter"], data["ActorKinds"] = f, []string{"agent", "customer", "system", "api"}
	status := http.StatusOK
	if q.Get("verify") == "1" {
		rep, err := ws.Admin.Audit.Verify(r.Context())
		if err != nil {
			status = ws.failed(data, err)
		} else {
			data["Report"] = rep
		}
	}
	page, err := web.PageFrom(r, 50, audit.MaxLimit)
	if err == nil {
		var es []audit.Entry
		var next int64
		es, next, err = ws.Admin.Audit.List(r.Context(), f, page)
		if err == nil {
			data["Entries"], err = ws.auditRows(r, es)
		}
		if next != 0 {
			data["Next"] = template.URL("/admin/audit?" + auditQuery(f, next, page.Limit)) // built by url.Values
		}
	}
	if err != nil {
		status = ws.failed(data, err)
	}
	ws.render(w, status, "audit", data)
}

// auditQuery is the query string of the next page under the same filter.
func auditQuery(f audit.Filter, cursor int64, limit int) string {
	v := url.Values{}
	for k, s := range map[string]string{"actor_kind": f.ActorKind, "actor_id": f.ActorID, "action": f.Action,
		"target_kind": f.TargetKind, "target_id": f.TargetID} {
		if s != "" {
			v.Set(k, s)
		}
	}
	v.Set("cursor", strconv.FormatInt(cursor, 10))
	if limit != 50 {
		v.Set("limit", strconv.Itoa(limit))
	}
	return v.Encode()
}

// auditRow is an audit entry as the page shows it: agents by name (and,
// for an admin, e-mail) beside the id the entry stores.
type auditRow struct {
	audit.Entry
	Actor, Target agentLabel
}

// agentLabel names an agent of the log; zero when the party is no agent
// or one no longer known.
type agentLabel struct {
	Name, Email string
}

// auditRows labels the agents es names, actors and targets, from one
// read of the agent list.
func (ws *Workspace) auditRows(r *http.Request, es []audit.Entry) ([]auditRow, error) {
	rows := make([]auditRow, len(es))
	var byID map[string]auth.Agent
	admin := principal(r).Agent.Role == auth.Admin
	for i, e := range es {
		rows[i].Entry = e
		if e.ActorKind != "agent" && e.TargetKind != "agent" {
			continue
		}
		if byID == nil {
			agents, err := ws.Admin.People.Agents(r.Context())
			if err != nil {
				return nil, fmt.Errorf("audit log agents: %w", err)
			}
			byID = make(map[string]auth.Agent, len(agents))
			for _, a := range agents {
				byID[fmt.Sprint(a.ID)] = a
			}
		}
		label := func(kind, id string) agentLabel {
			a, ok := byID[id]
			if kind != "agent" || !ok {
				return agentLabel{}
			}
			l := agentLabel{Name: a.Name}
			if admin {
				l.Email = a.Email
			}
			return l
		}
		rows[i].Actor, rows[i].Target = label(e.ActorKind, e.ActorID), label(e.TargetKind, e.TargetID)
	}
	return rows, nil
}

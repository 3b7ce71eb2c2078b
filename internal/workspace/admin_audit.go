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
	"github.com/groundcrew/groundcrew/internal/guard"
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

// auditRow is an audit entry as the page shows it: who acted, and what it
// was done to, in words (an agent's or team's name, a channel's label and
// handle, a ticket's number) beside the kind and id the entry stores.
type auditRow struct {
	audit.Entry
	Actor agentLabel
	On    targetLabel
}

// agentLabel names an agent of the log; zero when the party is no agent
// or one no longer known.
type agentLabel struct {
	Name, Email string
}

// targetLabel says what an entry was done to: Kind in words ("Official
// channel"), and Name, Email and Href when the thing is known.
type targetLabel struct {
	Kind, Name, Email string
	Href              template.URL
	Named             bool // Name is the id in words: no "id" beside it
}

// auditNames are the names auditRows looks up, each list read once a page
// and only when an entry needs it.
type auditNames struct {
	ws       *Workspace
	r        *http.Request
	admin    bool
	agents   map[string]auth.Agent
	teams    map[string]string
	channels map[string]guard.Channel
}

// auditRows labels the parties es names.
func (ws *Workspace) auditRows(r *http.Request, es []audit.Entry) ([]auditRow, error) {
	n := &auditNames{ws: ws, r: r, admin: principal(r).Agent.Role == auth.Admin}
	rows := make([]auditRow, len(es))
	for i, e := range es {
		rows[i].Entry = e
		if e.ActorKind == "agent" {
			a, err := n.agent(e.ActorID)
			if err != nil {
				return nil, err
			}
			rows[i].Actor = a
		}
		on, err := n.target(e.TargetKind, e.TargetID)
		if err != nil {
			return nil, err
		}
		rows[i].On = on
	}
	return rows, nil
}

func (n *auditNames) agent(id string) (agentLabel, error) {
	if n.agents == nil {
		agents, err := n.ws.Admin.People.Agents(n.r.Context())
		if err != nil {
			return agentLabel{}, fmt.Errorf("audit log agents: %w", err)
		}
		n.agents = make(map[string]auth.Agent, len(agents))
		for _, a := range agents {
			n.agents[fmt.Sprint(a.ID)] = a
		}
	}
	a, ok := n.agents[id]
	if !ok {
		return agentLabel{}, nil
	}
	l := agentLabel{Name: a.Name}
	if n.admin {
		l.Email = a.Email
	}
	return l, nil
}

// target names what kind id is, as far as the page knows it.
func (n *auditNames) target(kind, id string) (targetLabel, error) {
	l := targetLabel{Kind: kindWords(kind)}
	switch kind {
	case "agent":
		a, err := n.agent(id)
		l.Name, l.Email = a.Name, a.Email
		return l, err
	case "ticket":
		if _, err := strconv.ParseInt(id, 10, 64); err == nil {
			l.Name, l.Href = "#"+id, template.URL("/tickets/"+id)
		}
	case "team":
		if n.teams == nil {
			teams, err := n.ws.Admin.People.Teams(n.r.Context())
			if err != nil {
				return l, fmt.Errorf("audit log teams: %w", err)
			}
			n.teams = make(map[string]string, len(teams))
			for _, t := range teams {
				n.teams[fmt.Sprint(t.ID)] = t.Name
			}
		}
		l.Name = n.teams[id]
	case "settings":
		// A setting's key ("recovery_team") in words, as the kinds are;
		// the key itself is not shown again as an id.
		l.Name, l.Named = kindWords(id), true
	case "official_channel":
		if n.channels == nil && n.ws.Admin.Official != nil {
			chans, err := n.ws.Admin.Official.Channels(n.r.Context())
			if err != nil {
				return l, fmt.Errorf("audit log channels: %w", err)
			}
			n.channels = make(map[string]guard.Channel, len(chans))
			for _, c := range chans {
				n.channels[fmt.Sprint(c.ID)] = c
			}
		}
		if c, ok := n.channels[id]; ok {
			l.Name = strings.TrimSpace(c.Label + " " + c.Value)
		}
	}
	return l, nil
}

// kindWords is a target kind as a person says it: "official_channel" is
// "Official channel".
func kindWords(kind string) string {
	if kind == "" {
		return ""
	}
	w := strings.ReplaceAll(kind, "_", " ")
	return strings.ToUpper(w[:1]) + w[1:]
}

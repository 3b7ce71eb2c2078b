package workspace

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

// The agents and teams pages: who works here, in which role and teams.
// Reading needs agent.read / team.read; changing needs the manage
// permissions, as in the API (/api/v1/agents, /api/v1/teams).

var agentFields = []string{"email", "name", "role", "password", "teams"}

// peoplePage is what the agents and teams pages start from.
func (ws *Workspace) peoplePage(r *http.Request, title, current string) map[string]any {
	pr := principal(r)
	data := adminPage(r, title, current)
	data["CanManageAgents"] = pr.Can(auth.PermAgentManage)
	data["CanManageTeams"] = pr.Can(auth.PermTeamManage)
	data["Roles"] = roleOptions()
	teams, err := ws.Admin.People.Teams(r.Context())
	if err != nil {
		data["Error"] = ws.pageError(err)
	}
	data["Teams"], data["TeamNames"] = teams, teamNames(teams)
	return data
}

func roleOptions() []option {
	out := make([]option, len(auth.Roles))
	for i, r := range auth.Roles {
		out[i] = option{string(r), r.Label()}
	}
	return out
}

func teamNames(ts []auth.Team) map[int64]string {
	m := make(map[int64]string, len(ts))
	for _, t := range ts {
		m[t.ID] = t.Name
	}
	return m
}

// agents: GET /admin/agents, every agent, and a form to add one.
func (ws *Workspace) agents(w http.ResponseWriter, r *http.Request) {
	ws.renderAgents(w, r, http.StatusOK, ws.peoplePage(r, "Agents", "/admin/agents"))
}

func (ws *Workspace) renderAgents(w http.ResponseWriter, r *http.Request, status int, data map[string]any) {
	as, err := ws.Admin.People.Agents(r.Context())
	if err == nil && principal(r).Can(auth.PermSettingsManage) {
		var p auth.TOTPPolicy
		p, err = ws.Admin.People.TOTPPolicy(r.Context())
		data["Policy"] = p
	}
	if err != nil {
		status = ws.failed(data, err)
	}
	data["Agents"] = as
	ws.render(w, status, "agents", data)
}

// formTeams reads the team checkboxes of a form.
func formTeams(r *http.Request) ([]int64, error) {
	_ = r.ParseForm()
	ids := []int64{}
	for _, s := range r.PostForm["teams"] {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			return nil, errs.Field("teams", "teams must be team ids")
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// createAgent: POST /admin/agents.
func (ws *Workspace) createAgent(w http.ResponseWriter, r *http.Request) {
	in := auth.NewAgent{Email: r.PostFormValue("email"), Name: r.PostFormValue("name"),
		Role: auth.Role(r.PostFormValue("role")), Password: r.PostFormValue("password")}
	teams, err := formTeams(r)
	if err == nil {
		in.Teams = teams
		var a auth.Agent
		if a, err = ws.Admin.People.CreateAgent(r.Context(), in); err == nil {
			done(w, r, "/admin/agents/"+strconv.FormatInt(a.ID, 10), "agent")
			return
		}
	}
	data := ws.peoplePage(r, "Agents", "/admin/agents")
	in.Password = ""
	data["Draft"] = in
	ws.renderAgents(w, r, ws.failed(data, err, agentFields...), data)
}

// agentPage: GET /admin/agents/{id}, one agent, editable by managers.
func (ws *Workspace) agentDetail(w http.ResponseWriter, r *http.Request) {
	ws.renderAgent(w, r, http.StatusOK, ws.peoplePage(r, "Agent", "/admin/agents"))
}

func (ws *Workspace) renderAgent(w http.ResponseWriter, r *http.Request, status int, data map[string]any) {
	id, err := web.PathID(r, "id")
	var a auth.Agent
	if err == nil {
		a, err = ws.Admin.People.Agent(r.Context(), id)
	}
	if err != nil {
		status = ws.failed(data, err)
	} else {
		data["Title"], data["Subject"] = a.Name, a
		data["Self"] = a.ID == principal(r).Agent.ID
	}
	ws.render(w, status, "agent", data)
}

// updateAgent: POST /admin/agents/{id}: name, role, teams and active.
func (ws *Workspace) updateAgent(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err != nil {
		http.NotFound(w, r)
		return
	}
	name, role := strings.TrimSpace(r.PostFormValue("name")), auth.Role(r.PostFormValue("role"))
	active := r.PostFormValue("active") == "1"
	u := auth.AgentUpdate{Name: &name, Role: &role, Active: &active}
	teams, err := formTeams(r)
	if err == nil {
		u.Teams = &teams
		err = ws.checkSelfUpdate(r, id, u)
	}
	if err == nil {
		_, err = ws.Admin.People.UpdateAgent(r.Context(), id, u)
	}
	if err != nil {
		data := ws.peoplePage(r, "Agent", "/admin/agents")
		ws.renderAgent(w, r, ws.failed(data, err, agentFields...), data)
		return
	}
	done(w, r, "/admin/agents/"+strconv.FormatInt(id, 10), "agent")
}

// checkSelfUpdate refuses what the API refuses: changing one's own role or
// switching oneself off (an admin could lock everyone out).
func (ws *Workspace) checkSelfUpdate(r *http.Request, id int64, u auth.AgentUpdate) error {
	me := principal(r).Agent
	if id != me.ID {
		return nil
	}
	if (u.Role != nil && *u.Role != me.Role) || (u.Active != nil && !*u.Active) {
		return errs.E(errs.Forbidden, "you cannot change your own role or deactivate yourself")
	}
	return nil
}

// teams: GET /admin/teams.
func (ws *Workspace) teams(w http.ResponseWriter, r *http.Request) {
	data := ws.peoplePage(r, "Teams", "/admin/teams")
	ws.renderTeams(w, http.StatusOK, data)
}

func (ws *Workspace) renderTeams(w http.ResponseWriter, status int, data map[string]any) {
	data["Areas"] = options(ticket.ProductAreas, areaLabels)
	langs := make([]string, 0, len(languageLabels))
	for l := range languageLabels {
		langs = append(langs, l)
	}
	slices.Sort(langs)
	data["Languages"] = options(langs, languageLabels)
	ws.render(w, status, "teams", data)
}

// createTeam: POST /admin/teams.
func (ws *Workspace) createTeam(w http.ResponseWriter, r *http.Request) {
	in := auth.NewTeam{Name: r.PostFormValue("name"), ProductArea: r.PostFormValue("product_area"), Language: r.PostFormValue("language")}
	t, err := ws.Admin.People.CreateTeam(r.Context(), in)
	if err != nil {
		data := ws.peoplePage(r, "Teams", "/admin/teams")
		data["Draft"] = in
		ws.renderTeams(w, ws.failed(data, err, "name", "product_area", "language"), data)
		return
	}
	done(w, r, "/admin/teams/"+strconv.FormatInt(t.ID, 10), "team")
}

// team: GET /admin/teams/{id}, a team and its members.
func (ws *Workspace) team(w http.ResponseWriter, r *http.Request) {
	data := ws.peoplePage(r, "Team", "/admin/teams")
	id, err := web.PathID(r, "id")
	var t auth.Team
	if err == nil {
		t, err = ws.Admin.People.Team(r.Context(), id)
	}
	var members []auth.Agent
	if err == nil {
		var all []auth.Agent
		all, err = ws.Admin.People.Agents(r.Context())
		for _, a := range all {
			if slices.Contains(t.Members, a.ID) {
				members = append(members, a)
			}
		}
	}
	status := http.StatusOK
	if err != nil {
		status = ws.failed(data, err)
	} else {
		data["Title"], data["Team"], data["Members"] = t.Name, t, members
	}
	ws.render(w, status, "team", data)
}

// setTOTPPolicy: POST /admin/totp-policy, which roles must sign in with a
// one-time code (settings.manage, as PUT /api/v1/admin/totp-policy).
func (ws *Workspace) setTOTPPolicy(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	p := auth.TOTPPolicy{All: r.PostFormValue("all") == "1", Roles: []auth.Role{}}
	for _, s := range r.PostForm["roles"] {
		p.Roles = append(p.Roles, auth.Role(s))
	}
	if _, err := ws.Admin.People.SetTOTPPolicy(r.Context(), p); err != nil {
		data := ws.peoplePage(r, "Agents", "/admin/agents")
		ws.renderAgents(w, r, ws.failed(data, err), data)
		return
	}
	done(w, r, "/admin/agents", "policy")
}

package workspace

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/web"
	"github.com/groundcrew/groundcrew/internal/workforce"
)

var shiftInputs = []string{"team_id", "agent_id", "kind", "starts_at", "ends_at", "week"}

// shiftTime is how the shift form writes times (an HTML datetime-local,
// read as UTC).
const shiftTime = "2006-01-02T15:04"

// shifts: GET /workforce/shifts?week=2026-03-02, each team's coverage in
// the week (hours with nobody on the queues highlighted), the shifts, the
// form to add one, and the quarter's manager rota.
func (ws *Workspace) shifts(w http.ResponseWriter, r *http.Request) {
	data := adminPage(r, "Shifts and rota", "/workforce/shifts")
	ws.renderShifts(w, r, http.StatusOK, data)
}

func (ws *Workspace) renderShifts(w http.ResponseWriter, r *http.Request, status int, data map[string]any) {
	ctx := r.Context()
	now := ws.Workforce.Now()
	week, err := workforce.ParseWeek(r.URL.Query().Get("week"), now)
	if err != nil {
		status, week = ws.failed(data, err), workforce.WeekStart(now)
	}
	cov, err := ws.Workforce.Coverage(ctx, week)
	if err != nil {
		status = ws.failed(data, err)
	}
	list, err := ws.Workforce.Shifts(ctx, week, week.AddDate(0, 0, 7), 0, 0)
	if err != nil {
		status = ws.failed(data, err)
	}
	rota, err := ws.Workforce.ManagerRota(ctx, now)
	if err != nil {
		status = ws.failed(data, err)
	}
	agents, err := ws.Admin.People.Agents(ctx)
	if err != nil {
		status = ws.failed(data, err)
	}
	teams, err := ws.Admin.People.Teams(ctx)
	if err != nil {
		status = ws.failed(data, err)
	}
	teamNames := map[int64]string{}
	for _, t := range teams {
		teamNames[t.ID] = t.Name
	}
	days := make([]string, 7)
	for d := range days {
		days[d] = week.AddDate(0, 0, d).Format("Mon 2 Jan")
	}
	if data["Shift"] == nil {
		start := week.Add(9 * time.Hour)
		data["Shift"] = map[string]string{"starts_at": start.Format(shiftTime), "ends_at": start.Add(8 * time.Hour).Format(shiftTime), "kind": workforce.KindShift}
	}
	data["Week"], data["Prev"], data["Next"] = week.Format(time.DateOnly), week.AddDate(0, 0, -7).Format(time.DateOnly), week.AddDate(0, 0, 7).Format(time.DateOnly)
	data["Coverage"], data["ShiftList"], data["Rota"], data["Quarter"] = cov, list, rota, workforce.QuarterName(now)
	data["Agents"], data["Teams"], data["TeamNames"], data["Days"], data["Hours"] = agents, teams, teamNames, days, hoursOfDay
	data["Kinds"], data["CanManage"] = workforce.ShiftKinds, principal(r).Can(auth.PermTeamManage)
	data["FullDay"], data["MinExtra"], data["MaxExtra"] = workforce.FullDayHours, workforce.MinExtraHours, workforce.MaxExtraHours
	ws.render(w, status, "shifts", data)
}

var hoursOfDay = func() []int {
	h := make([]int, 24)
	for i := range h {
		h[i] = i
	}
	return h
}()

// addShift: POST /workforce/shifts.
func (ws *Workspace) addShift(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	f := r.PostFormValue
	sh := workforce.Shift{Kind: f("kind")}
	var err error
	if sh.TeamID, err = strconv.ParseInt(f("team_id"), 10, 64); err != nil {
		err = errs.Field("team_id", "choose a team")
	} else if sh.AgentID, err = strconv.ParseInt(f("agent_id"), 10, 64); err != nil {
		err = errs.Field("agent_id", "choose an agent")
	} else if sh.StartsAt, err = time.Parse(shiftTime, f("starts_at")); err != nil {
		err = errs.Field("starts_at", "the start is a date and time such as 2026-03-02T09:00")
	} else if sh.EndsAt, err = time.Parse(shiftTime, f("ends_at")); err != nil {
		err = errs.Field("ends_at", "the end is a date and time such as 2026-03-02T17:00")
	}
	if err == nil {
		_, err = ws.Workforce.AddShift(r.Context(), sh, principal(r).Agent.ID)
	}
	week := workforce.WeekStart(sh.StartsAt).Format(time.DateOnly)
	if err != nil {
		data := adminPage(r, "Shifts and rota", "/workforce/shifts")
		data["Shift"] = map[string]string{"team_id": f("team_id"), "agent_id": f("agent_id"), "kind": f("kind"), "starts_at": f("starts_at"), "ends_at": f("ends_at")}
		ws.renderShifts(w, r, ws.failed(data, err, shiftInputs...), data)
		return
	}
	http.Redirect(w, r, "/workforce/shifts?week="+week+"&done=shift", http.StatusSeeOther)
}

// removeShift: POST /workforce/shifts/{id}/remove.
func (ws *Workspace) removeShift(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err == nil {
		err = ws.Workforce.RemoveShift(r.Context(), id)
	}
	if err != nil {
		data := adminPage(r, "Shifts and rota", "/workforce/shifts")
		ws.renderShifts(w, r, ws.failed(data, err), data)
		return
	}
	done(w, r, "/workforce/shifts", "shift-off")
}

// myWorkload: GET /workforce/me, the agent's own workload page.
func (ws *Workspace) myWorkload(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, fmt.Sprintf("/workforce/agents/%d", principal(r).Agent.ID), http.StatusSeeOther)
}

// alertsPageSize is how many alerts the alerts page lists.
const alertsPageSize = 100

// myAlerts: GET /workforce/alerts, the alerts of the last week addressed
// to the agent (their role, their teams, a team while they were its
// on-call), newest first.
func (ws *Workspace) myAlerts(w http.ResponseWriter, r *http.Request) {
	data := adminPage(r, "My alerts", "/workforce/alerts")
	status := http.StatusOK
	list, err := ws.Workforce.AlertsFor(r.Context(), principal(r).Agent, alertsPageSize)
	if err != nil {
		status = ws.failed(data, err)
	}
	data["Alerts"] = list
	ws.render(w, status, "alerts", data)
}

// workload: GET /workforce/agents/{id}, an agent's load and handle time,
// for the agent and their supervisor.
func (ws *Workspace) workload(w http.ResponseWriter, r *http.Request) {
	data := adminPage(r, "Workload", "/workforce/me")
	status := http.StatusOK
	id, err := web.PathID(r, "id")
	if err == nil {
		err = workforce.CanSeeWorkload(principal(r), id)
	}
	if err == nil {
		var wl workforce.Workload
		if wl, err = ws.Workforce.Workload(r.Context(), id); err == nil {
			data["Load"], data["Own"] = wl, id == principal(r).Agent.ID
			data["Median"], data["Mean"] = humanSeconds(wl.HandleMedian), humanSeconds(wl.HandleMean)
		}
	}
	if err != nil {
		status = ws.failed(data, err)
	}
	ws.render(w, status, "workload", data)
}

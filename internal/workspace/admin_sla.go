package workspace

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/sla"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

// The SLA page: policies and calendars (/api/v1/sla/...), and the ticket
// page's SLA panel (/api/v1/tickets/{id}/sla).

// SLA is the SLA service (sla.Service).
type SLA interface {
	Policies(ctx context.Context) ([]sla.Policy, error)
	SavePolicy(ctx context.Context, p sla.Policy) (sla.Policy, error)
	DeletePolicy(ctx context.Context, id int64) error
	Calendars(ctx context.Context) ([]sla.Calendar, error)
	SaveCalendar(ctx context.Context, c sla.Calendar) (sla.Calendar, error)
	DeleteCalendar(ctx context.Context, id int64) error
	Ticket(ctx context.Context, id int64) (sla.TicketSLA, error)
}

func init() {
	pageNames = append(pageNames, "sla")
	notices["sla-policy"] = "The policy is saved. New tickets follow it; open ones when their priority, product area, tags, team or tier next change."
	notices["sla-policy-off"] = "The policy is removed."
	notices["sla-calendar"] = "The calendar is saved."
	notices["sla-calendar-off"] = "The calendar is removed."
}

var policyInputs = []string{"name", "priority", "product_area", "tier", "channel", "segment", "first_response_minutes", "next_response_minutes", "resolution_minutes", "target", "warn_percent", "calendar_id"}
var calendarInputs = []string{"name", "time_zone", "hours", "holidays", "team_ids"}

var targetLabels = map[sla.Target]string{sla.FirstResponse: "First response", sla.NextResponse: "Next response", sla.Resolution: "Resolution"}

// policyDraft is a policy as its form shows it, targets as typed.
type policyDraft struct {
	sla.Policy
	First, Next, Resolve string
	Cal                  int64 // the calendar picked, 0 for none
}

func draftOf(p sla.Policy) policyDraft {
	var cal int64
	if p.CalendarID != nil {
		cal = *p.CalendarID
	}
	return policyDraft{Cal: cal, Policy: p, First: sla.FormatMinutes(p.FirstResponseMinutes), Next: sla.FormatMinutes(p.NextResponseMinutes), Resolve: sla.FormatMinutes(p.ResolutionMinutes)}
}

// slaAdmin: GET /admin/sla, with ?policy=<id> or ?calendar=<id> to edit one.
func (ws *Workspace) slaAdmin(w http.ResponseWriter, r *http.Request) {
	data := adminPage(r, "SLA", "/admin/sla")
	ws.renderSLA(w, r, http.StatusOK, data)
}

func (ws *Workspace) renderSLA(w http.ResponseWriter, r *http.Request, status int, data map[string]any) {
	ctx := r.Context()
	ps, err := ws.Admin.SLA.Policies(ctx)
	if err != nil {
		status = ws.failed(data, err)
	}
	cals, err := ws.Admin.SLA.Calendars(ctx)
	if err != nil {
		status = ws.failed(data, err)
	}
	teams, err := ws.Admin.People.Teams(ctx)
	if err != nil {
		status = ws.failed(data, err)
	}
	drafts := make([]policyDraft, len(ps))
	for i, p := range ps {
		drafts[i] = draftOf(p)
		if strconv.FormatInt(p.ID, 10) == r.URL.Query().Get("policy") && data["Policy"] == nil {
			data["Policy"], data["EditingPolicy"] = drafts[i], true
		}
	}
	for _, c := range cals {
		if strconv.FormatInt(c.ID, 10) == r.URL.Query().Get("calendar") && data["Calendar"] == nil {
			data["Calendar"], data["EditingCalendar"] = c, true
		}
	}
	if data["Policy"] == nil {
		data["Policy"] = policyDraft{Policy: sla.Policy{WarnPercent: 80}}
	}
	if data["Calendar"] == nil {
		data["Calendar"] = sla.Calendar{TimeZone: "UTC", Hours: "mon-fri 09:00-18:00"}
	}
	calNames := map[int64]string{}
	for _, c := range cals {
		calNames[c.ID] = c.Name
	}
	teamNames := map[int64]string{}
	for _, t := range teams {
		teamNames[t.ID] = t.Name
	}
	data["Policies"], data["Calendars"], data["Teams"], data["CalendarNames"], data["TeamNames"] = drafts, cals, teams, calNames, teamNames
	data["Priorities"], data["Areas"], data["Channels"] = ticket.Priorities, options(ticket.ProductAreas, areaLabels), ticket.Channels
	data["Tiers"] = []int{1, 2, 3}
	ws.render(w, status, "sla", data)
}

// policyFrom reads a policy from the page's form; a target that does not
// parse is refused with its field named.
func policyFrom(r *http.Request) (policyDraft, error) {
	_ = r.ParseForm()
	f := r.PostFormValue
	d := policyDraft{Policy: sla.Policy{Name: f("name"), Priority: f("priority"), ProductArea: f("product_area"), Channel: f("channel"), Segment: f("segment")},
		First: f("first_response"), Next: f("next_response"), Resolve: f("resolution")}
	d.ID, _ = strconv.ParseInt(f("id"), 10, 64)
	d.Tier, _ = strconv.Atoi(f("tier"))
	d.WarnPercent, _ = strconv.Atoi(f("warn_percent"))
	d.RunWhilePending = f("run_while_pending") != ""
	if id, err := strconv.ParseInt(f("calendar_id"), 10, 64); err == nil && id > 0 {
		d.CalendarID, d.Cal = &id, id
	}
	for _, t := range []struct {
		text  string
		field string
		dst   *int
	}{{d.First, "first_response_minutes", &d.FirstResponseMinutes}, {d.Next, "next_response_minutes", &d.NextResponseMinutes}, {d.Resolve, "resolution_minutes", &d.ResolutionMinutes}} {
		m, err := sla.ParseMinutes(t.text)
		if err != nil {
			return d, errs.Field(t.field, "%s", strings.TrimPrefix(err.Error(), "target: "))
		}
		*t.dst = m
	}
	return d, nil
}

// saveSLAPolicy: POST /admin/sla/policies, adds a policy or (with id)
// replaces one.
func (ws *Workspace) saveSLAPolicy(w http.ResponseWriter, r *http.Request) {
	d, err := policyFrom(r)
	if err == nil {
		_, err = ws.Admin.SLA.SavePolicy(r.Context(), d.Policy)
	}
	if err != nil {
		data := adminPage(r, "SLA", "/admin/sla")
		data["Policy"], data["EditingPolicy"] = d, d.ID > 0
		ws.renderSLA(w, r, ws.failed(data, err, policyInputs...), data)
		return
	}
	done(w, r, "/admin/sla", "sla-policy")
}

// removeSLAPolicy: POST /admin/sla/policies/{id}/remove.
func (ws *Workspace) removeSLAPolicy(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err == nil {
		err = ws.Admin.SLA.DeletePolicy(r.Context(), id)
	}
	if err != nil {
		data := adminPage(r, "SLA", "/admin/sla")
		ws.renderSLA(w, r, ws.failed(data, err), data)
		return
	}
	done(w, r, "/admin/sla", "sla-policy-off")
}

// saveSLACalendar: POST /admin/sla/calendars.
func (ws *Workspace) saveSLACalendar(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	c := sla.Calendar{Name: r.PostFormValue("name"), TimeZone: r.PostFormValue("time_zone"), Hours: r.PostFormValue("hours"), Holidays: r.PostFormValue("holidays")}
	c.ID, _ = strconv.ParseInt(r.PostFormValue("id"), 10, 64)
	var err error
	for _, t := range r.PostForm["team_ids"] {
		id, perr := strconv.ParseInt(t, 10, 64)
		if perr != nil {
			err = errs.Field("team_ids", "%q is not a team", t)
		}
		c.Teams = append(c.Teams, id)
	}
	if err == nil {
		_, err = ws.Admin.SLA.SaveCalendar(r.Context(), c)
	}
	if err != nil {
		data := adminPage(r, "SLA", "/admin/sla")
		data["Calendar"], data["EditingCalendar"] = c, c.ID > 0
		ws.renderSLA(w, r, ws.failed(data, err, calendarInputs...), data)
		return
	}
	done(w, r, "/admin/sla", "sla-calendar")
}

// removeSLACalendar: POST /admin/sla/calendars/{id}/remove.
func (ws *Workspace) removeSLACalendar(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err == nil {
		err = ws.Admin.SLA.DeleteCalendar(r.Context(), id)
	}
	if err != nil {
		data := adminPage(r, "SLA", "/admin/sla")
		ws.renderSLA(w, r, ws.failed(data, err), data)
		return
	}
	done(w, r, "/admin/sla", "sla-calendar-off")
}

// slaRow is one target as the ticket page's SLA panel shows it.
type slaRow struct {
	sla.TimerView
	Label, Left string
}

// slaPanel adds the ticket's SLA targets to the ticket page.
func (ws *Workspace) slaPanel(r *http.Request, t ticket.Ticket, data map[string]any) {
	if ws.Admin.SLA == nil {
		return
	}
	v, err := ws.Admin.SLA.Ticket(r.Context(), t.ID)
	if err != nil {
		ws.Log.Warn("workspace: sla panel", "ticket", t.ID, "err", err)
		return
	}
	rows := make([]slaRow, len(v.Timers))
	for i, tv := range v.Timers {
		rows[i] = slaRow{TimerView: tv, Label: targetLabels[tv.Target]}
		if tv.Remaining != nil {
			rows[i].Left = humanSeconds(*tv.Remaining)
		}
	}
	data["SLA"], data["PromisedBy"] = rows, v.PromisedBy
}

// humanSeconds writes a duration in the largest two units: "3h 20m",
// "2d 4h", "45m"; negative as "… over".
func humanSeconds(s int64) string {
	over := s < 0
	if over {
		s = -s
	}
	d, h, m := s/86400, s%86400/3600, s%3600/60
	var out string
	switch {
	case d > 0:
		out = strconv.FormatInt(d, 10) + "d " + strconv.FormatInt(h, 10) + "h"
	case h > 0:
		out = strconv.FormatInt(h, 10) + "h " + strconv.FormatInt(m, 10) + "m"
	default:
		out = strconv.FormatInt(m, 10) + "m"
	}
	if over {
		return out + " over"
	}
	return out
}

package metrics

import (
	"context"
	"embed"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"time"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/web"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

// Static holds the dashboards' stylesheet and script, for web.NewAssets.
var Static = staticFiles

// NewHTTP parses the pages against the shared layout.
func NewHTTP(s *Service, assets *web.Assets, redact Redactor, names Namer) (*HTTP, error) {
	funcs := template.FuncMap{"dimName": func(d Dim) string { return dimNames[d] }}
	r, err := web.NewRenderer(s.log, assets, templateFiles, funcs, "dashboard", "wallboard", "survey")
	if err != nil {
		return nil, err
	}
	return &HTTP{Service: s, Redact: redact, Names: names, pages: r}, nil
}

// PageRoutes are the dashboards, the wallboard and the survey page.
func (h *HTTP) PageRoutes() []web.PageRoute {
	return []web.PageRoute{
		web.Get("/dashboards", auth.PermTeamManage, h.overview),
		web.Get("/dashboards/teams/{id}", auth.PermTeamManage, h.teamPage),
		web.Get("/dashboards/agents/{id}", auth.PermSelf, h.agentPage),
		web.Get("/dashboards/me", auth.PermSelf, h.myPage),
		web.Post("/dashboards/settings", auth.PermSettingsManage, h.settingsForm),
		web.Get("/wallboard", auth.PermTeamRead, h.wallboard),
		web.Get("/survey/{token}", web.Public, h.surveyPage),
		web.Post("/survey/{token}", web.Public, h.surveyPost),
	}
}

// scope is the slice a dashboard shows.
type scope struct {
	Dim   Dim
	Key   string
	Title string
	Base  string // the page's path, for the period links
}

func (h *HTTP) overview(w http.ResponseWriter, r *http.Request) {
	h.dashboard(w, r, scope{Dim: DimAll, Title: "Service overview", Base: "/dashboards"})
}

func (h *HTTP) teamPage(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		h.fail(w, r, errs.E(errs.NotFound, "no team %q", r.PathValue("id")))
		return
	}
	key := strconv.FormatInt(id, 10)
	h.dashboard(w, r, scope{Dim: DimTeam, Key: key, Title: "Team: " + h.label(r.Context(), DimTeam, key), Base: "/dashboards/teams/" + key})
}

func (h *HTTP) agentPage(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		h.fail(w, r, errs.E(errs.NotFound, "no agent %q", r.PathValue("id")))
		return
	}
	key := strconv.FormatInt(id, 10)
	if err := MaySee(principal(r), DimAgent, key); err != nil {
		h.fail(w, r, err)
		return
	}
	title := "Agent: " + h.label(r.Context(), DimAgent, key)
	if id == principal(r).Agent.ID {
		title = "My figures"
	}
	h.dashboard(w, r, scope{Dim: DimAgent, Key: key, Title: title, Base: "/dashboards/agents/" + key})
}

func (h *HTTP) myPage(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, "/dashboards/agents/"+strconv.FormatInt(principal(r).Agent.ID, 10), http.StatusSeeOther)
}

// page is what every page's data starts from (the layout's fields).
func page(r *http.Request, title string) map[string]any {
	pr := principal(r)
	return map[string]any{"Title": title, "Agent": pr.Agent, "CSRF": pr.CSRF}
}

func (h *HTTP) fail(w http.ResponseWriter, r *http.Request, err error) {
	data := page(r, "Dashboards")
	data["Error"] = h.pages.PageError(err)
	h.pages.Render(w, web.Status(err), "dashboard", data)
}

func (h *HTTP) dashboard(w http.ResponseWriter, r *http.Request, sc scope) {
	ctx := r.Context()
	q := r.URL.Query()
	p, key, err := h.periodOf(time.UnixMilli(h.db.Now()).UTC(), q.Get("period"), q.Get("from"), q.Get("to"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	data := page(r, sc.Title)
	data["Scope"], data["Period"], data["PeriodKey"], data["Choices"] = sc, p, key, periodChoices
	if sc.Dim == DimAll {
		o, err := h.Overview(ctx, p)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		data["Tiles"] = tiles(FiguresOf(o.Totals), o.Backlog, false)
		data["Charts"] = seriesCharts(o.Series, p.Step())
		var tables []table
		for _, d := range OverviewDims {
			tables = append(tables, table{Dim: d, Rows: h.tableRows(ctx, d, o.Breakdowns[d], 15)})
		}
		data["Tables"] = tables
		data["Areas"], data["Intents"], data["Alerts"] = h.driverRows(ctx, o.Areas), h.driverRows(ctx, o.Intents), h.alertRows(r, o.Alerts)
	} else if err := h.slice(r, sc, p, data); err != nil {
		h.fail(w, r, err)
		return
	}
	data["Export"] = "?from=" + p.From.Format(time.RFC3339) + "&to=" + p.To.Format(time.RFC3339)
	if pr := principal(r); pr.Can(auth.PermSettingsManage) && sc.Dim == DimAll {
		st, err := h.Settings(ctx)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		data["Settings"] = st
		data["Saved"] = q.Get("done") == "settings"
	}
	h.pages.Render(w, http.StatusOK, "dashboard", data)
}

// table is a breakdown table of a dashboard.
type table struct {
	Dim  Dim
	Rows []TableRow
}

// slice fills the dashboard of one team or agent: its figures, charts,
// backlog and, for a team, its agents.
func (h *HTTP) slice(r *http.Request, sc scope, p Period, data map[string]any) error {
	ctx := r.Context()
	c, err := h.Totals(ctx, sc.Dim, sc.Key, p)
	if err != nil {
		return err
	}
	backlog, err := h.backlogOf(ctx, sc.Dim, sc.Key)
	if err != nil {
		return err
	}
	data["Tiles"] = tiles(FiguresOf(c), backlog, sc.Dim == DimAgent)
	pts, err := h.Series(ctx, sc.Dim, sc.Key, p)
	if err != nil {
		return err
	}
	data["Charts"] = seriesCharts(pts, p.Step())
	if sc.Dim != DimTeam {
		return nil
	}
	rows, err := h.Breakdown(ctx, DimAgent, p)
	if err != nil {
		return err
	}
	if rows, err = h.agentsOfTeam(ctx, sc.Key, rows); err != nil {
		return err
	}
	data["Tables"] = []table{{Dim: DimAgent, Rows: h.tableRows(ctx, DimAgent, rows, 30)}}
	return nil
}

// AlertRow is a spike as the page shows it.
type AlertRow struct{ Label, Dim, Hour, Count, Baseline string }

func (h *HTTP) alertRows(r *http.Request, as []Alert) []AlertRow {
	out := make([]AlertRow, 0, len(as))
	seen := map[string]bool{}
	for _, a := range as { // newest first: one row per driver, its latest hour
		if seen[string(a.Dim)+"/"+a.Key] {
			continue
		}
		seen[string(a.Dim)+"/"+a.Key] = true
		out = append(out, AlertRow{Label: h.label(r.Context(), a.Dim, a.Key), Dim: dimNames[a.Dim], Hour: a.Hour.Format("2 Jan 15:00 UTC"),
			Count: count(a.Count), Baseline: count(a.Baseline)})
	}
	return out
}

func (h *HTTP) settingsForm(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		h.fail(w, r, errs.E(errs.Invalid, "the form could not be read"))
		return
	}
	num := func(name string) int { v, _ := strconv.Atoi(r.PostFormValue(name)); return v }
	st := Settings{CSATEnabled: r.PostFormValue("csat_enabled") == "on", NPSEnabled: r.PostFormValue("nps_enabled") == "on",
		NPSEveryDays: num("nps_every_days"), FCRWindowHours: num("fcr_window_hours"), SpikeFactor: num("spike_factor"), SpikeMin: num("spike_min")}
	if err := h.SaveSettings(r.Context(), st); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/dashboards?done=settings", http.StatusSeeOther)
}

func (h *HTTP) wallboard(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	now := time.UnixMilli(h.db.Now()).UTC()
	p, err := NewPeriod(now.Truncate(24*time.Hour), now.Truncate(24*time.Hour).Add(24*time.Hour))
	if err == nil {
		var c Counts
		var b Backlog
		var queues []Backlog
		if c, err = h.Totals(ctx, DimAll, "", p); err == nil {
			if b, err = h.BacklogTotal(ctx); err == nil {
				queues, err = h.Backlogs(ctx, DimQueue)
			}
		}
		if err == nil {
			f := FiguresOf(c)
			data := page(r, "Wallboard")
			data["Now"] = now.Format("15:04 UTC")
			data["Big"] = []Tile{
				{Name: "Open now", Value: count(b.Open), Note: fmt.Sprintf("%d unanswered", b.Unanswered)},
				{Name: "Oldest waiting", Value: durationOrDash(b), Bad: b.OldestAge > 4*3600},
				{Name: "SLA breaches today", Value: count(f.Breaches), Bad: f.Breaches > 0},
				{Name: "First response today", Value: orDash(f.FirstResponse, Duration)},
				{Name: "Solved today", Value: count(f.Solved), Note: "bot: " + orDash(f.BotResolution, Percent)},
				{Name: "CSAT today", Value: orDash(f.CSAT, func(v float64) string { return fmt.Sprintf("%.2f", v) }), Note: counted(f.CSATAnswers, "answer", "answers")},
			}
			rows := make([]queueRow, 0, len(queues))
			for _, q := range queues {
				rows = append(rows, queueRow{Label: h.label(ctx, DimQueue, q.Key), Open: q.Open, Unanswered: q.Unanswered, Oldest: Duration(q.OldestAge)})
			}
			data["Queues"] = rows
			data["Scripts"] = []string{"wallboard.js"}
			h.pages.Render(w, http.StatusOK, "wallboard", data)
			return
		}
	}
	data := page(r, "Wallboard")
	data["Error"] = h.pages.PageError(err)
	h.pages.Render(w, web.Status(err), "wallboard", data)
}

type queueRow struct {
	Label            string
	Open, Unanswered int64
	Oldest           string
}

func durationOrDash(b Backlog) string {
	if b.Open == 0 {
		return "—"
	}
	return Duration(b.OldestAge)
}

// backlogOf is one key's backlog.
func (h *HTTP) backlogOf(ctx context.Context, dim Dim, key string) (Backlog, error) {
	all, err := h.Backlogs(ctx, dim)
	if err != nil {
		return Backlog{}, err
	}
	for _, b := range all {
		if b.Key == key {
			return b, nil
		}
	}
	return Backlog{Key: key}, nil
}

// agentsOfTeam keeps the rows of the team's members.
func (h *HTTP) agentsOfTeam(ctx context.Context, team string, rows []Row) ([]Row, error) {
	if h.Members == nil {
		return rows, nil
	}
	id, _ := strconv.ParseInt(team, 10, 64)
	members, err := h.Members(ctx, id)
	if err != nil {
		return nil, err
	}
	in := map[string]bool{}
	for _, m := range members {
		in[strconv.FormatInt(m, 10)] = true
	}
	out := rows[:0:0]
	for _, r := range rows {
		if in[r.Key] {
			out = append(out, r)
		}
	}
	return out, nil
}

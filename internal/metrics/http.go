package metrics

import (
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/web"
)

// HTTP serves the metrics API, the dashboards and the survey page.
type HTTP struct {
	*Service
	Redact Redactor // cuts secrets out of survey comments
	Names  Namer    // team, agent and queue names; keys show as they are without
	// Members lists a team's agents, for the team dashboard's agent table.
	Members func(ctx context.Context, team int64) ([]int64, error)
	pages   *web.Renderer
}

// Query is what a figures request asks for: a period and which slice.
type Query struct {
	Period Period
	Dim    Dim
	Key    string
}

// parseTime reads an RFC 3339 time or a date (midnight UTC).
func parseTime(field, s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	return time.Time{}, errs.Field(field, "%s must be a date (2026-03-02) or an RFC 3339 time (2026-03-02T09:00:00Z)", field)
}

// ParseQuery reads from, to, dim and key; the period defaults to the last
// 24 hours, dim to all. needKey: a dim other than all needs a key (one
// slice, not a breakdown).
func (s *Service) ParseQuery(r *http.Request, needKey bool) (Query, error) {
	return parseQueryAt(r, needKey, time.UnixMilli(s.db.Now()).UTC())
}

func parseQueryAt(r *http.Request, needKey bool, now time.Time) (Query, error) {
	v := r.URL.Query()
	to := now.Truncate(time.Hour).Add(time.Hour)
	from := to.Add(-24 * time.Hour)
	var err error
	if t := v.Get("to"); t != "" {
		if to, err = parseTime("to", t); err != nil {
			return Query{}, err
		}
		if len(t) == len(time.DateOnly) {
			to = to.Add(24 * time.Hour) // a date as the end includes that day
		}
	}
	if f := v.Get("from"); f != "" {
		if from, err = parseTime("from", f); err != nil {
			return Query{}, err
		}
	} else if v.Get("to") != "" {
		from = to.Add(-24 * time.Hour)
	}
	p, err := NewPeriod(from, to)
	if err != nil {
		return Query{}, err
	}
	q := Query{Period: p, Dim: DimAll}
	if d := v.Get("dim"); d != "" {
		var ok bool
		if q.Dim, ok = ParseDim(d); !ok {
			return Query{}, errs.Field("dim", "dim must be one of all, channel, queue, team, agent, language, product_area, intent")
		}
	}
	q.Key = v.Get("key")
	if q.Dim == DimAll {
		q.Key = ""
	} else if q.Key == "" && needKey {
		return Query{}, errs.Field("key", "key is required with dim=%s", q.Dim)
	}
	if len(q.Key) > 100 {
		return Query{}, errs.Field("key", "key is at most 100 bytes")
	}
	return q, nil
}

// MaySee refuses a slice the principal may not see: everyone sees their
// own agent figures; the rest needs team.manage.
func MaySee(pr auth.Principal, dim Dim, key string) error {
	if pr.Can(auth.PermTeamManage) {
		return nil
	}
	if dim == DimAgent && key == strconv.FormatInt(pr.Agent.ID, 10) {
		return nil
	}
	return errs.E(errs.Forbidden, "your role sees your own figures only (dim=agent&key=%d)", pr.Agent.ID)
}

func principal(r *http.Request) auth.Principal {
	p, _ := auth.PrincipalFrom(r.Context())
	return p
}

// summary is the API's answer for one slice.
type summary struct {
	From    time.Time `json:"from"`
	To      time.Time `json:"to"`
	Dim     Dim       `json:"dim"`
	Key     string    `json:"key"`
	Figures Figures   `json:"figures"`
	Counts  counts    `json:"counts"`
}

// counts is Counts as JSON, by measure name.
type counts Counts

func (c counts) MarshalJSON() ([]byte, error) {
	var b strings.Builder
	b.WriteByte('{')
	for i, v := range c {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "%q:%d", measureNames[i], v)
	}
	b.WriteByte('}')
	return []byte(b.String()), nil
}

// HandleSummary: GET /api/v1/metrics/summary.
func (h *HTTP) HandleSummary(w http.ResponseWriter, r *http.Request) error {
	q, err := h.ParseQuery(r, true)
	if err != nil {
		return err
	}
	if err := MaySee(principal(r), q.Dim, q.Key); err != nil {
		return err
	}
	c, err := h.Totals(r.Context(), q.Dim, q.Key, q.Period)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, summary{From: q.Period.From, To: q.Period.To, Dim: q.Dim, Key: q.Key, Figures: FiguresOf(c), Counts: counts(c)})
}

type seriesPoint struct {
	Start   time.Time `json:"start"`
	Figures Figures   `json:"figures"`
}

// HandleSeries: GET /api/v1/metrics/series.
func (h *HTTP) HandleSeries(w http.ResponseWriter, r *http.Request) error {
	q, err := h.ParseQuery(r, true)
	if err != nil {
		return err
	}
	if err := MaySee(principal(r), q.Dim, q.Key); err != nil {
		return err
	}
	pts, err := h.Series(r.Context(), q.Dim, q.Key, q.Period)
	if err != nil {
		return err
	}
	out := make([]seriesPoint, len(pts))
	for i, p := range pts {
		out[i] = seriesPoint{Start: p.Start, Figures: FiguresOf(p.Counts)}
	}
	return web.JSON(w, http.StatusOK, map[string]any{"from": q.Period.From, "to": q.Period.To, "step": q.Period.Step(), "points": out})
}

type breakdownRow struct {
	Key     string  `json:"key"`
	Figures Figures `json:"figures"`
}

// HandleBreakdown: GET /api/v1/metrics/breakdown (dim required).
func (h *HTTP) HandleBreakdown(w http.ResponseWriter, r *http.Request) error {
	q, err := h.ParseQuery(r, false)
	if err != nil {
		return err
	}
	rows, err := h.Breakdown(r.Context(), q.Dim, q.Period)
	if err != nil {
		return err
	}
	out := make([]breakdownRow, len(rows))
	for i, row := range rows {
		out[i] = breakdownRow{Key: row.Key, Figures: FiguresOf(row.Counts)}
	}
	return web.JSON(w, http.StatusOK, map[string]any{"from": q.Period.From, "to": q.Period.To, "dim": q.Dim, "rows": out})
}

// HandleDrivers: GET /api/v1/metrics/drivers, the top product areas and
// intents with their trend and the spikes of the period.
func (h *HTTP) HandleDrivers(w http.ResponseWriter, r *http.Request) error {
	q, err := h.ParseQuery(r, false)
	if err != nil {
		return err
	}
	areas, err := h.TopDrivers(r.Context(), DimProductArea, q.Period, 10)
	if err != nil {
		return err
	}
	intents, err := h.TopDrivers(r.Context(), DimIntent, q.Period, 10)
	if err != nil {
		return err
	}
	alerts, err := h.Alerts(r.Context(), q.Period)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, map[string]any{"from": q.Period.From, "to": q.Period.To,
		"product_areas": nonNil(areas), "intents": nonNil(intents), "alerts": alerts})
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// HandleBacklog: GET /api/v1/metrics/backlog?dim=.
func (h *HTTP) HandleBacklog(w http.ResponseWriter, r *http.Request) error {
	q, err := h.ParseQuery(r, false)
	if err != nil {
		return err
	}
	rows, err := h.Backlogs(r.Context(), q.Dim)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, map[string]any{"dim": q.Dim, "rows": nonNil(rows)})
}

// HandleExport: GET /api/v1/metrics/export/{dim}, the breakdown by dim
// as CSV, one row per key, figures and the counts behind them.
func (h *HTTP) HandleExport(w http.ResponseWriter, r *http.Request) error {
	dim, ok := ParseDim(r.PathValue("dim"))
	if !ok {
		return errs.E(errs.NotFound, "no dimension %q: want all, channel, queue, team, agent, language, product_area or intent", r.PathValue("dim"))
	}
	q, err := h.ParseQuery(r, false)
	if err != nil {
		return err
	}
	q.Dim = dim
	rows, err := h.Breakdown(r.Context(), q.Dim, q.Period)
	if err != nil {
		return err
	}
	web.CSVHeaders(w, fmt.Sprintf("groundcrew-%s-%s-%s.csv", q.Dim, q.Period.From.Format("20060102T15"), q.Period.To.Format("20060102T15")))
	return WriteCSV(w, q, rows)
}

// csvHeader are the figure columns of the export before the raw counts.
var csvHeader = []string{"from", "to", "dim", "key", "created", "solved", "first_response_s", "next_response_s", "resolution_s",
	"fcr", "reopen_rate", "sla_first_response", "sla_next_response", "sla_resolution", "bot_involvement", "automated_resolution",
	"bot_resolution", "handle_s_per_reply", "csat", "csat_satisfied", "nps"}

// WriteCSV writes rows as CSV. A key that a spreadsheet would read as a
// formula is prefixed with a quote.
func WriteCSV(w interface{ Write([]byte) (int, error) }, q Query, rows []Row) error {
	cw := csv.NewWriter(w)
	header := append([]string{}, csvHeader...)
	header = append(header, measureNames[:]...)
	if err := cw.Write(header); err != nil {
		return fmt.Errorf("metrics: write CSV: %w", err)
	}
	num := func(v *float64) string {
		if v == nil {
			return ""
		}
		return strconv.FormatFloat(*v, 'f', 4, 64)
	}
	for _, row := range rows {
		f := FiguresOf(row.Counts)
		rec := []string{q.Period.From.Format(time.RFC3339), q.Period.To.Format(time.RFC3339), string(q.Dim), csvSafe(row.Key),
			strconv.FormatInt(f.Created, 10), strconv.FormatInt(f.Solved, 10), num(f.FirstResponse), num(f.NextResponse), num(f.Resolution),
			num(f.FCR), num(f.ReopenRate), num(f.SLA.FirstResponse), num(f.SLA.NextResponse), num(f.SLA.Resolution), num(f.BotInvolvement),
			num(f.AutomatedResolution), num(f.BotResolution), num(f.HandleTime), num(f.CSAT), num(f.CSATShare), num(f.NPS)}
		for _, v := range row.Counts {
			rec = append(rec, strconv.FormatInt(v, 10))
		}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("metrics: write CSV: %w", err)
		}
	}
	cw.Flush()
	return cw.Error()
}

func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// HandleGetSettings: GET /api/v1/metrics/settings.
func (h *HTTP) HandleGetSettings(w http.ResponseWriter, r *http.Request) error {
	st, err := h.Settings(r.Context())
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, st)
}

// HandlePutSettings: PUT /api/v1/metrics/settings.
func (h *HTTP) HandlePutSettings(w http.ResponseWriter, r *http.Request) error {
	var st Settings
	if _, err := web.Decode(r, 4<<10, &st); err != nil {
		return err
	}
	if err := h.SaveSettings(r.Context(), st); err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, st)
}

// surveyView is a survey as its customer's client sees it.
type surveyView struct {
	Kind     string `json:"kind"`
	Language string `json:"language"`
	Min      int    `json:"min"`
	Max      int    `json:"max"`
	Question string `json:"question"`
	Answered bool   `json:"answered"`
}

func viewOf(sv Survey) surveyView {
	lo, hi := sv.Range()
	t := textFor(sv.Language)
	q := t.CSATQ
	if sv.Kind == KindNPS {
		q = t.NPSQ
	}
	return surveyView{Kind: sv.Kind, Language: sv.Language, Min: lo, Max: hi, Question: q, Answered: sv.AnsweredAt != nil}
}

// HandleGetSurvey: GET /api/v1/surveys/{token}, public: the link is the
// credential.
func (h *HTTP) HandleGetSurvey(w http.ResponseWriter, r *http.Request) error {
	sv, err := h.SurveyByToken(r.Context(), r.PathValue("token"))
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, viewOf(sv))
}

// HandleAnswerSurvey: POST /api/v1/surveys/{token} with {score, comment}.
func (h *HTTP) HandleAnswerSurvey(w http.ResponseWriter, r *http.Request) error {
	var a Answer
	if _, err := web.Decode(r, 16<<10, &a); err != nil {
		return err
	}
	sv, err := h.AnswerSurvey(r.Context(), r.PathValue("token"), a, h.Redact)
	if err != nil {
		return err
	}
	v := viewOf(sv)
	return web.JSON(w, http.StatusOK, map[string]any{"survey": v, "score": sv.Score, "thanks": textFor(sv.Language).Thanks})
}

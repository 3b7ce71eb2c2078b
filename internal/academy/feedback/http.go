package feedback

import (
	"bytes"
	"context"
	"embed"
	"html/template"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

// Static holds the pages' stylesheet, for web.NewAssets.
var Static = staticFiles

// HTTP serves the feedback API, the voice-of-the-customer page, the
// tagging form and the ticket page's feedback panel.
type HTTP struct {
	*Service
	// See reports whether the request's agent may see ticket id (the
	// ticket store's viewer check); tagging needs it.
	See func(r *http.Request, id int64) error
	// Now is the clock the default periods are counted back from.
	Now   func() time.Time
	pages *web.Renderer
	panel *template.Template
	log   *slog.Logger
}

// NewHTTP parses the pages against the shared layout.
func NewHTTP(s *Service, assets *web.Assets, see func(*http.Request, int64) error, now func() time.Time) (*HTTP, error) {
	funcs := template.FuncMap{"areaLabel": areaLabel, "spark": spark, "pct": pct}
	r, err := web.NewRenderer(s.log, assets, templateFiles, funcs, "voice", "tagged")
	if err != nil {
		return nil, err
	}
	panel, err := template.New("panel.html").Funcs(funcs).ParseFS(templateFiles, "templates/panel.html")
	if err != nil {
		return nil, err
	}
	return &HTTP{Service: s, See: see, Now: now, pages: r, panel: panel, log: s.log}, nil
}

func principal(r *http.Request) auth.Principal {
	p, _ := auth.PrincipalFrom(r.Context())
	return p
}

const maxBody = 8 << 10

// HandleTag: POST /api/v1/tickets/{id}/feedback.
func (h *HTTP) HandleTag(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	var in NewTag
	if _, err := web.Decode(r, maxBody, &in); err != nil {
		return err
	}
	t, err := h.tag(r, id, in)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusCreated, t)
}

func (h *HTTP) tag(r *http.Request, id int64, in NewTag) (Tag, error) {
	if err := in.Validate(); err != nil {
		return Tag{}, err
	}
	if err := h.See(r, id); err != nil {
		return Tag{}, err
	}
	return h.Tag(r.Context(), id, principal(r).Agent.ID, in)
}

// HandleList: GET /api/v1/tickets/{id}/feedback.
func (h *HTTP) HandleList(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	if err := h.See(r, id); err != nil {
		return err
	}
	tags, err := h.TicketTags(r.Context(), id)
	if err != nil {
		return err
	}
	if tags == nil {
		tags = []Tag{}
	}
	return web.JSON(w, http.StatusOK, map[string]any{"tags": tags})
}

// HandleReport: GET /api/v1/feedback/report?from=&to= (RFC 3339; the last
// 28 days by default).
func (h *HTTP) HandleReport(w http.ResponseWriter, r *http.Request) error {
	from, to, err := h.period(r)
	if err != nil {
		return err
	}
	rep, err := h.Report(r.Context(), from, to)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, rep)
}

// HandleExport: GET /api/v1/feedback/export/{area}?from=&to=, the tags
// about a product area ("all": every area) as CSV.
func (h *HTTP) HandleExport(w http.ResponseWriter, r *http.Request) error {
	area := r.PathValue("area")
	if area == "all" {
		area = ""
	} else if !slices.Contains(ticket.ProductAreas, area) {
		return errs.E(errs.NotFound, "no product area %q; export one of %v, or all", area, ticket.ProductAreas)
	}
	from, to, err := h.period(r)
	if err != nil {
		return err
	}
	// Checked before the first byte, so a refused period is a problem body.
	if err := CheckPeriod(from, to); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := h.Export(r.Context(), &buf, area, from, to); err != nil {
		return err
	}
	web.CSVHeaders(w, "feedback-"+r.PathValue("area")+"-"+from.Format("20060102")+"-"+to.Format("20060102")+".csv")
	_, err = w.Write(buf.Bytes())
	return err
}

// DefaultDays is the period a report covers when none is given: the last
// DefaultDays days, today included.
const DefaultDays = 28

// period reads from and to (RFC 3339 or 2006-01-02), by default the
// DefaultDays days up to the end of today.
func (h *HTTP) period(r *http.Request) (time.Time, time.Time, error) {
	q := r.URL.Query()
	// By default up to the end of today (UTC), so today's tags count.
	to := h.Now().UTC().Truncate(24 * time.Hour).Add(24 * time.Hour)
	from := to.Add(-DefaultDays * 24 * time.Hour)
	var err error
	if v := q.Get("to"); v != "" {
		if to, err = parseTime("to", v); err != nil {
			return from, to, err
		}
		if q.Get("from") == "" {
			from = to.Add(-DefaultDays * 24 * time.Hour)
		}
	}
	if v := q.Get("from"); v != "" {
		if from, err = parseTime("from", v); err != nil {
			return from, to, err
		}
	}
	return from, to, CheckPeriod(from, to)
}

func parseTime(field, v string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t.UTC(), nil
	}
	if t, err := time.Parse("2006-01-02", v); err == nil {
		return t, nil
	}
	return time.Time{}, errs.Field(field, "%s %q is not a date (2006-01-02) or an RFC 3339 time", field, v)
}

// PageRoutes are the voice-of-the-customer page and the ticket page's
// tagging form.
func (h *HTTP) PageRoutes() []web.PageRoute {
	return []web.PageRoute{
		web.Get("/voice", auth.PermFeedbackReport, h.voicePage),
		web.Post("/tickets/{id}/feedback", auth.PermFeedbackTag, h.tagForm),
	}
}

func page(r *http.Request, title string) map[string]any {
	pr := principal(r)
	return map[string]any{"Title": title, "Agent": pr.Agent, "CSRF": pr.CSRF}
}

// voicePage: GET /voice, the report for managers.
func (h *HTTP) voicePage(w http.ResponseWriter, r *http.Request) {
	data := page(r, "Voice of the customer")
	from, to, err := h.period(r)
	var rep Report
	if err == nil {
		rep, err = h.Report(r.Context(), from, to)
	}
	if err != nil {
		data["Error"] = h.pages.PageError(err)
		h.pages.Render(w, web.Status(err), "voice", data)
		return
	}
	data["Report"] = rep
	data["Query"] = "from=" + from.Format(time.RFC3339) + "&to=" + to.Format(time.RFC3339)
	data["FromDate"], data["ToDate"] = from.Format("2006-01-02"), to.Format("2006-01-02")
	h.pages.Render(w, http.StatusOK, "voice", data)
}

// tagForm: POST /tickets/{id}/feedback from the ticket page's panel; back
// to the ticket, or a page saying what was wrong.
func (h *HTTP) tagForm(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err == nil {
		in := NewTag{Kind: Kind(r.PostFormValue("kind")), ProductArea: r.PostFormValue("product_area"), Note: r.PostFormValue("note")}
		_, err = h.tag(r, id, in)
	}
	if err != nil {
		data := page(r, "Feedback not saved")
		data["Error"], data["TicketID"] = h.pages.PageError(err), id
		h.pages.Render(w, web.Status(err), "tagged", data)
		return
	}
	http.Redirect(w, r, "/tickets/"+strconv.FormatInt(id, 10)+"?feedback=tagged#feedback-panel", http.StatusSeeOther)
}

// Panel is the ticket page's feedback card: the ticket's tags and the
// form to add one. Empty for an agent who may not tag.
func (h *HTTP) Panel(r *http.Request, t ticket.Ticket) template.HTML {
	pr := principal(r)
	if !pr.Can(auth.PermFeedbackTag) {
		return ""
	}
	tags, err := h.TicketTags(r.Context(), t.ID)
	if err != nil {
		h.log.Error("feedback: panel", "ticket", t.ID, "err", err)
		return ""
	}
	data := map[string]any{"Ticket": t, "Tags": tags, "Kinds": Kinds, "Areas": ticket.ProductAreas, "CSRF": pr.CSRF,
		"Tagged": r.URL.Query().Get("feedback") == "tagged", "MaxNote": MaxNote}
	var buf bytes.Buffer
	if err := h.panel.Execute(&buf, data); err != nil {
		h.log.Error("feedback: panel", "ticket", t.ID, "err", err)
		return ""
	}
	return template.HTML(buf.String()) // rendered by html/template above
}

var areaLabels = map[string]string{"spot": "Spot trading", "futures": "Futures", "p2p": "P2P", "earn": "Earn", "card": "Card",
	"wallet_deposits": "Deposits", "withdrawals": "Withdrawals", "account_security": "Account security", "kyc": "KYC", "other": "Other"}

func areaLabel(a string) string {
	if l, ok := areaLabels[a]; ok {
		return l
	}
	return a
}

func pct(n, total int) string {
	if total == 0 {
		return "0%"
	}
	return strconv.Itoa((n*100+total/2)/total) + "%"
}

// spark draws a weekly trend as a small SVG bar chart, with each week's
// count in a title for screen readers and hovering.
func spark(counts []int, weeks []time.Time) template.HTML {
	const w, hgt, gap = 10, 28, 2
	max := 1
	for _, c := range counts {
		max = maxInt(max, c)
	}
	var b strings.Builder
	b.WriteString(`<svg class="spark" role="img" aria-label="weekly trend" width="` + strconv.Itoa(len(counts)*(w+gap)) + `" height="` + strconv.Itoa(hgt) + `">`)
	for i, c := range counts {
		bh := c * (hgt - 2) / max
		if c > 0 && bh < 2 {
			bh = 2
		}
		label := strconv.Itoa(c)
		if i < len(weeks) {
			label = "week of " + weeks[i].Format("2 Jan") + ": " + label
		}
		b.WriteString(`<rect class="track" x="` + strconv.Itoa(i*(w+gap)) + `" y="0" width="` + strconv.Itoa(w) + `" height="` + strconv.Itoa(hgt) + `"></rect>`)
		b.WriteString(`<rect class="bar" x="` + strconv.Itoa(i*(w+gap)) + `" y="` + strconv.Itoa(hgt-bh) + `" width="` + strconv.Itoa(w) + `" height="` + strconv.Itoa(bh) + `"><title>` + template.HTMLEscapeString(label) + `</title></rect>`)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String()) // numbers and escaped labels only
}

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}

// DemoTags tags a handful of the demo's tickets so that the report has
// something to show: up to n of the oldest tickets, each with a kind its
// product area makes likely. Tickets already tagged are left alone.
func (s *Service) DemoTags(ctx context.Context, agent int64, n int) (int, error) {
	rows, err := s.db.Query(ctx, `SELECT id, product_area FROM tickets WHERE id NOT IN (SELECT ticket_id FROM feedback_tags) ORDER BY id LIMIT ?`, n)
	if err != nil {
		return 0, err
	}
	type tk struct {
		id   int64
		area string
	}
	var ts []tk
	for rows.Next() {
		var t tk
		if err := rows.Scan(&t.id, &t.area); err != nil {
			rows.Close()
			return 0, err
		}
		ts = append(ts, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	byArea := map[string][]NewTag{
		"wallet_deposits":  {{Kind: ConfusingUI, Note: "Could not find where to enter the memo tag"}, {Kind: MissingFeature, Note: "Wants a warning before sending on the wrong network"}},
		"withdrawals":      {{Kind: FeeComplaint, Note: "Withdrawal fee higher than on other exchanges"}, {Kind: Bug, Note: "Withdrawal stuck in processing after confirmation"}},
		"spot":             {{Kind: ListingRequest, Note: "Asks for a listing of a new token"}, {Kind: FeeComplaint, Note: "Maker fee changed without notice"}},
		"futures":          {{Kind: ConfusingUI, Note: "Margin mode switch is hard to find"}},
		"account_security": {{Kind: MissingFeature, Note: "Wants passkeys instead of SMS"}},
		"kyc":              {{Kind: Bug, Note: "Selfie upload fails on Android"}},
		"p2p":              {{Kind: ConfusingUI, Note: "Appeal button hidden"}},
	}
	made := 0
	for i, t := range ts {
		opts := byArea[t.area]
		if len(opts) == 0 {
			opts = []NewTag{{Kind: MissingFeature, Note: "Asked for a feature we do not have"}}
		}
		in := opts[i%len(opts)]
		in.ProductArea = t.area
		if _, err := s.Tag(ctx, t.id, agent, in); err != nil {
			if errs.Is(err, errs.Conflict) {
				continue
			}
			return made, err
		}
		made++
	}
	return made, nil
}

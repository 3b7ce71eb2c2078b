package quality

import (
	"context"
	"embed"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/web"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

// Static holds the pages' stylesheet, for web.NewAssets.
var Static = staticFiles

// Namer names an agent on the pages ("" when unknown).
type Namer func(ctx context.Context, agent int64) string

// HTTP serves the QA API and pages.
type HTTP struct {
	*Service
	Names Namer
	pages *web.Renderer
}

// NewHTTP parses the pages against the shared layout.
func NewHTTP(s *Service, assets *web.Assets, names Namer) (*HTTP, error) {
	funcs := template.FuncMap{"sourceLabel": SourceLabel, "scoreOf": func(sc Scores, k string) int { return sc[k] },
		"scoreRange": func() []int { return []int{4, 3, 2, 1, 0} }, "permille": permille}
	r, err := web.NewRenderer(s.log, assets, templateFiles, funcs, "qa", "session", "mine")
	if err != nil {
		return nil, err
	}
	return &HTTP{Service: s, Names: names, pages: r}, nil
}

func permille(n int) string { return strconv.Itoa(n/10) + "." + strconv.Itoa(n%10) + "%" }

func principal(r *http.Request) auth.Principal {
	p, _ := auth.PrincipalFrom(r.Context())
	return p
}

const maxBody = 16 << 10

// HandleScorecard: GET /api/v1/qa/scorecard, the categories and weights.
func (h *HTTP) HandleScorecard(w http.ResponseWriter, r *http.Request) error {
	return web.JSON(w, http.StatusOK, map[string]any{"max_score": MaxScore, "categories": Categories})
}

// HandleCreateSession: POST /api/v1/qa/sessions.
func (h *HTTP) HandleCreateSession(w http.ResponseWriter, r *http.Request) error {
	var in NewSession
	if _, err := web.Decode(r, maxBody, &in); err != nil {
		return err
	}
	ss, err := h.CreateSession(r.Context(), principal(r).Agent.ID, in)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusCreated, ss)
}

// HandleListSessions: GET /api/v1/qa/sessions.
func (h *HTTP) HandleListSessions(w http.ResponseWriter, r *http.Request) error {
	ss, err := h.Sessions(r.Context(), 100)
	if err != nil {
		return err
	}
	if ss == nil {
		ss = []Session{}
	}
	return web.JSON(w, http.StatusOK, map[string]any{"sessions": ss})
}

// HandleGetSession: GET /api/v1/qa/sessions/{id}, with its reviews.
func (h *HTTP) HandleGetSession(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	ss, err := h.Session(r.Context(), id)
	if err != nil {
		return err
	}
	rs, err := h.SessionReviews(r.Context(), id)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, map[string]any{"session": ss, "reviews": nonNil(rs)})
}

// HandleAddReview: POST /api/v1/qa/sessions/{id}/reviews, a scorecard.
func (h *HTTP) HandleAddReview(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	body, err := web.ReadBody(r, maxBody)
	if err != nil {
		return err
	}
	in, err := ParseScorecardJSON(body)
	if err != nil {
		return err
	}
	rv, err := h.AddReview(r.Context(), id, principal(r).Agent.ID, in)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusCreated, rv)
}

// HandleCalibration: GET /api/v1/qa/sessions/{id}/calibration.
func (h *HTTP) HandleCalibration(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	cs, err := h.Calibrate(r.Context(), id)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, map[string]any{"conversations": cs})
}

// HandleMyReviews: GET /api/v1/me/qa/reviews, the reviews of the caller's
// conversations.
func (h *HTTP) HandleMyReviews(w http.ResponseWriter, r *http.Request) error {
	rs, err := h.AgentReviews(r.Context(), principal(r).Agent.ID)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, map[string]any{"reviews": nonNil(rs)})
}

// HandleDispute: POST /api/v1/qa/reviews/{id}/dispute {"reason": ...}.
func (h *HTTP) HandleDispute(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	var in struct {
		Reason string `json:"reason"`
	}
	if _, err := web.Decode(r, maxBody, &in); err != nil {
		return err
	}
	rv, err := h.Dispute(r.Context(), id, principal(r).Agent.ID, in.Reason)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, rv)
}

// HandleResolve: POST /api/v1/qa/reviews/{id}/resolve, a Resolution.
func (h *HTTP) HandleResolve(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	var in Resolution
	if _, err := web.Decode(r, maxBody, &in); err != nil {
		return err
	}
	pr := principal(r)
	rv, err := h.Resolve(r.Context(), id, pr.Agent.ID, pr.Can(auth.PermTeamManage), in)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, rv)
}

// HandleDisputes: GET /api/v1/qa/disputes, the open ones.
func (h *HTTP) HandleDisputes(w http.ResponseWriter, r *http.Request) error {
	rs, err := h.OpenDisputes(r.Context())
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, map[string]any{"reviews": nonNil(rs)})
}

func nonNil(rs []Review) []Review {
	if rs == nil {
		return []Review{}
	}
	return rs
}

// PageRoutes are the reviewers' pages and the agent's own reviews.
func (h *HTTP) PageRoutes() []web.PageRoute {
	return []web.PageRoute{
		web.Get("/qa", auth.PermQAReview, h.homePage),
		web.Post("/qa/sessions", auth.PermQAReview, h.sessionForm),
		web.Get("/qa/sessions/{id}", auth.PermQAReview, h.sessionPage),
		web.Post("/qa/sessions/{id}/reviews", auth.PermQAReview, h.reviewForm),
		web.Post("/qa/reviews/{id}/resolve", auth.PermQAReview, h.resolveForm),
		web.Get("/qa/mine", auth.PermQAOwn, h.minePage),
		web.Post("/qa/reviews/{id}/dispute", auth.PermQAOwn, h.disputeForm),
	}
}

func (h *HTTP) page(r *http.Request, title string) map[string]any {
	pr := principal(r)
	return map[string]any{"Title": title, "Agent": pr.Agent, "CSRF": pr.CSRF, "Categories": Categories, "MaxScore": MaxScore}
}

// named adds agents' names to data["Names"].
func (h *HTTP) named(ctx context.Context, data map[string]any, ids ...int64) {
	names, _ := data["Names"].(map[int64]string)
	if names == nil {
		names = map[int64]string{}
	}
	for _, id := range ids {
		if _, ok := names[id]; !ok && id != 0 {
			n := ""
			if h.Names != nil {
				n = h.Names(ctx, id)
			}
			if n == "" {
				n = "Agent #" + strconv.FormatInt(id, 10)
			}
			names[id] = n
		}
	}
	data["Names"] = names
}

// homePage: GET /qa, sessions, a new sample, open disputes.
func (h *HTTP) homePage(w http.ResponseWriter, r *http.Request) {
	h.home(w, r, http.StatusOK, nil)
}

func (h *HTTP) home(w http.ResponseWriter, r *http.Request, status int, pageErr error) {
	ctx := r.Context()
	data := h.page(r, "Quality reviews")
	data["Sources"], data["DefaultSize"], data["DefaultDays"] = Sources, DefaultSample, DefaultDays
	if pageErr != nil {
		data["Error"] = h.pages.PageError(pageErr)
	}
	ss, err := h.Sessions(ctx, 50)
	if err == nil {
		data["Sessions"] = ss
		var ds []Review
		if ds, err = h.OpenDisputes(ctx); err == nil {
			data["Disputes"] = ds
			for _, d := range ds {
				h.named(ctx, data, d.AgentID, d.ReviewerID)
			}
		}
	}
	if err != nil {
		data["Error"] = h.pages.PageError(err)
		status = web.Status(err)
	}
	data["Done"] = r.URL.Query().Get("done")
	h.pages.Render(w, status, "qa", data)
}

// sessionForm: POST /qa/sessions, a new sample or calibration.
func (h *HTTP) sessionForm(w http.ResponseWriter, r *http.Request) {
	in := NewSession{Kind: r.PostFormValue("kind"), Name: r.PostFormValue("name"), Source: r.PostFormValue("source")}
	var err error
	if in.Kind == KindReview {
		in.Size, err = formInt("size", r.PostFormValue("size"))
		if err == nil {
			in.Days, err = formInt("days", r.PostFormValue("days"))
		}
	} else {
		in.TicketIDs, err = ticketList(r.PostFormValue("ticket_ids"))
	}
	var ss Session
	if err == nil {
		ss, err = h.CreateSession(r.Context(), principal(r).Agent.ID, in)
	}
	if err != nil {
		h.home(w, r, web.Status(err), err)
		return
	}
	http.Redirect(w, r, "/qa/sessions/"+strconv.FormatInt(ss.ID, 10), http.StatusSeeOther)
}

func formInt(field, v string) (int, error) {
	if strings.TrimSpace(v) == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		return 0, errs.Field(field, "%s %q is not a whole number", field, shorten(v))
	}
	return n, nil
}

// ticketList reads "12, #15 19" as ticket numbers.
func ticketList(v string) ([]int64, error) {
	var ids []int64
	for _, f := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' || r == '\n' || r == '\t' || r == '\r' }) {
		id, err := strconv.ParseInt(strings.TrimPrefix(f, "#"), 10, 64)
		if err != nil {
			return nil, errs.Field("ticket_ids", "%q is not a ticket number", shorten(f))
		}
		ids = append(ids, id)
		if len(ids) > MaxCalibration {
			break
		}
	}
	return ids, nil
}

// sessionPage: GET /qa/sessions/{id}, the scorecards of a sample, or a
// calibration's comparison.
func (h *HTTP) sessionPage(w http.ResponseWriter, r *http.Request) {
	h.session(w, r, http.StatusOK, nil, nil)
}

// reviewView is a conversation of the session page.
type reviewView struct {
	Item
	Mine    *Review    // the viewer's review, when written
	Others  []Review   // everyone's (shown on a calibration)
	Rows    []scoreRow // the form: each category with what it shows selected
	Comment string
}

// scoreRow is a category of the scorecard form.
type scoreRow struct {
	Category
	Selected string // "" (not scored yet) or the score the form shows
	Hint     string // the data's evidence
	// Prefilled: the score shown came from the data (the reviewer may
	// change it before saving).
	Prefilled bool
}

func (h *HTTP) session(w http.ResponseWriter, r *http.Request, status int, pageErr error, draft *Scorecard) {
	ctx := r.Context()
	data := h.page(r, "QA session")
	id, err := web.PathID(r, "id")
	var ss Session
	var rs []Review
	if err == nil {
		ss, err = h.Session(ctx, id)
	}
	if err == nil {
		rs, err = h.SessionReviews(ctx, id)
	}
	if err != nil {
		data["Error"] = h.pages.PageError(err)
		h.pages.Render(w, web.Status(err), "session", data)
		return
	}
	if pageErr != nil {
		data["Error"] = h.pages.PageError(pageErr)
	}
	me := principal(r).Agent.ID
	var views []reviewView
	for _, it := range ss.Tickets {
		v := reviewView{Item: it}
		shown := Scores{}
		for k, s := range it.Prefill {
			shown[k] = s
		}
		for i, rv := range rs {
			if rv.TicketID != it.TicketID {
				continue
			}
			v.Others = append(v.Others, rs[i])
			h.named(ctx, data, rv.ReviewerID)
			if rv.ReviewerID == me {
				v.Mine = &rs[i]
			}
		}
		if draft != nil && draft.TicketID == it.TicketID {
			v.Comment = draft.Comment
			for k, s := range draft.Scores {
				shown[k] = s
			}
		}
		for _, c := range Categories {
			_, pre := it.Prefill[c.Key]
			row := scoreRow{Category: c, Hint: it.Hints[c.Key], Prefilled: pre}
			if s, ok := shown[c.Key]; ok && s >= 0 && s <= MaxScore {
				row.Selected = strconv.Itoa(s)
			}
			v.Rows = append(v.Rows, row)
		}
		h.named(ctx, data, it.AgentID)
		views = append(views, v)
	}
	data["Title"] = ss.Name
	data["Session"], data["Items"] = ss, views
	if ss.Kind == KindCalibration {
		cs, err := h.Calibrate(ctx, id)
		if err != nil {
			data["Error"] = h.pages.PageError(err)
			status = web.Status(err)
		}
		for _, c := range cs {
			h.named(ctx, data, c.Reviewers...)
		}
		data["Comparisons"] = cs
	}
	data["Saved"] = r.URL.Query().Get("saved")
	h.pages.Render(w, status, "session", data)
}

// reviewForm: POST /qa/sessions/{id}/reviews, one scorecard.
func (h *HTTP) reviewForm(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err != nil {
		h.session(w, r, http.StatusNotFound, err, nil)
		return
	}
	if err := r.ParseForm(); err != nil {
		h.session(w, r, http.StatusBadRequest, errs.E(errs.Invalid, "the form could not be read"), nil)
		return
	}
	in, err := ParseScorecardForm(r.PostForm)
	if err == nil {
		_, err = h.AddReview(r.Context(), id, principal(r).Agent.ID, in)
	}
	if err != nil {
		h.session(w, r, web.Status(err), err, &in)
		return
	}
	http.Redirect(w, r, "/qa/sessions/"+strconv.FormatInt(id, 10)+"?saved="+strconv.FormatInt(in.TicketID, 10)+"#t"+strconv.FormatInt(in.TicketID, 10), http.StatusSeeOther)
}

// resolveForm: POST /qa/reviews/{id}/resolve from the home page's list of
// disputes.
func (h *HTTP) resolveForm(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err == nil {
		err = r.ParseForm()
	}
	if err != nil {
		h.home(w, r, http.StatusBadRequest, errs.E(errs.Invalid, "the form could not be read"))
		return
	}
	in := Resolution{Outcome: r.PostForm.Get("outcome"), Note: r.PostForm.Get("note")}
	if in.Outcome == StateRevised {
		var sc Scorecard
		v := url.Values{}
		for k, vs := range r.PostForm {
			v[k] = vs
		}
		v.Set("ticket_id", "1") // the form's scores only; the review names its ticket
		if sc, err = ParseScorecardForm(v); err == nil {
			in.Scores = sc.Scores
		}
	}
	if err == nil {
		pr := principal(r)
		_, err = h.Resolve(r.Context(), id, pr.Agent.ID, pr.Can(auth.PermTeamManage), in)
	}
	if err != nil {
		h.home(w, r, web.Status(err), err)
		return
	}
	http.Redirect(w, r, "/qa?done=resolved", http.StatusSeeOther)
}

// minePage: GET /qa/mine, the agent's reviews.
func (h *HTTP) minePage(w http.ResponseWriter, r *http.Request) {
	h.mine(w, r, http.StatusOK, nil)
}

func (h *HTTP) mine(w http.ResponseWriter, r *http.Request, status int, pageErr error) {
	ctx := r.Context()
	data := h.page(r, "My quality reviews")
	if pageErr != nil {
		data["Error"] = h.pages.PageError(pageErr)
	}
	rs, err := h.AgentReviews(ctx, principal(r).Agent.ID)
	if err != nil {
		data["Error"] = h.pages.PageError(err)
		status = web.Status(err)
	}
	for _, rv := range rs {
		h.named(ctx, data, rv.ReviewerID)
	}
	data["Reviews"], data["Done"] = rs, r.URL.Query().Get("done")
	h.pages.Render(w, status, "mine", data)
}

// disputeForm: POST /qa/reviews/{id}/dispute from /qa/mine.
func (h *HTTP) disputeForm(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err == nil {
		_, err = h.Dispute(r.Context(), id, principal(r).Agent.ID, r.PostFormValue("reason"))
	}
	if err != nil {
		h.mine(w, r, web.Status(err), err)
		return
	}
	http.Redirect(w, r, "/qa/mine?done=disputed", http.StatusSeeOther)
}

package quality

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/groundcrew/groundcrew/internal/web/webtest"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

// apiRoutes is the slice of internal/server's route table this package
// serves, with the same permissions.
func apiRoutes(h *HTTP) map[string]struct {
	perm auth.Perm
	h    web.Handler
} {
	type rt = struct {
		perm auth.Perm
		h    web.Handler
	}
	return map[string]rt{
		"GET /api/v1/qa/scorecard":                 {auth.PermQAReview, h.HandleScorecard},
		"POST /api/v1/qa/sessions":                 {auth.PermQAReview, h.HandleCreateSession},
		"GET /api/v1/qa/sessions/{id}":             {auth.PermQAReview, h.HandleGetSession},
		"POST /api/v1/qa/sessions/{id}/reviews":    {auth.PermQAReview, h.HandleAddReview},
		"GET /api/v1/qa/sessions/{id}/calibration": {auth.PermQAReview, h.HandleCalibration},
		"GET /api/v1/me/qa/reviews":                {auth.PermQAOwn, h.HandleMyReviews},
		"POST /api/v1/qa/reviews/{id}/dispute":     {auth.PermQAOwn, h.HandleDispute},
		"POST /api/v1/qa/reviews/{id}/resolve":     {auth.PermQAReview, h.HandleResolve},
		"GET /api/v1/qa/disputes":                  {auth.PermQAReview, h.HandleDisputes},
	}
}

// server serves the API and pages; the X-As header picks the agent.
func server(t *testing.T, h *HTTP, agents map[string]auth.Principal) *httptest.Server {
	t.Helper()
	assets, err := web.NewAssets(Static)
	if err != nil {
		t.Fatal(err)
	}
	as := func(r *http.Request) (auth.Principal, bool) {
		name := r.Header.Get("X-As")
		if c, err := r.Cookie("as"); err == nil && name == "" {
			name = c.Value
		}
		p, ok := agents[name]
		return p, ok
	}
	mux := http.NewServeMux()
	mux.Handle("GET /static/", assets)
	for pattern, rt := range apiRoutes(h) {
		mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
			pr, ok := as(r)
			if !ok || !pr.Can(rt.perm) {
				http.Error(w, "not for your role", http.StatusForbidden)
				return
			}
			if err := rt.h(w, r.WithContext(auth.Acting(r.Context(), pr))); err != nil {
				web.WriteError(w, r, h.log, err)
			}
		})
	}
	for _, rt := range h.PageRoutes() {
		mux.HandleFunc(rt.Pattern(), func(w http.ResponseWriter, r *http.Request) {
			pr, ok := as(r)
			if !ok || !pr.Can(rt.Perm) {
				http.Error(w, "not for your role", http.StatusForbidden)
				return
			}
			rt.Handler(w, r.WithContext(auth.Acting(r.Context(), pr)))
		})
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

type pageWorld struct {
	*world
	h                  *HTTP
	srv                *httptest.Server
	ada, bo, rita, max int64
	guard              Session
	t6                 int64
}

func newPageWorld(t *testing.T, db *store.DB) *pageWorld {
	w := newWorld(t, db)
	pw := &pageWorld{world: w}
	pw.ada, pw.bo, pw.rita, pw.max = w.agent("Ada", "tier1"), w.agent("Bo", "tier1"), w.agent("Rita", "supervisor"), w.agent("Max", "supervisor")
	assets, err := web.NewAssets(Static)
	if err != nil {
		t.Fatal(err)
	}
	names := map[int64]string{pw.ada: "Ada Lovelace", pw.bo: "Bo Chen", pw.rita: "Rita Reviewer", pw.max: "Max Manager"}
	h, err := NewHTTP(w.svc, assets, func(_ context.Context, id int64) string { return names[id] })
	if err != nil {
		t.Fatal(err)
	}
	pw.h = h
	pr := func(id int64, role auth.Role) auth.Principal {
		return auth.Principal{Agent: auth.Agent{ID: id, Name: names[id], Role: role, Active: true}, CSRF: "csrf"}
	}
	pw.srv = server(t, h, map[string]auth.Principal{"ada": pr(pw.ada, auth.Tier1), "bo": pr(pw.bo, auth.Tier1),
		"rita": pr(pw.rita, auth.Supervisor), "max": pr(pw.max, auth.Supervisor)})
	pw.t6 = w.ticket(pw.ada, "closed", day0.Add(-time.Hour))
	t7 := w.ticket(pw.bo, "solved", day0.Add(-time.Hour))
	if err := w.svc.HandleEvents(w.ctx, []store.Event{
		event(w, ticket.OutboundBlocked, ticket.OutboundBlockedEvent{TicketID: &pw.t6, AuthorID: &pw.ada}, day0.Add(-time.Hour)),
		event(w, ticket.SecretRedacted, ticket.SecretRedactedEvent{TicketID: t7, AuthorKind: "customer", Kinds: []string{"seed_phrase"}}, day0.Add(-time.Hour)),
	}); err != nil {
		t.Fatal(err)
	}
	if pw.guard, err = w.svc.CreateSession(w.ctx, pw.rita, NewSession{Kind: KindReview, Source: SourceGuard, Name: "Guard events this week"}); err != nil {
		t.Fatal(err)
	}
	return pw
}

// call sends a request as an agent and decodes a JSON answer into out.
func (pw *pageWorld) call(as, method, path, body string, out any) *http.Response {
	pw.t.Helper()
	req, err := http.NewRequest(method, pw.srv.URL+path, strings.NewReader(body))
	if err != nil {
		pw.t.Fatal(err)
	}
	req.Header.Set("X-As", as)
	if strings.HasPrefix(body, "{") {
		req.Header.Set("Content-Type", "application/json")
	} else if body != "" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		pw.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		pw.t.Fatal(err)
	}
	if s, ok := out.(*string); ok {
		*s = string(raw)
	} else if out != nil && strings.HasPrefix(resp.Header.Get("Content-Type"), "application/") {
		if err := json.Unmarshal(raw, out); err != nil {
			pw.t.Fatalf("%s %s: %v in %s", method, path, err, raw)
		}
	}
	return resp
}

func scoreJSON(ticketID int64, sc Scores) string {
	b, _ := json.Marshal(Scorecard{TicketID: ticketID, Scores: sc})
	return string(b)
}

func TestAPIBadInput(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		pw := newPageWorld(t, db)
		reviews := "/api/v1/qa/sessions/" + strconv.FormatInt(pw.guard.ID, 10) + "/reviews"
		cases := []struct {
			name, as, method, path, body string
			status                       int
			detail                       string
		}{
			{"score out of range", "rita", "POST", reviews, scoreJSON(pw.t6, allFour(map[string]int{"clarity": 7})), 400, "out of range"},
			{"unknown category", "rita", "POST", reviews, scoreJSON(pw.t6, allFour(map[string]int{"speed": 2})), 400, "unknown category"},
			{"score not a number", "rita", "POST", reviews, `{"ticket_id":` + strconv.FormatInt(pw.t6, 10) + `,"scores":{"clarity":"good"}}`, 400, "whole number"},
			{"unknown field", "rita", "POST", reviews, `{"ticket_id":1,"scores":{},"grade":"A"}`, 400, "grade"},
			{"no such session", "rita", "POST", "/api/v1/qa/sessions/999/reviews", scoreJSON(pw.t6, allFour(nil)), 404, "no QA session"},
			{"sample too big", "rita", "POST", "/api/v1/qa/sessions", `{"kind":"review","source":"random","size":500}`, 400, "1 to 50"},
			{"own conversation", "ada", "POST", "/api/v1/qa/reviews/1/dispute", `{"reason":"x"}`, 404, "no review"},
		}
		for _, c := range cases {
			var p map[string]any
			resp := pw.call(c.as, c.method, c.path, c.body, &p)
			detail, _ := p["detail"].(string)
			if resp.StatusCode != c.status || !strings.Contains(detail, c.detail) {
				t.Errorf("%s: %d %q, want %d with %q", c.name, resp.StatusCode, detail, c.status, c.detail)
			}
		}
		// Reviewing the same ticket twice in one session; disputing
		// someone else's review.
		var rv Review
		if resp := pw.call("rita", "POST", reviews, scoreJSON(pw.t6, allFour(map[string]int{"no_secret_asked": 0})), &rv); resp.StatusCode != 201 {
			t.Fatalf("review: %d", resp.StatusCode)
		}
		var p map[string]any
		if resp := pw.call("rita", "POST", reviews, scoreJSON(pw.t6, allFour(nil)), &p); resp.StatusCode != 409 {
			t.Errorf("second review: %d %v, want 409", resp.StatusCode, p)
		}
		dispute := "/api/v1/qa/reviews/" + strconv.FormatInt(rv.ID, 10) + "/dispute"
		if resp := pw.call("bo", "POST", dispute, `{"reason":"unfair to Ada"}`, &p); resp.StatusCode != 403 || !strings.Contains(p["detail"].(string), "only the agent it reviews") {
			t.Errorf("Bo disputing Ada's review: %d %v, want 403", resp.StatusCode, p)
		}
		if resp := pw.call("ada", "POST", dispute, `{"reason":"I told them never to share it"}`, &rv); resp.StatusCode != 200 || rv.State != StateDisputed {
			t.Errorf("Ada's dispute: %d %+v", resp.StatusCode, rv)
		}
		var mine struct{ Reviews []Review }
		if pw.call("ada", "GET", "/api/v1/me/qa/reviews", "", &mine); len(mine.Reviews) != 1 || mine.Reviews[0].Dispute == nil {
			t.Errorf("Ada's reviews: %+v", mine)
		}
		if pw.call("bo", "GET", "/api/v1/me/qa/reviews", "", &mine); len(mine.Reviews) != 0 {
			t.Errorf("Bo sees reviews: %+v", mine)
		}
		// A reviewer (Rita) settles it.
		if resp := pw.call("rita", "POST", "/api/v1/qa/reviews/"+strconv.FormatInt(rv.ID, 10)+"/resolve", `{"outcome":"upheld","note":"the request is in the transcript"}`, &rv); resp.StatusCode != 200 || rv.State != StateUpheld {
			t.Errorf("resolve: %d %+v", resp.StatusCode, rv)
		}
	})
}

func TestPages(t *testing.T) {
	pw := newPageWorld(t, storetest.Open(t, store.SQLite))
	path := "/qa/sessions/" + strconv.FormatInt(pw.guard.ID, 10)
	var body string
	if resp := pw.call("rita", "GET", path, "", &body); resp.StatusCode != 200 || !strings.Contains(body, "The outbound guard refused 1 message") {
		t.Fatalf("session page: %d\n%s", resp.StatusCode, body)
	}
	form := url.Values{"ticket_id": {strconv.FormatInt(pw.t6, 10)}, "comment": {"asked for the code"}}
	for _, c := range Categories {
		form.Set("score."+c.Key, "4")
	}
	form.Set("score.clarity", "9")
	if resp := pw.call("rita", "POST", path+"/reviews", form.Encode(), &body); resp.StatusCode != 400 || !strings.Contains(body, "out of range 0–4") {
		t.Errorf("bad score on the page: %d\n%s", resp.StatusCode, body)
	}
	form.Set("score.clarity", "3")
	form.Set("score.no_secret_asked", "0")
	if resp := pw.call("rita", "POST", path+"/reviews", form.Encode(), nil); resp.StatusCode != 303 {
		t.Fatalf("review form: %d", resp.StatusCode)
	}
	if resp := pw.call("rita", "POST", path+"/reviews", form.Encode(), &body); resp.StatusCode != 409 || !strings.Contains(body, "already reviewed") {
		t.Errorf("second review on the page: %d", resp.StatusCode)
	}
	if resp := pw.call("ada", "GET", "/qa/mine", "", &body); resp.StatusCode != 200 || !strings.Contains(body, "safety fail") || !strings.Contains(body, "Rita Reviewer") {
		t.Errorf("Ada's page: %d\n%s", resp.StatusCode, body)
	}
	if resp := pw.call("ada", "GET", path, "", nil); resp.StatusCode != 403 {
		t.Errorf("Ada on a reviewer's page: %d, want 403", resp.StatusCode)
	}
}

// TestScorecardInBrowser looks at the scorecard and calibration pages in
// Chromium; GROUNDCREW_SCREENSHOTS=dir keeps the screenshots.
func TestScorecardInBrowser(t *testing.T) {
	pw := newPageWorld(t, storetest.Open(t, store.SQLite))
	cal, err := pw.svc.CreateSession(pw.ctx, pw.rita, NewSession{Kind: KindCalibration, Name: "December calibration", TicketIDs: []int64{pw.t6}})
	if err != nil {
		t.Fatal(err)
	}
	for who, sc := range map[int64]Scores{pw.rita: allFour(map[string]int{"no_secret_asked": 0}), pw.max: allFour(map[string]int{"no_secret_asked": 1, "empathy": 2}), pw.bo: allFour(map[string]int{"network_memo": 3})} {
		if _, err := pw.svc.AddReview(pw.ctx, cal.ID, who, Scorecard{TicketID: pw.t6, Scores: sc}); err != nil {
			t.Fatal(err)
		}
	}
	ctx := webtest.Chromium(t)
	// The test server takes the agent from a cookie: set it on its origin.
	if err := chromedp.Do(ctx, chromedp.Navigate(pw.srv.URL+"/static/none")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.cookie = "as=rita; path=/"`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(pw.srv.URL+"/qa/sessions/"+strconv.FormatInt(pw.guard.ID, 10))); err != nil {
		t.Fatal(err)
	}
	if got := webtest.Text(t, ctx, "#t"+strconv.FormatInt(pw.t6, 10)); !strings.Contains(got, "The outbound guard refused 1 message") || !strings.Contains(got, "Never asked for a secret") {
		t.Errorf("scorecard:\n%s", got)
	}
	webtest.Shoot(t, ctx, "qa-scorecard")
	if err := chromedp.Do(ctx, chromedp.Navigate(pw.srv.URL+"/qa/sessions/"+strconv.FormatInt(cal.ID, 10))); err != nil {
		t.Fatal(err)
	}
	// Columns in reviewer order (Bo, Rita, Max). no_secret_asked: 4, 0, 1
	// → mean 5/3, spread 4; empathy 4, 4, 2 → spread 2.
	if got := webtest.Text(t, ctx, "#calibration"); !strings.Contains(got, "Never asked for a secret\t4\t0\t1\t1.7\t4") || !strings.Contains(got, "Empathy\t4\t4\t2\t3.3\t2") {
		t.Errorf("calibration:\n%s", got)
	}
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#calibration tr.apart").length`))
	if err != nil || n != 2 {
		t.Errorf("highlighted categories: %d (%v), want 2", n, err)
	}
	webtest.Shoot(t, ctx, "qa-calibration")

	// A review of Ada's conversation, which she disputes: the reviewers'
	// page lists the dispute, hers shows the review.
	rv, err := pw.svc.AddReview(pw.ctx, pw.guard.ID, pw.rita, Scorecard{TicketID: pw.t6, Scores: allFour(map[string]int{"no_secret_asked": 0, "empathy": 3}), Comment: "Asked for the e-mail code."})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pw.svc.Dispute(pw.ctx, rv.ID, pw.ada, "I asked them not to share the code; the guard misread it."); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(pw.srv.URL+"/qa")); err != nil {
		t.Fatal(err)
	}
	if got := webtest.Text(t, ctx, "#qa-disputes"); !strings.Contains(got, "Ada Lovelace disputes review") {
		t.Errorf("disputes:\n%s", got)
	}
	webtest.Shoot(t, ctx, "qa-home")
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.cookie = "as=ada; path=/"`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(pw.srv.URL+"/qa/mine")); err != nil {
		t.Fatal(err)
	}
	if got := webtest.Text(t, ctx, "#review-"+strconv.FormatInt(rv.ID, 10)); !strings.Contains(got, "safety fail") || !strings.Contains(got, "You disputed it") {
		t.Errorf("Ada's review:\n%s", got)
	}
	webtest.Shoot(t, ctx, "qa-mine")
}

package metrics

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/groundcrew/groundcrew/internal/web/webtest"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/web"
)

// pageServer serves the metrics pages as internal/server does, with the
// same Content-Security-Policy, signed in as pr.
func pageServer(t *testing.T, h *HTTP, pr *auth.Principal) *httptest.Server {
	t.Helper()
	assets, err := web.NewAssets(Static)
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /static/", assets)
	for _, rt := range h.PageRoutes() {
		mux.HandleFunc(rt.Pattern(), func(w http.ResponseWriter, r *http.Request) {
			if rt.Perm != "" && !pr.Can(rt.Perm) {
				http.Error(w, "not for your role", http.StatusForbidden)
				return
			}
			rt.Handler(w, r.WithContext(auth.Acting(r.Context(), *pr)))
		})
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func dayPages(t *testing.T) (*day, *HTTP, *auth.Principal) {
	db := storetest.Open(t, store.SQLite)
	d := newDay(t, db, monday)
	playDay(t, d)
	// T6, in Arabic, solved by Ada in the evening: its survey is the one
	// the browser answers.
	d.ticket("18:00", 6, 106, "chat", "ar", "wallet_deposits", 1)
	d.say("18:03", 6, "agent", agentAda)
	d.status("18:10", 6, open, solved)
	d.at("23:00")
	return dayPagesFor(t, d)
}

// dayPagesFor serves d's figures to an admin, with the names of the
// agents, teams and queues of the scripted day.
func dayPagesFor(t *testing.T, d *day) (*day, *HTTP, *auth.Principal) {
	assets, err := web.NewAssets(Static)
	if err != nil {
		t.Fatal(err)
	}
	names := func(_ context.Context, dim Dim, key string) string {
		return map[string]string{"agent/7": "Ada Lovelace", "agent/8": "Bo Chen", "team/1": "Spot & chat", "team/2": "Payments", "queue/3": "Tier 1 English"}[string(dim)+"/"+key]
	}
	h, err := NewHTTP(d.svc, assets, redact, names)
	if err != nil {
		t.Fatal(err)
	}
	h.Members = func(_ context.Context, team int64) ([]int64, error) {
		return map[int64][]int64{1: {7}, 2: {8}}[team], nil
	}
	pr := &auth.Principal{Agent: auth.Agent{ID: 7, Name: "Ada Lovelace", Role: auth.Admin, Active: true}, CSRF: "csrf"}
	return d, h, pr
}

// TestDashboardsInBrowser opens the overview, a team's and an agent's
// dashboards, the wallboard and a survey in Chromium and reads what a
// person would.
func TestDashboardsInBrowser(t *testing.T) {
	d, h, pr := dayPages(t)
	srv := pageServer(t, h, pr)
	ctx := webtest.Chromium(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/dashboards?period=today")); err != nil {
		t.Fatal(err)
	}
	tiles := webtest.Text(t, ctx, "#tiles")
	// The day of TestScriptedDay plus T6 (answered in 3 min, solved in 10).
	for _, want := range []string{"Tickets created\n6", "First response (mean)\n36m 15s", "First-contact resolution\n80%", "CSAT\n3.67 / 5", "NPS\n+33", "Backlog now\n1"} {
		if !strings.Contains(tiles, want) {
			t.Errorf("tiles lack %q:\n%s", want, tiles)
		}
	}
	if got := webtest.Text(t, ctx, "#by-agent"); !strings.Contains(got, "Ada Lovelace") || !strings.Contains(got, "Bo Chen") {
		t.Errorf("by agent table:\n%s", got)
	}
	// T1-T3 were placed in queue 3 by their assignment: its row counts
	// their creation (the created events carry no queue).
	if got := webtest.Text(t, ctx, "#by-queue"); !strings.Contains(got, "Tier 1 English\t3\t") {
		t.Errorf("by queue table:\n%s", got)
	}
	if got := webtest.Text(t, ctx, "#drivers-areas"); !strings.Contains(got, "Withdrawals\t2") {
		t.Errorf("drivers:\n%s", got)
	}
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("svg.chart").length`))
	if err != nil || n != 4 {
		t.Errorf("charts: %d (%v), want 4", n, err)
	}
	webtest.Shoot(t, ctx, "dashboard-overview")

	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/dashboards/teams/2?period=today")); err != nil {
		t.Fatal(err)
	}
	if got := webtest.Text(t, ctx, "h1"); got != "Team: Payments" {
		t.Errorf("team page heading %q", got)
	}
	if got := webtest.Text(t, ctx, "#by-agent"); !strings.Contains(got, "Bo Chen") || strings.Contains(got, "Ada") {
		t.Errorf("team 2's agents:\n%s", got)
	}
	webtest.Shoot(t, ctx, "dashboard-team")

	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/dashboards/me?period=today")); err != nil {
		t.Fatal(err)
	}
	if got := webtest.Text(t, ctx, "#tiles"); !strings.Contains(got, "First response (mean)\n8m 20s") { // Ada: T1 120 s, T3 1200 s, T6 180 s
		t.Errorf("my tiles:\n%s", got)
	}
	if got := webtest.Text(t, ctx, "h1"); got != "My figures" {
		t.Errorf("own page heading %q", got)
	}
	webtest.Shoot(t, ctx, "dashboard-agent")

	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/wallboard")); err != nil {
		t.Fatal(err)
	}
	if got := webtest.Text(t, ctx, ".wall-tiles"); !strings.Contains(got, "Open now\n1") || !strings.Contains(got, "SLA breaches today\n1") {
		t.Errorf("wallboard:\n%s", got)
	}
	webtest.Shoot(t, ctx, "wallboard")

	// T6's CSAT survey, in Arabic, answered once; the second time the
	// page says it was answered already.
	var sid int64
	if err := d.db.QueryRow(context.Background(), `SELECT id FROM surveys WHERE ticket_id = 6 AND kind = 'csat'`).Scan(&sid); err != nil {
		t.Fatal(err)
	}
	link := srv.URL + "/survey/" + h.Token(sid, 106)
	if err := chromedp.Do(ctx, chromedp.Navigate(link)); err != nil {
		t.Fatal(err)
	}
	if dir := webtest.Text(t, ctx, "h1"); dir != surveyTexts["ar"].CSATQ {
		t.Errorf("question %q, want the Arabic one", dir)
	}
	webtest.Shoot(t, ctx, "survey-ar")
	if err := chromedp.Do(ctx, chromedp.Click(`input[value="4"] + span`), chromedp.SendKeys(`textarea[name=comment]`, "سريع ولطيف"),
		chromedp.Click(`button[type=submit]`), chromedp.WaitVisible(`#survey-thanks`)); err != nil {
		t.Fatal(err)
	}
	if got := webtest.Text(t, ctx, "#survey-thanks"); got != surveyTexts["ar"].Thanks {
		t.Errorf("thanks %q", got)
	}
	var score int
	if err := d.db.QueryRow(context.Background(), `SELECT score FROM surveys WHERE id = ?`, sid).Scan(&score); err != nil || score != 4 {
		t.Errorf("stored score %d (%v), want 4", score, err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(link)); err != nil {
		t.Fatal(err)
	}
	// The page offers no second answer.
	if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("form").length`)); err != nil || n != 0 {
		t.Errorf("answered survey still shows %d forms (%v)", n, err)
	}
}

// TestDemoHistoryDashboard: the demo's two weeks of history draw a week's
// overview a person can read, with the last afternoon's withdrawals
// surge raised as a spike.
func TestDemoHistoryDashboard(t *testing.T) {
	db := storetest.Open(t, store.SQLite)
	end := monday.Add(18 * time.Hour)
	d := newDay(t, db, end)
	if err := d.svc.DemoHistory(context.Background(), end, 14, []int64{1, 2, 3}, []int64{7, 8, 9}); err != nil {
		t.Fatal(err)
	}
	assets, err := web.NewAssets(Static)
	if err != nil {
		t.Fatal(err)
	}
	h, err := NewHTTP(d.svc, assets, redact, nil)
	if err != nil {
		t.Fatal(err)
	}
	pr := &auth.Principal{Agent: auth.Agent{ID: 7, Name: "Mei Supervisor", Role: auth.Supervisor, Active: true}, CSRF: "csrf"}
	srv := pageServer(t, h, pr)
	ctx := webtest.Chromium(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/dashboards?period=7d")); err != nil {
		t.Fatal(err)
	}
	if got := webtest.Text(t, ctx, "#alerts"); !strings.Contains(got, "Withdrawals") {
		t.Errorf("no withdrawals spike on the overview: %q", got)
	}
	if got := webtest.Text(t, ctx, "#tiles"); strings.Contains(got, "Tickets created\n0") || !strings.Contains(got, "CSAT") {
		t.Errorf("tiles:\n%s", got)
	}
	webtest.Shoot(t, ctx, "dashboard-demo-week")
}

// TestChartsOnPhone: on a 390 px phone the charts' words stay readable
// (they were about 6 px: a 640-unit drawing at half size), and a chart
// with nothing to draw, such as CSAT on a day nobody answered, says so
// instead of showing empty axes.
func TestChartsOnPhone(t *testing.T) {
	db := storetest.Open(t, store.SQLite)
	d := newDay(t, db, monday)
	d.ticket("09:00", 1, 101, "chat", "en", "wallet_deposits", 1)
	d.say("09:04", 1, "agent", agentAda)
	d.status("09:30", 1, open, solved) // the survey goes out, nobody answers
	d.at("12:00")
	_, h, pr := dayPagesFor(t, d)
	srv := pageServer(t, h, pr)
	ctx := webtest.Chromium(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2)),
		chromedp.Navigate(srv.URL+"/dashboards?period=today")); err != nil {
		t.Fatal(err)
	}
	figures := strings.Join(strings.Fields(webtest.Text(t, ctx, ".charts")), " ")
	if !strings.Contains(figures, "CSAT per hour (1-5) No customer answered a CSAT survey in this period.") {
		t.Errorf("the CSAT chart does not say nobody answered:\n%s", figures)
	}
	if strings.Contains(figures, "No first responses") {
		t.Errorf("the first-response chart is empty though an agent answered:\n%s", figures)
	}
	// The smallest shown label of the drawn charts, in CSS pixels.
	smallest, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`Math.min(...[...document.querySelectorAll(".charts text, .charts figcaption, .chart-legend li")]
		.map(e => e.getBoundingClientRect().height).filter(h => h > 0))`))
	if err != nil {
		t.Fatal(err)
	}
	if smallest < 10 {
		t.Errorf("the smallest chart label is %.1f px high on a phone, want 10 or more", smallest)
	}
	if w, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); err != nil || w > 390 {
		t.Errorf("the page is %d px wide on a 390 px phone (%v)", w, err)
	}
	webtest.Shoot(t, ctx, "dashboard-phone")
}

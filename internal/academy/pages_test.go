package academy

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
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

// testServer serves the academy's pages and API as internal/server does
// (the same Content-Security-Policy; errors through web.WriteError),
// signed in as *pr, which a test may change between requests.
func testServer(t *testing.T, h *HTTP, pr *auth.Principal) *httptest.Server {
	t.Helper()
	assets, err := web.NewAssets(Static)
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /static/", assets)
	allow := func(perm auth.Perm, next http.HandlerFunc) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			if !pr.Can(perm) {
				http.Error(w, "not for your role", http.StatusForbidden)
				return
			}
			next(w, r.WithContext(auth.Acting(r.Context(), *pr)))
		}
	}
	for _, rt := range h.PageRoutes() {
		mux.HandleFunc(rt.Pattern(), allow(rt.Perm, rt.Handler))
	}
	api := func(pattern string, perm auth.Perm, fn web.Handler) {
		mux.HandleFunc(pattern, allow(perm, func(w http.ResponseWriter, r *http.Request) {
			if err := fn(w, r); err != nil {
				web.WriteError(w, r, h.log, err)
			}
		}))
	}
	api("POST /api/v1/academy/courses/{id}/attempts", auth.PermAcademyTrain, h.HandleStart)
	api("POST /api/v1/academy/attempts/{id}/answers", auth.PermAcademyTrain, h.HandleSubmit)
	api("GET /api/v1/academy/courses/{id}", auth.PermAcademyTrain, h.HandleCourse)
	api("GET /api/v1/academy/matrix", auth.PermAcademyManage, h.HandleMatrix)
	api("PUT /api/v1/academy/courses/{id}", auth.PermAcademyManage, h.HandleUpdateCourse)
	api("PUT /api/v1/academy/certifications/{id}", auth.PermAcademyManage, h.HandleUpdateCertification)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// demoPages is the academy with the demo's courses over the starter
// knowledge base, Sam (security, not certified) and Mei (supervisor).
func demoPages(t *testing.T) (*fixture, *HTTP, int64, int64) {
	t.Helper()
	db := storetest.Open(t, store.SQLite)
	f := newFixture(t, db)
	ctx := context.Background()
	if _, err := db.Exec(ctx, `DELETE FROM kb_articles`); err != nil { // the fixture's few; the starter set instead
		t.Fatal(err)
	}
	if err := f.kb.SeedStarter(ctx); err != nil {
		t.Fatal(err)
	}
	sam, mei := f.agent("Sam Security"), f.agent("Mei Supervisor")
	f.agents[1].Role = auth.Supervisor
	if err := f.svc.SeedDemo(ctx, map[string][]int64{"deposit-investigations": {mei}}); err != nil {
		t.Fatal(err)
	}
	assets, err := web.NewAssets(Static)
	if err != nil {
		t.Fatal(err)
	}
	h, err := NewHTTP(f.svc, assets)
	if err != nil {
		t.Fatal(err)
	}
	return f, h, sam, mei
}

// TestTrainingInBrowser: Sam opens My training, reads the security course,
// takes its quiz in Chromium and is certified; Mei's matrix shows it.
func TestTrainingInBrowser(t *testing.T) {
	f, h, sam, mei := demoPages(t)
	samP := auth.Principal{Agent: auth.Agent{ID: sam, Name: "Sam Security", Role: auth.Security, Active: true}, CSRF: "csrf"}
	meiP := auth.Principal{Agent: auth.Agent{ID: mei, Name: "Mei Supervisor", Role: auth.Supervisor, Active: true}, CSRF: "csrf"}
	pr := samP
	srv := testServer(t, h, &pr)
	ctx := webtest.Chromium(t)

	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/training")); err != nil {
		t.Fatal(err)
	}
	if got := webtest.Text(t, ctx, "#path"); !strings.Contains(got, "Support foundations") || !strings.Contains(got, "next") || !strings.Contains(got, "opens General · English · Tier 1") {
		t.Errorf("learning path:\n%s", got)
	}
	if got := webtest.Text(t, ctx, `#my-certifications tr[data-cert="security-specialist"]`); !strings.Contains(got, "Security queue") || !strings.Contains(got, "none") || !strings.Contains(got, "Take the quiz") {
		t.Errorf("security certification row:\n%s", got)
	}
	webtest.Shoot(t, ctx, "academy-training")

	courses, err := f.svc.Courses(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var course Course
	for _, c := range courses {
		if c.Certification != nil && c.Certification.Slug == "security-specialist" {
			course, err = f.svc.Course(context.Background(), c.ID)
		}
	}
	if err != nil || course.ID == 0 {
		t.Fatalf("the demo's security course: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(`#my-certifications tr[data-cert="security-specialist"] a`), chromedp.WaitVisible(`#start-quiz`)); err != nil {
		t.Fatal(err)
	}
	if got := webtest.Text(t, ctx, ".ac-lessons"); !strings.Contains(got, "Security queue playbook (internal)") || !strings.Contains(got, "Contain first") {
		t.Errorf("lessons lack the internal playbook:\n%.400s", got)
	}
	webtest.Shoot(t, ctx, "academy-course")
	if err := chromedp.Do(ctx, chromedp.Click(`#start-quiz`), chromedp.WaitVisible(`#quiz-form`)); err != nil {
		t.Fatal(err)
	}
	// The countdown (academy.js) runs from the server's remaining time.
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById("time-left").textContent.startsWith("14:5")`, chromedp.WithPollingTimeout(5*time.Second))); err != nil {
		t.Errorf("timer: %q (%v)", webtest.Text(t, ctx, "#timer"), err)
	}
	// Every answer right, the first left out: 4 of 5 is 80%, the mark.
	for i, q := range course.Questions {
		if i == 0 {
			continue
		}
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(`(() => { const i = document.querySelector('input[name="q%d"][value="%d"]'); i.click(); return i.checked })()`, q.ID, q.Correct))); err != nil {
			t.Fatal(err)
		}
	}
	webtest.Shoot(t, ctx, "academy-quiz")
	if err := chromedp.Do(ctx, chromedp.Click(`#submit-quiz`), chromedp.WaitVisible(`#result`)); err != nil {
		t.Fatal(err)
	}
	if got := webtest.Text(t, ctx, "#result"); !strings.Contains(got, "Passed: 80%") || !strings.Contains(got, "You are certified: Security specialist") {
		t.Errorf("result:\n%s", got)
	}
	webtest.Shoot(t, ctx, "academy-result")

	pr = meiP
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/training/matrix")); err != nil {
		t.Fatal(err)
	}
	row := webtest.Text(t, ctx, fmt.Sprintf(`#cert-matrix tr[data-agent="%d"]`, sam))
	if !strings.Contains(row, "current") || !strings.Contains(row, "until "+f.clock.Now().AddDate(0, 0, 180).Format("2006-01-02")) {
		t.Errorf("Sam's matrix row:\n%s", row)
	}
	webtest.Shoot(t, ctx, "academy-matrix")
	// A policy change from the matrix page: Sam must recertify.
	if err := chromedp.Do(ctx, chromedp.SendKeys(`form[action$="/version"]:last-of-type input[name=note]`, "2FA resets need a video call"),
		chromedp.Click(`form[action$="/version"]:last-of-type button`), chromedp.WaitVisible(`p.ok`)); err != nil {
		t.Fatal(err)
	}
	if row := webtest.Text(t, ctx, fmt.Sprintf(`#cert-matrix tr[data-agent="%d"] td[data-cert="security-specialist"]`, sam)); !strings.Contains(row, "recertify") {
		t.Errorf("after a new version Sam's cell is %q", row)
	}
}

// TestBadSubmissionsOverHTTP: the page and the API refuse bad answers with
// a 4xx and a message, and change nothing.
func TestBadSubmissionsOverHTTP(t *testing.T) {
	f, h, sam, _ := demoPages(t)
	pr := auth.Principal{Agent: auth.Agent{ID: sam, Name: "Sam", Role: auth.Security, Active: true}, CSRF: "csrf"}
	srv := testServer(t, h, &pr)
	post := func(path, ctype, body string) (int, string) {
		t.Helper()
		resp, err := http.Post(srv.URL+path, ctype, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode, string(b)
	}
	code, body := post("/api/v1/academy/courses/1/attempts", "application/json", "")
	var q Quiz
	if err := json.Unmarshal([]byte(body), &q); code != 201 || err != nil || len(q.Questions) == 0 {
		t.Fatalf("start: %d %s", code, body)
	}
	first := q.Questions[0].ID
	answers := fmt.Sprintf("/api/v1/academy/attempts/%d/answers", q.Attempt.ID)
	cases := []struct {
		name, body string
		code       int
		detail     string
	}{
		{"unknown question", `{"answers": {"99999": 0}}`, 400, "question 99999 is not in this quiz"},
		{"out of range", fmt.Sprintf(`{"answers": {"%d": 7}}`, first), 400, "is out of range"},
		{"not a number", fmt.Sprintf(`{"answers": {"%d": "two"}}`, first), 400, ""},
		{"not an id", `{"answers": {"first": 1}}`, 400, "is not a question id"},
		{"no answers", `{}`, 400, "answers is required"},
		{"another agent's attempt", `{"answers": {}}`, 404, "no quiz attempt"},
	}
	for _, tc := range cases {
		path := answers
		if tc.name == "another agent's attempt" {
			path = "/api/v1/academy/attempts/424242/answers"
		}
		code, body := post(path, "application/json", tc.body)
		if code != tc.code || !strings.Contains(body, tc.detail) || !strings.Contains(body, `"status":`) {
			t.Errorf("%s: %d %s; want %d with %q", tc.name, code, body, tc.code, tc.detail)
		}
	}
	// The page: a tampered form gets the quiz back with the message.
	code, body = post(fmt.Sprintf("/training/attempts/%d", q.Attempt.ID), "application/x-www-form-urlencoded", url.Values{"q99999": {"1"}}.Encode())
	if code != 400 || !strings.Contains(body, "question 99999 is not in this quiz") || !strings.Contains(body, `id="quiz-form"`) {
		t.Errorf("tampered page form: %d %.300s", code, body)
	}
	if a, err := f.svc.Attempt(context.Background(), sam, q.Attempt.ID); err != nil || a.Submitted {
		t.Fatalf("refused submissions changed the attempt: %+v, %v", a, err)
	}
	// Late: the page says the time ran out; the API answers 409.
	f.clock.Advance(time.Hour)
	code, body = post(fmt.Sprintf("/training/attempts/%d", q.Attempt.ID), "application/x-www-form-urlencoded", url.Values{fmt.Sprintf("q%d", first): {"0"}}.Encode())
	if code != 409 || !strings.Contains(body, "the time limit ran out") {
		t.Errorf("late page submission: %d %.300s", code, body)
	}
	if code, body = post(answers, "application/json", fmt.Sprintf(`{"answers": {"%d": 0}}`, first)); code != 409 || !strings.Contains(body, "time limit ran out") {
		t.Errorf("late API submission: %d %s", code, body)
	}
	// Twice: a fresh attempt, submitted, then again.
	_, body = post("/api/v1/academy/courses/1/attempts", "application/json", "")
	if err := json.Unmarshal([]byte(body), &q); err != nil {
		t.Fatal(err)
	}
	answers = fmt.Sprintf("/api/v1/academy/attempts/%d/answers", q.Attempt.ID)
	if code, body := post(answers, "application/json", `{"answers": {}}`); code != 200 || !strings.Contains(body, `"score":0`) {
		t.Errorf("an empty submission: %d %s", code, body)
	}
	if code, body := post(answers, "application/json", `{"answers": {}}`); code != 409 || !strings.Contains(body, "already submitted") {
		t.Errorf("double submission: %d %s", code, body)
	}
	// Agents do not see the right answers; the matrix is for academy.manage.
	resp, err := http.Get(srv.URL + "/api/v1/academy/courses/1")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if strings.Contains(string(b), `"correct"`) || !strings.Contains(string(b), `"question_count":3`) {
		t.Errorf("an agent's course view: %s", b)
	}
	if resp, err := http.Get(srv.URL + "/api/v1/academy/matrix"); err != nil || resp.StatusCode != 403 {
		t.Errorf("matrix as an agent: %v %v", resp.StatusCode, err)
	}
}

// TestFailedQuizPageWithholdsKey: a quiz sent with nothing answered says
// the right answers come at the mark; no choice is marked right, and no
// question right or wrong (that alone rebuilt the key in a few attempts).
func TestFailedQuizPageWithholdsKey(t *testing.T) {
	f, h, sam, _ := demoPages(t)
	pr := auth.Principal{Agent: auth.Agent{ID: sam, Name: "Sam Security", Role: auth.Security, Active: true}, CSRF: "csrf"}
	srv := testServer(t, h, &pr)
	ctx := webtest.Chromium(t)
	courses, err := f.svc.Courses(context.Background())
	if err != nil || len(courses) == 0 {
		t.Fatalf("demo courses: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(fmt.Sprintf("%s/training/courses/%d", srv.URL, courses[0].ID)),
		chromedp.Click(`#start-quiz`), chromedp.WaitVisible(`#quiz-form`),
		chromedp.Click(`#submit-quiz`), chromedp.WaitVisible(`#result`)); err != nil {
		t.Fatal(err)
	}
	if got := webtest.Text(t, ctx, "#result"); !strings.Contains(got, "Not passed: 0%") || !strings.Contains(got, "right answers are shown once you reach the mark") {
		t.Errorf("result:\n%s", got)
	}
	marked, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(".ac-review li.correct").length`))
	if err != nil || marked != 0 {
		t.Errorf("%d choices marked right on a failed attempt (%v)", marked, err)
	}
	judged, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(".ac-questions li.right, .ac-questions li.wrong, .chosen-wrong").length`))
	if err != nil || judged != 0 {
		t.Errorf("%d questions marked right or wrong on a failed attempt (%v)", judged, err)
	}
	webtest.Shoot(t, ctx, "academy-failed-quiz")
}

package academy

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/kb"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/web/webtest"
)

// fillForm sets form fields by selector in the page (text boxes, selects
// and checked radios or boxes), as a person typing and clicking would.
func fillForm(t *testing.T, ctx context.Context, fields map[string]string) {
	t.Helper()
	vals, err := json.Marshal(fields)
	if err != nil {
		t.Fatal(err)
	}
	js := fmt.Sprintf(`(() => { const f = %s; let n = 0;
		for (const [sel, v] of Object.entries(f)) { const e = document.querySelector(sel); if (!e) continue;
			if (e.type === "radio" || e.type === "checkbox") { e.checked = v === "on" } else { e.value = v } n++ }
		return n })()`, vals)
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](js))
	if err != nil || n != len(fields) {
		t.Fatalf("fill form: %d of %d fields found (%v)", n, len(fields), err)
	}
}

// TestAuthoringInBrowser: Mei writes a course from two knowledge-base
// articles with a multiple-choice and a scenario question (the page first
// refuses a question with no right answer and keeps what she typed), then
// a certification that opens the Tier 2 queue; Sam passes the quiz, and
// Mei's matrix shows him certified.
func TestAuthoringInBrowser(t *testing.T) {
	f, h, sam, mei := demoPages(t)
	samP := auth.Principal{Agent: auth.Agent{ID: sam, Name: "Sam Security", Role: auth.Security, Active: true}, CSRF: "csrf"}
	meiP := auth.Principal{Agent: auth.Agent{ID: mei, Name: "Mei Supervisor", Role: auth.Supervisor, Active: true}, CSRF: "csrf"}
	pr := meiP
	srv := testServer(t, h, &pr)
	ctx := webtest.Chromium(t)
	articles, err := f.kb.List(context.Background(), kb.SourceLang)
	if err != nil || len(articles) < 2 {
		t.Fatalf("starter articles: %d, %v", len(articles), err)
	}

	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/training"), chromedp.Click(`#authoring`), chromedp.WaitVisible(`#author-courses`),
		chromedp.Click(`#new-course`), chromedp.WaitVisible(`#course-form`)); err != nil {
		t.Fatal(err)
	}
	fillForm(t, ctx, map[string]string{
		`input[name=title]`:                             "Wrong-network deposits",
		`textarea[name=summary]`:                        "What to tell a customer whose deposit went to the wrong network.",
		`input[name=time_limit_minutes]`:                "10",
		`#lessons li:nth-child(1) select`:               fmt.Sprint(articles[0].ID),
		`#lessons li:nth-child(1) input`:                "Read the recovery conditions",
		`#lessons li:nth-child(2) select`:               fmt.Sprint(articles[1].ID),
		`input[name="q0.prompt"]`:                       "Which network must a USDT deposit use?",
		`#q0 .ac-choice:nth-child(1) input[type=text]`:  "Any network the customer likes",
		`#q0 .ac-choice:nth-child(2) input[type=text]`:  "The network shown on the deposit page",
		`#q0 .ac-choice:nth-child(2) input[type=radio]`: "on",
		`select[name="q1.kind"]`:                        "scenario",
		`textarea[name="q1.scenario"]`:                  "A customer sent USDT on the wrong network and asks for it back.",
		`input[name="q1.prompt"]`:                       "What do you do first?",
		`#q1 .ac-choice:nth-child(1) input[type=text]`:  "Promise a refund today",
		`#q1 .ac-choice:nth-child(2) input[type=text]`:  "Check the TxID and open a deposit-recovery appeal",
	})
	if err := chromedp.Do(ctx, chromedp.Click(`#save-course`), chromedp.WaitVisible(`#form-error`)); err != nil {
		t.Fatal(err)
	}
	if got := webtest.Text(t, ctx, `#form-error`); !strings.Contains(got, "question 2: mark the right answer") {
		t.Errorf("refusal: %q", got)
	}
	var kept string
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('input[name="q1.prompt"]').value`)); err != nil {
		t.Fatal(err)
	} else if kept, err = chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('textarea[name="q1.scenario"]').value`)); err != nil || !strings.Contains(kept, "wrong network") {
		t.Errorf("the refused form lost the scenario: %q %v", kept, err)
	}
	if n, err := f.svc.Courses(context.Background()); err != nil || countTitled(n, "Wrong-network deposits") != 0 {
		t.Fatalf("a refused form saved a course (%v)", err)
	}
	webtest.Shoot(t, ctx, "academy-author-course")
	fillForm(t, ctx, map[string]string{`#q1 .ac-choice:nth-child(2) input[type=radio]`: "on"})
	if err := chromedp.Do(ctx, chromedp.Click(`#save-course`), chromedp.WaitVisible(`#author-courses p.ok, #author p.ok`)); err != nil {
		t.Fatal(err)
	}
	courses, err := f.svc.Courses(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var id int64
	for _, c := range courses {
		if c.Title == "Wrong-network deposits" {
			id = c.ID
		}
	}
	course, err := f.svc.Course(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if len(course.Lessons) != 2 || course.Lessons[0].Note != "Read the recovery conditions" || len(course.Questions) != 2 ||
		course.Questions[1].Kind != KindScenario || course.Questions[1].Correct != 1 || course.TimeLimit != 600 {
		t.Fatalf("saved course: %+v", course)
	}
	webtest.Shoot(t, ctx, "academy-author")

	if err := chromedp.Do(ctx, chromedp.Click(fmt.Sprintf(`tr[data-course="%d"] a[href*="certifications/new"]`, id)), chromedp.WaitVisible(`#cert-form`)); err != nil {
		t.Fatal(err)
	}
	fillForm(t, ctx, map[string]string{
		`input[name=name]`:                      "Deposit recovery basics",
		`input[name=slug]`:                      "deposit-basics",
		`input[name=valid_days]`:                "90",
		`input[name=gate][value="queue:tier2"]`: "on",
	})
	webtest.Shoot(t, ctx, "academy-author-cert")
	if err := chromedp.Do(ctx, chromedp.Click(`#save-cert`), chromedp.WaitVisible(`#author p.ok`)); err != nil {
		t.Fatal(err)
	}
	if got := webtest.Text(t, ctx, `tr[data-cert="deposit-basics"]`); !strings.Contains(got, "Tier 2 investigations queue") || !strings.Contains(got, "90 days") {
		t.Errorf("certification row: %q", got)
	}

	pr = samP
	if err := chromedp.Do(ctx, chromedp.Navigate(fmt.Sprintf("%s/training/courses/%d", srv.URL, id)), chromedp.Click(`#start-quiz`), chromedp.WaitVisible(`#quiz-form`)); err != nil {
		t.Fatal(err)
	}
	for _, q := range course.Questions {
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(`(() => { const i = document.querySelector('input[name="q%d"][value="%d"]'); i.click(); return i.checked })()`, q.ID, q.Correct))); err != nil {
			t.Fatal(err)
		}
	}
	if err := chromedp.Do(ctx, chromedp.Click(`#submit-quiz`), chromedp.WaitVisible(`#result`)); err != nil {
		t.Fatal(err)
	}
	if got := webtest.Text(t, ctx, "#result"); !strings.Contains(got, "Passed: 100%") || !strings.Contains(got, "You are certified: Deposit recovery basics") {
		t.Errorf("result:\n%s", got)
	}

	pr = meiP
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/training/matrix")); err != nil {
		t.Fatal(err)
	}
	cell := webtest.Text(t, ctx, fmt.Sprintf(`#cert-matrix tr[data-agent="%d"] td[data-cert="deposit-basics"]`, sam))
	if !strings.Contains(cell, "current") || !strings.Contains(cell, "until "+f.clock.Now().AddDate(0, 0, 90).Format("2006-01-02")) {
		t.Errorf("Sam's deposit-basics cell: %q", cell)
	}
}

func countTitled(cs []Course, title string) int {
	n := 0
	for _, c := range cs {
		if c.Title == title {
			n++
		}
	}
	return n
}

// TestAuthoringRefusals: bad course and certification forms come back
// with a 4xx and the message on the page, and nothing is saved; an agent
// without academy.manage cannot open the pages.
func TestAuthoringRefusals(t *testing.T) {
	f, h, sam, mei := demoPages(t)
	pr := auth.Principal{Agent: auth.Agent{ID: mei, Name: "Mei", Role: auth.Supervisor, Active: true}, CSRF: "csrf"}
	srv := testServer(t, h, &pr)
	before, err := f.svc.Courses(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	certs, err := f.svc.Certifications(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	articles, err := f.kb.List(context.Background(), kb.SourceLang)
	if err != nil || len(articles) == 0 {
		t.Fatalf("starter articles: %v", err)
	}
	good := url.Values{"title": {"T"}, "pass_mark": {"80"}, "time_limit_minutes": {"10"}, "lesson.article": {fmt.Sprint(articles[0].ID)}, "lesson.note": {""},
		"questions": {"1"}, "q0.prompt": {"P?"}, "q0.choice": {"a", "b"}, "q0.correct": {"0"}}
	with := func(change url.Values) string {
		v := url.Values{}
		for k, vs := range good {
			v[k] = vs
		}
		for k, vs := range change {
			v[k] = vs
		}
		return v.Encode()
	}
	cases := []struct {
		name, path, body string
		code             int
		msg              string
	}{
		{"no title", "/training/author/courses", with(url.Values{"title": {" "}}), 400, "title is required"},
		{"pass mark words", "/training/author/courses", with(url.Values{"pass_mark": {"most"}}), 400, "pass_mark must be a whole number"},
		{"pass mark 0", "/training/author/courses", with(url.Values{"pass_mark": {"0"}}), 400, "percentage from 1 to 100"},
		{"a day to answer", "/training/author/courses", with(url.Values{"time_limit_minutes": {"1440"}}), 400, "from 1 to 240 minutes"},
		{"no lessons", "/training/author/courses", with(url.Values{"lesson.article": {""}}), 400, "1 to 50 lessons"},
		{"no such article", "/training/author/courses", with(url.Values{"lesson.article": {"999999"}}), 400, "names no knowledge-base article"},
		{"no right answer", "/training/author/courses", with(url.Values{"q0.correct": {"5"}}), 400, "mark the right answer"},
		{"one choice", "/training/author/courses", with(url.Values{"q0.choice": {"a", ""}}), 400, "2 to 8 choices"},
		{"scenario without a story", "/training/author/courses", with(url.Values{"q0.kind": {"scenario"}}), 400, "scenario is required"},
		{"no questions", "/training/author/courses", with(url.Values{"questions": {"0"}}), 400, "1 to 100 questions"},
		{"edit a missing course", "/training/author/courses/99999", with(nil), 404, "no course 99999"},
		{"certification without a course", "/training/author/certifications", "name=X&slug=x&pass_mark=80&valid_days=30&course_id=99999", 400, "no course 99999"},
		{"bad slug", "/training/author/certifications", fmt.Sprintf("name=X&slug=Not+A+Slug&pass_mark=80&valid_days=30&course_id=%d", before[0].ID), 400, "slug is 1 to 40"},
		{"unknown gate", "/training/author/certifications", fmt.Sprintf("name=X&slug=x&pass_mark=80&valid_days=30&course_id=%d&gate=queue:vip", before[0].ID), 400, "no gate"},
		{"forever", fmt.Sprintf("/training/author/certifications/%d", certs[0].ID), "name=X&pass_mark=80&valid_days=99999", 400, "valid_days is from 1 to 3650"},
		{"a new slug", fmt.Sprintf("/training/author/certifications/%d", certs[0].ID), "name=X&slug=other&pass_mark=80&valid_days=30", 400, "does not change"},
	}
	for _, c := range cases {
		resp, err := http.Post(srv.URL+c.path, "application/x-www-form-urlencoded", strings.NewReader(c.body))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != c.code || !strings.Contains(string(b), c.msg) {
			t.Errorf("%s: %d %.200s…; want %d with %q", c.name, resp.StatusCode, b, c.code, c.msg)
		}
	}
	// The API's edits refuse the same way, with a problem body.
	put := func(path, body string) (int, string) {
		t.Helper()
		req, err := http.NewRequest(http.MethodPut, srv.URL+path, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	course := fmt.Sprintf("/api/v1/academy/courses/%d", before[0].ID)
	for _, c := range []struct {
		path, body string
		code       int
		msg        string
	}{
		{course, `{"title": ""}`, 400, "title is required"},
		{course, `{"title": "T", "pass_mark": 80, "time_limit_seconds": 600, "lessons": [{"slug": "nope"}], "questions": [{"prompt": "p", "choices": ["a", "b"], "correct": 0}]}`, 400, "names no knowledge-base article"},
		{course, `{"title": "T", "surprise": 1}`, 400, "surprise"},
		{"/api/v1/academy/courses/99999", `{"title": "T", "pass_mark": 80, "time_limit_seconds": 600, "lessons": [{"article_id": ` + fmt.Sprint(articles[0].ID) + `}], "questions": [{"prompt": "p", "choices": ["a", "b"], "correct": 0}]}`, 404, "no course 99999"},
		{fmt.Sprintf("/api/v1/academy/certifications/%d", certs[0].ID), `{"name": "X", "pass_mark": 101, "valid_days": 30}`, 400, "percentage from 1 to 100"},
		{"/api/v1/academy/certifications/99999", `{"name": "X", "pass_mark": 80, "valid_days": 30}`, 404, "no certification 99999"},
	} {
		if code, body := put(c.path, c.body); code != c.code || !strings.Contains(body, c.msg) || !strings.Contains(body, `"status":`) {
			t.Errorf("PUT %s %s: %d %s; want %d with %q", c.path, c.body, code, body, c.code, c.msg)
		}
	}
	after, err := f.svc.Courses(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	certsAfter, err := f.svc.Certifications(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before) || len(certsAfter) != len(certs) || certsAfter[0].Name != certs[0].Name {
		t.Errorf("refused forms changed the academy: %d→%d courses, %d→%d certifications", len(before), len(after), len(certs), len(certsAfter))
	}
	pr = auth.Principal{Agent: auth.Agent{ID: sam, Name: "Sam", Role: auth.Security, Active: true}, CSRF: "csrf"}
	for _, path := range []string{"/training/author", "/training/author/courses/new"} {
		if resp, err := http.Get(srv.URL + path); err != nil || resp.StatusCode != 403 {
			t.Errorf("%s as an agent: %v %v", path, resp.StatusCode, err)
		}
	}
}

// TestUpdateCourse: an edit replaces the lessons and quiz and keeps
// submitted attempts' scores; it waits while an agent is inside the quiz.
func TestUpdateCourse(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		author, ada := f.agent("Author"), f.agent("Ada")
		in := CourseInput{Title: "Memos", PassMark: 50, TimeLimit: 600, Lessons: []LessonInput{{Slug: "wrong-network-deposit"}},
			Questions: []Question{{Prompt: "Memo needed for XRP?", Choices: []string{"No", "Yes"}, Correct: 1}}}
		c, err := f.svc.CreateCourse(ctx, author, in)
		if err != nil {
			t.Fatal(err)
		}
		q, err := f.svc.Start(ctx, ada, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		in.Title = "Memos and tags"
		in.Questions = append(in.Questions, Question{Kind: KindScenario, Scenario: "A deposit to an exchange without its tag.", Prompt: "First step?", Choices: []string{"Wait", "Ask for the TxID"}, Correct: 1})
		if _, err := f.svc.UpdateCourse(ctx, author, c.ID, in); !errs.Is(err, errs.Conflict) {
			t.Fatalf("update during Ada's quiz: %v, want a conflict", err)
		}
		res, err := f.svc.Submit(ctx, ada, q.Attempt.ID, map[int64]int{q.Questions[0].ID: 1})
		if err != nil || !res.Attempt.Passed {
			t.Fatalf("Ada's submission: %+v %v", res, err)
		}
		got, err := f.svc.UpdateCourse(ctx, author, c.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		if got.Title != "Memos and tags" || len(got.Questions) != 2 || got.Questions[1].Kind != KindScenario {
			t.Errorf("updated course: %+v", got)
		}
		if a, err := f.svc.Attempt(ctx, ada, q.Attempt.ID); err != nil || a.Score != 100 || !a.Passed {
			t.Errorf("Ada's attempt after the edit: %+v %v", a, err)
		}
		if _, err := f.svc.UpdateCourse(ctx, author, 424242, in); !errs.Is(err, errs.NotFound) {
			t.Errorf("update of a missing course: %v", err)
		}
	})
}

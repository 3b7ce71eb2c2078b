package academy

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/kb"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// people is the agents list the matrix reads.
type people []auth.Agent

type fixture struct {
	t      *testing.T
	db     *store.DB
	clock  *store.FakeClock
	kb     *kb.Store
	svc    *Service
	agents people
}

var monday = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func newFixture(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	f := &fixture{t: t, db: db, clock: store.NewFakeClock(monday), kb: &kb.Store{DB: db}}
	db.SetClock(f.clock.Now)
	for _, a := range []kb.NewText{
		{Slug: "wrong-network-deposit", Category: "deposits", Title: "I deposited on the wrong network", Body: "Each token can exist on several networks."},
		{Slug: "reset-2fa", Category: "security", Title: "Reset two-factor authentication", Body: "A 2FA reset needs a fresh step-up."},
		{Slug: "security-queue-playbook", Category: "security", Internal: true, Title: "Security queue playbook (internal)", Body: "Contain first."},
	} {
		a.Lang, a.Status = "en", kb.Published
		if _, err := f.kb.Save(context.Background(), a); err != nil {
			t.Fatal(err)
		}
	}
	f.svc = New(db, f.kb, &f.agents, nil)
	f.svc.Audit = audit.New(db)
	return f
}

func (p *people) Agents(ctx context.Context) ([]auth.Agent, error) { return *p, nil }

// agent adds an agent row (routing reads them) and to the matrix's list.
func (f *fixture) agent(name string) int64 {
	f.t.Helper()
	var id int64
	err := f.db.Tx(context.Background(), func(ctx context.Context, tx *store.Tx) error {
		var err error
		id, err = tx.InsertID(ctx, `INSERT INTO agents (email, name, role, created_at, updated_at) VALUES (?, ?, 'security', 0, 0)`,
			strings.ToLower(name)+"@example.com", name)
		return err
	})
	if err != nil {
		f.t.Fatal(err)
	}
	f.agents = append(f.agents, auth.Agent{ID: id, Name: name, Role: auth.Security, Active: true})
	return id
}

// securityCourse is a small course whose quiz grants the security
// specialist certification (pass mark 80, 180 days, gates the queue).
func (f *fixture) securityCourse() (Course, Certification) {
	f.t.Helper()
	ctx := context.Background()
	c, err := f.svc.CreateCourse(ctx, 1, CourseInput{Title: "Account security", PassMark: 60, TimeLimit: 600,
		Lessons: []LessonInput{{Slug: "reset-2fa"}, {Slug: "security-queue-playbook", Note: "internal"}},
		Questions: []Question{
			{Kind: KindScenario, Scenario: "A customer says they sent USDT on the wrong network.", Prompt: "What do you ask for?", Choices: []string{"The TxID", "Their seed phrase"}, Correct: 0},
			{Prompt: "Which level does a 2FA reset need?", Choices: []string{"L0", "L1", "L2"}, Correct: 2},
			{Prompt: "May you ask for a 2FA code?", Choices: []string{"Yes", "Never"}, Correct: 1},
			{Prompt: "First step in a takeover?", Choices: []string{"Lock withdrawals", "Wait"}, Correct: 0},
			{Prompt: "The guard blocked your reply:", Choices: []string{"Reword around it", "Fix the reply"}, Correct: 1},
		}})
	if err != nil {
		f.t.Fatal(err)
	}
	cert, err := f.svc.CreateCertification(ctx, CertificationInput{Slug: "security-specialist", Name: "Security specialist", PassMark: 80, ValidDays: 180,
		Gates: []string{GateSecurity}, CourseID: c.ID})
	if err != nil {
		f.t.Fatal(err)
	}
	if c, err = f.svc.Course(ctx, c.ID); err != nil {
		f.t.Fatal(err)
	}
	return c, cert
}

// answers answers the first right questions of c right, the rest wrong.
func answers(c Course, right int) map[int64]int {
	out := map[int64]int{}
	for i, q := range c.Questions {
		if i < right {
			out[q.ID] = q.Correct
		} else {
			out[q.ID] = (q.Correct + 1) % len(q.Choices)
		}
	}
	return out
}

// pass takes c's quiz with every answer right.
func (f *fixture) pass(agent int64, c Course) Result {
	f.t.Helper()
	q, err := f.svc.Start(context.Background(), agent, c.ID)
	if err != nil {
		f.t.Fatal(err)
	}
	res, err := f.svc.Submit(context.Background(), agent, q.Attempt.ID, answers(c, len(c.Questions)))
	if err != nil {
		f.t.Fatal(err)
	}
	return res
}

func TestQuizGradesAndCertifies(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		sam := f.agent("Sam")
		c, cert := f.securityCourse()
		if len(c.Lessons) != 2 || c.Lessons[1].Title != "Security queue playbook (internal)" || !c.Lessons[1].Internal || c.Certification == nil || c.Certification.ID != cert.ID {
			t.Fatalf("course %+v", c)
		}
		if err := f.svc.Clear(ctx, sam, GateSecurity); !errs.Is(err, errs.Forbidden) || !strings.Contains(err.Error(), `"Security specialist" (you do not hold it)`) {
			t.Fatalf("Clear before the quiz = %v, want forbidden naming the certification", err)
		}
		if err := f.svc.Clear(ctx, sam, GateTier2); err != nil {
			t.Errorf("an ungated queue: %v", err)
		}

		// 3 of 5 (60%): the course is passed, the certification (80%) is not.
		q, err := f.svc.Start(ctx, sam, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if again, err := f.svc.Start(ctx, sam, c.ID); err != nil || again.Attempt.ID != q.Attempt.ID {
			t.Errorf("starting again while open = %v, %v; want the same attempt %d", again.Attempt.ID, err, q.Attempt.ID)
		}
		if len(q.Questions) != 5 || q.Questions[0].Kind != KindScenario || !q.Attempt.Deadline.Equal(monday.Add(10*time.Minute)) {
			t.Fatalf("quiz %+v", q)
		}
		f.clock.Advance(3 * time.Minute)
		res, err := f.svc.Submit(ctx, sam, q.Attempt.ID, answers(c, 3))
		if err != nil {
			t.Fatal(err)
		}
		if !res.Attempt.Passed || res.Attempt.Score != 60 || res.Certified != nil || res.CertNeeds != 80 || len(res.Review) != 5 || res.Review[4].Right {
			t.Errorf("60%% result: %+v", res)
		}
		if err := f.svc.Clear(ctx, sam, GateSecurity); !errs.Is(err, errs.Forbidden) {
			t.Errorf("after 60%%: %v, want still forbidden", err)
		}

		// Every answer right: certified for 180 days at version 1.
		res = f.pass(sam, c)
		if res.Certified == nil || res.Certified.State != StateCurrent || res.Certified.Version != 1 || !res.Certified.ExpiresAt.Equal(f.clock.Now().Add(180*24*time.Hour)) {
			t.Fatalf("100%% result: %+v", res.Certified)
		}
		if err := f.svc.Clear(ctx, sam, GateSecurity); err != nil {
			t.Errorf("after passing: %v", err)
		}
		as, err := f.svc.Attempts(ctx, sam)
		if err != nil || len(as) != 2 || as[0].Score != 100 || as[1].Score != 60 {
			t.Errorf("attempts recorded: %+v, %v", as, err)
		}
		again, err := f.svc.ResultOf(ctx, sam, res.Attempt.ID)
		if err != nil || again.Certified == nil || again.Attempt.Score != 100 {
			t.Errorf("ResultOf = %+v, %v", again, err)
		}
	})
}

func TestQuizBadSubmissions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		sam, ada := f.agent("Sam"), f.agent("Ada")
		c, _ := f.securityCourse()
		q, err := f.svc.Start(ctx, sam, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		first := c.Questions[0].ID
		cases := []struct {
			name    string
			agent   int64
			answers map[int64]int
			kind    errs.Kind
			msg     string
		}{
			{"unknown question", sam, map[int64]int{first: 0, 999999: 1}, errs.Invalid, "question 999999 is not in this quiz"},
			{"choice out of range", sam, map[int64]int{first: 2}, errs.Invalid, "has choices 0 to 1; 2 is out of range"},
			{"negative choice", sam, map[int64]int{first: -1}, errs.Invalid, "out of range"},
			{"another agent's attempt", ada, map[int64]int{first: 0}, errs.NotFound, "no quiz attempt"},
		}
		for _, tc := range cases {
			_, err := f.svc.Submit(ctx, tc.agent, q.Attempt.ID, tc.answers)
			if errs.KindOf(err) != tc.kind || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("%s: %v, want %s with %q", tc.name, err, tc.kind, tc.msg)
			}
		}
		// None of them changed the attempt.
		if a, err := f.svc.Attempt(ctx, sam, q.Attempt.ID); err != nil || a.Submitted {
			t.Fatalf("after refused submissions: %+v, %v", a, err)
		}
		if _, err := f.svc.Submit(ctx, sam, q.Attempt.ID, answers(c, 5)); err != nil {
			t.Fatal(err)
		}
		_, err = f.svc.Submit(ctx, sam, q.Attempt.ID, answers(c, 5))
		if !errs.Is(err, errs.Conflict) || !strings.Contains(err.Error(), "already submitted") {
			t.Errorf("double submission: %v", err)
		}

		// Late: one second past the ten minutes.
		late, err := f.svc.Start(ctx, ada, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		f.clock.Advance(10*time.Minute + time.Second)
		_, err = f.svc.Submit(ctx, ada, late.Attempt.ID, answers(c, 5))
		if !errs.Is(err, errs.Conflict) || !strings.Contains(err.Error(), "time limit ran out") {
			t.Errorf("late submission: %v", err)
		}
		if a, err := f.svc.Attempt(ctx, ada, late.Attempt.ID); err != nil || a.Submitted || a.Open(f.clock.Now()) {
			t.Errorf("late attempt: %+v, %v; want unsubmitted and closed", a, err)
		}
		if err := f.svc.Clear(ctx, ada, GateSecurity); !errs.Is(err, errs.Forbidden) {
			t.Errorf("a late perfect quiz certified: %v", err)
		}
		// A new start after the deadline is a new attempt.
		if again, err := f.svc.Start(ctx, ada, c.ID); err != nil || again.Attempt.ID == late.Attempt.ID {
			t.Errorf("start after the deadline: %+v, %v", again.Attempt, err)
		}
	})
}

func TestExpiryAndNewVersion(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		sam, ada, bo := f.agent("Sam"), f.agent("Ada"), f.agent("Bo")
		c, cert := f.securityCourse()
		f.pass(sam, c)
		f.clock.Advance(100 * 24 * time.Hour)
		f.pass(ada, c)
		f.clock.Advance(60 * 24 * time.Hour) // Sam: 160 days, expiring; Ada: 60 days

		m, err := f.svc.Matrix(ctx)
		if err != nil {
			t.Fatal(err)
		}
		states := map[int64]string{}
		for _, row := range m.Rows {
			states[row.Agent.ID] = row.Holdings[0].State
		}
		if states[sam] != StateExpiring || states[ada] != StateCurrent || states[bo] != StateNone || len(m.Certifications) != 1 {
			t.Errorf("matrix states %v", states)
		}

		f.clock.Advance(21 * 24 * time.Hour) // Sam: 181 days
		err = f.svc.Clear(ctx, sam, GateSecurity)
		if !errs.Is(err, errs.Forbidden) || !strings.Contains(err.Error(), "yours expired on 2026-08-29") {
			t.Errorf("expired: %v", err)
		}
		if err := f.svc.Clear(ctx, ada, GateSecurity); err != nil {
			t.Errorf("Ada's is current: %v", err)
		}

		// The policy changes: Ada must recertify, and can.
		if _, err := f.svc.NewVersion(ctx, cert.ID, " "); !errs.Is(err, errs.Invalid) {
			t.Errorf("a new version without a note: %v", err)
		}
		if _, err := f.svc.NewVersion(ctx, 999, "x"); !errs.Is(err, errs.NotFound) {
			t.Errorf("a new version of no certification: %v", err)
		}
		if _, err := f.svc.NewVersion(ctx, cert.ID, "2FA resets now need a video call"); err != nil {
			t.Fatal(err)
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM audit_log WHERE action = 'academy.certification_version'`); n != 1 {
			t.Errorf("%d audit entries of the new version, want 1 (the refused ones leave none)", n)
		}
		err = f.svc.Clear(ctx, ada, GateSecurity)
		if !errs.Is(err, errs.Forbidden) || !strings.Contains(err.Error(), "version 2: 2FA resets now need a video call; recertify") {
			t.Errorf("after a new version: %v", err)
		}
		if res := f.pass(ada, c); res.Certified == nil || res.Certified.Version != 2 {
			t.Fatalf("recertified: %+v", res.Certified)
		}
		if err := f.svc.Clear(ctx, ada, GateSecurity); err != nil {
			t.Errorf("after recertifying: %v", err)
		}
		tr, err := f.svc.TrainingOf(ctx, sam)
		if err != nil || len(tr.Holdings) != 1 || tr.Holdings[0].State != StateRecertify { // expired and an old version: the new version is what to take
			t.Errorf("Sam's training: %+v, %v", tr.Holdings, err)
		}
	})
}

func TestBadCourses(t *testing.T) {
	db := storetest.Open(t, store.SQLite)
	f := newFixture(t, db)
	ctx := context.Background()
	good := func() CourseInput {
		return CourseInput{Title: "T", PassMark: 70, TimeLimit: 300, Lessons: []LessonInput{{Slug: "reset-2fa"}},
			Questions: []Question{{Prompt: "p", Choices: []string{"a", "b"}, Correct: 1}}}
	}
	cases := []struct {
		field  string
		change func(*CourseInput)
	}{
		{"title", func(c *CourseInput) { c.Title = " " }},
		{"pass_mark", func(c *CourseInput) { c.PassMark = 101 }},
		{"time_limit_seconds", func(c *CourseInput) { c.TimeLimit = 5 }},
		{"lessons", func(c *CourseInput) { c.Lessons = nil }},
		{"lessons[0]", func(c *CourseInput) { c.Lessons[0].Slug = "no-such-article" }},
		{"lessons[0]", func(c *CourseInput) { c.Lessons[0] = LessonInput{ArticleID: 99999} }},
		{"questions", func(c *CourseInput) { c.Questions = nil }},
		{"questions[0].choices", func(c *CourseInput) { c.Questions[0].Choices = []string{"only"} }},
		{"questions[0].correct", func(c *CourseInput) { c.Questions[0].Correct = 2 }},
		{"questions[0].kind", func(c *CourseInput) { c.Questions[0].Kind = "essay" }},
		{"questions[0].scenario", func(c *CourseInput) { c.Questions[0].Kind = KindScenario }},
		{"questions[0].prompt", func(c *CourseInput) { c.Questions[0].Prompt = "a\x00b" }},
	}
	for _, tc := range cases {
		in := good()
		tc.change(&in)
		_, err := f.svc.CreateCourse(ctx, 1, in)
		if e, ok := errs.As(err); !ok || e.Kind != errs.Invalid || e.Field != tc.field {
			t.Errorf("%s: %v", tc.field, err)
		}
	}
	c, err := f.svc.CreateCourse(ctx, 1, good())
	if err != nil {
		t.Fatal(err)
	}
	certCases := []struct {
		field string
		in    CertificationInput
	}{
		{"slug", CertificationInput{Slug: "Bad Slug", Name: "n", PassMark: 80, ValidDays: 30, CourseID: c.ID}},
		{"gates", CertificationInput{Slug: "s", Name: "n", PassMark: 80, ValidDays: 30, CourseID: c.ID, Gates: []string{"queue:wizards"}}},
		{"valid_days", CertificationInput{Slug: "s", Name: "n", PassMark: 80, ValidDays: 0, CourseID: c.ID}},
		{"course_id", CertificationInput{Slug: "s", Name: "n", PassMark: 80, ValidDays: 30, CourseID: 4242}},
	}
	for _, tc := range certCases {
		_, err := f.svc.CreateCertification(ctx, tc.in)
		if e, ok := errs.As(err); !ok || e.Kind != errs.Invalid || e.Field != tc.field {
			t.Errorf("certification %s: %v", tc.field, err)
		}
	}
	in := CertificationInput{Slug: "s", Name: "n", PassMark: 80, ValidDays: 30, CourseID: c.ID}
	if _, err := f.svc.CreateCertification(ctx, in); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.CreateCertification(ctx, in); !errs.Is(err, errs.Conflict) {
		t.Errorf("the same slug twice: %v", err)
	}
	if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM academy_courses`); n != 1 {
		t.Errorf("%d courses stored; the refused ones must leave nothing", n)
	}
}

func TestParseAnswers(t *testing.T) {
	cases := []struct {
		raw  string
		want map[int64]int
		err  string
	}{
		{"q12=1&q13=0&csrf_token=x", map[int64]int{12: 1, 13: 0}, ""},
		{"q12=a", nil, "not a choice number"},
		{"qx=1", nil, "not a question id"},
		{"q12=1&q12=2", nil, "has 2 answers"},
		{"q-3=1", nil, "not a question id"},
	}
	for _, tc := range cases {
		v, err := url.ParseQuery(tc.raw)
		if err != nil {
			t.Fatal(err)
		}
		got, err := ParseAnswers(v, "q")
		if tc.err != "" {
			if !errs.Is(err, errs.Invalid) || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%q: %v, want %q", tc.raw, err, tc.err)
			}
			continue
		}
		if err != nil || fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("%q = %v, %v; want %v", tc.raw, got, err, tc.want)
		}
	}
}

// TestCreateCourseLeavesInputAlone: the demo seeds from package-level
// courses, and several apps in one process seed at once; CreateCourse must
// store a normalised copy and never write the caller's questions.
func TestCreateCourseLeavesInputAlone(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		in := CourseInput{Title: "Basics", PassMark: 50, TimeLimit: 60, Lessons: []LessonInput{{Slug: "reset-2fa"}},
			Questions: []Question{{Prompt: "  Spaced prompt  ", Choices: []string{" yes ", "no"}, Correct: 0}}}
		c, err := f.svc.CreateCourse(context.Background(), 1, in)
		if err != nil {
			t.Fatal(err)
		}
		if q := in.Questions[0]; q.Kind != "" || q.Prompt != "  Spaced prompt  " || q.Choices[0] != " yes " {
			t.Fatalf("caller's question was written: %+v", q)
		}
		if c, err = f.svc.Course(context.Background(), c.ID); err != nil {
			t.Fatal(err)
		}
		if q := c.Questions[0]; q.Kind != KindChoice || q.Prompt != "Spaced prompt" || q.Choices[0] != "yes" {
			t.Fatalf("stored question not normalised: %+v", q)
		}
	})
}

// TestShortAttemptKeepsTheKey: an attempt that does not earn what the
// quiz gives (the course, or its certification) sees its answers and its
// score, not which answers were right or wrong: otherwise a few attempts
// started at once hand out the key and the next certifies for the
// security queue. A full attempt sees the key and the explanations.
func TestShortAttemptKeepsTheKey(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		sam := f.agent("Sam")
		c, _ := f.securityCourse()
		for _, right := range []int{0, 3} { // failed; course passed (60 %) but not the certification (80 %)
			q, err := f.svc.Start(ctx, sam, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			res, err := f.svc.Submit(ctx, sam, q.Attempt.ID, answers(c, right))
			if err != nil {
				t.Fatal(err)
			}
			again, err := f.svc.ResultOf(ctx, sam, q.Attempt.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range [][]Reviewed{res.Review, again.Review} {
				for i, rv := range r {
					if rv.Correct != -1 || rv.Explanation != "" || rv.Right {
						t.Errorf("%d right, question %d: correct %d, explanation %q, right %v; want the key withheld",
							right, i, rv.Correct, rv.Explanation, rv.Right)
					}
				}
			}
		}
		res := f.pass(sam, c)
		for i, rv := range res.Review {
			if rv.Correct != c.Questions[i].Correct {
				t.Errorf("passed, question %d: correct %d, want %d", i, rv.Correct, c.Questions[i].Correct)
			}
		}
	})
}

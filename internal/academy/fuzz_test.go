package academy

import (
	"net/url"
	"testing"

	"github.com/groundcrew/groundcrew/internal/errs"
)

// FuzzParseAnswers: any form body either parses into answers whose ids
// are positive, or is refused as invalid input; never a panic, never
// another kind of error.
func FuzzParseAnswers(f *testing.F) {
	for _, seed := range []string{"q1=0&q2=3", "csrf_token=x&q12=1", "q=1", "q0=1", "q1=1&q1=2", "q1=%20 2", "q99999999999999999999=1", "q1=-1", "q1=9999999999999", "&&==", "q%00=1"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		for _, prefix := range []string{"q", ""} {
			got, err := ParseAnswers(v, prefix)
			if err != nil {
				if !errs.Is(err, errs.Invalid) {
					t.Fatalf("ParseAnswers(%q) = %v: not an invalid-input error", raw, err)
				}
				continue
			}
			if len(got) > MaxAnswerFields {
				t.Fatalf("%d answers past the limit", len(got))
			}
			for id := range got {
				if id <= 0 {
					t.Fatalf("ParseAnswers(%q) kept question id %d", raw, id)
				}
			}
		}
	})
}

// FuzzParseAuthoringForms: any course or certification form either parses
// (every question kept has a right answer among its choices; every lesson
// names an article id) or is refused as invalid input; never a panic.
func FuzzParseAuthoringForms(f *testing.F) {
	for _, seed := range []string{
		"title=T&pass_mark=80&time_limit_minutes=15&lesson.article=3&lesson.note=&questions=1&q0.prompt=Which%3F&q0.choice=A&q0.choice=B&q0.correct=1",
		"questions=2&q0.choice=&q0.choice=x&q0.correct=0&q1.prompt=p",
		"lesson.article=x&lesson.note=n", "lesson.article=&lesson.note=n", "lesson.article=1",
		"questions=-1", "questions=99999999999999999999", "time_limit_minutes=9999", "pass_mark=eighty",
		"slug=sec&name=S&pass_mark=80&valid_days=365&course_id=1&gate=queue:security", "course_id=1e9", "valid_days=%00",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		in, err := ParseCourseForm(v)
		if err != nil && !errs.Is(err, errs.Invalid) {
			t.Fatalf("ParseCourseForm(%q) = %v: not an invalid-input error", raw, err)
		}
		if err == nil {
			for i, q := range in.Questions {
				if q.Correct < 0 || q.Correct >= len(q.Choices) {
					t.Fatalf("ParseCourseForm(%q): question %d's answer %d is not among %d choices", raw, i, q.Correct, len(q.Choices))
				}
			}
			for _, l := range in.Lessons {
				if l.ArticleID <= 0 {
					t.Fatalf("ParseCourseForm(%q) kept lesson article %d", raw, l.ArticleID)
				}
			}
		}
		if _, err := ParseCertificationForm(v); err != nil && !errs.Is(err, errs.Invalid) {
			t.Fatalf("ParseCertificationForm(%q) = %v: not an invalid-input error", raw, err)
		}
	})
}

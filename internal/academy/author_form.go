package academy

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/groundcrew/groundcrew/internal/errs"
)

// The authoring forms: a course (its lessons as one article choice and
// note per row, its questions as numbered fieldsets with a radio for the
// right choice) and a certification. A row or a question left blank is
// skipped, so the form can offer spare ones without any script.

// choiceSlots is how many choice boxes a question shows.
const choiceSlots = 6

// number reads a whole number field; "" is def.
func number(v url.Values, field string, def int) (int, error) {
	s := strings.TrimSpace(v.Get(field))
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, errs.Field(field, "%s must be a whole number, not %q", field, shorten(s))
	}
	return n, nil
}

func shorten(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// ParseCourseForm reads the course form into what CreateCourse and
// UpdateCourse check. The time limit is in minutes on the page. On an
// error it still returns everything it could read, so that the refused
// form comes back as the author typed it.
func ParseCourseForm(v url.Values) (CourseInput, error) {
	in := CourseInput{Title: v.Get("title"), Summary: v.Get("summary"), PathUnlocks: v.Get("path_unlocks")}
	var errList []error
	keep := func(err error) {
		if err != nil {
			errList = append(errList, err)
		}
	}
	var err error
	in.PassMark, err = number(v, "pass_mark", 0)
	keep(err)
	minutes, err := number(v, "time_limit_minutes", 0)
	keep(err)
	if minutes < 0 || minutes > 240 {
		keep(errs.Field("time_limit_minutes", "the time limit is from 1 to 240 minutes"))
		minutes = 0
	}
	in.TimeLimit = minutes * 60
	in.PathPosition, err = number(v, "path_position", 0)
	keep(err)
	in.Lessons, err = lessonsOf(v)
	keep(err)
	in.Questions, err = questionsOf(v)
	keep(err)
	if len(errList) > 0 {
		return in, errList[0]
	}
	return in, nil
}

// lessonsOf reads the lesson rows: lesson.article (an article id, "" for
// a blank row) and lesson.note, in order. A bad row is reported and kept
// out.
func lessonsOf(v url.Values) ([]LessonInput, error) {
	ids, notes := v["lesson.article"], v["lesson.note"]
	if len(notes) != len(ids) {
		return nil, errs.Field("lessons", "each lesson row has an article and a note (%d articles, %d notes)", len(ids), len(notes))
	}
	out := []LessonInput{}
	var first error
	for i, s := range ids {
		s = strings.TrimSpace(s)
		id, err := strconv.ParseInt(s, 10, 64)
		switch {
		case s == "" && strings.TrimSpace(notes[i]) != "":
			err = errs.Field("lessons", "lesson row %d has a note but no article", i+1)
		case s == "":
			continue
		case err != nil || id <= 0:
			err = errs.Field("lessons", "lesson row %d names no article (%q)", i+1, shorten(s))
		default:
			out = append(out, LessonInput{ArticleID: id, Note: notes[i]})
			continue
		}
		if first == nil {
			first = err
		}
	}
	return out, first
}

// questionsOf reads questions q0…q<questions-1>: qN.kind, qN.scenario,
// qN.prompt, qN.choice (repeated, in order; blank ones dropped),
// qN.correct (the index of the right box) and qN.explanation. A question
// without a right answer is kept (Correct -1) and reported.
func questionsOf(v url.Values) ([]Question, error) {
	n, err := number(v, "questions", 0)
	if err != nil {
		return nil, err
	}
	if n < 0 || n > maxQuestions+5 {
		return nil, errs.Field("questions", "the form has 0 to %d questions, not %d", maxQuestions+5, n)
	}
	out := []Question{}
	var first error
	for i := range n {
		p := fmt.Sprintf("q%d.", i)
		q := Question{Kind: v.Get(p + "kind"), Scenario: v.Get(p + "scenario"), Prompt: v.Get(p + "prompt"), Explanation: v.Get(p + "explanation")}
		boxes := v[p+"choice"]
		if len(boxes) > maxChoices {
			return nil, errs.Field(fmt.Sprintf("questions[%d].choices", len(out)), "a question has at most %d choices", maxChoices)
		}
		correct := strings.TrimSpace(v.Get(p + "correct"))
		q.Correct = -1
		for j, c := range boxes {
			if strings.TrimSpace(c) == "" {
				continue
			}
			if correct == strconv.Itoa(j) {
				q.Correct = len(q.Choices)
			}
			q.Choices = append(q.Choices, c)
		}
		if blank(q.Scenario, q.Prompt, q.Explanation) && len(q.Choices) == 0 {
			continue
		}
		if q.Correct < 0 && first == nil {
			first = errs.Field(fmt.Sprintf("questions[%d].correct", len(out)), "question %d: mark the right answer (a choice box with text)", len(out)+1)
		}
		out = append(out, q)
	}
	return out, first
}

func blank(ss ...string) bool {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}

// ParseCertificationForm reads the certification form; gate is repeated
// (checkboxes).
func ParseCertificationForm(v url.Values) (CertificationInput, error) {
	in := CertificationInput{Slug: strings.TrimSpace(v.Get("slug")), Name: v.Get("name"), Description: v.Get("description"), Gates: v["gate"]}
	var err error
	if in.PassMark, err = number(v, "pass_mark", 0); err != nil {
		return in, err
	}
	if in.ValidDays, err = number(v, "valid_days", 0); err != nil {
		return in, err
	}
	course, err := number(v, "course_id", 0)
	in.CourseID = int64(course)
	return in, err
}

package academy

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/kb"
	"github.com/groundcrew/groundcrew/internal/store"
)

// CourseInput is what an author writes: the lessons name articles by id
// or slug; the questions carry their right answers.
type CourseInput struct {
	Title        string        `json:"title"`
	Summary      string        `json:"summary"`
	PassMark     int           `json:"pass_mark"`
	TimeLimit    int           `json:"time_limit_seconds"`
	PathPosition int           `json:"path_position"`
	PathUnlocks  string        `json:"path_unlocks"`
	Lessons      []LessonInput `json:"lessons"`
	Questions    []Question    `json:"questions"`
}

// LessonInput names one article, by id or by slug.
type LessonInput struct {
	ArticleID int64  `json:"article_id"`
	Slug      string `json:"slug"`
	Note      string `json:"note"`
}

func text(field, s string, max int, required bool) (string, error) {
	s = strings.TrimSpace(s)
	switch {
	case required && s == "":
		return "", errs.Field(field, "%s is required", field)
	case len(s) > max || !utf8.ValidString(s) || strings.ContainsRune(s, 0):
		return "", errs.Field(field, "%s is at most %d bytes of text", field, max)
	}
	return s, nil
}

func percent(field string, v int) error {
	if v < 1 || v > 100 {
		return errs.Field(field, "%s is a percentage from 1 to 100", field)
	}
	return nil
}

// validate checks a course and finds its lessons' articles.
func (s *Service) validate(ctx context.Context, in *CourseInput) ([]Lesson, error) {
	var err error
	if in.Title, err = text("title", in.Title, maxTitle, true); err != nil {
		return nil, err
	}
	if in.Summary, err = text("summary", in.Summary, maxText, false); err != nil {
		return nil, err
	}
	if in.PathUnlocks, err = text("path_unlocks", in.PathUnlocks, maxTitle, false); err != nil {
		return nil, err
	}
	if err := percent("pass_mark", in.PassMark); err != nil {
		return nil, err
	}
	if in.TimeLimit < 60 || in.TimeLimit > 4*3600 {
		return nil, errs.Field("time_limit_seconds", "a quiz's time limit is from 60 seconds to 4 hours")
	}
	if in.PathPosition < 0 || in.PathPosition > 100 {
		return nil, errs.Field("path_position", "path_position is from 0 (not on the path) to 100")
	}
	if len(in.Lessons) == 0 || len(in.Lessons) > maxLessons {
		return nil, errs.Field("lessons", "a course has 1 to %d lessons", maxLessons)
	}
	if len(in.Questions) == 0 || len(in.Questions) > maxQuestions {
		return nil, errs.Field("questions", "a course's quiz has 1 to %d questions", maxQuestions)
	}
	lessons := make([]Lesson, len(in.Lessons))
	for i, l := range in.Lessons {
		field := fmt.Sprintf("lessons[%d]", i)
		var a kb.Article
		var err error
		if l.ArticleID != 0 {
			a, err = s.articles.Get(ctx, l.ArticleID, "en")
		} else {
			a, err = s.articles.BySlug(ctx, l.Slug, "en")
		}
		if errs.Is(err, errs.NotFound) || errs.Is(err, errs.Invalid) {
			return nil, errs.Field(field, "%s names no knowledge-base article (article_id %d, slug %q)", field, l.ArticleID, l.Slug)
		}
		if err != nil {
			return nil, fmt.Errorf("lesson article: %w", err)
		}
		note, err := text(field+".note", l.Note, maxText, false)
		if err != nil {
			return nil, err
		}
		lessons[i] = Lesson{Position: i + 1, ArticleID: a.ID, Note: note, Title: a.Title, Slug: a.Slug, Internal: a.Internal}
	}
	// Normalising writes into the questions: work on a copy so a caller's
	// slice (the demo's package-level courses, seeded by concurrent apps in
	// one process) is never written.
	questions := make([]Question, len(in.Questions))
	for i, q := range in.Questions {
		q.Choices = slices.Clone(q.Choices)
		questions[i] = q
	}
	in.Questions = questions
	for i := range in.Questions {
		if err := checkQuestion(fmt.Sprintf("questions[%d]", i), &in.Questions[i]); err != nil {
			return nil, err
		}
	}
	return lessons, nil
}

func checkQuestion(field string, q *Question) error {
	var err error
	if q.Kind == "" {
		q.Kind = KindChoice
	}
	if q.Kind != KindChoice && q.Kind != KindScenario {
		return errs.Field(field+".kind", "a question's kind is %q or %q", KindChoice, KindScenario)
	}
	if q.Scenario, err = text(field+".scenario", q.Scenario, maxText, q.Kind == KindScenario); err != nil {
		return err
	}
	if q.Prompt, err = text(field+".prompt", q.Prompt, maxText, true); err != nil {
		return err
	}
	if q.Explanation, err = text(field+".explanation", q.Explanation, maxText, false); err != nil {
		return err
	}
	if len(q.Choices) < 2 || len(q.Choices) > maxChoices {
		return errs.Field(field+".choices", "a question has 2 to %d choices", maxChoices)
	}
	for j := range q.Choices {
		if q.Choices[j], err = text(fmt.Sprintf("%s.choices[%d]", field, j), q.Choices[j], maxText, true); err != nil {
			return err
		}
	}
	if q.Correct < 0 || q.Correct >= len(q.Choices) {
		return errs.Field(field+".correct", "correct is the index of the right choice, from 0 to %d", len(q.Choices)-1)
	}
	return nil
}

// CreateCourse saves a new course with its lessons and quiz.
func (s *Service) CreateCourse(ctx context.Context, by int64, in CourseInput) (Course, error) {
	lessons, err := s.validate(ctx, &in)
	if err != nil {
		return Course{}, err
	}
	var id int64
	err = s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		now := tx.Now()
		id, err = tx.InsertID(ctx, `INSERT INTO academy_courses (title, summary, pass_mark, time_limit, path_position, path_unlocks, created_by, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, in.Title, in.Summary, in.PassMark, in.TimeLimit, in.PathPosition, in.PathUnlocks, by, now, now)
		if err != nil {
			return err
		}
		if err := writeCourseBody(ctx, tx, id, lessons, in.Questions); err != nil {
			return err
		}
		return s.record(ctx, "academy.course_created", "academy_course", id, map[string]any{"title": in.Title, "questions": len(in.Questions)})
	})
	if err != nil {
		return Course{}, fmt.Errorf("create course: %w", err)
	}
	return s.Course(ctx, id)
}

// UpdateCourse replaces course id's text, lessons and quiz. Submitted
// attempts keep their scores; while an agent is inside a running quiz the
// course is not changed under them (Conflict: try after its deadline).
func (s *Service) UpdateCourse(ctx context.Context, by, id int64, in CourseInput) (Course, error) {
	lessons, err := s.validate(ctx, &in)
	if err != nil {
		return Course{}, err
	}
	err = s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		now := tx.Now()
		var running int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM academy_attempts WHERE course_id = ? AND submitted_at = 0 AND deadline > ?`, id, now).Scan(&running); err != nil {
			return err
		}
		if running > 0 {
			return errs.E(errs.Conflict, "%d agent(s) are taking this course's quiz right now; save again once their time is up", running)
		}
		res, err := tx.Exec(ctx, `UPDATE academy_courses SET title = ?, summary = ?, pass_mark = ?, time_limit = ?, path_position = ?, path_unlocks = ?, updated_at = ?
			WHERE id = ?`, in.Title, in.Summary, in.PassMark, in.TimeLimit, in.PathPosition, in.PathUnlocks, now, id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return errs.E(errs.NotFound, "no course %d", id)
		}
		for _, q := range []string{`DELETE FROM academy_lessons WHERE course_id = ?`, `DELETE FROM academy_questions WHERE course_id = ?`} {
			if _, err := tx.Exec(ctx, q, id); err != nil {
				return err
			}
		}
		if err := writeCourseBody(ctx, tx, id, lessons, in.Questions); err != nil {
			return err
		}
		return s.record(ctx, "academy.course_updated", "academy_course", id, map[string]any{"title": in.Title, "questions": len(in.Questions), "by": by})
	})
	if err != nil {
		return Course{}, fmt.Errorf("update course %d: %w", id, err)
	}
	return s.Course(ctx, id)
}

// writeCourseBody inserts a course's lessons and questions in order.
func writeCourseBody(ctx context.Context, tx *store.Tx, id int64, lessons []Lesson, questions []Question) error {
	for _, l := range lessons {
		if _, err := tx.Exec(ctx, `INSERT INTO academy_lessons (course_id, position, article_id, note) VALUES (?, ?, ?, ?)`, id, l.Position, l.ArticleID, l.Note); err != nil {
			return err
		}
	}
	for i, q := range questions {
		choices, err := json.Marshal(q.Choices)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO academy_questions (course_id, position, kind, scenario, prompt, choices, correct, explanation)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, id, i+1, q.Kind, q.Scenario, q.Prompt, string(choices), q.Correct, q.Explanation); err != nil {
			return err
		}
	}
	return nil
}

const courseColumns = `id, title, summary, pass_mark, time_limit, path_position, path_unlocks`

func scanCourse(sc interface{ Scan(...any) error }) (Course, error) {
	var c Course
	err := sc.Scan(&c.ID, &c.Title, &c.Summary, &c.PassMark, &c.TimeLimit, &c.PathPosition, &c.PathUnlocks)
	return c, err
}

// Courses lists the courses (without their questions): the learning path's
// in order first, then the rest by title.
func (s *Service) Courses(ctx context.Context) ([]Course, error) {
	rows, err := s.db.Query(ctx, `SELECT `+courseColumns+` FROM academy_courses
		ORDER BY CASE WHEN path_position = 0 THEN 1 ELSE 0 END, path_position, title, id`)
	if err != nil {
		return nil, fmt.Errorf("list courses: %w", err)
	}
	defer rows.Close()
	out := []Course{}
	for rows.Next() {
		c, err := scanCourse(rows)
		if err != nil {
			return nil, fmt.Errorf("list courses: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list courses: %w", err)
	}
	certs, err := s.Certifications(ctx)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Lessons = []Lesson{}
		out[i].Certification = certOfCourse(certs, out[i].ID)
	}
	return out, nil
}

func certOfCourse(certs []Certification, courseID int64) *Certification {
	for _, c := range certs {
		if c.CourseID == courseID {
			return &c
		}
	}
	return nil
}

// Course returns a course with its lessons, questions and certification.
func (s *Service) Course(ctx context.Context, id int64) (Course, error) {
	c, err := scanCourse(s.db.QueryRow(ctx, `SELECT `+courseColumns+` FROM academy_courses WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Course{}, errs.E(errs.NotFound, "no course %d", id)
	}
	if err != nil {
		return Course{}, fmt.Errorf("course %d: %w", id, err)
	}
	rows, err := s.db.Query(ctx, `SELECT position, article_id, note FROM academy_lessons WHERE course_id = ? ORDER BY position`, id)
	if err != nil {
		return Course{}, fmt.Errorf("course %d lessons: %w", id, err)
	}
	c.Lessons = []Lesson{}
	for rows.Next() {
		var l Lesson
		if err := rows.Scan(&l.Position, &l.ArticleID, &l.Note); err != nil {
			rows.Close()
			return Course{}, fmt.Errorf("course %d lessons: %w", id, err)
		}
		c.Lessons = append(c.Lessons, l)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return Course{}, fmt.Errorf("course %d lessons: %w", id, err)
	}
	for i, l := range c.Lessons {
		a, err := s.articles.Get(ctx, l.ArticleID, "en")
		if err != nil {
			// An article removed since: the lesson stays, named by its id.
			c.Lessons[i].Title = fmt.Sprintf("Article %d (removed)", l.ArticleID)
			continue
		}
		c.Lessons[i].Title, c.Lessons[i].Slug, c.Lessons[i].Internal = a.Title, a.Slug, a.Internal
	}
	if c.Questions, err = s.questions(ctx, id); err != nil {
		return Course{}, err
	}
	certs, err := s.Certifications(ctx)
	if err != nil {
		return Course{}, err
	}
	c.Certification = certOfCourse(certs, id)
	return c, nil
}

func (s *Service) questions(ctx context.Context, courseID int64) ([]Question, error) {
	rows, err := s.db.Query(ctx, `SELECT id, kind, scenario, prompt, choices, correct, explanation FROM academy_questions WHERE course_id = ? ORDER BY position`, courseID)
	if err != nil {
		return nil, fmt.Errorf("questions of course %d: %w", courseID, err)
	}
	defer rows.Close()
	out := []Question{}
	for rows.Next() {
		var q Question
		var choices string
		if err := rows.Scan(&q.ID, &q.Kind, &q.Scenario, &q.Prompt, &choices, &q.Correct, &q.Explanation); err != nil {
			return nil, fmt.Errorf("questions of course %d: %w", courseID, err)
		}
		if err := json.Unmarshal([]byte(choices), &q.Choices); err != nil {
			return nil, fmt.Errorf("question %d's stored choices: %w", q.ID, err)
		}
		out = append(out, q)
	}
	return out, rows.Err()
}

// CertificationInput is what an admin writes to create a certification.
type CertificationInput struct {
	Slug        string   `json:"slug"`
	Name        string   `json:"name"`
	Description string   `json:"description"`
	PassMark    int      `json:"pass_mark"`
	ValidDays   int      `json:"valid_days"`
	Gates       []string `json:"gates"`
	CourseID    int64    `json:"course_id"`
}

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// checkCertification checks what an admin may set on a certification.
func checkCertification(in *CertificationInput) error {
	var err error
	if in.Name, err = text("name", in.Name, maxTitle, true); err != nil {
		return err
	}
	if in.Description, err = text("description", in.Description, maxText, false); err != nil {
		return err
	}
	if err := percent("pass_mark", in.PassMark); err != nil {
		return err
	}
	if in.ValidDays < 1 || in.ValidDays > 3650 {
		return errs.Field("valid_days", "valid_days is from 1 to 3650")
	}
	if len(in.Gates) > maxGates {
		return errs.Field("gates", "at most %d gates", maxGates)
	}
	for _, g := range in.Gates {
		if !knownGate(g) {
			return errs.Field("gates", "no gate %q; the gates are %s", g, strings.Join(Gates, ", "))
		}
	}
	return nil
}

// CreateCertification saves a certification granted by a course's quiz.
func (s *Service) CreateCertification(ctx context.Context, in CertificationInput) (Certification, error) {
	if len(in.Slug) > 40 || !slugPattern.MatchString(in.Slug) {
		return Certification{}, errs.Field("slug", "slug is 1 to 40 lower-case letters, digits and dashes (security-specialist)")
	}
	if err := checkCertification(&in); err != nil {
		return Certification{}, err
	}
	if _, err := s.Course(ctx, in.CourseID); errs.Is(err, errs.NotFound) {
		return Certification{}, errs.Field("course_id", "no course %d: a certification is granted by a course's quiz", in.CourseID)
	} else if err != nil {
		return Certification{}, err
	}
	var id int64
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		var n int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM academy_certifications WHERE slug = ? OR course_id = ?`, in.Slug, in.CourseID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return errs.E(errs.Conflict, "a certification with slug %q, or one granted by course %d, exists already", in.Slug, in.CourseID)
		}
		now := tx.Now()
		var err error
		id, err = tx.InsertID(ctx, `INSERT INTO academy_certifications (slug, name, description, pass_mark, valid_days, gates, course_id, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, in.Slug, in.Name, in.Description, in.PassMark, in.ValidDays, strings.Join(in.Gates, ","), in.CourseID, now, now)
		if err != nil {
			return err
		}
		return s.record(ctx, "academy.certification_created", "academy_certification", id, map[string]any{"slug": in.Slug, "gates": in.Gates})
	})
	if err != nil {
		return Certification{}, fmt.Errorf("create certification: %w", err)
	}
	return s.Certification(ctx, id)
}

// UpdateCertification changes certification id's name, description, pass
// mark, validity and gates. Its slug and course stay (holdings and links
// name them); holders keep their standing: a change that should send them
// back to the quiz is a new version (NewVersion).
func (s *Service) UpdateCertification(ctx context.Context, id int64, in CertificationInput) (Certification, error) {
	old, err := s.Certification(ctx, id)
	if err != nil {
		return Certification{}, err
	}
	if in.Slug != "" && in.Slug != old.Slug {
		return Certification{}, errs.Field("slug", "a certification's slug (%s) does not change", old.Slug)
	}
	if in.CourseID != 0 && in.CourseID != old.CourseID {
		return Certification{}, errs.Field("course_id", "a certification stays with the course that grants it (%d)", old.CourseID)
	}
	if err := checkCertification(&in); err != nil {
		return Certification{}, err
	}
	err = s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		if _, err := tx.Exec(ctx, `UPDATE academy_certifications SET name = ?, description = ?, pass_mark = ?, valid_days = ?, gates = ?, updated_at = ? WHERE id = ?`,
			in.Name, in.Description, in.PassMark, in.ValidDays, strings.Join(in.Gates, ","), tx.Now(), id); err != nil {
			return err
		}
		return s.record(ctx, "academy.certification_updated", "academy_certification", id, map[string]any{"gates": in.Gates, "pass_mark": in.PassMark, "valid_days": in.ValidDays})
	})
	if err != nil {
		return Certification{}, fmt.Errorf("update certification %d: %w", id, err)
	}
	return s.Certification(ctx, id)
}

const certColumns = `id, slug, name, description, pass_mark, valid_days, version, version_note, gates, COALESCE(course_id, 0)`

func scanCert(sc interface{ Scan(...any) error }) (Certification, error) {
	var c Certification
	var gates string
	err := sc.Scan(&c.ID, &c.Slug, &c.Name, &c.Description, &c.PassMark, &c.ValidDays, &c.Version, &c.VersionNote, &gates, &c.CourseID)
	c.Gates = []string{}
	if gates != "" {
		c.Gates = strings.Split(gates, ",")
	}
	return c, err
}

// Certifications lists every certification by name.
func (s *Service) Certifications(ctx context.Context) ([]Certification, error) {
	rows, err := s.db.Query(ctx, `SELECT `+certColumns+` FROM academy_certifications ORDER BY name, id`)
	if err != nil {
		return nil, fmt.Errorf("list certifications: %w", err)
	}
	defer rows.Close()
	out := []Certification{}
	for rows.Next() {
		c, err := scanCert(rows)
		if err != nil {
			return nil, fmt.Errorf("list certifications: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Certification returns one certification.
func (s *Service) Certification(ctx context.Context, id int64) (Certification, error) {
	c, err := scanCert(s.db.QueryRow(ctx, `SELECT `+certColumns+` FROM academy_certifications WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Certification{}, errs.E(errs.NotFound, "no certification %d", id)
	}
	if err != nil {
		return Certification{}, fmt.Errorf("certification %d: %w", id, err)
	}
	return c, nil
}

// NewVersion records a policy change behind a certification: its version
// goes up by one, and every holder of an older version must pass the quiz
// again before the gate lets them through.
func (s *Service) NewVersion(ctx context.Context, id int64, note string) (Certification, error) {
	note, err := text("note", note, maxText, true)
	if err != nil {
		return Certification{}, errs.Field("note", "say what changed in the policy (1 to %d bytes); holders read it when they recertify", maxText)
	}
	err = s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		res, err := tx.Exec(ctx, `UPDATE academy_certifications SET version = version + 1, version_note = ?, updated_at = ? WHERE id = ?`, note, tx.Now(), id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return errs.E(errs.NotFound, "no certification %d", id)
		}
		return s.record(ctx, "academy.certification_version", "academy_certification", id, map[string]any{"note": note})
	})
	if err != nil {
		return Certification{}, fmt.Errorf("new version of certification %d: %w", id, err)
	}
	return s.Certification(ctx, id)
}

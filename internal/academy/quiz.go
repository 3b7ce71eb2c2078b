package academy

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
)

// Attempt is one sitting of a course's quiz.
type Attempt struct {
	ID          int64         `json:"id"`
	AgentID     int64         `json:"agent_id"`
	CourseID    int64         `json:"course_id"`
	StartedAt   time.Time     `json:"started_at"`
	Deadline    time.Time     `json:"deadline"`
	Submitted   bool          `json:"submitted"`
	SubmittedAt *time.Time    `json:"submitted_at,omitempty"`
	Answers     map[int64]int `json:"answers,omitempty"`
	Correct     int           `json:"correct"`
	Total       int           `json:"total"`
	Score       int           `json:"score"` // percent
	Passed      bool          `json:"passed"`
}

// Open reports whether the attempt can still be submitted at now.
func (a Attempt) Open(now time.Time) bool { return !a.Submitted && now.Before(a.Deadline) }

// Quiz is a started attempt with the questions to answer.
type Quiz struct {
	Attempt   Attempt        `json:"attempt"`
	Course    string         `json:"course"`
	Questions []QuizQuestion `json:"questions"`
}

// Result is a submitted attempt: the score, each question with the right
// answer and why, and the certification it granted.
type Result struct {
	Attempt   Attempt    `json:"attempt"`
	Course    string     `json:"course"`
	PassMark  int        `json:"pass_mark"`
	Review    []Reviewed `json:"review"`
	Certified *Holding   `json:"certified,omitempty"`
	// CertNeeds is the certification's mark when the course was passed
	// but the certification asks for more.
	CertNeeds int `json:"cert_needs,omitempty"`
	// KeyWithheld: the attempt is under the mark, so the review shows the
	// agent's answers but neither the right ones nor which were right
	// (every "right" is false).
	KeyWithheld bool `json:"key_withheld,omitempty"`
}

// Reviewed is one question after the quiz.
type Reviewed struct {
	Question
	Chosen int  `json:"chosen"` // -1: not answered
	Right  bool `json:"right"`
}

const attemptColumns = `id, agent_id, course_id, started_at, deadline, submitted_at, answers, correct, total, score, passed`

func scanAttempt(sc interface{ Scan(...any) error }) (Attempt, error) {
	var a Attempt
	var started, deadline, submitted int64
	var answers string
	var passed int
	if err := sc.Scan(&a.ID, &a.AgentID, &a.CourseID, &started, &deadline, &submitted, &answers, &a.Correct, &a.Total, &a.Score, &passed); err != nil {
		return a, err
	}
	a.StartedAt, a.Deadline, a.Passed = ms(started), ms(deadline), passed == 1
	if submitted > 0 {
		t := ms(submitted)
		a.Submitted, a.SubmittedAt = true, &t
	}
	raw := map[string]int{}
	if err := json.Unmarshal([]byte(answers), &raw); err != nil {
		return a, fmt.Errorf("attempt %d's stored answers: %w", a.ID, err)
	}
	a.Answers = map[int64]int{}
	for k, v := range raw {
		id, _ := strconv.ParseInt(k, 10, 64)
		a.Answers[id] = v
	}
	return a, nil
}

// Attempt returns attempt id of agentID; another agent's is not found.
func (s *Service) Attempt(ctx context.Context, agentID, id int64) (Attempt, error) {
	a, err := scanAttempt(s.db.QueryRow(ctx, `SELECT `+attemptColumns+` FROM academy_attempts WHERE id = ? AND agent_id = ?`, id, agentID))
	if errors.Is(err, sql.ErrNoRows) {
		return Attempt{}, errs.E(errs.NotFound, "no quiz attempt %d of yours", id)
	}
	if err != nil {
		return Attempt{}, fmt.Errorf("attempt %d: %w", id, err)
	}
	return a, nil
}

// Attempts lists agentID's attempts, newest first (at most 50).
func (s *Service) Attempts(ctx context.Context, agentID int64) ([]Attempt, error) {
	rows, err := s.db.Query(ctx, `SELECT `+attemptColumns+` FROM academy_attempts WHERE agent_id = ? ORDER BY id DESC LIMIT 50`, agentID)
	if err != nil {
		return nil, fmt.Errorf("attempts of agent %d: %w", agentID, err)
	}
	defer rows.Close()
	out := []Attempt{}
	for rows.Next() {
		a, err := scanAttempt(rows)
		if err != nil {
			return nil, fmt.Errorf("attempts of agent %d: %w", agentID, err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// Start begins a quiz of courseID for agentID, or returns the attempt the
// agent has open on it (reloading the page does not restart the clock).
func (s *Service) Start(ctx context.Context, agentID, courseID int64) (Quiz, error) {
	c, err := s.Course(ctx, courseID)
	if err != nil {
		return Quiz{}, err
	}
	now := s.now()
	var id int64
	err = s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		// The agent's row is the lock: a second start at the same moment
		// waits here and then sees this one's attempt, so two starts cannot
		// both count two before either inserts (PostgreSQL reads committed
		// rows only; SQLite has one writer anyway).
		if _, err := tx.Exec(ctx, `UPDATE agents SET id = id WHERE id = ?`, agentID); err != nil {
			return err
		}
		err := tx.QueryRow(ctx, `SELECT id FROM academy_attempts WHERE agent_id = ? AND course_id = ? AND submitted_at = 0 AND deadline > ? ORDER BY id DESC LIMIT 1`,
			agentID, courseID, now.UnixMilli()).Scan(&id)
		if err == nil {
			return nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if err := attemptsLeft(ctx, tx, agentID, courseID, now); err != nil {
			return err
		}
		deadline := now.Add(time.Duration(c.TimeLimit) * time.Second)
		id, err = tx.InsertID(ctx, `INSERT INTO academy_attempts (agent_id, course_id, started_at, deadline, total) VALUES (?, ?, ?, ?, ?)`,
			agentID, courseID, now.UnixMilli(), deadline.UnixMilli(), len(c.Questions))
		return err
	})
	if err != nil {
		return Quiz{}, fmt.Errorf("start quiz of course %d: %w", courseID, err)
	}
	a, err := s.Attempt(ctx, agentID, id)
	if err != nil {
		return Quiz{}, err
	}
	q := Quiz{Attempt: a, Course: c.Title}
	for _, qq := range c.Questions {
		q.Questions = append(q.Questions, qq.forQuiz())
	}
	return q, nil
}

// AttemptsPerDay is how many attempts an agent may start at one course in
// any 24 hours. Even the score alone tells an agent who changes one answer
// per attempt which choice is right; the limit makes guessing the key
// through the quiz take days instead of minutes.
const AttemptsPerDay = 3

// attemptsLeft refuses a new attempt when agentID started AttemptsPerDay
// at the course in the 24 hours before now, saying when the next may start.
func attemptsLeft(ctx context.Context, tx *store.Tx, agentID, courseID int64, now time.Time) error {
	since := now.Add(-24 * time.Hour).UnixMilli()
	var n int
	var oldest int64
	err := tx.QueryRow(ctx, `SELECT COUNT(*), COALESCE(MIN(started_at), 0) FROM academy_attempts WHERE agent_id = ? AND course_id = ? AND started_at > ?`,
		agentID, courseID, since).Scan(&n, &oldest)
	if err != nil {
		return err
	}
	if n < AttemptsPerDay {
		return nil
	}
	next := ms(oldest).Add(24 * time.Hour)
	return errs.Limited(next.Sub(now), "you started %d attempts at this course in the last 24 hours; read the lessons again, and start the next after %s",
		n, next.UTC().Format("2006-01-02 15:04 UTC"))
}

// QuizOf is attempt id's quiz again (for the page that shows it).
func (s *Service) QuizOf(ctx context.Context, agentID, id int64) (Quiz, error) {
	a, err := s.Attempt(ctx, agentID, id)
	if err != nil {
		return Quiz{}, err
	}
	c, err := s.Course(ctx, a.CourseID)
	if err != nil {
		return Quiz{}, err
	}
	q := Quiz{Attempt: a, Course: c.Title}
	for _, qq := range c.Questions {
		q.Questions = append(q.Questions, qq.forQuiz())
	}
	return q, nil
}

// MaxAnswerFields bounds what ParseAnswers reads.
const MaxAnswerFields = maxQuestions + 8

// ParseAnswers reads a quiz's answers from form values ("q<question
// id>" = choice index; other fields are ignored) or, with prefix "", from
// the API's object (question id = choice index). It checks only the
// shape; Submit checks them against the quiz.
func ParseAnswers(values url.Values, prefix string) (map[int64]int, error) {
	out := map[int64]int{}
	n := 0
	for k, vs := range values {
		key, ok := strings.CutPrefix(k, prefix)
		if !ok || prefix != "" && key == "" {
			continue
		}
		if n++; n > MaxAnswerFields {
			return nil, errs.Field("answers", "at most %d answers", maxQuestions)
		}
		id, err := strconv.ParseInt(key, 10, 64)
		if err != nil || id <= 0 {
			return nil, errs.Field("answers", "%q is not a question id", truncate(key, 40))
		}
		if len(vs) != 1 {
			return nil, errs.Field("answers", "question %d has %d answers; choose one", id, len(vs))
		}
		choice, err := strconv.Atoi(strings.TrimSpace(vs[0]))
		if err != nil {
			return nil, errs.Field("answers", "the answer to question %d is not a choice number: %q", id, truncate(vs[0], 40))
		}
		out[id] = choice
	}
	return out, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// Submit grades attempt id of agentID. It refuses, changing nothing, a
// submission after the time limit, a second submission, and answers to
// questions not in the quiz or out of their choices' range. A pass at the
// certification's mark grants (or renews) the certification.
func (s *Service) Submit(ctx context.Context, agentID, id int64, answers map[int64]int) (Result, error) {
	a, err := s.Attempt(ctx, agentID, id)
	if err != nil {
		return Result{}, err
	}
	now := s.now()
	if a.Submitted {
		return Result{}, errs.E(errs.Conflict, "quiz attempt %d was already submitted at %s (score %d%%); start a new attempt to try again",
			id, a.SubmittedAt.Format("2006-01-02 15:04 UTC"), a.Score)
	}
	if !now.Before(a.Deadline) {
		return Result{}, errs.E(errs.Conflict, "the time limit ran out at %s, %s before this submission; answers after the time are not graded: start a new attempt",
			a.Deadline.Format("2006-01-02 15:04:05 UTC"), now.Sub(a.Deadline).Round(time.Second))
	}
	c, err := s.Course(ctx, a.CourseID)
	if err != nil {
		return Result{}, err
	}
	byID := map[int64]Question{}
	for _, q := range c.Questions {
		byID[q.ID] = q
	}
	ids := make([]int64, 0, len(answers))
	for qid := range answers {
		ids = append(ids, qid)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, qid := range ids {
		q, ok := byID[qid]
		if !ok {
			return Result{}, errs.Field("answers", "question %d is not in this quiz", qid)
		}
		if ch := answers[qid]; ch < 0 || ch >= len(q.Choices) {
			return Result{}, errs.Field("answers", "question %d has choices 0 to %d; %d is out of range", qid, len(q.Choices)-1, ch)
		}
	}
	res := Result{Course: c.Title, PassMark: c.PassMark}
	correct := 0
	for _, q := range c.Questions {
		chosen, ok := answers[q.ID]
		if !ok {
			chosen = -1
		}
		right := chosen == q.Correct
		if right {
			correct++
		}
		res.Review = append(res.Review, Reviewed{Question: q, Chosen: chosen, Right: right})
	}
	total := len(c.Questions)
	score := 0
	if total > 0 {
		score = correct * 100 / total
	}
	res.KeyWithheld = withholdKey(c, score, res.Review)
	passed := score >= c.PassMark
	cert := c.Certification
	certify := passed && cert != nil && score >= cert.PassMark
	if passed && cert != nil && !certify {
		res.CertNeeds = cert.PassMark
	}
	raw := map[string]int{}
	for k, v := range answers {
		raw[strconv.FormatInt(k, 10)] = v
	}
	stored, _ := json.Marshal(raw)
	err = s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		// Conditional on not submitted: of two submissions at once, one wins.
		r, err := tx.Exec(ctx, `UPDATE academy_attempts SET submitted_at = ?, answers = ?, correct = ?, total = ?, score = ?, passed = ?
			WHERE id = ? AND submitted_at = 0`, now.UnixMilli(), string(stored), correct, total, score, boolInt(passed), id)
		if err != nil {
			return err
		}
		if n, err := r.RowsAffected(); err != nil || n != 1 {
			return errs.E(errs.Conflict, "quiz attempt %d was already submitted", id)
		}
		if !certify {
			return nil
		}
		expires := now.Add(time.Duration(cert.ValidDays) * 24 * time.Hour)
		_, err = tx.Exec(ctx, `INSERT INTO academy_holdings (agent_id, certification_id, version, attempt_id, passed_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (agent_id, certification_id) DO UPDATE SET version = excluded.version, attempt_id = excluded.attempt_id,
			passed_at = excluded.passed_at, expires_at = excluded.expires_at`, agentID, cert.ID, cert.Version, id, now.UnixMilli(), expires.UnixMilli())
		if err != nil {
			return err
		}
		// A holding opens queues and tools as a role does: it is on record.
		return s.record(ctx, "academy.certified", "academy_certification", cert.ID, map[string]any{
			"agent_id": agentID, "attempt_id": id, "score": score, "version": cert.Version, "expires_at": expires})
	})
	if err != nil {
		return Result{}, fmt.Errorf("submit quiz attempt %d: %w", id, err)
	}
	if res.Attempt, err = s.Attempt(ctx, agentID, id); err != nil {
		return Result{}, err
	}
	if certify {
		h, err := s.holding(ctx, agentID, *cert)
		if err != nil {
			return Result{}, err
		}
		res.Certified = &h
	}
	return res, nil
}

// withholdKey hides the key from the review of an attempt that scored
// under the course's pass mark or its certification's: the right choices,
// the explanations, and which answers were right. Saying which were wrong
// was enough to rebuild the key: one attempt answering every question
// "A", the next "B", and the third certified. Correct is -1 and Right
// false where withheld; it reports whether it withheld.
func withholdKey(c Course, score int, review []Reviewed) bool {
	if score >= c.PassMark && (c.Certification == nil || score >= c.Certification.PassMark) {
		return false
	}
	for i := range review {
		review[i].Correct, review[i].Explanation, review[i].Right = -1, "", false
	}
	return true
}

// ResultOf is a submitted attempt's result again.
func (s *Service) ResultOf(ctx context.Context, agentID, id int64) (Result, error) {
	a, err := s.Attempt(ctx, agentID, id)
	if err != nil {
		return Result{}, err
	}
	if !a.Submitted {
		return Result{}, errs.E(errs.Conflict, "quiz attempt %d has not been submitted", id)
	}
	c, err := s.Course(ctx, a.CourseID)
	if err != nil {
		return Result{}, err
	}
	res := Result{Attempt: a, Course: c.Title, PassMark: c.PassMark}
	for _, q := range c.Questions {
		chosen, ok := a.Answers[q.ID]
		if !ok {
			chosen = -1
		}
		res.Review = append(res.Review, Reviewed{Question: q, Chosen: chosen, Right: chosen == q.Correct})
	}
	res.KeyWithheld = withholdKey(c, a.Score, res.Review)
	if c.Certification != nil {
		var attempt int64
		err := s.db.QueryRow(ctx, `SELECT attempt_id FROM academy_holdings WHERE agent_id = ? AND certification_id = ?`, agentID, c.Certification.ID).Scan(&attempt)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return Result{}, fmt.Errorf("result of attempt %d: %w", id, err)
		}
		if attempt == id {
			h, err := s.holding(ctx, agentID, *c.Certification)
			if err != nil {
				return Result{}, err
			}
			res.Certified = &h
		} else if a.Passed && a.Score < c.Certification.PassMark {
			res.CertNeeds = c.Certification.PassMark
		}
	}
	return res, nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

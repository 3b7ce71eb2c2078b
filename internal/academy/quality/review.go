package quality

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
)

// Review states.
const (
	StateFinal    = "final"    // scored, not disputed
	StateDisputed = "disputed" // the agent disputes it; waiting for the reviewer or a manager
	StateUpheld   = "upheld"   // disputed; the scores stand
	StateRevised  = "revised"  // disputed; the scores were changed
)

// Review is a reviewer's scorecard for one conversation.
type Review struct {
	ID         int64     `json:"id"`
	SessionID  int64     `json:"session_id"`
	Kind       string    `json:"session_kind"`
	TicketID   int64     `json:"ticket_id"`
	AgentID    int64     `json:"agent_id"`
	ReviewerID int64     `json:"reviewer_id"`
	Total      int       `json:"total"` // per mille of the best weighted score
	SafetyFail bool      `json:"safety_fail"`
	Comment    string    `json:"comment"`
	State      string    `json:"state"`
	Scores     Scores    `json:"scores"`
	CreatedAt  time.Time `json:"created_at"`
	Dispute    *Dispute  `json:"dispute,omitempty"`
}

// Percent is the total as a percentage with one decimal.
func (r Review) Percent() string { return fmt.Sprintf("%d.%d%%", r.Total/10, r.Total%10) }

// Dispute is an agent's objection to a review and its outcome.
type Dispute struct {
	ID         int64     `json:"id"`
	ReviewID   int64     `json:"review_id"`
	AgentID    int64     `json:"agent_id"`
	Reason     string    `json:"reason"`
	CreatedAt  time.Time `json:"created_at"`
	ResolvedBy int64     `json:"resolved_by,omitempty"`
	Outcome    string    `json:"outcome,omitempty"`
	Note       string    `json:"note,omitempty"`
}

// AddReview records reviewer's scorecard for a conversation of session
// id. A reviewer scores a conversation once per session, and never their
// own conversation in a review session.
func (s *Service) AddReview(ctx context.Context, id, reviewer int64, in Scorecard) (Review, error) {
	if err := in.Check(); err != nil {
		return Review{}, err
	}
	in.Comment = s.redact(in.Comment)
	total, fail := in.Scores.Total()
	var rid int64
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		var kind string
		var agent int64
		err := tx.QueryRow(ctx, `SELECT s.kind, st.agent_id FROM qa_sessions s JOIN qa_session_tickets st ON st.session_id = s.id
			WHERE s.id = ? AND st.ticket_id = ?`, id, in.TicketID).Scan(&kind, &agent)
		if errors.Is(err, sql.ErrNoRows) {
			var n int
			if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM qa_sessions WHERE id = ?`, id).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return errs.E(errs.NotFound, "no QA session %d", id)
			}
			return errs.Field("ticket_id", "ticket %d is not in QA session %d", in.TicketID, id)
		}
		if err != nil {
			return err
		}
		if kind == KindReview && agent == reviewer {
			return errs.E(errs.Forbidden, "ticket %d is your own conversation; another reviewer scores it", in.TicketID)
		}
		var n int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM qa_reviews WHERE session_id = ? AND ticket_id = ? AND reviewer_id = ?`,
			id, in.TicketID, reviewer).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return errs.E(errs.Conflict, "you already reviewed ticket %d in this session", in.TicketID)
		}
		now := tx.Now()
		if rid, err = tx.InsertID(ctx, `INSERT INTO qa_reviews (session_id, ticket_id, agent_id, reviewer_id, total, safety_fail, comment, state, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, in.TicketID, agent, reviewer, total, boolInt(fail), in.Comment, StateFinal, now, now); err != nil {
			return err
		}
		return writeScores(ctx, tx, rid, in.Scores)
	})
	if err != nil {
		return Review{}, fmt.Errorf("quality: review ticket %d: %w", in.TicketID, err)
	}
	return s.Review(ctx, rid)
}

func writeScores(ctx context.Context, tx *store.Tx, rid int64, sc Scores) error {
	if _, err := tx.Exec(ctx, `DELETE FROM qa_scores WHERE review_id = ?`, rid); err != nil {
		return err
	}
	for _, c := range Categories {
		if _, err := tx.Exec(ctx, `INSERT INTO qa_scores (review_id, category, score, weight) VALUES (?, ?, ?, ?)`, rid, c.Key, sc[c.Key], c.Weight); err != nil {
			return err
		}
	}
	return nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

const reviewCols = `r.id, r.session_id, s.kind, r.ticket_id, r.agent_id, r.reviewer_id, r.total, r.safety_fail, r.comment, r.state, r.created_at`

// Review returns one review with its scores and dispute.
func (s *Service) Review(ctx context.Context, id int64) (Review, error) {
	rs, err := s.reviews(ctx, `WHERE r.id = ?`, id)
	if err != nil {
		return Review{}, err
	}
	if len(rs) == 0 {
		return Review{}, errs.E(errs.NotFound, "no review %d", id)
	}
	return rs[0], nil
}

// AgentReviews are the reviews of an agent's conversations (review
// sessions only: calibration compares reviewers), newest first.
func (s *Service) AgentReviews(ctx context.Context, agent int64) ([]Review, error) {
	return s.reviews(ctx, `WHERE r.agent_id = ? AND s.kind = 'review' ORDER BY r.id DESC LIMIT 200`, agent)
}

// SessionReviews are a session's reviews, in ticket and reviewer order.
func (s *Service) SessionReviews(ctx context.Context, session int64) ([]Review, error) {
	return s.reviews(ctx, `WHERE r.session_id = ? ORDER BY r.ticket_id, r.reviewer_id`, session)
}

// OpenDisputes are the reviews whose dispute waits, oldest first.
func (s *Service) OpenDisputes(ctx context.Context) ([]Review, error) {
	return s.reviews(ctx, `WHERE r.state = 'disputed' ORDER BY r.id LIMIT 200`)
}

func (s *Service) reviews(ctx context.Context, where string, args ...any) ([]Review, error) {
	rows, err := s.db.Query(ctx, `SELECT `+reviewCols+`, COALESCE(d.id, 0), COALESCE(d.reason, ''), COALESCE(d.created_at, 0),
		COALESCE(d.resolved_by, 0), COALESCE(d.outcome, ''), COALESCE(d.note, '')
		FROM qa_reviews r JOIN qa_sessions s ON s.id = r.session_id LEFT JOIN qa_disputes d ON d.review_id = r.id `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("quality: reviews: %w", err)
	}
	defer rows.Close()
	var out []Review
	for rows.Next() {
		var r Review
		var fail int
		var at, dAt int64
		var d Dispute
		if err := rows.Scan(&r.ID, &r.SessionID, &r.Kind, &r.TicketID, &r.AgentID, &r.ReviewerID, &r.Total, &fail, &r.Comment, &r.State, &at,
			&d.ID, &d.Reason, &dAt, &d.ResolvedBy, &d.Outcome, &d.Note); err != nil {
			return nil, err
		}
		r.SafetyFail, r.CreatedAt = fail == 1, store.Time(at)
		if d.ID != 0 {
			d.ReviewID, d.AgentID, d.CreatedAt = r.ID, r.AgentID, store.Time(dAt)
			r.Dispute = &d
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	for i := range out {
		if out[i].Scores, err = s.scores(ctx, out[i].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (s *Service) scores(ctx context.Context, review int64) (Scores, error) {
	rows, err := s.db.Query(ctx, `SELECT category, score FROM qa_scores WHERE review_id = ?`, review)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	sc := Scores{}
	for rows.Next() {
		var k string
		var v int
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		sc[k] = v
	}
	return sc, rows.Err()
}

// Dispute records agent's objection to review id: only the agent the
// review is about may dispute it, once, with a reason.
func (s *Service) Dispute(ctx context.Context, id, agent int64, reason string) (Review, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return Review{}, errs.Field("reason", "say why you dispute the review")
	}
	if n := utf8.RuneCountInString(reason); n > MaxReason {
		return Review{}, errs.Field("reason", "the reason has %d characters; at most %d", n, MaxReason)
	}
	reason = s.redact(reason)
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		var about int64
		var kind, state string
		err := tx.QueryRow(ctx, `SELECT r.agent_id, s.kind, r.state FROM qa_reviews r JOIN qa_sessions s ON s.id = r.session_id WHERE r.id = ?`, id).
			Scan(&about, &kind, &state)
		if errors.Is(err, sql.ErrNoRows) {
			return errs.E(errs.NotFound, "no review %d", id)
		}
		if err != nil {
			return err
		}
		if about != agent || kind != KindReview {
			return errs.E(errs.Forbidden, "review %d is not of your conversation; only the agent it reviews may dispute it", id)
		}
		if state != StateFinal {
			return errs.E(errs.Conflict, "review %d is already disputed (%s)", id, state)
		}
		now := tx.Now()
		if _, err := tx.Exec(ctx, `INSERT INTO qa_disputes (review_id, agent_id, reason, created_at) VALUES (?, ?, ?, ?)`, id, agent, reason, now); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE qa_reviews SET state = ?, updated_at = ? WHERE id = ?`, StateDisputed, now, id)
		return err
	})
	if err != nil {
		return Review{}, fmt.Errorf("quality: dispute review %d: %w", id, err)
	}
	return s.Review(ctx, id)
}

// Resolution is the outcome of a dispute: upheld (the scores stand) or
// revised (Scores replace them).
type Resolution struct {
	Outcome string `json:"outcome"`
	Note    string `json:"note"`
	Scores  Scores `json:"scores,omitempty"`
}

// Check validates the resolution.
func (in *Resolution) Check() error {
	in.Note = strings.TrimSpace(in.Note)
	if n := utf8.RuneCountInString(in.Note); n > MaxComment {
		return errs.Field("note", "the note has %d characters; at most %d", n, MaxComment)
	}
	switch in.Outcome {
	case StateUpheld:
		if len(in.Scores) > 0 {
			return errs.Field("scores", "an upheld review keeps its scores; send scores only with outcome %q", StateRevised)
		}
	case StateRevised:
		return in.Scores.Check()
	default:
		return errs.Field("outcome", "outcome %q is not %q or %q", in.Outcome, StateUpheld, StateRevised)
	}
	return nil
}

// Resolve settles the dispute of review id. The review's reviewer or a
// manager (manager true) may; nobody else, and never the agent it reviews.
func (s *Service) Resolve(ctx context.Context, id, by int64, manager bool, in Resolution) (Review, error) {
	if err := in.Check(); err != nil {
		return Review{}, err
	}
	in.Note = s.redact(in.Note)
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		var reviewer, about int64
		var state string
		err := tx.QueryRow(ctx, `SELECT reviewer_id, agent_id, state FROM qa_reviews WHERE id = ?`, id).Scan(&reviewer, &about, &state)
		if errors.Is(err, sql.ErrNoRows) {
			return errs.E(errs.NotFound, "no review %d", id)
		}
		if err != nil {
			return err
		}
		if state != StateDisputed {
			return errs.E(errs.Conflict, "review %d has no open dispute (it is %s)", id, state)
		}
		// A manager whose own conversation was reviewed disputes it like
		// any agent; someone else settles it.
		if about == by {
			return errs.E(errs.Forbidden, "review %d is of your own conversation; another reviewer or manager resolves its dispute", id)
		}
		if reviewer != by && !manager {
			return errs.E(errs.Forbidden, "only the reviewer of review %d or a manager resolves its dispute", id)
		}
		now := tx.Now()
		if in.Outcome == StateRevised {
			total, fail := in.Scores.Total()
			if _, err := tx.Exec(ctx, `UPDATE qa_reviews SET total = ?, safety_fail = ? WHERE id = ?`, total, boolInt(fail), id); err != nil {
				return err
			}
			if err := writeScores(ctx, tx, id, in.Scores); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(ctx, `UPDATE qa_disputes SET resolved_by = ?, resolved_at = ?, outcome = ?, note = ? WHERE review_id = ?`,
			by, now, in.Outcome, in.Note, id); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE qa_reviews SET state = ?, updated_at = ? WHERE id = ?`, in.Outcome, now, id)
		return err
	})
	if err != nil {
		return Review{}, fmt.Errorf("quality: resolve review %d: %w", id, err)
	}
	return s.Review(ctx, id)
}

// Comparison is a calibration's result for one conversation: each
// reviewer's scores side by side, and how far apart they are.
type Comparison struct {
	TicketID   int64            `json:"ticket_id"`
	Reviewers  []int64          `json:"reviewers"`
	Categories []CategorySpread `json:"categories"`
	Totals     []int            `json:"totals"`      // per reviewer, per mille
	TotalRange int              `json:"total_range"` // max - min of Totals, per mille
}

// CategorySpread is one category across the reviewers.
type CategorySpread struct {
	Key    string `json:"key"`
	Label  string `json:"label"`
	Scores []int  `json:"scores"` // per reviewer, as Comparison.Reviewers
	Min    int    `json:"min"`
	Max    int    `json:"max"`
	Spread int    `json:"spread"` // Max - Min
	Mean   string `json:"mean"`   // one decimal
}

// Calibrate compares the reviewers' scores in session id, per
// conversation.
func (s *Service) Calibrate(ctx context.Context, id int64) ([]Comparison, error) {
	ss, err := s.Session(ctx, id)
	if err != nil {
		return nil, err
	}
	rs, err := s.SessionReviews(ctx, id)
	if err != nil {
		return nil, err
	}
	var out []Comparison
	for _, it := range ss.Tickets {
		c := Comparison{TicketID: it.TicketID}
		var mine []Review
		for _, r := range rs {
			if r.TicketID == it.TicketID {
				mine = append(mine, r)
				c.Reviewers = append(c.Reviewers, r.ReviewerID)
				c.Totals = append(c.Totals, r.Total)
			}
		}
		if len(mine) > 0 {
			c.TotalRange = slices.Max(c.Totals) - slices.Min(c.Totals)
		}
		for _, cat := range Categories {
			cs := CategorySpread{Key: cat.Key, Label: cat.Label}
			sum := 0
			for _, r := range mine {
				cs.Scores = append(cs.Scores, r.Scores[cat.Key])
				sum += r.Scores[cat.Key]
			}
			if len(cs.Scores) > 0 {
				cs.Min, cs.Max = slices.Min(cs.Scores), slices.Max(cs.Scores)
				cs.Spread = cs.Max - cs.Min
				tenths := (sum*10 + len(cs.Scores)/2) / len(cs.Scores)
				cs.Mean = fmt.Sprintf("%d.%d", tenths/10, tenths%10)
			}
			c.Categories = append(c.Categories, cs)
		}
		out = append(out, c)
	}
	return out, nil
}

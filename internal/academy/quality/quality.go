// Package quality is QA review of conversations: a weighted scorecard
// whose crypto-safety categories are checked on every review, samples of
// conversations for reviewers (at random, low CSAT, guard events,
// escalations), agents' view of their reviews with disputes that the
// reviewer or a manager resolves, and calibration sessions in which
// several reviewers score the same conversation and compare.
package quality

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
)

// Session kinds.
const (
	KindReview      = "review"
	KindCalibration = "calibration"
)

// Where a review session's sample comes from.
const (
	SourceRandom     = "random"     // solved conversations, at random
	SourceLowCSAT    = "low_csat"   // CSAT answers of 1 or 2
	SourceGuard      = "guard"      // the guard refused an agent's message or cut a customer's secret
	SourceEscalation = "escalation" // escalated to another tier
)

// Sources lists the sample sources, as the page offers them.
var Sources = []string{SourceRandom, SourceLowCSAT, SourceGuard, SourceEscalation}

var sourceLabels = map[string]string{SourceRandom: "At random (solved)", SourceLowCSAT: "Low CSAT (1–2)",
	SourceGuard: "Guard events", SourceEscalation: "Escalations", "calibration": "Chosen for calibration"}

// SourceLabel names a source for people.
func SourceLabel(s string) string {
	if l, ok := sourceLabels[s]; ok {
		return l
	}
	return s
}

// Limits of a session.
const (
	MaxSample      = 50
	DefaultSample  = 10
	MaxDays        = 90
	DefaultDays    = 14
	MaxCalibration = 5
	MaxName        = 120
)

// Service stores sessions, reviews and disputes.
type Service struct {
	db       *store.DB
	log      *slog.Logger
	evidence EvidenceSource // nil: scores are pre-filled from the guard's events only
	// Redact cuts secrets out of a comment, dispute reason or resolution
	// note before it is stored (the guard's scan): reviewers and agents
	// quote the conversation, customers' secrets included. Nil keeps the
	// text as written (tests only).
	Redact func(text string) string
}

// redact is text through Redact, when set.
func (s *Service) redact(text string) string {
	if s.Redact == nil || text == "" {
		return text
	}
	return s.Redact(text)
}

// New returns the service; evidence may be nil.
func New(db *store.DB, evidence EvidenceSource, log *slog.Logger) *Service {
	return &Service{db: db, evidence: evidence, log: log}
}

// Session is a sample of conversations for review, or a calibration.
type Session struct {
	ID        int64     `json:"id"`
	Kind      string    `json:"kind"`
	Name      string    `json:"name"`
	Source    string    `json:"source"`
	CreatedBy int64     `json:"created_by"`
	CreatedAt time.Time `json:"created_at"`
	Tickets   []Item    `json:"tickets"`
}

// Item is a conversation of a session.
type Item struct {
	TicketID int64  `json:"ticket_id"`
	AgentID  int64  `json:"agent_id"`
	Reason   string `json:"reason"`
	Subject  string `json:"subject"`
	Reviews  int    `json:"reviews"` // how many reviewers scored it
	// Prefill is the scores the data suggests (guard events, SLA, solves
	// and reopens, verification), and Hints the evidence for each and for
	// categories the data cannot score (see prefill).
	Prefill map[string]int    `json:"prefill"`
	Hints   map[string]string `json:"hints"`
}

// NewSession is a reviewer's request for a sample or a calibration.
type NewSession struct {
	Kind      string  `json:"kind"`
	Name      string  `json:"name"`
	Source    string  `json:"source"`     // review: where to sample from
	Size      int     `json:"size"`       // review: how many (DefaultSample)
	Days      int     `json:"days"`       // review: how far back (DefaultDays)
	TicketIDs []int64 `json:"ticket_ids"` // calibration: the conversations
}

// Check validates in and fills in defaults.
func (in *NewSession) Check() error {
	in.Name = strings.TrimSpace(in.Name)
	if n := utf8.RuneCountInString(in.Name); n > MaxName {
		return errs.Field("name", "the name has %d characters; at most %d", n, MaxName)
	}
	switch in.Kind {
	case KindReview:
		if !slices.Contains(Sources, in.Source) {
			return errs.Field("source", "source %q is not one of %v", in.Source, Sources)
		}
		if in.Size == 0 {
			in.Size = DefaultSample
		}
		if in.Size < 1 || in.Size > MaxSample {
			return errs.Field("size", "a sample has 1 to %d conversations, not %d", MaxSample, in.Size)
		}
		if in.Days == 0 {
			in.Days = DefaultDays
		}
		if in.Days < 1 || in.Days > MaxDays {
			return errs.Field("days", "a sample looks back 1 to %d days, not %d", MaxDays, in.Days)
		}
		if len(in.TicketIDs) > 0 {
			return errs.Field("ticket_ids", "a review session samples its conversations; name them only for a calibration")
		}
	case KindCalibration:
		if len(in.TicketIDs) < 1 || len(in.TicketIDs) > MaxCalibration {
			return errs.Field("ticket_ids", "a calibration scores 1 to %d conversations, not %d", MaxCalibration, len(in.TicketIDs))
		}
		seen := map[int64]bool{}
		for _, id := range in.TicketIDs {
			if id <= 0 || seen[id] {
				return errs.Field("ticket_ids", "ticket %d is not a ticket number or is named twice", id)
			}
			seen[id] = true
		}
		in.Source = "calibration"
	default:
		return errs.Field("kind", "kind %q is not %q or %q", in.Kind, KindReview, KindCalibration)
	}
	if in.Name == "" {
		in.Name = SourceLabel(in.Source)
	}
	return nil
}

// CreateSession samples (or takes) the conversations and records the
// session, by reviewer by.
func (s *Service) CreateSession(ctx context.Context, by int64, in NewSession) (Session, error) {
	if err := in.Check(); err != nil {
		return Session{}, err
	}
	var id int64
	err := s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		now := tx.Now()
		var items []Item
		var err error
		if in.Kind == KindCalibration {
			items, err = calibrationItems(ctx, tx, in.TicketIDs)
		} else {
			items, err = sample(ctx, tx, in.Source, in.Size, now-int64(in.Days)*24*int64(time.Hour/time.Millisecond))
		}
		if err != nil {
			return err
		}
		if len(items) == 0 {
			return errs.E(errs.Invalid, "nothing to sample: no %s conversation with an assigned agent in the last %d days that is not reviewed yet", strings.ToLower(SourceLabel(in.Source)), in.Days)
		}
		if id, err = tx.InsertID(ctx, `INSERT INTO qa_sessions (kind, name, source, created_by, created_at) VALUES (?, ?, ?, ?, ?)`,
			in.Kind, in.Name, in.Source, by, now); err != nil {
			return err
		}
		for _, it := range items {
			if _, err := tx.Exec(ctx, `INSERT INTO qa_session_tickets (session_id, ticket_id, agent_id, reason) VALUES (?, ?, ?, ?)`,
				id, it.TicketID, it.AgentID, it.Reason); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return Session{}, fmt.Errorf("quality: new session: %w", err)
	}
	return s.Session(ctx, id)
}

// notReviewed leaves out conversations already in a review session.
const notReviewed = ` AND NOT EXISTS (SELECT 1 FROM qa_session_tickets st JOIN qa_sessions ss ON ss.id = st.session_id
	WHERE st.ticket_id = t.id AND ss.kind = 'review')`

// sample picks up to n conversations of source since the time given.
// The candidates are read in id order and shuffled here, so the pick is
// random on both engines alike.
func sample(ctx context.Context, tx *store.Tx, source string, n int, since int64) ([]Item, error) {
	var q string
	switch source {
	case SourceRandom:
		q = `SELECT t.id, t.assignee_id FROM tickets t WHERE t.assignee_id IS NOT NULL AND t.status IN ('solved', 'closed')
			AND t.updated_at >= ?` + notReviewed + ` ORDER BY t.id DESC LIMIT 2000`
	case SourceLowCSAT:
		q = `SELECT t.id, t.assignee_id FROM tickets t WHERE t.assignee_id IS NOT NULL AND EXISTS (SELECT 1 FROM surveys sv
			WHERE sv.ticket_id = t.id AND sv.kind = 'csat' AND sv.score IS NOT NULL AND sv.score <= 2 AND sv.answered_at >= ?)` + notReviewed + ` ORDER BY t.id DESC LIMIT 2000`
	case SourceGuard:
		q = `SELECT t.id, t.assignee_id FROM tickets t WHERE t.assignee_id IS NOT NULL AND EXISTS (SELECT 1 FROM qa_signals sg
			WHERE sg.ticket_id = t.id AND sg.last_at >= ?)` + notReviewed + ` ORDER BY t.id DESC LIMIT 2000`
	case SourceEscalation:
		q = `SELECT t.id, t.assignee_id FROM tickets t WHERE t.assignee_id IS NOT NULL AND EXISTS (SELECT 1 FROM escalations e
			WHERE e.ticket_id = t.id AND e.created_at >= ?)` + notReviewed + ` ORDER BY t.id DESC LIMIT 2000`
	default:
		return nil, errs.Field("source", "source %q is not one of %v", source, Sources)
	}
	rows, err := tx.Query(ctx, q, since)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var items []Item
	for rows.Next() {
		it := Item{Reason: source}
		if err := rows.Scan(&it.TicketID, &it.AgentID); err != nil {
			return nil, err
		}
		items = append(items, it)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rand.Shuffle(len(items), func(i, j int) { items[i], items[j] = items[j], items[i] })
	if len(items) > n {
		items = items[:n]
	}
	slices.SortFunc(items, func(a, b Item) int { return int(a.TicketID - b.TicketID) })
	return items, nil
}

// calibrationItems are the named tickets, each with its assignee (0 when
// none: a calibration compares reviewers, not the agent).
func calibrationItems(ctx context.Context, tx *store.Tx, ids []int64) ([]Item, error) {
	var items []Item
	for _, id := range ids {
		var agent sql.NullInt64
		err := tx.QueryRow(ctx, `SELECT assignee_id FROM tickets WHERE id = ?`, id).Scan(&agent)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, errs.Field("ticket_ids", "there is no ticket %d", id)
		}
		if err != nil {
			return nil, err
		}
		items = append(items, Item{TicketID: id, AgentID: agent.Int64, Reason: "calibration"})
	}
	return items, nil
}

// Session returns a session with its conversations, each with the number
// of reviews and what the guard's events suggest.
func (s *Service) Session(ctx context.Context, id int64) (Session, error) {
	var ss Session
	var at int64
	err := s.db.QueryRow(ctx, `SELECT id, kind, name, source, created_by, created_at FROM qa_sessions WHERE id = ?`, id).
		Scan(&ss.ID, &ss.Kind, &ss.Name, &ss.Source, &ss.CreatedBy, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return Session{}, errs.E(errs.NotFound, "no QA session %d", id)
	}
	if err != nil {
		return Session{}, fmt.Errorf("quality: session %d: %w", id, err)
	}
	ss.CreatedAt = store.Time(at)
	rows, err := s.db.Query(ctx, `SELECT st.ticket_id, st.agent_id, st.reason, COALESCE(t.subject, ''),
		(SELECT COUNT(*) FROM qa_reviews r WHERE r.session_id = st.session_id AND r.ticket_id = st.ticket_id)
		FROM qa_session_tickets st LEFT JOIN tickets t ON t.id = st.ticket_id WHERE st.session_id = ? ORDER BY st.ticket_id`, id)
	if err != nil {
		return Session{}, fmt.Errorf("quality: session %d: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var it Item
		if err := rows.Scan(&it.TicketID, &it.AgentID, &it.Reason, &it.Subject, &it.Reviews); err != nil {
			return Session{}, err
		}
		ss.Tickets = append(ss.Tickets, it)
	}
	if err := rows.Err(); err != nil {
		return Session{}, err
	}
	rows.Close()
	for i := range ss.Tickets {
		if ss.Tickets[i].Prefill, ss.Tickets[i].Hints, err = s.prefill(ctx, ss.Tickets[i].TicketID); err != nil {
			return Session{}, err
		}
	}
	return ss, nil
}

// Sessions lists the latest sessions, newest first.
func (s *Service) Sessions(ctx context.Context, limit int) ([]Session, error) {
	rows, err := s.db.Query(ctx, `SELECT s.id, s.kind, s.name, s.source, s.created_by, s.created_at FROM qa_sessions s ORDER BY s.id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("quality: sessions: %w", err)
	}
	defer rows.Close()
	var out []Session
	for rows.Next() {
		var ss Session
		var at int64
		if err := rows.Scan(&ss.ID, &ss.Kind, &ss.Name, &ss.Source, &ss.CreatedBy, &at); err != nil {
			return nil, err
		}
		ss.CreatedAt = store.Time(at)
		out = append(out, ss)
	}
	return out, rows.Err()
}

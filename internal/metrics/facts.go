package metrics

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
)

// TicketFacts is what the metrics know of one ticket, for a reviewer
// reading the conversation (internal/academy/quality pre-fills scores
// from it).
type TicketFacts struct {
	Known        bool      // the consumer has seen the ticket
	FirstReplyAt time.Time // the first human reply; zero for none
	Solved       bool      // solved at least once
	Reopens      int
	CSAT         int // the latest answered CSAT score 1–5; 0 for none
	CSATComment  string
}

// TicketFacts reads ticket id's state and its latest answered CSAT survey.
func (s *Service) TicketFacts(ctx context.Context, id int64) (TicketFacts, error) {
	var f TicketFacts
	var first, solved int64
	err := s.db.QueryRow(ctx, `SELECT first_reply_at, solved_at, reopens FROM metric_tickets WHERE ticket_id = ?`, id).
		Scan(&first, &solved, &f.Reopens)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return TicketFacts{}, fmt.Errorf("metrics: facts of ticket %d: %w", id, err)
	default:
		f.Known, f.Solved = true, solved != 0
		if first != 0 {
			f.FirstReplyAt = store.Time(first)
		}
	}
	var score sql.NullInt64
	err = s.db.QueryRow(ctx, `SELECT score, comment FROM surveys WHERE ticket_id = ? AND kind = ? AND answered_at > 0
		ORDER BY answered_at DESC, id DESC LIMIT 1`, id, KindCSAT).Scan(&score, &f.CSATComment)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return TicketFacts{}, fmt.Errorf("metrics: CSAT of ticket %d: %w", id, err)
	}
	f.CSAT = int(score.Int64)
	return f, nil
}

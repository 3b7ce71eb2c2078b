package metrics

import (
	"context"
	"fmt"
)

// Offer is a survey waiting for its customer, as the chat widget asks it:
// the signed token its answer goes back with, the scale, and the words in
// the customer's language.
type Offer struct {
	Kind     string `json:"kind"`
	Token    string `json:"token"`
	Min      int    `json:"min"`
	Max      int    `json:"max"`
	Question string `json:"question"`
	Low      string `json:"low"`
	High     string `json:"high"`
	Comment  string `json:"comment"`
	Send     string `json:"send"`
	Thanks   string `json:"thanks"`
}

// PendingSurveys are ticket id's unanswered, unexpired surveys that still
// stand (the latest of each kind, CSAT first): what the widget offers
// after the conversation is solved.
func (s *Service) PendingSurveys(ctx context.Context, id int64) ([]Offer, error) {
	rows, err := s.db.Query(ctx, `SELECT `+surveyColumns+` FROM surveys s WHERE ticket_id = ? AND answered_at = 0 AND expires_at > ?
		AND `+latestOfKind+` ORDER BY kind`, id, s.db.Now())
	if err != nil {
		return nil, fmt.Errorf("metrics: pending surveys of ticket %d: %w", id, err)
	}
	defer rows.Close()
	out := []Offer{}
	for rows.Next() {
		sv, err := scanSurvey(rows)
		if err != nil {
			return nil, fmt.Errorf("metrics: pending surveys of ticket %d: %w", id, err)
		}
		out = append(out, s.offerOf(sv))
	}
	return out, rows.Err()
}

func (s *Service) offerOf(sv Survey) Offer {
	t, v := textFor(sv.Language), viewOf(sv)
	o := Offer{Kind: sv.Kind, Token: s.Token(sv.ID, sv.CustomerID), Min: v.Min, Max: v.Max, Question: v.Question,
		Low: t.CSATLow, High: t.CSATHigh, Comment: t.Comment, Send: t.Send, Thanks: t.Thanks}
	if sv.Kind == KindNPS {
		o.Low, o.High = t.NPSLow, t.NPSHigh
	}
	return o
}

// latestOfKind keeps a ticket's latest survey of each kind: a solve after
// a reopen replaces the survey of the earlier one.
const latestOfKind = `id = (SELECT MAX(id) FROM surveys o WHERE o.ticket_id = s.ticket_id AND o.kind = s.kind)`

// TicketSurveys are ticket id's standing surveys (the latest of each
// kind), newest first, for the agent's ticket panel.
func (s *Service) TicketSurveys(ctx context.Context, id int64) ([]Survey, error) {
	rows, err := s.db.Query(ctx, `SELECT `+surveyColumns+` FROM surveys s WHERE ticket_id = ? AND `+latestOfKind+` ORDER BY id DESC`, id)
	if err != nil {
		return nil, fmt.Errorf("metrics: surveys of ticket %d: %w", id, err)
	}
	defer rows.Close()
	var out []Survey
	for rows.Next() {
		sv, err := scanSurvey(rows)
		if err != nil {
			return nil, fmt.Errorf("metrics: surveys of ticket %d: %w", id, err)
		}
		out = append(out, sv)
	}
	return out, rows.Err()
}

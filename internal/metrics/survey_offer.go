package metrics

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/groundcrew/groundcrew/internal/errs"
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

// SurveyOffer is survey id as an offer, for the channels that send it
// themselves (e-mail, Telegram) when SurveyOffered names it.
func (s *Service) SurveyOffer(ctx context.Context, id int64) (Offer, error) {
	sv, err := scanSurvey(s.db.QueryRow(ctx, `SELECT `+surveyColumns+` FROM surveys WHERE id = ?`, id))
	if err != nil {
		return Offer{}, fmt.Errorf("metrics: offer of survey %d: %w", id, err)
	}
	return s.offerOf(sv), nil
}

// RefusalText is why err refused an answer, in lang, for a channel that
// answers in a chat rather than on the survey page.
func RefusalText(lang string, err error) string {
	return textFor(lang).refusal(RefusalOf(err))
}

// CommentSurvey adds the customer's optional comment to an answered
// survey that has none yet: a chat asks for it after the score (Telegram's
// buttons carry only the score). The score stays as answered.
func (s *Service) CommentSurvey(ctx context.Context, tok, comment string, redact Redactor) error {
	sv, err := s.SurveyByToken(ctx, tok)
	if err != nil {
		return err
	}
	comment = strings.TrimSpace(comment)
	if utf8.RuneCountInString(comment) > maxCommentRunes || !utf8.ValidString(comment) {
		return &errs.Error{Kind: errs.Invalid, Field: "comment", Msg: fmt.Sprintf("comment must be valid text of at most %d characters", maxCommentRunes), Err: RefComment}
	}
	if redact != nil && comment != "" {
		comment = redact(comment)
	}
	if comment == "" {
		return nil
	}
	res, err := s.db.Exec(ctx, `UPDATE surveys SET comment = ? WHERE id = ? AND answered_at > 0 AND comment = ''`, comment, sv.ID)
	if err != nil {
		return fmt.Errorf("metrics: comment on survey %d: %w", sv.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return refuse(errs.Conflict, RefAnswered, "this survey was answered already; thank you")
	}
	return nil
}

package metrics

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
)

// Survey kinds and the bot's part in the conversation.
const (
	KindCSAT = "csat"
	KindNPS  = "nps"

	BotNone     = ""         // the bot did not write
	BotAssisted = "assisted" // the bot wrote, a human answered too
	BotResolved = "resolved" // solved with no human reply after the bot wrote
)

// Limits of surveys.
const (
	surveyLife      = 14 * 24 * time.Hour
	maxCommentRunes = 2000
)

// Refusal says why an answer was not taken, so that pages can say it in
// the customer's language (see survey_text.go).
type Refusal string

// The refusals.
const (
	RefBadLink   Refusal = "bad_link"
	RefAnswered  Refusal = "answered"
	RefExpired   Refusal = "expired"
	RefReopened  Refusal = "reopened"
	RefReplaced  Refusal = "replaced"
	RefOther     Refusal = "other_customer"
	RefRange     Refusal = "out_of_range"
	RefComment   Refusal = "comment_too_long"
	RefNoCustomr Refusal = "no_customer"
)

func (r Refusal) Error() string { return string(r) }

func refuse(kind errs.Kind, r Refusal, format string, args ...any) error {
	return &errs.Error{Kind: kind, Msg: fmt.Sprintf(format, args...), Err: r}
}

// RefusalOf is why err refused an answer ("" when it is no refusal).
func RefusalOf(err error) Refusal {
	var r Refusal
	if errors.As(err, &r) {
		return r
	}
	return ""
}

// Survey is one offered survey.
type Survey struct {
	ID         int64      `json:"id"`
	Kind       string     `json:"kind"`
	TicketID   int64      `json:"ticket_id"`
	CustomerID int64      `json:"customer_id"`
	AgentID    int64      `json:"agent_id"`
	BotPart    string     `json:"bot_part"`
	Language   string     `json:"language"`
	Channel    string     `json:"channel"`
	CreatedAt  time.Time  `json:"created_at"`
	ExpiresAt  time.Time  `json:"expires_at"`
	AnsweredAt *time.Time `json:"answered_at,omitempty"`
	Score      *int       `json:"score,omitempty"`
	Comment    string     `json:"comment,omitempty"`
}

// Range is the survey's scale.
func (sv Survey) Range() (lo, hi int) {
	if sv.Kind == KindNPS {
		return 0, 10
	}
	return 1, 5
}

// botPart is the bot's part in a ticket's conversation.
func botPart(t *ticketState) string {
	switch {
	case t.BotMessages == 0:
		return BotNone
	case t.HumanReplies == 0:
		return BotResolved
	default:
		return BotAssisted
	}
}

// offerSurveys opens a CSAT survey for a solved ticket and, when the
// customer's last NPS survey is old enough, an NPS one.
func (s *Service) offerSurveys(ctx context.Context, tx *store.Tx, t *ticketState, st Settings) error {
	if t.CustomerID == 0 {
		return nil
	}
	now := tx.Now()
	if st.CSATEnabled {
		if err := s.openSurvey(ctx, tx, t, KindCSAT, now); err != nil {
			return err
		}
	}
	if !st.NPSEnabled {
		return nil
	}
	var last sql.NullInt64
	if err := tx.QueryRow(ctx, `SELECT MAX(created_at) FROM surveys WHERE customer_id = ? AND kind = ?`, t.CustomerID, KindNPS).Scan(&last); err != nil {
		return fmt.Errorf("metrics: last NPS survey of customer %d: %w", t.CustomerID, err)
	}
	if last.Valid && now-last.Int64 < int64(st.NPSEveryDays)*86_400_000 {
		return nil // asked recently enough
	}
	return s.openSurvey(ctx, tx, t, KindNPS, now)
}

func (s *Service) openSurvey(ctx context.Context, tx *store.Tx, t *ticketState, kind string, now int64) error {
	lang := t.Language
	if _, ok := surveyTexts[lang]; !ok {
		lang = "en"
	}
	id, err := tx.InsertID(ctx, `INSERT INTO surveys (kind, ticket_id, customer_id, agent_id, bot_part, language, channel, created_at, expires_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, kind, t.TicketID, t.CustomerID, t.AgentID, botPart(t), lang, t.Channel, now, now+surveyLife.Milliseconds())
	if err != nil {
		return fmt.Errorf("metrics: open %s survey for ticket %d: %w", kind, t.TicketID, err)
	}
	return SurveyOffered.Emit(ctx, tx, SurveyOfferedEvent{SurveyID: id, Kind: kind, TicketID: t.TicketID, CustomerID: t.CustomerID,
		Language: lang, Channel: t.Channel, Link: "/survey/" + s.Token(id, t.CustomerID)})
}

// Token is a survey's link token: its id and an HMAC binding it to its
// customer, so a link cannot be guessed or moved to another survey.
func (s *Service) Token(id, customer int64) string {
	return strconv.FormatInt(id, 10) + "." + sign(s.keys[0], id, customer)
}

func sign(key []byte, id, customer int64) string {
	m := hmac.New(sha256.New, key)
	fmt.Fprintf(m, "groundcrew survey %d %d", id, customer)
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:18])
}

// ParseToken reads a link token's survey id; the signature is checked
// against the stored survey's customer by Survey.
func ParseToken(tok string) (int64, string, error) {
	idText, sig, ok := strings.Cut(tok, ".")
	id, err := strconv.ParseInt(idText, 10, 64)
	if !ok || err != nil || id <= 0 || len(sig) != 24 || len(tok) > 64 {
		return 0, "", refuse(errs.NotFound, RefBadLink, "this survey link is not valid")
	}
	return id, sig, nil
}

const surveyColumns = `id, kind, ticket_id, customer_id, agent_id, bot_part, language, channel, created_at, expires_at, answered_at, score, comment`

func scanSurvey(row interface{ Scan(...any) error }) (Survey, error) {
	var sv Survey
	var created, expires, answered int64
	var score sql.NullInt64
	err := row.Scan(&sv.ID, &sv.Kind, &sv.TicketID, &sv.CustomerID, &sv.AgentID, &sv.BotPart, &sv.Language, &sv.Channel,
		&created, &expires, &answered, &score, &sv.Comment)
	if err != nil {
		return sv, err
	}
	sv.CreatedAt, sv.ExpiresAt = store.Time(created), store.Time(expires)
	if answered > 0 {
		at := store.Time(answered)
		sv.AnsweredAt = &at
	}
	if score.Valid {
		v := int(score.Int64)
		sv.Score = &v
	}
	return sv, nil
}

// SurveyByToken returns the survey a link names, after checking its
// signature.
func (s *Service) SurveyByToken(ctx context.Context, tok string) (Survey, error) {
	id, sig, err := ParseToken(tok)
	if err != nil {
		return Survey{}, err
	}
	sv, err := scanSurvey(s.db.QueryRow(ctx, `SELECT `+surveyColumns+` FROM surveys WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return sv, refuse(errs.NotFound, RefBadLink, "this survey link is not valid")
	}
	if err != nil {
		return sv, fmt.Errorf("metrics: read survey %d: %w", id, err)
	}
	for _, k := range s.keys {
		if hmac.Equal([]byte(sign(k, sv.ID, sv.CustomerID)), []byte(sig)) {
			return sv, nil
		}
	}
	return Survey{}, refuse(errs.NotFound, RefBadLink, "this survey link is not valid")
}

// Answer is a customer's answer to a survey.
type Answer struct {
	Score   *int   `json:"score"`
	Comment string `json:"comment"`
	// Customer, when the answer comes from a signed-in customer (the
	// widget), must be the survey's; 0 for a link opened from a message.
	Customer int64 `json:"-"`
}

// Redactor cuts secrets out of a customer's text (internal/guard).
type Redactor func(text string) string

// AnswerSurvey records the answer to the survey tok names: once, in
// range, by its customer, while its ticket is solved and before it
// expires; otherwise it says which of these failed (see RefusalOf).
func (s *Service) AnswerSurvey(ctx context.Context, tok string, a Answer, redact Redactor) (Survey, error) {
	sv, err := s.SurveyByToken(ctx, tok)
	if err != nil {
		return sv, err
	}
	lo, hi := sv.Range()
	switch {
	case a.Customer != 0 && a.Customer != sv.CustomerID:
		return sv, refuse(errs.Forbidden, RefOther, "this survey was sent to another customer")
	case sv.AnsweredAt != nil:
		return sv, refuse(errs.Conflict, RefAnswered, "this survey was answered already; thank you")
	case a.Score == nil || *a.Score < lo || *a.Score > hi:
		return sv, &errs.Error{Kind: errs.Invalid, Field: "score", Msg: fmt.Sprintf("score must be a whole number from %d to %d", lo, hi), Err: RefRange}
	case utf8.RuneCountInString(a.Comment) > maxCommentRunes || !utf8.ValidString(a.Comment):
		return sv, &errs.Error{Kind: errs.Invalid, Field: "comment", Msg: fmt.Sprintf("comment must be valid text of at most %d characters", maxCommentRunes), Err: RefComment}
	case s.db.Now() > sv.ExpiresAt.UnixMilli():
		return sv, refuse(errs.Conflict, RefExpired, "this survey closed on %s", sv.ExpiresAt.Format(time.DateOnly))
	}
	comment := strings.TrimSpace(a.Comment)
	if redact != nil && comment != "" {
		comment = redact(comment)
	}
	err = s.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		if sv.Kind == KindCSAT {
			if err := csatStillValid(ctx, tx, sv); err != nil {
				return err
			}
		}
		now := tx.Now()
		res, err := tx.Exec(ctx, `UPDATE surveys SET answered_at = ?, score = ?, comment = ? WHERE id = ? AND answered_at = 0`, now, *a.Score, comment, sv.ID)
		if err != nil {
			return fmt.Errorf("metrics: answer survey %d: %w", sv.ID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return refuse(errs.Conflict, RefAnswered, "this survey was answered already; thank you")
		}
		at := store.Time(now)
		sv.AnsweredAt, sv.Score, sv.Comment = &at, a.Score, comment
		return SurveyAnswered.Emit(ctx, tx, SurveyAnsweredEvent{SurveyID: sv.ID, Kind: sv.Kind, TicketID: sv.TicketID,
			AgentID: sv.AgentID, BotPart: sv.BotPart, Score: *a.Score})
	})
	return sv, err
}

// csatStillValid refuses a CSAT answer for a ticket that was reopened
// since (the conversation is not over) or solved again (a newer survey
// asks about it).
func csatStillValid(ctx context.Context, tx *store.Tx, sv Survey) error {
	var open int
	err := tx.QueryRow(ctx, `SELECT open FROM metric_tickets WHERE ticket_id = ?`, sv.TicketID).Scan(&open)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("metrics: ticket %d of survey %d: %w", sv.TicketID, sv.ID, err)
	}
	if open == 1 {
		return refuse(errs.Conflict, RefReopened, "this conversation was reopened; we will ask again when it is solved")
	}
	var newer int
	if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM surveys WHERE ticket_id = ? AND kind = ? AND id > ?`, sv.TicketID, KindCSAT, sv.ID).Scan(&newer); err != nil {
		return fmt.Errorf("metrics: newer surveys of ticket %d: %w", sv.TicketID, err)
	}
	if newer > 0 {
		return refuse(errs.Conflict, RefReplaced, "a newer survey replaced this one")
	}
	return nil
}

// SurveysOfTicket lists a ticket's surveys, newest first, for the ticket
// page and the API.
func (s *Service) SurveysOfTicket(ctx context.Context, ticketID int64) ([]Survey, error) {
	rows, err := s.db.Query(ctx, `SELECT `+surveyColumns+` FROM surveys WHERE ticket_id = ? ORDER BY id DESC`, ticketID)
	if err != nil {
		return nil, fmt.Errorf("metrics: surveys of ticket %d: %w", ticketID, err)
	}
	defer rows.Close()
	out := []Survey{}
	for rows.Next() {
		sv, err := scanSurvey(rows)
		if err != nil {
			return nil, fmt.Errorf("metrics: surveys of ticket %d: %w", ticketID, err)
		}
		out = append(out, sv)
	}
	return out, rows.Err()
}

package telegram

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/metrics"
	"github.com/groundcrew/groundcrew/internal/store"
)

// Satisfaction surveys on Telegram tickets: when metrics offers a survey
// on a solved Telegram conversation, the bot sends its question with one
// button per score. A pressed button answers through metrics' answer path
// (one answer per survey, none while the ticket is reopened), and the
// chat's reply to the comment prompt within commentWindow is the
// answer's optional comment.

const (
	surveyConsumer = "telegram-survey"
	commentWindow  = 15 * time.Minute
	// surveyPrefix starts the buttons' callback data: "sv:<survey>:<score>".
	surveyPrefix = "sv:"
)

// Surveys is what the bot needs of metrics' surveys (*metrics.Service).
type Surveys interface {
	SurveyOffer(ctx context.Context, id int64) (metrics.Offer, error)
	AnswerSurvey(ctx context.Context, tok string, a metrics.Answer, redact metrics.Redactor) (metrics.Survey, error)
	CommentSurvey(ctx context.Context, tok, comment string, redact metrics.Redactor) error
}

// ConsumeSurveys starts the durable consumer that sends the surveys
// offered on Telegram tickets; answers are taken with sv, comments
// cleaned of secrets by redact.
func (b *Bot) ConsumeSurveys(ctx context.Context, bs *bus.Bus, sv Surveys, redact metrics.Redactor) error {
	b.surveys, b.redact = sv, redact
	return bs.Consume(ctx, surveyConsumer, metrics.SurveyOffered.Subject(), b.handleSurvey)
}

func (b *Bot) handleSurvey(ctx context.Context, ev store.Event) error {
	e, ok, err := metrics.SurveyOffered.Decode(ev)
	if !ok || err != nil || e.Channel != Channel || e.Kind != metrics.KindCSAT {
		return nil // NPS stays the widget's: one question per solved chat
	}
	err = bus.Once(ctx, b.cfg.DB, surveyConsumer, ev.ID, func(ctx context.Context, tx *store.Tx) error {
		return b.offerSurvey(ctx, tx, e.SurveyID, e.TicketID)
	})
	if err != nil {
		return fmt.Errorf("telegram: offer survey %d: %w", e.SurveyID, err)
	}
	b.wake()
	return nil
}

// offerSurvey queues survey id's question with its buttons in the chat of
// ticketID, once per survey.
func (b *Bot) offerSurvey(ctx context.Context, tx *store.Tx, id, ticketID int64) error {
	chats, err := tx.QueryIDs(ctx, `SELECT chat_id FROM telegram_tickets WHERE ticket_id = ?`, ticketID)
	if err != nil || len(chats) == 0 {
		return err
	}
	o, err := b.surveys.SurveyOffer(ctx, id)
	if err != nil {
		return err
	}
	res, err := tx.Exec(ctx, `INSERT INTO telegram_surveys (survey_id, chat_id, ticket_id, token, created_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT DO NOTHING`, id, chats[0], ticketID, o.Token, tx.Now())
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil // offered before
	}
	text := fmt.Sprintf("%s\n%d = %s · %d = %s", o.Question, o.Min, o.Low, o.Max, o.High)
	return b.enqueue(ctx, tx, chats[0], text, scoreKeyboard(id, o.Min, o.Max))
}

// scoreKeyboard is the inline keyboard of scores lo..hi, at most six
// buttons a row (NPS's eleven take two rows).
func scoreKeyboard(id int64, lo, hi int) string {
	type button struct {
		Text string `json:"text"`
		Data string `json:"callback_data"`
	}
	var rows [][]button
	for s := lo; s <= hi; s++ {
		if (s-lo)%6 == 0 {
			rows = append(rows, nil)
		}
		rows[len(rows)-1] = append(rows[len(rows)-1], button{Text: strconv.Itoa(s), Data: SurveyData(id, s)})
	}
	raw, _ := json.Marshal(map[string]any{"inline_keyboard": rows})
	return string(raw)
}

// SurveyData is the callback data of survey id's button for score.
func SurveyData(id int64, score int) string {
	return surveyPrefix + strconv.FormatInt(id, 10) + ":" + strconv.Itoa(score)
}

// ParseSurveyData reads a survey button's callback data; ok is false for
// anything else (Telegram passes the data back as the client sent it, so
// it is outside input).
func ParseSurveyData(data string) (id int64, score int, ok bool) {
	rest, found := strings.CutPrefix(data, surveyPrefix)
	if !found || len(data) > 64 {
		return 0, 0, false
	}
	idText, scoreText, found := strings.Cut(rest, ":")
	if !found || !digits(idText, 19) || !digits(scoreText, 2) {
		return 0, 0, false
	}
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil || id <= 0 {
		return 0, 0, false
	}
	score, _ = strconv.Atoi(scoreText)
	if score > 10 {
		return 0, 0, false
	}
	return id, score, true
}

// digits: s is 1 to n ASCII digits.
func digits(s string, n int) bool {
	if s == "" || len(s) > n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

type chatSurvey struct {
	id, chatID int64
	token      string
	language   string
}

// answerButton takes a pressed survey button and returns the short text
// Telegram shows the customer in answer; closed says the survey behind
// the button can take no answer any more (answered now or before,
// expired, replaced or unknown), so its keyboard should go.
func (b *Bot) answerButton(ctx context.Context, tx *store.Tx, u Update) (toast string, closed bool, err error) {
	id, score, ok := ParseSurveyData(u.Data)
	if !ok || b.surveys == nil {
		return "", false, nil // not a button of ours: stop the spinner, nothing else
	}
	sv := chatSurvey{id: id, language: u.Language}
	err = tx.QueryRow(ctx, `SELECT ts.chat_id, ts.token, COALESCE(c.language, '') FROM telegram_surveys ts
		LEFT JOIN telegram_chats c ON c.chat_id = ts.chat_id WHERE ts.survey_id = ?`, id).Scan(&sv.chatID, &sv.token, &sv.language)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return metrics.RefusalText(u.Language, metrics.RefBadLink), true, nil
	case err != nil:
		return "", false, err
	case sv.chatID != u.ChatID:
		return metrics.RefusalText(u.Language, metrics.RefOther), false, nil
	}
	if _, err := b.surveys.AnswerSurvey(ctx, sv.token, metrics.Answer{Score: &score}, b.redact); err != nil {
		if errs.KindOf(err) == errs.Internal {
			return "", false, err
		}
		return metrics.RefusalText(sv.language, err), final(metrics.RefusalOf(err)), nil
	}
	o, err := b.surveys.SurveyOffer(ctx, id)
	if err != nil {
		return "", false, err
	}
	if _, err := tx.Exec(ctx, `UPDATE telegram_surveys SET comment_until = ? WHERE survey_id = ?`, tx.Now()+commentWindow.Milliseconds(), id); err != nil {
		return "", false, err
	}
	// The prompt asks for a reply (Telegram opens the reply box): only a
	// reply to it is taken as the comment, so a customer who writes
	// about something new reaches the ticket, not the survey.
	return o.Thanks, true, b.enqueue(ctx, tx, sv.chatID, commentPrompt(o), commentPromptMarkup)
}

// final says a refusal will not change: the survey's buttons are dead.
// A reopened ticket's survey waits for the next solve, and a score out
// of range says nothing about the survey.
func final(r metrics.Refusal) bool {
	switch r {
	case metrics.RefAnswered, metrics.RefExpired, metrics.RefReplaced, metrics.RefBadLink:
		return true
	}
	return false
}

// commentPrompt is the message that asks for a survey's comment; a
// comment is a reply to it.
func commentPrompt(o metrics.Offer) string { return o.Thanks + "\n" + o.Comment }

// commentPromptMarkup is Telegram's force_reply: the customer's client
// answers the prompt as a reply to it.
const commentPromptMarkup = `{"force_reply":true}`

// takeComment makes a reply to the comment prompt of the chat's survey
// answered in the last commentWindow its comment; taken says it was.
func (b *Bot) takeComment(ctx context.Context, tx *store.Tx, c chatRow, u Update) (taken bool, err error) {
	if b.surveys == nil || !u.ReplyToBot {
		return false, nil
	}
	text := u.Text
	var sv chatSurvey
	err = tx.QueryRow(ctx, `SELECT survey_id, token FROM telegram_surveys WHERE chat_id = ? AND comment_until > ?
		ORDER BY survey_id DESC LIMIT 1`, c.id, tx.Now()).Scan(&sv.id, &sv.token)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	o, err := b.surveys.SurveyOffer(ctx, sv.id)
	if err != nil {
		return false, err
	}
	if strings.TrimSpace(u.Quoted) != strings.TrimSpace(commentPrompt(o)) {
		// A reply to another of the bot's messages (an agent's answer):
		// the customer writes to support, and the ticket must hear it.
		return false, nil
	}
	if err := b.surveys.CommentSurvey(ctx, sv.token, text, b.redact); err != nil {
		switch {
		case metrics.RefusalOf(err) == metrics.RefComment:
			// Too long: the window stays open for a shorter try.
			return true, b.enqueueText(ctx, tx, c.id, metrics.RefusalText(c.language, err))
		case metrics.RefusalOf(err) != "":
			return false, nil // the comment's time is over: the text is a message
		default:
			return false, err
		}
	}
	if _, err := tx.Exec(ctx, `UPDATE telegram_surveys SET comment_until = 0 WHERE survey_id = ?`, sv.id); err != nil {
		return false, err
	}
	return true, b.enqueueText(ctx, tx, c.id, o.Thanks)
}

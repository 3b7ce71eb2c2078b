package bot

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/groundcrew/groundcrew/internal/chat"
	"github.com/groundcrew/groundcrew/internal/store"
)

// Modes of a conversation.
const (
	modeBot      = "bot"      // the bot answers
	modeHuman    = "human"    // handed off: the bot runs flows the customer starts, and is quiet otherwise
	modeSecurity = "security" // handed off to the security specialists (as modeHuman otherwise)
)

// conversation is the bot's state of one chat ticket (bot_conversations).
type conversation struct {
	TicketID     int64
	Mode         string
	Flow, Step   string
	Data         map[string]string
	Tried        []string // what the bot tried and found, for the hand-off summary
	LastAnswer   string   // the key of the last answer: never the same twice in a row
	LastMessage  int64    // the newest customer message handled
	InputMessage int64    // the button message whose choice Input holds
	Input        string   // "flow:<name>" or "choice:<id>"
	Lang         string
	HandedOffAt  int64
	found        bool // the row exists
}

func (c *conversation) try(s string) {
	if len(c.Tried) >= 20 {
		c.Tried = c.Tried[1:]
	}
	c.Tried = append(c.Tried, s)
}

// load reads ticketID's state; a ticket the bot has not seen yet gets a
// fresh one in bot mode.
func load(ctx context.Context, q interface {
	QueryRow(ctx context.Context, query string, args ...any) *sql.Row
}, ticketID int64) (conversation, error) {
	c := conversation{TicketID: ticketID, Mode: modeBot, Data: map[string]string{}, Lang: "en"}
	var data, tried string
	err := q.QueryRow(ctx, `SELECT mode, flow, step, data, tried, last_answer, last_message, input_message, input, lang, handed_off_at
		FROM bot_conversations WHERE ticket_id = ?`, ticketID).
		Scan(&c.Mode, &c.Flow, &c.Step, &data, &tried, &c.LastAnswer, &c.LastMessage, &c.InputMessage, &c.Input, &c.Lang, &c.HandedOffAt)
	if errors.Is(err, sql.ErrNoRows) {
		return c, nil
	}
	if err != nil {
		return c, fmt.Errorf("bot conversation %d: %w", ticketID, err)
	}
	c.found = true
	if err := json.Unmarshal([]byte(data), &c.Data); err != nil || c.Data == nil {
		c.Data = map[string]string{}
	}
	if err := json.Unmarshal([]byte(tried), &c.Tried); err != nil {
		c.Tried = nil
	}
	return c, nil
}

// save writes c, created or updated.
func save(ctx context.Context, db *store.DB, c *conversation) error {
	data, _ := json.Marshal(c.Data)
	tried, _ := json.Marshal(c.Tried)
	if tried == nil || string(tried) == "null" {
		tried = []byte("[]")
	}
	err := db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		now := tx.Now()
		_, err := tx.Exec(ctx, `INSERT INTO bot_conversations (ticket_id, mode, flow, step, data, tried, last_answer, last_message, lang, handed_off_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (ticket_id) DO UPDATE SET mode = excluded.mode, flow = excluded.flow, step = excluded.step, data = excluded.data,
			tried = excluded.tried, last_answer = excluded.last_answer, last_message = excluded.last_message, lang = excluded.lang,
			handed_off_at = excluded.handed_off_at, updated_at = excluded.updated_at`,
			c.TicketID, c.Mode, c.Flow, c.Step, string(data), string(tried), c.LastAnswer, c.LastMessage, c.Lang, c.HandedOffAt, now)
		return err
	})
	if err != nil {
		return fmt.Errorf("save bot conversation %d: %w", c.TicketID, err)
	}
	c.found = true
	return nil
}

// Mark records that customer message messageID of ticketID is a button
// press: it starts flow, or answers the current step with choice. It runs
// in the message's transaction (chat.Flows), so the bot's turn for that
// message always sees it. Unknown names are kept and ignored by the turn.
func (b *Bot) Mark(ctx context.Context, ticketID, messageID int64, flow, choice, lang string) error {
	input := "flow:" + flow
	if flow == "" {
		input = "choice:" + choice
	}
	// The button was labelled in the widget's language: the bot answers in it.
	lang = orLang(lang)
	return b.cfg.DB.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO bot_conversations (ticket_id, input_message, input, lang, updated_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (ticket_id) DO UPDATE SET input_message = excluded.input_message, input = excluded.input, lang = excluded.lang, updated_at = excluded.updated_at`,
			ticketID, messageID, input, lang, tx.Now())
		if err != nil {
			return fmt.Errorf("mark flow input on ticket %d: %w", ticketID, err)
		}
		return nil
	})
}

// Toolbar lists the self-service flows, labelled in lang (chat.Flows).
func (b *Bot) Toolbar(lang string) []chat.FlowChoice {
	out := make([]chat.FlowChoice, 0, len(toolbar))
	for _, f := range toolbar {
		out = append(out, chat.FlowChoice{ID: f, Label: say(lang, "flow_"+f)})
	}
	return out
}

// State is where ticketID's flow stands, with the current step's choices
// labelled in the conversation's language (chat.Flows).
func (b *Bot) State(ctx context.Context, ticketID int64) (chat.FlowFrame, bool, error) {
	c, err := load(ctx, b.cfg.DB, ticketID)
	if err != nil || !c.found {
		return chat.FlowFrame{}, false, err
	}
	f := chat.FlowFrame{Flow: c.Flow, Step: c.Step, Choices: []chat.FlowChoice{}}
	if c.Flow == "" {
		return f, true, nil
	}
	for _, id := range choicesOf(c) {
		f.Choices = append(f.Choices, chat.FlowChoice{ID: id, Label: say(c.Lang, choiceLabel(id))})
	}
	f.Prompt = say(c.Lang, "flow_"+c.Flow)
	if c.Flow == flowOffer {
		f.Prompt = say(c.Lang, "offer")
	}
	return f, true, nil
}

// choiceLabel is the text key of a choice: a flow offered by name, or a
// step's answer.
func choiceLabel(id string) string {
	if strings.HasPrefix(id, "start_") {
		return "flow_" + strings.TrimPrefix(id, "start_")
	}
	return "choice_" + id
}

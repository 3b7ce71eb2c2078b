package telegram

import (
	"encoding/json"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// MaxUpdate bounds one update's JSON. Telegram's texts are at most 4096
// characters, so a real update is a few kilobytes.
const MaxUpdate = 256 << 10

// Update is the part of a Telegram Update the bot reads: a private chat's
// text message (https://core.telegram.org/bots/api#update).
type Update struct {
	ID       int64
	ChatID   int64
	Private  bool
	FromBot  bool
	Language string // one of ticket.Languages, from the sender's language_code; "en" without one
	// LanguageReported: Language is the sender's language_code, not the
	// default.
	LanguageReported bool
	Name             string
	Text             string
	HasText          bool
	// Captioned: Text is the caption of a picture or file, which the bot
	// does not keep; only the caption is read.
	Captioned bool
	// ReplyToBot: the message answers one of a bot's messages (Telegram's
	// reply_to_message from a bot), such as the survey's comment prompt;
	// Quoted is that message's text. Every message in the chat is the
	// bot's, agents' answers too, so only Quoted tells which one.
	ReplyToBot bool
	Quoted     string
	// CallbackID and Data: a press of one of the bot's inline buttons
	// (a callback_query), with the button's callback data.
	CallbackID string
	Data       string
	// MessageID is the bot's message that carried the pressed button, so
	// that its keyboard can be taken away once the survey is answered.
	MessageID int64
}

type wireUser struct {
	ID           int64  `json:"id"`
	IsBot        bool   `json:"is_bot"`
	FirstName    string `json:"first_name"`
	LastName     string `json:"last_name"`
	Username     string `json:"username"`
	LanguageCode string `json:"language_code"`
}

// wireMessageRef is the message a pressed button was under.
type wireMessageRef struct {
	MessageID int64     `json:"message_id"`
	Chat      *wireChat `json:"chat"`
}

type wireChat struct {
	ID   int64  `json:"id"`
	Type string `json:"type"`
}

type wireUpdate struct {
	UpdateID *int64 `json:"update_id"`
	Message  *struct {
		From    *wireUser `json:"from"`
		Chat    *wireChat `json:"chat"`
		Text    *string   `json:"text"`
		Caption *string   `json:"caption"`
		ReplyTo *struct {
			From *wireUser `json:"from"`
			Text string    `json:"text"`
		} `json:"reply_to_message"`
	} `json:"message"`
	Callback *struct {
		ID      string          `json:"id"`
		From    *wireUser       `json:"from"`
		Message *wireMessageRef `json:"message"`
		Data    string          `json:"data"`
	} `json:"callback_query"`
}

// ParseUpdate reads one update. An update without update_id, or that is
// not JSON, is Invalid; an update of another kind (an edit, a channel
// post) parses with ChatID 0, and the bot ignores it.
func ParseUpdate(raw []byte) (Update, error) {
	if len(raw) > MaxUpdate {
		return Update{}, errs.E(errs.TooLarge, "the update is larger than %d bytes", MaxUpdate)
	}
	var w wireUpdate
	if err := json.Unmarshal(raw, &w); err != nil {
		return Update{}, errs.E(errs.Invalid, "the update is not a Telegram Update object")
	}
	if w.UpdateID == nil || *w.UpdateID < 0 {
		return Update{}, errs.Field("update_id", "the update has no update_id")
	}
	u := Update{ID: *w.UpdateID}
	if cb := w.Callback; cb != nil {
		return callbackUpdate(u, cb.ID, cb.From, cb.Message, cb.Data), nil
	}
	m := w.Message
	if m == nil || m.Chat == nil || m.Chat.ID == 0 {
		return u, nil
	}
	u.ChatID, u.Private = m.Chat.ID, m.Chat.Type == "private"
	if r := m.ReplyTo; r != nil && r.From != nil && r.From.IsBot {
		u.ReplyToBot, u.Quoted = true, clip(r.Text, 4096)
	}
	u.from(m.From)
	switch {
	case m.Text != nil:
		u.Text, u.HasText = cleanText(*m.Text), true
	case m.Caption != nil:
		u.Text, u.HasText, u.Captioned = cleanText(*m.Caption), true, true
	}
	return u, nil
}

// cleanText makes a customer's text valid UTF-8 without NULs.
func cleanText(s string) string {
	return strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\x00", "")
}

// from reads the sender's kind, name and language.
func (u *Update) from(f *wireUser) {
	if f != nil {
		u.FromBot, u.Name = f.IsBot, displayName(f)
		u.Language = language(f.LanguageCode)
		u.LanguageReported = u.Language != ""
	}
	if u.Language == "" {
		u.Language = "en"
	}
}

// maxName is the customer name the ticket store takes (customer.name).
const maxName = 200

// displayName is the sender's name as Telegram shows it: first and last
// name, and the @username when there is one ("Ana Lima (@analima)"), on one
// line. The whole name is kept, not the first name alone: the ticket store
// screens customer names like every field, and a secret split between the
// two names is only seen whole.
func displayName(f *wireUser) string {
	name := strings.Join(strings.Fields(strings.Map(noControl, cleanText(f.FirstName+" "+f.LastName))), " ")
	if user := f.Username; user != "" && len(user) <= 32 && strings.Trim(user, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == "" {
		if name == "" {
			name = "@" + user
		} else {
			name += " (@" + user + ")"
		}
	}
	return clip(name, maxName)
}

// noControl drops control characters, which no name shows and the ticket
// store refuses in a name.
func noControl(r rune) rune {
	if unicode.IsControl(r) {
		return -1
	}
	return r
}

// callbackUpdate is a pressed button: the chat is the one of the message
// that carried the button (an inline keyboard under an inline-mode
// message has none, and the bot ignores it).
func callbackUpdate(u Update, id string, from *wireUser, msg *wireMessageRef, data string) Update {
	if id == "" || msg == nil || msg.Chat == nil || msg.Chat.ID == 0 {
		return u
	}
	u.ChatID, u.Private = msg.Chat.ID, msg.Chat.Type == "private"
	u.CallbackID, u.Data = clip(id, 64), clip(data, 64)
	u.MessageID = max(msg.MessageID, 0)
	u.from(from)
	return u
}

// language maps an IETF tag ("pt-br") to one of the 17 languages, or "".
func language(code string) string {
	code = strings.ToLower(code)
	if i := strings.IndexAny(code, "-_"); i > 0 {
		code = code[:i]
	}
	for _, l := range ticket.Languages {
		if l == code {
			return l
		}
	}
	return ""
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// Command splits "/start abc" into ("start", "abc"); a text that is not a
// command gives "". "/start@OurBot abc" names the bot and counts too.
func Command(text string) (name, arg string) {
	if !strings.HasPrefix(text, "/") {
		return "", ""
	}
	head, rest, _ := strings.Cut(strings.TrimSpace(text[1:]), " ")
	head, _, _ = strings.Cut(head, "@")
	return strings.ToLower(head), strings.TrimSpace(rest)
}

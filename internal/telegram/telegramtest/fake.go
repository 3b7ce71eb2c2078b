// Package telegramtest is a local server that speaks the Telegram Bot
// API's HTTP protocol (getUpdates, sendMessage, setWebhook,
// deleteWebhook, answerCallbackQuery, as https://core.telegram.org/bots/api documents them),
// for tests: no outside network.
package telegramtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// Sent is one sendMessage the bot made.
type Sent struct {
	ID     int64  `json:"-"` // the message_id the fake gave it
	ChatID int64  `json:"chat_id"`
	Text   string `json:"text"`
	// Buttons are the callback data of an inline keyboard's buttons, row
	// after row.
	Buttons []string `json:"-"`
}

// Answer is one answerCallbackQuery the bot made.
type Answer struct{ ID, Text string }

// Server is the fake Bot API.
type Server struct {
	*httptest.Server
	Token string

	mu       sync.Mutex
	updates  []json.RawMessage
	arrived  chan struct{}
	sent     []Sent
	answers  []Answer
	fail     []int // status codes for the next sendMessage calls
	webhook  string
	secret   string
	nextID   int64
	nextChat int64
}

// New starts the fake for token; it stops with the test.
func New(t testing.TB, token string) *Server {
	s := &Server{Token: token, arrived: make(chan struct{}, 1), nextID: 1000}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	prefix := "/bot" + s.Token + "/"
	if r.Method != http.MethodPost || !strings.HasPrefix(r.URL.Path, prefix) {
		reply(w, 404, map[string]any{"ok": false, "error_code": 404, "description": "Not Found"})
		return
	}
	body, _ := io.ReadAll(r.Body)
	var p map[string]json.RawMessage
	if err := json.Unmarshal(body, &p); err != nil {
		reply(w, 400, map[string]any{"ok": false, "error_code": 400, "description": "Bad Request: can't parse JSON"})
		return
	}
	switch strings.TrimPrefix(r.URL.Path, prefix) {
	case "sendMessage":
		s.sendMessage(w, p)
	case "editMessageReplyMarkup":
		s.editMarkup(w, p)
	case "answerCallbackQuery":
		var a Answer
		if json.Unmarshal(p["callback_query_id"], &a.ID) != nil || a.ID == "" {
			reply(w, 400, map[string]any{"ok": false, "error_code": 400, "description": "Bad Request: query is too old or query ID is invalid"})
			return
		}
		_ = json.Unmarshal(p["text"], &a.Text)
		s.mu.Lock()
		s.answers = append(s.answers, a)
		s.mu.Unlock()
		reply(w, 200, map[string]any{"ok": true, "result": true})
	case "getUpdates":
		s.getUpdates(w, r, p)
	case "setWebhook":
		var url, secret string
		_ = json.Unmarshal(p["url"], &url)
		_ = json.Unmarshal(p["secret_token"], &secret)
		s.mu.Lock()
		s.webhook, s.secret = url, secret
		s.mu.Unlock()
		reply(w, 200, map[string]any{"ok": true, "result": true, "description": "Webhook was set"})
	case "deleteWebhook":
		s.mu.Lock()
		s.webhook = ""
		s.mu.Unlock()
		reply(w, 200, map[string]any{"ok": true, "result": true})
	default:
		reply(w, 404, map[string]any{"ok": false, "error_code": 404, "description": "Not Found: method not found"})
	}
}

func (s *Server) sendMessage(w http.ResponseWriter, p map[string]json.RawMessage) {
	var m Sent
	if json.Unmarshal(p["chat_id"], &m.ChatID) != nil || json.Unmarshal(p["text"], &m.Text) != nil || m.Text == "" {
		reply(w, 400, map[string]any{"ok": false, "error_code": 400, "description": "Bad Request: message text is empty"})
		return
	}
	if raw, ok := p["reply_markup"]; ok {
		var err error
		if m.Buttons, err = buttons(raw); err != nil {
			reply(w, 400, map[string]any{"ok": false, "error_code": 400, "description": "Bad Request: can't parse reply keyboard markup JSON object"})
			return
		}
	}
	if len([]rune(m.Text)) > 4096 {
		reply(w, 400, map[string]any{"ok": false, "error_code": 400, "description": "Bad Request: message is too long"})
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.fail) > 0 {
		code := s.fail[0]
		s.fail = s.fail[1:]
		res := map[string]any{"ok": false, "error_code": code, "description": http.StatusText(code)}
		if code == 429 {
			res["parameters"] = map[string]int{"retry_after": 1}
		}
		reply(w, code, res)
		return
	}
	m.ID = int64(len(s.sent) + 1)
	s.sent = append(s.sent, m)
	reply(w, 200, map[string]any{"ok": true, "result": map[string]any{"message_id": m.ID, "chat": map[string]any{"id": m.ChatID, "type": "private"}, "date": time.Now().Unix(), "text": m.Text}})
}

// buttons reads the callback data of an inline keyboard, row after row.
func buttons(raw json.RawMessage) ([]string, error) {
	var mk struct {
		Rows [][]struct {
			Data string `json:"callback_data"`
		} `json:"inline_keyboard"`
	}
	if err := json.Unmarshal(raw, &mk); err != nil {
		return nil, err
	}
	var out []string
	for _, row := range mk.Rows {
		for _, b := range row {
			out = append(out, b.Data)
		}
	}
	return out, nil
}

// editMarkup replaces the keyboard of a message the bot sent, refusing
// an edit that changes nothing as Telegram does.
func (s *Server) editMarkup(w http.ResponseWriter, p map[string]json.RawMessage) {
	var chatID, msgID int64
	if json.Unmarshal(p["chat_id"], &chatID) != nil || json.Unmarshal(p["message_id"], &msgID) != nil {
		reply(w, 400, map[string]any{"ok": false, "error_code": 400, "description": "Bad Request: message identifier is not specified"})
		return
	}
	var next []string
	if raw, ok := p["reply_markup"]; ok {
		var err error
		if next, err = buttons(raw); err != nil {
			reply(w, 400, map[string]any{"ok": false, "error_code": 400, "description": "Bad Request: can't parse reply keyboard markup JSON object"})
			return
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.sent {
		m := &s.sent[i]
		if m.ID != msgID || m.ChatID != chatID {
			continue
		}
		if strings.Join(m.Buttons, "\n") == strings.Join(next, "\n") {
			reply(w, 400, map[string]any{"ok": false, "error_code": 400, "description": "Bad Request: message is not modified"})
			return
		}
		m.Buttons = next
		reply(w, 200, map[string]any{"ok": true, "result": map[string]any{"message_id": m.ID, "chat": map[string]any{"id": chatID, "type": "private"}, "text": m.Text}})
		return
	}
	reply(w, 400, map[string]any{"ok": false, "error_code": 400, "description": "Bad Request: message to edit not found"})
}

func (s *Server) getUpdates(w http.ResponseWriter, r *http.Request, p map[string]json.RawMessage) {
	var offset, timeout int64
	_ = json.Unmarshal(p["offset"], &offset)
	_ = json.Unmarshal(p["timeout"], &timeout)
	deadline := time.After(time.Duration(min(timeout, 2)) * time.Second)
	for {
		s.mu.Lock()
		if s.webhook != "" {
			s.mu.Unlock()
			reply(w, 409, map[string]any{"ok": false, "error_code": 409, "description": "Conflict: can't use getUpdates method while webhook is active"})
			return
		}
		var out []json.RawMessage
		keep := s.updates[:0]
		for _, u := range s.updates {
			var id struct {
				UpdateID int64 `json:"update_id"`
			}
			_ = json.Unmarshal(u, &id)
			if id.UpdateID >= offset {
				out = append(out, u)
				keep = append(keep, u)
			}
		}
		s.updates = keep
		s.mu.Unlock()
		if len(out) > 0 || timeout == 0 {
			reply(w, 200, map[string]any{"ok": true, "result": orEmpty(out)})
			return
		}
		select {
		case <-s.arrived:
		case <-deadline:
			reply(w, 200, map[string]any{"ok": true, "result": []any{}})
			return
		case <-r.Context().Done():
			return
		}
	}
}

func orEmpty(v []json.RawMessage) []json.RawMessage {
	if v == nil {
		return []json.RawMessage{}
	}
	return v
}

func reply(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// Text builds a private chat's text update with a fresh update_id.
func (s *Server) Text(chatID int64, lang, text string) json.RawMessage {
	return s.message(chatID, lang, map[string]any{"text": text})
}

// Photo builds a private chat's photo update, with caption when it is not
// empty. kind is "photo" or "document", the two ways an app sends a picture.
func (s *Server) Photo(chatID int64, lang, kind, caption string) json.RawMessage {
	fields := map[string]any{"photo": []map[string]any{{"file_id": "AgAD-1", "file_unique_id": "u1", "width": 90, "height": 90}}}
	if kind == "document" {
		fields = map[string]any{"document": map[string]any{"file_id": "BQAD-1", "file_unique_id": "u2", "file_name": "screen.png"}}
	}
	if caption != "" {
		fields["caption"] = caption
	}
	return s.message(chatID, lang, fields)
}

// Reply builds the update of a text in chatID that answers the bot's last
// message there (Telegram's reply_to_message, as a force_reply prompt
// makes); like Telegram, it quotes that message's text.
func (s *Server) Reply(chatID int64, lang, text string) json.RawMessage {
	s.mu.Lock()
	quoted := ""
	for _, m := range s.sent {
		if m.ChatID == chatID {
			quoted = m.Text
		}
	}
	s.mu.Unlock()
	return s.ReplyTo(chatID, lang, text, quoted)
}

// ReplyTo builds the update of a text in chatID that answers the bot's
// message whose text was quoted (a customer replying to an older message).
func (s *Server) ReplyTo(chatID int64, lang, text, quoted string) json.RawMessage {
	return s.message(chatID, lang, map[string]any{"text": text, "reply_to_message": map[string]any{"message_id": 1, "date": time.Now().Unix(), "text": quoted,
		"from": map[string]any{"id": 1, "is_bot": true, "first_name": "Support"}, "chat": map[string]any{"id": chatID, "type": "private"}}})
}

// message builds a private chat's message update with fields (text,
// caption, photo, reply_to_message) added to the sender and chat.
func (s *Server) message(chatID int64, lang string, fields map[string]any) json.RawMessage {
	s.mu.Lock()
	s.nextID++
	id := s.nextID
	s.mu.Unlock()
	m := map[string]any{
		"message_id": id, "date": time.Now().Unix(),
		"from": map[string]any{"id": chatID, "is_bot": false, "first_name": "Customer", "language_code": lang},
		"chat": map[string]any{"id": chatID, "type": "private"}}
	for k, v := range fields {
		m[k] = v
	}
	b, _ := json.Marshal(map[string]any{"update_id": id, "message": m})
	return b
}

// Press builds the update of a press on a button with data under a bot
// message in chatID, with a fresh update_id and callback query id. The
// message is the last one sent to chatID that shows the button; a press
// no such message explains (a forwarded copy, a client that has not yet
// seen the keyboard go) names message 1.
func (s *Server) Press(chatID int64, lang, data string) json.RawMessage {
	s.mu.Lock()
	s.nextID++
	id := s.nextID
	msgID := int64(1)
	for _, m := range s.sent {
		if m.ChatID == chatID && slices.Contains(m.Buttons, data) {
			msgID = m.ID
		}
	}
	s.mu.Unlock()
	b, _ := json.Marshal(map[string]any{"update_id": id, "callback_query": map[string]any{
		"id": fmt.Sprintf("cb%d", id), "data": data, "chat_instance": "1",
		"from":    map[string]any{"id": chatID, "is_bot": false, "first_name": "Customer", "language_code": lang},
		"message": map[string]any{"message_id": msgID, "date": time.Now().Unix(), "chat": map[string]any{"id": chatID, "type": "private"}}}})
	return b
}

// Answers are the callback queries the bot has answered.
func (s *Server) Answers() []Answer {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Answer(nil), s.answers...)
}

// Queue makes update the answer to the next getUpdates.
func (s *Server) Queue(update json.RawMessage) {
	s.mu.Lock()
	s.updates = append(s.updates, update)
	s.mu.Unlock()
	select {
	case s.arrived <- struct{}{}:
	default:
	}
}

// Deliver posts update to the webhook set with setWebhook, with its secret,
// as Telegram does, and returns the status code.
func (s *Server) Deliver(update json.RawMessage) (int, error) {
	s.mu.Lock()
	url, secret := s.webhook, s.secret
	s.mu.Unlock()
	if url == "" {
		return 0, fmt.Errorf("no webhook set")
	}
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(update))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

// FailNext makes the next sendMessage calls fail with these statuses.
func (s *Server) FailNext(codes ...int) {
	s.mu.Lock()
	s.fail = append(s.fail, codes...)
	s.mu.Unlock()
}

// Messages is what the bot has sent so far.
func (s *Server) Messages() []Sent {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Sent(nil), s.sent...)
}

// Webhook is the URL and secret the bot set.
func (s *Server) Webhook() (string, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.webhook, s.secret
}

// Package chat is the live-chat channel: the widget's WebSocket protocol
// (docs/chat-protocol.md), visitors and their resume tokens, signed-in
// customers, resume and replay, typing and read receipts, and the live
// delivery of agents' replies from any node. Conversations are tickets of
// channel "chat", stored through ticket's customer-scoped intake.
package chat

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

// Protocol constants (docs/chat-protocol.md).
const (
	Version     = 1
	Subprotocol = "groundcrew.chat.v1"
	// MaxFrame is the largest client frame handled; a larger one is a
	// too_large error and is discarded.
	MaxFrame = 32 << 10
	// HardMaxFrame is the largest client frame read at all; a larger one
	// closes the socket (1009).
	HardMaxFrame = 1 << 20
	// MaxText bounds a message's text, in bytes.
	MaxText = 8000
	// MaxClientID bounds a client message id.
	MaxClientID = 64
	// MaxToken bounds an identity token.
	MaxToken = 2048
	// replayPage is how many messages one replay read fetches; the first
	// replay of a conversation sends at most this many (older ones come
	// through history).
	replayPage = 200
)

// Error codes of error frames.
const (
	CodeBadFrame             = "bad_frame"
	CodeBadVersion           = "bad_version"
	CodeHelloRequired        = "hello_required"
	CodeTooLarge             = "too_large"
	CodeEmpty                = "empty"
	CodeRateLimited          = "rate_limited"
	CodeUnauthorised         = "unauthorised"
	CodeTokenExpired         = "token_expired"
	CodeTokenReplayed        = "token_replayed"
	CodeTokenTooLong         = "token_too_long" // an identity token without a jti that lives longer than the installation allows
	CodeConversationNotYours = "conversation_not_yours"
	CodeUnavailable          = "unavailable"
	CodeTooSlow              = "too_slow"
	CodeInternal             = "internal"
	CodeInvalidField         = "invalid_field" // a pre-chat form value was refused; the frame names the field
	CodeNotAllowed           = "not_allowed"   // a screen frame of the wrong side (an agent's offer, a customer's answer)
	CodeNoAgent              = "no_agent"      // screen sharing needs an agent assigned to the conversation
	CodeScreenOff            = "screen_off"    // this installation has screen sharing turned off
)

// In is a client frame, every type's fields in one struct: a frame is
// small, and one decode with DisallowUnknownFields off keeps later fields
// harmless.
type In struct {
	Type string `json:"type"`
	// hello
	V            int    `json:"v,omitempty"`
	Resume       string `json:"resume,omitempty"`
	Token        string `json:"token,omitempty"`
	Conversation int64  `json:"conversation,omitempty"`
	LastSeq      int64  `json:"last_seq,omitempty"`
	Lang         string `json:"lang,omitempty"`
	// send, ping
	ID   string `json:"id,omitempty"`
	Text string `json:"text,omitempty"`
	// send, when it opens a conversation: the pre-chat form's values (see
	// GET /chat/v1/form); ignored on later messages.
	Fields map[string]string `json:"fields,omitempty"`
	// Area is the product area the customer chose (one of
	// ticket.ProductAreas); with it, the form's fields required there are.
	Area string `json:"area,omitempty"`
	// Flow starts a self-service flow (a toolbar button), Choice answers
	// the current step of one; the text is the button's label. See flow.go.
	Flow   string `json:"flow,omitempty"`
	Choice string `json:"choice,omitempty"`
	// typing
	On bool `json:"on,omitempty"`
	// read
	Seq int64 `json:"seq,omitempty"`
	// history
	Before int64 `json:"before,omitempty"`
	Limit  int   `json:"limit,omitempty"`
	// screen_offer, screen_answer, screen_ice, screen_stop (screen.go):
	// the sharing session's id, a session description, an ICE candidate,
	// and, on an offer, whether the customer lets the agent record.
	Screen    string        `json:"screen,omitempty"`
	SDP       string        `json:"sdp,omitempty"`
	Candidate *ICECandidate `json:"candidate,omitempty"`
	Record    bool          `json:"record,omitempty"`
	// callback_request (callback.go): the number (or use_known for the
	// signed-in customer's known one) and the window, RFC 3339; lang
	// and id as above.
	Number      string `json:"number,omitempty"`
	UseKnown    bool   `json:"use_known,omitempty"`
	WindowStart string `json:"window_start,omitempty"`
	WindowEnd   string `json:"window_end,omitempty"`
}

// FrameError is why a client frame was refused: an error code and a
// message for the customer, and the frame's ref (its id or its type).
type FrameError struct {
	Code, Msg, Ref string
	// Field names the pre-chat form field at fault (invalid_field).
	Field string
	// Fatal: the socket closes after the error frame.
	Fatal bool
	// RetryAfter, for rate_limited, is when the next frame is allowed.
	RetryAfter time.Duration
}

func (e *FrameError) Error() string { return e.Code + ": " + e.Msg }

func badFrame(ref, format string, args ...any) *FrameError {
	return &FrameError{Code: CodeBadFrame, Msg: fmt.Sprintf(format, args...), Ref: ref}
}

// ParseFrame decodes and checks one client frame. It never panics, and
// what it accepts is what the session may act on without further checks
// of shape (ownership and tokens are checked by the session).
func ParseFrame(data []byte) (In, error) {
	var in In
	if len(data) > MaxFrame {
		return in, &FrameError{Code: CodeTooLarge, Msg: fmt.Sprintf("a frame may be at most %d bytes", MaxFrame)}
	}
	if !utf8.Valid(data) {
		return in, badFrame("", "a frame must be UTF-8 JSON")
	}
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return in, badFrame("", "a frame must be one JSON object")
	}
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	if err := dec.Decode(&in); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return In{}, badFrame(in.Type, "field %q has the wrong type", te.Field)
		}
		return In{}, badFrame("", "a frame must be one JSON object")
	}
	if dec.More() {
		return In{}, badFrame(in.Type, "a frame must be one JSON object")
	}
	// A lone surrogate escape decodes to U+FFFD: refuse it, as the API does.
	if err := web.CheckJSONText(trimmed); err != nil {
		ref := in.Type
		if in.Type == "send" && checkClientID(in.ID) == nil {
			ref = in.ID
		}
		msg := err.Error()
		if e, ok := errs.As(err); ok {
			msg = e.Msg
		}
		return In{Type: in.Type}, badFrame(ref, "%s", msg)
	}
	return in, in.check()
}

// check validates the fields in's type uses.
func (in *In) check() error {
	switch in.Type {
	case "hello":
		if len(in.Resume) > 64 || len(in.Token) > MaxToken {
			return badFrame("hello", "resume or token is too long")
		}
		if in.Conversation < 0 || in.LastSeq < 0 {
			return badFrame("hello", "conversation and last_seq must not be negative")
		}
	case "identify":
		if in.Token == "" || len(in.Token) > MaxToken {
			return badFrame("identify", "identify needs a token of at most %d bytes", MaxToken)
		}
	case "send":
		if err := checkClientID(in.ID); err != nil {
			return err
		}
		if len(in.Text) > MaxText {
			return &FrameError{Code: CodeTooLarge, Msg: fmt.Sprintf("a message may be at most %d bytes", MaxText), Ref: in.ID}
		}
		if strings.TrimSpace(in.Text) == "" {
			return &FrameError{Code: CodeEmpty, Msg: "the message is empty", Ref: in.ID}
		}
		if strings.ContainsRune(in.Text, 0) {
			return badFrame(in.ID, "the message contains a NUL character")
		}
		if err := checkFields(in.ID, in.Fields); err != nil {
			return err
		}
		if !flowName(in.Flow) || !flowName(in.Choice) || in.Flow != "" && in.Choice != "" {
			return badFrame(in.ID, "flow and choice are names of up to 40 characters of a-z, 0-9 and _, and a send carries at most one of them")
		}
		if in.Area != "" && !slices.Contains(ticket.ProductAreas, in.Area) {
			return &FrameError{Code: CodeInvalidField, Msg: "area must be one of the product areas", Ref: in.ID, Field: "area"}
		}
	case "typing":
	case "read":
		if in.Seq <= 0 {
			return badFrame("read", "read needs a seq")
		}
	case "history":
		if in.Before < 0 || in.Limit < 0 || in.Limit > replayPage {
			return badFrame("history", "history needs before >= 0 and limit 1 to %d", replayPage)
		}
	case "ping":
		if len(in.ID) > MaxClientID {
			return badFrame("ping", "a ping id may be at most %d bytes", MaxClientID)
		}
	case "screen_offer", "screen_answer", "screen_ice", "screen_stop", "screen_record":
		return in.checkScreen()
	case "callback_request":
		return in.checkCallback()
	case "":
		return badFrame("", "a frame needs a type")
	default:
		t := in.Type
		if len(t) > 32 || !utf8.ValidString(t) {
			t = "?"
		}
		return badFrame(t, "unknown frame type %q", t)
	}
	return nil
}

// checkClientID: 1 to 64 characters of [A-Za-z0-9._:-].
func checkClientID(id string) error {
	if id == "" || len(id) > MaxClientID {
		return badFrame("send", "a send needs an id of 1 to %d characters", MaxClientID)
	}
	for _, r := range id {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._:-", r)
		if !ok {
			return badFrame("send", "a message id may hold only letters, digits and . _ : -")
		}
	}
	return nil
}

// Agent is how a customer sees the agent who wrote a message.
type Agent struct {
	Name      string `json:"name"`
	VerifyURL string `json:"verify_url,omitempty"`
}

// Message is a message frame's body (and an element of history).
type Message struct {
	Type         string `json:"type,omitempty"` // "message" as a frame; empty inside history
	Conversation int64  `json:"conversation"`
	Seq          int64  `json:"seq"`
	Author       string `json:"author"`
	Agent        *Agent `json:"agent,omitempty"`
	ID           string `json:"id,omitempty"` // the client message id, on the sender's own socket
	Text         string `json:"text"`
	At           string `json:"at"`
	Replay       bool   `json:"replay,omitempty"`
}

// Welcome is the answer to hello and identify.
type Welcome struct {
	Type         string    `json:"type"`
	V            int       `json:"v"`
	Resume       string    `json:"resume"`
	Level        string    `json:"level"`
	Customer     *Customer `json:"customer,omitempty"`
	Conversation *int64    `json:"conversation"`
	Status       string    `json:"status,omitempty"`
	LastSeq      int64     `json:"last_seq"`
	AgentReadSeq int64     `json:"agent_read_seq"`
	Limits       Limits    `json:"limits"`
	Heartbeat    int       `json:"heartbeat"`
	// Screen, when screen sharing is on, is what the widget needs for it.
	Screen *ScreenInfo `json:"screen_share,omitempty"`
	// Callback, when phone callbacks are offered, lists the windows.
	Callback *CallbackInfo `json:"callback,omitempty"`
}

// Customer is what welcome tells a signed-in customer about themselves.
type Customer struct {
	Name   string `json:"name,omitempty"`
	Phrase string `json:"phrase,omitempty"`
	Alert  *Alert `json:"alert,omitempty"`
}

// Alert is a security alert about the customer's account with its
// "This wasn't me" button, which opens Href (the disable page).
type Alert struct {
	Title  string `json:"title"`
	Text   string `json:"text"`
	Button string `json:"button"`
	Href   string `json:"href"`
}

// Limits are the per-connection limits, as welcome announces them.
type Limits struct {
	MaxFrame       int `json:"max_frame"`
	MaxText        int `json:"max_text"`
	SendsPerMinute int `json:"sends_per_minute"`
}

// Ack acknowledges a send.
type Ack struct {
	Type         string `json:"type"`
	ID           string `json:"id"`
	Conversation int64  `json:"conversation"`
	Seq          int64  `json:"seq"`
	Duplicate    bool   `json:"duplicate"`
	Text         string `json:"text"`
	Redacted     bool   `json:"redacted,omitempty"`
}

// ErrorFrame is an error frame.
type ErrorFrame struct {
	Type         string `json:"type"`
	Code         string `json:"code"`
	Message      string `json:"message"`
	Ref          string `json:"ref,omitempty"`
	Field        string `json:"field,omitempty"` // invalid_field: the form field's key
	RetryAfterMS int64  `json:"retry_after_ms,omitempty"`
	Fatal        bool   `json:"fatal"`
}

// Out is any other server frame (synced, conversation, typing, read,
// history, pong): the fields a type does not use stay empty.
type Out struct {
	Type         string    `json:"type"`
	Conversation int64     `json:"conversation,omitempty"`
	Status       string    `json:"status,omitempty"`
	LastSeq      *int64    `json:"last_seq,omitempty"`
	On           *bool     `json:"on,omitempty"`
	Author       string    `json:"author,omitempty"`
	Name         string    `json:"name,omitempty"`
	Seq          int64     `json:"seq,omitempty"`
	By           string    `json:"by,omitempty"`
	ID           string    `json:"id,omitempty"`
	Messages     []Message `json:"messages,omitempty"`
	More         *bool     `json:"more,omitempty"`
	Surveys      []Survey  `json:"surveys,omitempty"`
}

// wireTime is a protocol time: RFC 3339, milliseconds, UTC.
func wireTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z07:00") }

// MaxFields bounds the pre-chat form's values in one send frame.
const MaxFields = 20

// checkFields checks the shape of pre-chat form values; what they mean is
// checked at intake, against the form (internal/form).
func checkFields(ref string, fields map[string]string) error {
	if len(fields) > MaxFields {
		return badFrame(ref, "at most %d form fields", MaxFields)
	}
	for k, v := range fields {
		if k == "" || len(k) > 40 || len(v) > 500 || strings.ContainsRune(k+v, 0) {
			return badFrame(ref, "form fields have keys of 1 to 40 bytes and values of at most 500 bytes")
		}
	}
	return nil
}

package chat

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// Callback requests from the widget (docs/chat-protocol.md, "Callbacks").
// When phone support is configured, welcome offers the next callback
// windows (and, to a signed-in customer, the masked number we know for
// them); a callback_request frame books one through the phone package,
// the same function the help center's /callback form uses, so the checks
// are the phone package's. The answer is callback_ok, or an error frame
// whose ref is "callback_request": nothing is stored then.

// CallbackAsk is a widget's request as chat passes it on.
type CallbackAsk struct {
	TicketID    int64 // the conversation shown, 0 before there is one
	Number      string
	UseKnown    bool // use the number known for the signed-in customer
	WindowStart time.Time
	WindowEnd   time.Time
	Lang        string
	ExternalID  string // the signed-in customer, "" for a visitor
	Identity    string // their token
	// VouchedNumber is the phone number their token says the exchange has
	// on record: only that one matches their later calls.
	VouchedNumber string
}

// CallbackBooked is a booked callback as the widget is told of it.
type CallbackBooked struct {
	ID          int64
	WindowStart time.Time
	WindowEnd   time.Time
	Text        string // the confirmation, in the customer's language
}

// CallbackConfig turns widget callback requests on.
type CallbackConfig struct {
	// Request books the callback (phone.Service.RequestCallback); its
	// errs.Field and errs.Limited errors become error frames.
	Request func(ctx context.Context, a CallbackAsk) (CallbackBooked, error)
	// KnownNumber is the masked number known for a signed-in customer, "".
	KnownNumber func(ctx context.Context, externalID string) (string, error)
	// Allow rate-limits requests per customer key (user, visitor or
	// conversation); nil allows all.
	Allow func(key string) error
	// Now is the clock the offered windows start from.
	Now func() time.Time
	// Slots and Slot: how many windows are offered and how long each is
	// (defaults 8 and 2 hours).
	Slots int
	Slot  time.Duration
}

// CallbackInfo is welcome's callback field.
type CallbackInfo struct {
	Slots  []CallbackSlot `json:"slots"`
	Number string         `json:"number,omitempty"` // masked, signed-in customers only
}

// CallbackSlot is one window offered.
type CallbackSlot struct {
	Start string `json:"start"`
	End   string `json:"end"`
}

// CallbackOK answers a callback_request.
type CallbackOK struct {
	Type        string `json:"type"`
	ID          string `json:"id,omitempty"` // the request's client id
	Callback    int64  `json:"callback"`
	WindowStart string `json:"window_start"`
	WindowEnd   string `json:"window_end"`
	Text        string `json:"text"`
}

// WithCallbacks turns callback requests on (before Start).
func WithCallbacks(cfg CallbackConfig) Option {
	return func(s *Service) {
		if cfg.Request == nil {
			return
		}
		if cfg.Slots <= 0 {
			cfg.Slots = 8
		}
		if cfg.Slot <= 0 {
			cfg.Slot = 2 * time.Hour
		}
		if cfg.Now == nil {
			cfg.Now = time.Now
		}
		s.callback = &cfg
	}
}

// callbackInfo is what welcome offers: windows starting at the next full
// hour after the coming one, so an agent has time to see the request.
func (c *conn) callbackInfo(ctx context.Context) *CallbackInfo {
	cfg := c.s.callback
	if cfg == nil {
		return nil
	}
	info := &CallbackInfo{Slots: make([]CallbackSlot, 0, cfg.Slots)}
	start := cfg.Now().UTC().Truncate(time.Hour).Add(2 * time.Hour)
	for i := range cfg.Slots {
		from := start.Add(time.Duration(i) * cfg.Slot)
		info.Slots = append(info.Slots, CallbackSlot{Start: wireTime(from), End: wireTime(from.Add(cfg.Slot))})
	}
	if c.ident != nil && cfg.KnownNumber != nil {
		n, err := cfg.KnownNumber(ctx, c.ident.UserID)
		if err != nil {
			c.s.log.Warn("chat: known callback number", "err", err)
		}
		info.Number = n
	}
	return info
}

const refCallback = "callback_request"

// checkCallback checks a callback_request's shape; what the values mean
// is the phone package's to check.
func (in *In) checkCallback() error {
	if in.ID != "" && checkClientID(in.ID) != nil || len(in.Number) > 40 || len(in.Lang) > 8 || strings.ContainsRune(in.Number+in.Lang, 0) {
		return badFrame(refCallback, "id must be a client id, number at most 40 bytes and lang at most 8")
	}
	if in.Number == "" && !in.UseKnown {
		return &FrameError{Code: CodeInvalidField, Msg: "enter the phone number to call", Ref: refCallback, Field: "number"}
	}
	if _, err := time.Parse(time.RFC3339, in.WindowStart); err != nil {
		return &FrameError{Code: CodeInvalidField, Msg: "window_start must be an RFC 3339 time", Ref: refCallback, Field: "window_start"}
	}
	if _, err := time.Parse(time.RFC3339, in.WindowEnd); err != nil {
		return &FrameError{Code: CodeInvalidField, Msg: "window_end must be an RFC 3339 time", Ref: refCallback, Field: "window_end"}
	}
	return nil
}

// callbackRequest books the callback a callback_request asks for.
func (c *conn) callbackRequest(in In) error {
	cfg := c.s.callback
	if cfg == nil {
		return &FrameError{Code: CodeUnavailable, Msg: "callbacks are not offered here", Ref: refCallback}
	}
	a := CallbackAsk{Number: strings.TrimSpace(in.Number), UseKnown: in.UseKnown, Lang: in.Lang}
	a.WindowStart, _ = time.Parse(time.RFC3339, in.WindowStart)
	a.WindowEnd, _ = time.Parse(time.RFC3339, in.WindowEnd)
	if c.status != ticket.StatusClosed {
		a.TicketID = c.current() // else a closed conversation: a ticket of its own
	}
	if a.Lang == "" {
		a.Lang = c.lang
	}
	key := "resume:" + c.resume
	if c.ident != nil {
		a.ExternalID, a.Identity, a.VouchedNumber = c.ident.UserID, c.token, c.ident.Phone
		key = "user:" + c.ident.UserID
	}
	if a.UseKnown && a.Number == "" {
		if a.ExternalID == "" || cfg.KnownNumber == nil {
			return &FrameError{Code: CodeInvalidField, Msg: "enter the phone number to call", Ref: refCallback, Field: "number"}
		}
	}
	if cfg.Allow != nil {
		if err := cfg.Allow(key); err != nil {
			return callbackError(err)
		}
	}
	b, err := cfg.Request(c.ctx, a)
	if err != nil {
		return callbackError(err)
	}
	return c.write(CallbackOK{Type: "callback_ok", ID: in.ID, Callback: b.ID,
		WindowStart: wireTime(b.WindowStart), WindowEnd: wireTime(b.WindowEnd), Text: b.Text})
}

// callbackError turns the phone package's refusals into error frames; any
// other error is the session's internal error.
func callbackError(err error) error {
	var e *errs.Error
	if !errors.As(err, &e) {
		return err
	}
	switch e.Kind {
	case errs.RateLimited:
		return &FrameError{Code: CodeRateLimited, Msg: e.Msg, Ref: refCallback, RetryAfter: e.RetryAfter}
	case errs.Conflict:
		return &FrameError{Code: CodeUnavailable, Msg: e.Msg, Ref: refCallback}
	case errs.Invalid:
		return &FrameError{Code: CodeInvalidField, Msg: e.Msg, Ref: refCallback, Field: e.Field}
	}
	return err
}

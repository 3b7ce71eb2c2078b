package telegram

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// Client speaks the Telegram Bot API over HTTPS: POST
// <base>/bot<token>/<method> with a JSON body, answered by
// {"ok":true,"result":...} or {"ok":false,"error_code":..,"description":..}
// (https://core.telegram.org/bots/api#making-requests).
type Client struct {
	Base  string // e.g. https://api.telegram.org
	Token string
	HTTP  *http.Client
}

// APIError is a refusal by the Bot API. RetryAfter is set on 429.
type APIError struct {
	Method      string
	Code        int
	Description string
	RetryAfter  time.Duration
}

func (e *APIError) Error() string {
	return fmt.Sprintf("telegram %s: %d %s", e.Method, e.Code, e.Description)
}

type apiResponse struct {
	OK          bool            `json:"ok"`
	Result      json.RawMessage `json:"result"`
	ErrorCode   int             `json:"error_code"`
	Description string          `json:"description"`
	Parameters  *struct {
		RetryAfter int `json:"retry_after"`
	} `json:"parameters"`
}

// call posts params to method and decodes the result into out (may be nil).
func (c *Client) call(ctx context.Context, method string, params, out any) error {
	body, err := json.Marshal(params)
	if err != nil {
		return fmt.Errorf("telegram %s: %w", method, err)
	}
	url := strings.TrimRight(c.Base, "/") + "/bot" + c.Token + "/" + method
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("telegram %s: %w", method, err)
	}
	req.Header.Set("Content-Type", "application/json")
	hc := c.HTTP
	if hc == nil {
		hc = http.DefaultClient
	}
	resp, err := hc.Do(req)
	if err != nil {
		// The URL holds the token: never let it reach a log.
		return fmt.Errorf("telegram %s: request failed: %w", method, redactToken(err, c.Token))
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 8<<20))
	if err != nil {
		return fmt.Errorf("telegram %s: read: %w", method, err)
	}
	var r apiResponse
	if err := json.Unmarshal(raw, &r); err != nil {
		return &APIError{Method: method, Code: resp.StatusCode, Description: "unreadable answer"}
	}
	if !r.OK {
		e := &APIError{Method: method, Code: r.ErrorCode, Description: r.Description}
		if r.Parameters != nil && r.Parameters.RetryAfter > 0 {
			e.RetryAfter = time.Duration(r.Parameters.RetryAfter) * time.Second
		}
		return e
	}
	if out != nil {
		if err := json.Unmarshal(r.Result, out); err != nil {
			return fmt.Errorf("telegram %s: result: %w", method, err)
		}
	}
	return nil
}

type tokenRedacted struct {
	err   error
	token string
}

func (t tokenRedacted) Error() string {
	if t.token == "" {
		return t.err.Error()
	}
	return strings.ReplaceAll(t.err.Error(), t.token, "<token>")
}
func (t tokenRedacted) Unwrap() error { return t.err }

func redactToken(err error, token string) error { return tokenRedacted{err: err, token: token} }

// SendMessage sends text to chatID, with markup (reply_markup JSON, such
// as an inline keyboard) when it is not "".
func (c *Client) SendMessage(ctx context.Context, chatID int64, text, markup string) error {
	params := map[string]any{"chat_id": chatID, "text": text, "link_preview_options": map[string]bool{"is_disabled": true}}
	if markup != "" {
		params["reply_markup"] = json.RawMessage(markup)
	}
	return c.call(ctx, "sendMessage", params, nil)
}

// AnswerCallbackQuery answers a pressed inline button, showing text to
// the customer briefly (https://core.telegram.org/bots/api#answercallbackquery).
func (c *Client) AnswerCallbackQuery(ctx context.Context, id, text string) error {
	return c.call(ctx, "answerCallbackQuery", map[string]any{"callback_query_id": id, "text": clip(text, 200)}, nil)
}

// RemoveKeyboard takes the inline keyboard away from the bot's message
// messageID in chatID (https://core.telegram.org/bots/api#editmessagereplymarkup
// without a reply_markup leaves the message bare).
func (c *Client) RemoveKeyboard(ctx context.Context, chatID, messageID int64) error {
	return c.call(ctx, "editMessageReplyMarkup", map[string]any{"chat_id": chatID, "message_id": messageID}, nil)
}

// allowedUpdates are the update kinds the bot reads: messages and the
// presses of its inline buttons.
var allowedUpdates = []string{"message", "callback_query"}

// GetUpdates long-polls for updates from offset, waiting up to timeout.
func (c *Client) GetUpdates(ctx context.Context, offset int64, timeout time.Duration) ([]json.RawMessage, error) {
	var out []json.RawMessage
	err := c.call(ctx, "getUpdates", map[string]any{"offset": offset, "timeout": int(timeout.Seconds()),
		"allowed_updates": allowedUpdates}, &out)
	return out, err
}

// SetWebhook points Telegram at url, with secret in every request's
// X-Telegram-Bot-Api-Secret-Token header.
func (c *Client) SetWebhook(ctx context.Context, url, secret string) error {
	return c.call(ctx, "setWebhook", map[string]any{"url": url, "secret_token": secret,
		"allowed_updates": allowedUpdates}, nil)
}

// DeleteWebhook stops webhook delivery, which getUpdates needs.
func (c *Client) DeleteWebhook(ctx context.Context) error {
	return c.call(ctx, "deleteWebhook", map[string]any{}, nil)
}

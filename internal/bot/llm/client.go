// Package llm lets the bot phrase answers with an optional language model
// behind an OpenAI-compatible chat-completions endpoint (a local Ollama or
// vLLM, for example). The model only ever writes text: it gets the
// retrieved sources and the customer's question as data, and its answer is
// used only when every citation names a source it was given, it claims no
// action, and the outbound guard lets it through. Without a URL the package
// is off and the bot answers from articles and templates.
package llm

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Config names the endpoint. An empty URL turns the model off.
type Config struct {
	// URL is the server's base, e.g. http://localhost:11434 (Ollama) or
	// http://vllm:8000; a trailing /v1 is accepted too. Requests go to
	// {URL}/v1/chat/completions.
	URL string
	// Model is the model name the server expects, e.g. "llama3.1:8b".
	Model string
	// APIKey, when set, is sent as a bearer token.
	APIKey string
	// Timeout bounds one completion, connection included (DefaultTimeout
	// when zero).
	Timeout time.Duration
}

// Enabled reports whether a model is configured.
func (c Config) Enabled() bool { return strings.TrimSpace(c.URL) != "" }

const (
	// DefaultTimeout is a completion's time limit when Config.Timeout is zero:
	// a customer waiting in the chat is better served by the article answer
	// than by a late one.
	DefaultTimeout = 20 * time.Second
	// MaxResponseBytes bounds what is read of a response; an answer in a
	// chat is a few hundred bytes, so anything near this is a broken server.
	MaxResponseBytes = 256 << 10
	// maxAnswerTokens bounds the model's answer.
	maxAnswerTokens = 600
)

// ErrUnavailable wraps every failure to get a completion: network errors,
// timeouts, non-2xx statuses, malformed or oversized responses, truncated
// answers. The bot falls back to its own answer.
var ErrUnavailable = errors.New("language model unavailable")

// Message is one chat message of the chat-completions protocol.
type Message struct {
	Role    string `json:"role"` // "system", "user" or "assistant"
	Content string `json:"content"`
}

// chatRequest is the body of POST /v1/chat/completions. No tools are ever
// offered: the model can only write text.
type chatRequest struct {
	Model       string    `json:"model"`
	Messages    []Message `json:"messages"`
	Temperature float64   `json:"temperature"`
	MaxTokens   int       `json:"max_tokens"`
	Stream      bool      `json:"stream"`
}

// chatResponse is the part of a chat.completion object that is read.
type chatResponse struct {
	Choices []struct {
		Message struct {
			Role      string          `json:"role"`
			Content   *string         `json:"content"`
			Refusal   *string         `json:"refusal"`
			ToolCalls json.RawMessage `json:"tool_calls"`
		} `json:"message"`
		FinishReason string `json:"finish_reason"`
	} `json:"choices"`
	Error *struct {
		Message string `json:"message"`
	} `json:"error"`
}

// Client sends chat completions to one endpoint.
type Client struct {
	endpoint string
	model    string
	apiKey   string
	http     *http.Client
}

// NewClient checks cfg and returns a client for it. cfg must be enabled.
func NewClient(cfg Config) (*Client, error) {
	endpoint, err := completionsURL(cfg.URL)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(cfg.Model) == "" {
		return nil, errors.New("llm: a model name is required with a model URL")
	}
	timeout := cfg.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	return &Client{
		endpoint: endpoint,
		model:    cfg.Model,
		apiKey:   cfg.APIKey,
		http: &http.Client{
			Timeout: timeout,
			// A redirect is a misconfigured URL; following it would send
			// the prompt (and the key) somewhere not configured.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
	}, nil
}

// completionsURL turns a base URL into the completions endpoint.
func completionsURL(base string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(base))
	if err != nil {
		return "", fmt.Errorf("llm: model URL: %w", err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("llm: model URL %q: want http(s)://host[:port]", base)
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return "", fmt.Errorf("llm: model URL %q: no query, fragment or credentials (use the API key)", base)
	}
	path := strings.TrimSuffix(strings.TrimRight(u.Path, "/"), "/v1")
	u.Path = path + "/v1/chat/completions"
	return u.String(), nil
}

// Complete sends messages and returns the assistant's text. Every failure
// wraps ErrUnavailable.
func (c *Client) Complete(ctx context.Context, messages []Message) (string, error) {
	body, err := json.Marshal(chatRequest{
		Model:       c.model,
		Messages:    messages,
		Temperature: 0,
		MaxTokens:   maxAnswerTokens,
	})
	if err != nil {
		return "", fmt.Errorf("llm complete: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.endpoint, bytes.NewReader(body))
	if err != nil {
		return "", fmt.Errorf("llm complete: %w: %w", ErrUnavailable, err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	if c.apiKey != "" {
		req.Header.Set("Authorization", "Bearer "+c.apiKey)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return "", fmt.Errorf("llm complete: %w: %w", ErrUnavailable, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, MaxResponseBytes+1))
	if err != nil {
		return "", fmt.Errorf("llm complete: %w: reading response: %w", ErrUnavailable, err)
	}
	if len(raw) > MaxResponseBytes {
		return "", fmt.Errorf("llm complete: %w: response over %d bytes", ErrUnavailable, MaxResponseBytes)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return "", fmt.Errorf("llm complete: %w: status %d%s", ErrUnavailable, resp.StatusCode, serverMessage(raw))
	}
	text, err := ParseResponse(raw)
	if err != nil {
		return "", fmt.Errorf("llm complete: %w: %w", ErrUnavailable, err)
	}
	return text, nil
}

// ParseResponse reads the assistant's text from a chat.completion body.
// A body without a choice, a choice without text, a refusal, a tool call
// or an answer cut off at the token limit is an error.
func ParseResponse(raw []byte) (string, error) {
	var r chatResponse
	if err := json.Unmarshal(raw, &r); err != nil {
		return "", fmt.Errorf("malformed response: %w", err)
	}
	if r.Error != nil {
		return "", fmt.Errorf("server error: %q", clip(r.Error.Message, 200))
	}
	if len(r.Choices) == 0 {
		return "", errors.New("response has no choices")
	}
	ch := r.Choices[0]
	m := ch.Message
	if len(m.ToolCalls) > 0 && string(m.ToolCalls) != "null" && string(m.ToolCalls) != "[]" {
		return "", errors.New("response asks for a tool call; none is offered")
	}
	if m.Refusal != nil && *m.Refusal != "" {
		return "", errors.New("model refused")
	}
	if ch.FinishReason == "length" {
		return "", errors.New("answer cut off at the token limit")
	}
	if m.Content == nil || strings.TrimSpace(*m.Content) == "" {
		return "", errors.New("response has no text")
	}
	if m.Role != "" && m.Role != "assistant" {
		return "", fmt.Errorf("response role %q, want assistant", clip(m.Role, 20))
	}
	return *m.Content, nil
}

// serverMessage is an error body's message, for the log.
func serverMessage(raw []byte) string {
	var r chatResponse
	if json.Unmarshal(raw, &r) == nil && r.Error != nil && r.Error.Message != "" {
		return fmt.Sprintf(": %q", clip(r.Error.Message, 200))
	}
	return ""
}

// clip cuts s to at most n bytes on a rune boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !isRuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

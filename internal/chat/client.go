package chat

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"

	"github.com/coder/websocket"
)

// Client speaks the widget protocol: the load generator, the two-node
// tests and the chat tests use it as a customer's widget would.
type Client struct {
	ws      *websocket.Conn
	frames  chan Frame
	errOnce sync.Once
	err     error
	// Welcome is the server's answer to hello.
	Welcome Frame
}

// Frame is any server frame, decoded into the union of their fields;
// Raw is the frame as received.
type Frame struct {
	Type string `json:"type"`
	// error
	Code         string `json:"code"`
	Message      string `json:"message"`
	Ref          string `json:"ref"`
	Field        string `json:"field"`
	RetryAfterMS int64  `json:"retry_after_ms"`
	Fatal        bool   `json:"fatal"`
	// welcome
	V            int       `json:"v"`
	Resume       string    `json:"resume"`
	Level        string    `json:"level"`
	Customer     *Customer `json:"customer"`
	Conversation *int64    `json:"conversation"`
	Status       string    `json:"status"`
	LastSeq      int64     `json:"last_seq"`
	AgentReadSeq int64     `json:"agent_read_seq"`
	Heartbeat    int       `json:"heartbeat"`
	Limits       Limits    `json:"limits"`
	// message, ack, typing, read, history, pong
	Seq       int64     `json:"seq"`
	Author    string    `json:"author"`
	Agent     *Agent    `json:"agent"`
	ID        string    `json:"id"`
	Text      string    `json:"text"`
	At        string    `json:"at"`
	Replay    bool      `json:"replay"`
	Duplicate bool      `json:"duplicate"`
	Redacted  bool      `json:"redacted"`
	On        bool      `json:"on"`
	Name      string    `json:"name"`
	By        string    `json:"by"`
	Messages  []Message `json:"messages"`
	More      bool      `json:"more"`
	// welcome (screen sharing on) and the screen frames
	ScreenInfo *ScreenInfo   `json:"screen_share"`
	Screen     string        `json:"screen"`
	SDP        string        `json:"sdp"`
	Candidate  *ICECandidate `json:"candidate"`
	Record     bool          `json:"record"`
	ICEServers []ICEServer   `json:"ice_servers"`
	// welcome (callbacks offered) and callback_ok
	Callback    json.RawMessage `json:"callback"`
	WindowStart string          `json:"window_start"`
	WindowEnd   string          `json:"window_end"`

	Raw []byte `json:"-"`
}

// Conv is the frame's conversation, 0 for none.
func (f Frame) Conv() int64 {
	if f.Conversation == nil {
		return 0
	}
	return *f.Conversation
}

// Err is an error frame as an error (nil for other frames).
func (f Frame) Err() error {
	if f.Type != "error" {
		return nil
	}
	return &FrameError{Code: f.Code, Msg: f.Message, Ref: f.Ref, Fatal: f.Fatal}
}

// DialOptions are optional settings of Dial.
type DialOptions struct {
	Origin     string       // the Origin header a browser would send
	HTTPClient *http.Client // for the handshake
	// Buffer is how many received frames wait for Next (64 when 0).
	Buffer int
}

// Dial connects to the socket at url (ws:// or http://, the server's
// Path included), says hello, and waits for welcome. A refused hello is
// its error frame, as a *FrameError.
func Dial(ctx context.Context, url string, hello In, opts *DialOptions) (*Client, error) {
	if opts == nil {
		opts = &DialOptions{}
	}
	h := http.Header{}
	if opts.Origin != "" {
		h.Set("Origin", opts.Origin)
	}
	url = strings.Replace(strings.Replace(url, "http://", "ws://", 1), "https://", "wss://", 1)
	ws, _, err := websocket.Dial(ctx, url, &websocket.DialOptions{HTTPClient: opts.HTTPClient, HTTPHeader: h, Subprotocols: []string{Subprotocol}})
	if err != nil {
		return nil, fmt.Errorf("chat dial: %w", err)
	}
	ws.SetReadLimit(HardMaxFrame)
	buf := opts.Buffer
	if buf <= 0 {
		buf = 64
	}
	c := &Client{ws: ws, frames: make(chan Frame, buf)}
	go c.readLoop()
	hello.Type = "hello"
	if hello.V == 0 {
		hello.V = Version
	}
	if err := c.Write(ctx, hello); err != nil {
		c.Close()
		return nil, err
	}
	f, err := c.Next(ctx)
	if err != nil {
		c.Close()
		return nil, err
	}
	if f.Type != "welcome" {
		c.Close()
		if fe := f.Err(); fe != nil {
			return nil, fe
		}
		return nil, fmt.Errorf("chat dial: got %s before welcome", f.Type)
	}
	c.Welcome = f
	return c, nil
}

func (c *Client) readLoop() {
	defer close(c.frames)
	for {
		_, data, err := c.ws.Read(context.Background())
		if err != nil {
			c.errOnce.Do(func() { c.err = err })
			return
		}
		var f Frame
		if err := json.Unmarshal(data, &f); err != nil {
			f = Frame{Type: "?"}
		}
		f.Raw = data
		c.frames <- f
	}
}

// ErrClosed is Next's error once the socket has closed and every frame
// before that was read.
var ErrClosed = errors.New("chat: the socket is closed")

// Next returns the next frame from the server.
func (c *Client) Next(ctx context.Context) (Frame, error) {
	select {
	case f, ok := <-c.frames:
		if !ok {
			return Frame{}, fmt.Errorf("%w: %v", ErrClosed, c.err)
		}
		return f, nil
	case <-ctx.Done():
		return Frame{}, ctx.Err()
	}
}

// Await returns the next frame of type typ, skipping others (typing and
// read receipts arrive whenever agents cause them).
func (c *Client) Await(ctx context.Context, typ string) (Frame, error) {
	for {
		f, err := c.Next(ctx)
		if err != nil || f.Type == typ {
			return f, err
		}
	}
}

// Write sends one frame.
func (c *Client) Write(ctx context.Context, in In) error {
	data, err := json.Marshal(in)
	if err != nil {
		return err
	}
	return c.WriteRaw(ctx, data)
}

// WriteRaw sends data as one text frame, as it is.
func (c *Client) WriteRaw(ctx context.Context, data []byte) error {
	if err := c.ws.Write(ctx, websocket.MessageText, data); err != nil {
		return fmt.Errorf("chat write: %w", err)
	}
	return nil
}

// Send sends a customer message with client id id.
func (c *Client) Send(ctx context.Context, id, text string) error {
	return c.Write(ctx, In{Type: "send", ID: id, Text: text})
}

// Typing says that the customer is typing, or stopped.
func (c *Client) Typing(ctx context.Context, on bool) error {
	return c.Write(ctx, In{Type: "typing", On: on})
}

// Read marks the conversation read up to seq.
func (c *Client) Read(ctx context.Context, seq int64) error {
	return c.Write(ctx, In{Type: "read", Seq: seq})
}

// Identify signs the socket in with the exchange's identity token; a new
// welcome (or an error frame) answers.
func (c *Client) Identify(ctx context.Context, token string) error {
	return c.Write(ctx, In{Type: "identify", Token: token})
}

// Ping asks for a pong with id.
func (c *Client) Ping(ctx context.Context, id string) error {
	return c.Write(ctx, In{Type: "ping", ID: id})
}

// CloseStatus is the close status the server ended the socket with, once
// Next has returned ErrClosed (-1 when none).
func (c *Client) CloseStatus() websocket.StatusCode { return websocket.CloseStatus(c.err) }

// Close closes the socket.
func (c *Client) Close() error {
	return c.ws.Close(websocket.StatusNormalClosure, "")
}

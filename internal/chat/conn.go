package chat

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/coder/websocket"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// errTooSlow ends a socket whose client does not read its frames.
var errTooSlow = errors.New("chat: the client does not read; its send buffer is full")

// outFrame is one frame queued for a socket; seq is its message's, or 0.
// A close frame ends the socket after the frames before it are written; a
// ping frame is the heartbeat's.
type outFrame struct {
	seq   int64
	data  []byte
	close *closeFrame
	ping  bool
}

type closeFrame struct {
	code   websocket.StatusCode
	reason string
}

// conn is one widget socket. The reader goroutine runs the session (its
// fields below are its own); a writer goroutine writes what the session,
// the hub and the heartbeat queue. The writer runs only while frames wait
// and the queue is a slice only as long as what waits, so an idle socket
// holds one goroutine and no buffer (10,000 idle writers cost about 45 MB
// of stacks).
type conn struct {
	s       *Service
	ws      *websocket.Conn
	ctx     context.Context
	cancel  context.CancelCauseFunc
	room    chan struct{} // the writer took a frame (capacity 1)
	beat    *time.Timer   // queues the next ping
	writers sync.WaitGroup

	// The session's, read and written by the reader goroutine only.
	hello     bool
	visitorID int64
	resume    string
	ident     *auth.CustomerIdentity
	token     string
	lang      string
	status    ticket.Status // of the conversation shown
	sends     bucket
	frames    bucket
	screens   bucket    // screen frames, when screen sharing is on
	limitedAt time.Time // when the last rate_limited error went out

	mu        sync.Mutex
	queue     []outFrame
	writing   bool  // a writer goroutine runs
	stopped   bool  // the socket has ended: no writer starts again
	ticket    int64 // the conversation shown, 0 before there is one
	replaying bool  // live frames wait in held until the replay is out
	held      []outFrame
	sent      map[int64]struct{} // message seqs already queued
	floor     int64              // and every seq up to this one: the client had them
	maxSent   int64
	dead      bool
	screen    *screenSession // the customer's running screen share
}

func (s *Service) newConn(ctx context.Context, ws *websocket.Conn) *conn {
	c := &conn{s: s, ws: ws, room: make(chan struct{}, 1), sent: map[int64]struct{}{}, lang: "en"}
	c.ctx, c.cancel = context.WithCancelCause(ctx)
	now := time.Now()
	c.sends = newBucket(s.cfg.Sends, now)
	c.frames = newBucket(s.cfg.Frames, now)
	if s.screen != nil {
		c.screens = newBucket(s.screen.Frames, now)
	}
	return c
}

// run serves the socket until it ends.
func (c *conn) run() {
	c.s.open.Add(1)
	defer c.s.open.Add(-1)
	c.ws.SetReadLimit(HardMaxFrame)
	c.beat = time.AfterFunc(c.s.cfg.Heartbeat, c.heartbeat)
	fatal := c.readLoop()
	if fatal != nil {
		// The error frame is queued; the writer sends it, then closes.
		code := websocket.StatusPolicyViolation
		if fatal.Code == CodeInternal {
			code = websocket.StatusInternalError
		}
		fatal.Fatal = true
		c.fail(fatal)
		_ = c.push(outFrame{close: &closeFrame{code: code, reason: fatal.Code}})
	} else {
		c.cancel(nil)
	}
	c.beat.Stop()
	c.mu.Lock()
	c.stopped = true
	c.mu.Unlock()
	c.writers.Wait()
	c.cancel(nil)
	c.endScreen()
	c.leave()
	if errors.Is(context.Cause(c.ctx), errTooSlow) {
		c.s.log.Info("chat: dropped a socket that does not read", "conversation", c.current())
	}
	_ = c.ws.CloseNow()
}

// heartbeat queues a ping; the writer arms the next one when it is
// answered. A client that does not answer in time is gone.
func (c *conn) heartbeat() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.queue = append(c.queue, outFrame{ping: true})
	c.startWriter()
}

// startWriter starts the writer goroutine unless one runs or the socket
// has ended. c.mu is held.
func (c *conn) startWriter() {
	if c.writing || c.stopped {
		return
	}
	c.writing = true
	c.writers.Add(1)
	go c.writeLoop()
}

// writeLoop writes the queued frames, each within the write timeout, and
// ends when the queue is empty or the socket fails.
func (c *conn) writeLoop() {
	defer c.writers.Done()
	for {
		f, ok := c.take()
		if !ok {
			return
		}
		if f.close != nil {
			_ = c.ws.Close(f.close.code, f.close.reason)
			c.cancel(nil)
			return
		}
		if err := c.writeFrame(f); err != nil {
			c.cancel(err)
			return
		}
	}
}

func (c *conn) writeFrame(f outFrame) error {
	ctx, cancel := context.WithTimeout(c.ctx, c.s.cfg.WriteTimeout)
	defer cancel()
	if !f.ping {
		return c.ws.Write(ctx, websocket.MessageText, f.data)
	}
	if err := c.ws.Ping(ctx); err != nil {
		return err
	}
	c.beat.Reset(c.s.cfg.Heartbeat)
	return nil
}

// readLoop reads and handles frames until the socket ends; it returns the
// fatal error that ends it, if any.
func (c *conn) readLoop() *FrameError {
	for {
		typ, r, err := c.ws.Reader(c.ctx)
		if err != nil {
			return nil // closed by the client, or the socket failed
		}
		data, err := io.ReadAll(io.LimitReader(r, MaxFrame+1))
		if err != nil {
			return nil // over HardMaxFrame: the library closed it (1009)
		}
		if len(data) > MaxFrame {
			if _, err := io.Copy(io.Discard, r); err != nil {
				return nil
			}
			if c.wait(c.frames, "") {
				c.fail(&FrameError{Code: CodeTooLarge, Msg: "a frame may be at most 32768 bytes"})
			}
			continue
		}
		if typ != websocket.MessageText {
			if c.wait(c.frames, "") {
				c.fail(badFrame("", "frames are JSON text, not binary"))
			}
			continue
		}
		in, perr := ParseFrame(data)
		var fe *FrameError
		if !c.hello {
			switch {
			case in.Type == "hello" && perr != nil && errors.As(perr, &fe):
				fe.Fatal = true
				return fe
			case in.Type != "hello" && perr != nil && in.Type == "" && errors.As(perr, &fe):
				fe.Fatal = true // not a frame at all
				return fe
			case in.Type != "hello":
				return &FrameError{Code: CodeHelloRequired, Msg: "the first frame must be hello"}
			}
		}
		if !c.wait(c.frames, sendRef(in, perr)) {
			continue
		}
		if perr != nil {
			if errors.As(perr, &fe) {
				c.fail(fe)
			}
			continue
		}
		if in.Type == "send" && !c.wait(c.sends, in.ID) {
			continue
		}
		if strings.HasPrefix(in.Type, "screen_") && c.screens != nil && !c.wait(c.screens, "") {
			continue
		}
		if fatal := c.handle(in); fatal != nil {
			return fatal
		}
	}
}

// wait takes a token from b. Over the limit it stops reading until the
// next token (so a flood is throttled by TCP back-pressure) and reports
// false: the frame is dropped. A dropped send is answered with a
// rate_limited error naming it (ref), since the widget resends a message
// only on that answer; other frames get one such error a second at most.
// Reading waits a token's time after each drop, so neither kind of error
// can flood the socket.
func (c *conn) wait(b bucket, ref string) bool {
	now := time.Now()
	ok, after := b.take(now)
	if ok {
		return true
	}
	if ref != "" || now.Sub(c.limitedAt) >= time.Second {
		c.limitedAt = now
		c.fail(&FrameError{Code: CodeRateLimited, Msg: "Too many messages; wait a moment.", Ref: ref, RetryAfter: after})
	}
	select {
	case <-time.After(after):
	case <-c.ctx.Done():
	}
	return false
}

// sendRef is the client id of a well-formed send, for its rate_limited
// error; "" for any other frame.
func sendRef(in In, perr error) string {
	if perr != nil || in.Type != "send" {
		return ""
	}
	return in.ID
}

// handle runs one frame of an established session (or the hello that
// establishes it). A returned error is fatal.
func (c *conn) handle(in In) *FrameError {
	var err error
	switch in.Type {
	case "hello":
		if c.hello {
			c.fail(badFrame("hello", "this socket has said hello already; use identify to sign in"))
			return nil
		}
		return c.establish(in)
	case "identify":
		return c.identify(in)
	case "send":
		err = c.send(in)
	case "typing":
		err = c.typing(in.On)
	case "read":
		err = c.read(in.Seq)
	case "history":
		err = c.history(in.Before, in.Limit)
	case "ping":
		err = c.write(Out{Type: "pong", ID: in.ID})
	case "screen_offer", "screen_answer", "screen_ice", "screen_stop", "screen_record":
		err = c.screenFrame(in)
	case "callback_request":
		err = c.callbackRequest(in)
	}
	var fe *FrameError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &fe) && fe.Fatal:
		return fe
	case errors.As(err, &fe):
		c.fail(fe)
		return nil
	case c.ctx.Err() != nil:
		return nil
	}
	c.s.log.Error("chat: frame failed", "type", in.Type, "conversation", c.current(), "err", err)
	return &FrameError{Code: CodeInternal, Msg: "Something went wrong on our side; reconnect in a moment.", Fatal: true}
}

// fail queues an error frame.
func (c *conn) fail(fe *FrameError) {
	f := ErrorFrame{Type: "error", Code: fe.Code, Message: fe.Msg, Ref: fe.Ref, Field: fe.Field, Fatal: fe.Fatal}
	if fe.RetryAfter > 0 {
		f.RetryAfterMS = max(fe.RetryAfter.Milliseconds(), 1)
	}
	_ = c.write(f)
}

// write queues v, waiting for room (the reader's own frames: a client that
// does not read makes the writer time out, which ends the wait).
func (c *conn) write(v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return c.push(outFrame{data: data})
}

func (c *conn) push(f outFrame) error {
	for {
		c.mu.Lock()
		if len(c.queue) < c.s.cfg.SendBuffer {
			c.queue = append(c.queue, f)
			c.startWriter()
			c.mu.Unlock()
			return nil
		}
		c.mu.Unlock()
		select {
		case <-c.room:
		case <-c.ctx.Done():
			return c.ctx.Err()
		}
	}
}

// take hands the writer the oldest queued frame; with none, the writer
// ends.
func (c *conn) take() (outFrame, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.queue) == 0 {
		c.writing = false
		return outFrame{}, false
	}
	f := c.queue[0]
	c.queue[0] = outFrame{}
	if c.queue = c.queue[1:]; len(c.queue) == 0 {
		c.queue = nil // an idle socket keeps no buffer
	}
	notify(c.room)
	return f, true
}

// notify wakes whoever waits on ch, without waiting itself.
func notify(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}

// pushMessage queues a message frame of the conversation shown, unless
// this socket has had it.
func (c *conn) pushMessage(ticketID int64, m Message) error {
	c.mu.Lock()
	if ticketID != c.ticket || !c.mark(m.Seq) {
		c.mu.Unlock()
		return nil
	}
	c.mu.Unlock()
	data, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return c.push(outFrame{seq: m.Seq, data: data})
}

// had says whether message seq was queued to this socket.
func (c *conn) had(seq int64) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.sent[seq]
	return ok || seq <= c.floor
}

// mark records seq as queued; false if it was already. c.mu is held.
func (c *conn) mark(seq int64) bool {
	if seq == 0 {
		return true
	}
	if _, ok := c.sent[seq]; ok || seq <= c.floor {
		return false
	}
	if len(c.sent) >= 4096 {
		// Keep the newest half: what is older is far behind every live view.
		keys := make([]int64, 0, len(c.sent))
		for k := range c.sent {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys[:len(keys)/2] {
			delete(c.sent, k)
		}
		c.floor = max(c.floor, keys[len(keys)/2-1])
	}
	c.sent[seq] = struct{}{}
	c.maxSent = max(c.maxSent, seq)
	return true
}

// offer is the hub's delivery of a live frame: it never waits. During a
// replay the frame is held; a socket whose buffer is full is dropped.
func (c *conn) offer(ticketID, seq int64, data []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.dead || ticketID != c.ticket {
		return
	}
	f := outFrame{seq: seq, data: data}
	if c.replaying {
		if len(c.held) >= c.s.cfg.SendBuffer {
			c.drop()
			return
		}
		c.held = append(c.held, f)
		return
	}
	c.offerLocked(f)
}

func (c *conn) offerLocked(f outFrame) {
	if !c.mark(f.seq) {
		return
	}
	if len(c.queue) >= c.s.cfg.SendBuffer {
		c.drop()
		return
	}
	c.queue = append(c.queue, f)
	c.startWriter()
}

// drop ends a socket that does not read. c.mu is held.
func (c *conn) drop() {
	c.dead = true
	c.cancel(errTooSlow)
}

func (c *conn) current() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.ticket
}

// leave takes the socket out of the hub.
func (c *conn) leave() {
	c.mu.Lock()
	t := c.ticket
	c.dead = true
	c.mu.Unlock()
	if t != 0 {
		c.s.hub.leave(t, c)
	}
	c.s.users.remove(c)
}

// bucket is a token bucket of one connection, used by its reader only.
type bucket = *tokenBucket

type tokenBucket struct {
	rate   Rate
	tokens float64
	last   time.Time
}

func newBucket(r Rate, now time.Time) bucket {
	return &tokenBucket{rate: r, tokens: float64(r.Burst), last: now}
}

// take takes a token if there is one; else it says when there will be.
func (b *tokenBucket) take(now time.Time) (bool, time.Duration) {
	b.tokens = min(float64(b.rate.Burst), b.tokens+float64(now.Sub(b.last))/float64(b.rate.Every))
	b.last = now
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	return false, time.Duration((1 - b.tokens) * float64(b.rate.Every))
}

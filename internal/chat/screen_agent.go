package chat

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/coder/websocket"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/web"
)

// ScreenSubprotocol is the agent's screen socket's WebSocket subprotocol.
const ScreenSubprotocol = "groundcrew.screen.v1"

// agentBuffer is how many frames wait for an agent's screen socket; one
// that falls this far behind is closed (its page reconnects).
const agentBuffer = 256

// agentConn is an agent's screen socket for one ticket: it receives the
// shares the ticket's customer offers this agent, and sends back the
// answer, ICE candidates and stop.
type agentConn struct {
	s       *Service
	ws      *websocket.Conn
	ticket  int64
	agent   int64
	out     chan []byte
	cancel  context.CancelFunc
	frames  bucket
	limited time.Time
	// signedIn reports whether the agent's session still holds; nil: not checked.
	signedIn func() bool

	mu      sync.Mutex
	viewing map[string]bool // shares this agent answered, until they stop
	record  map[string]bool // shares offered here whose customer agreed to a recording
}

// HandleAgentScreen serves the screen socket of agent agentID on ticketID
// (the caller has checked the agent may see the ticket; the workspace
// mounts it at /live/tickets/{id}/screen). Whether the agent is in the
// conversation (its assignee) is checked on every frame: assignment
// changes while a page is open. signedIn, if set, is asked every heartbeat
// whether the agent's session still holds; a signed-out agent's socket
// closes.
func (s *Service) HandleAgentScreen(w http.ResponseWriter, r *http.Request, ticketID, agentID int64, signedIn func() bool) {
	if s.screen == nil {
		web.WriteError(w, r, s.log, errs.E(errs.NotFound, "screen sharing is turned off"))
		return
	}
	// Same origin only (the default): the socket rides on the agent's
	// session cookie.
	ws, err := websocket.Accept(w, r, &websocket.AcceptOptions{Subprotocols: []string{ScreenSubprotocol}})
	if err != nil {
		return
	}
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	stop := context.AfterFunc(s.stopped(), cancel)
	defer stop()
	a := &agentConn{s: s, ws: ws, ticket: ticketID, agent: agentID, signedIn: signedIn, out: make(chan []byte, agentBuffer), cancel: cancel,
		frames: newBucket(s.screen.Frames, time.Now()), viewing: map[string]bool{}, record: map[string]bool{}}
	ws.SetReadLimit(HardMaxFrame)
	s.screens.join(a)
	defer s.screens.leave(a)
	go a.writeLoop(ctx)
	a.ready(ctx)
	a.readLoop(ctx)
	a.leave()
	_ = ws.Close(websocket.StatusNormalClosure, "")
}

func (a *agentConn) writeLoop(ctx context.Context) {
	ping := time.NewTicker(a.s.cfg.Heartbeat)
	defer ping.Stop()
	for {
		var err error
		select {
		case <-ctx.Done():
			return
		case data := <-a.out:
			wctx, cancel := context.WithTimeout(ctx, a.s.cfg.WriteTimeout)
			err = a.ws.Write(wctx, websocket.MessageText, data)
			cancel()
		case <-ping.C:
			if a.signedIn != nil && !a.signedIn() {
				a.cancel()
				return
			}
			wctx, cancel := context.WithTimeout(ctx, a.s.cfg.WriteTimeout)
			err = a.ws.Ping(wctx)
			cancel()
		}
		if err != nil {
			a.cancel()
			return
		}
	}
}

// push queues a frame without waiting; a socket that does not read is closed.
func (a *agentConn) push(v any) {
	data, err := json.Marshal(v)
	if err != nil {
		return
	}
	select {
	case a.out <- data:
	default:
		a.cancel()
	}
}

func (a *agentConn) fail(fe *FrameError) {
	f := ErrorFrame{Type: "error", Code: fe.Code, Message: fe.Msg, Ref: fe.Ref}
	if fe.RetryAfter > 0 {
		f.RetryAfterMS = max(fe.RetryAfter.Milliseconds(), 1)
	}
	a.push(f)
}

func (a *agentConn) readLoop(ctx context.Context) {
	for {
		typ, r, err := a.ws.Reader(ctx)
		if err != nil {
			return
		}
		data, err := io.ReadAll(io.LimitReader(r, MaxFrame+1))
		if err != nil {
			return
		}
		if ok, after := a.frames.take(time.Now()); !ok {
			if time.Since(a.limited) >= time.Second {
				a.limited = time.Now()
				a.fail(&FrameError{Code: CodeRateLimited, Msg: "Too many screen frames; wait a moment.", RetryAfter: after})
			}
			continue
		}
		if len(data) > MaxFrame {
			if _, err := io.Copy(io.Discard, r); err != nil {
				return
			}
			a.fail(&FrameError{Code: CodeTooLarge, Msg: "a frame may be at most " + strconv.Itoa(MaxFrame) + " bytes"})
			continue
		}
		if typ != websocket.MessageText {
			a.fail(badFrame("", "frames are JSON text, not binary"))
			continue
		}
		in, err := ParseFrame(data)
		if err == nil {
			err = a.handle(ctx, in)
		}
		var fe *FrameError
		switch {
		case err == nil:
		case errors.As(err, &fe):
			a.fail(fe)
		case ctx.Err() != nil:
			return
		default:
			a.s.log.Error("chat: agent screen frame failed", "ticket", a.ticket, "agent", a.agent, "err", err)
			a.fail(&FrameError{Code: CodeInternal, Msg: "Something went wrong on our side."})
		}
	}
}

// handle runs one frame of the agent: answer, ICE candidate, stop, ping.
func (a *agentConn) handle(ctx context.Context, in In) error {
	switch in.Type {
	case "ping":
		a.push(Out{Type: "pong", ID: in.ID})
		return nil
	case "screen_offer":
		return &FrameError{Code: CodeNotAllowed, Msg: "Only the customer can start screen sharing.", Ref: in.Type}
	case "screen_answer", "screen_ice", "screen_stop", "screen_record":
	default:
		return badFrame(in.Type, "this socket takes screen_answer, screen_ice, screen_stop, screen_record and ping")
	}
	ctx, cancel := context.WithTimeout(ctx, opTimeout)
	defer cancel()
	assigned, err := assignee(ctx, a.s.cfg.DB, a.ticket)
	if err != nil {
		return err
	}
	if assigned != a.agent {
		return &FrameError{Code: CodeConversationNotYours, Msg: "Only the agent assigned to this conversation can view the customer's screen.", Ref: in.Type}
	}
	t := strconv.FormatInt(a.ticket, 10)
	actx := audit.WithActor(ctx, audit.Actor{Kind: audit.ActorAgent, ID: strconv.FormatInt(a.agent, 10)})
	sig := screenSignal{TicketID: a.ticket, From: "agent", AgentID: a.agent, Screen: in.Screen}
	switch in.Type {
	case "screen_answer":
		a.mu.Lock()
		first := !a.viewing[in.Screen]
		a.viewing[in.Screen] = true
		a.mu.Unlock()
		if first {
			if err := a.s.screen.Audit.Record(actx, "screen.viewed", "ticket", t, map[string]any{"screen": in.Screen, "agent_id": a.agent}); err != nil {
				return err
			}
		}
		sig.Kind, sig.SDP = "answer", in.SDP
	case "screen_ice":
		sig.Kind, sig.Candidate = "ice", in.Candidate
	case "screen_record":
		a.mu.Lock()
		ok := a.record[in.Screen] && a.viewing[in.Screen]
		a.mu.Unlock()
		if !ok {
			return &FrameError{Code: CodeNotAllowed, Msg: "This share may not be recorded: the customer did not agree, or the installation does not allow it.", Ref: in.Type}
		}
		if err := a.s.screen.Audit.Record(actx, "screen.recorded", "ticket", t, map[string]any{"screen": in.Screen, "agent_id": a.agent}); err != nil {
			return err
		}
		a.push(ScreenFrame{Type: "screen_record", Conversation: a.ticket, Screen: in.Screen})
		return nil
	case "screen_stop":
		if !a.forget(in.Screen) {
			return nil
		}
		if err := a.s.screen.Audit.Record(actx, "screen.stopped", "ticket", t, map[string]any{"screen": in.Screen, "agent_id": a.agent, "by": "agent", "reason": "stopped"}); err != nil {
			return err
		}
		sig.Kind, sig.Reason = "stop", "stopped"
	}
	return a.s.signalScreen(sig)
}

// ready tells the customer's widget that the assigned agent's page is
// open: a share that started before is offered again, to it.
func (a *agentConn) ready(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, opTimeout)
	defer cancel()
	assigned, err := assignee(ctx, a.s.cfg.DB, a.ticket)
	if err != nil || assigned != a.agent {
		return
	}
	if err := a.s.signalScreen(screenSignal{TicketID: a.ticket, From: "agent", AgentID: a.agent, Kind: "ready"}); err != nil {
		a.s.log.Warn("chat: screen ready signal", "ticket", a.ticket, "err", err)
	}
}

// forget ends the agent's view of a share; false if it had none.
func (a *agentConn) forget(screen string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	if !a.viewing[screen] {
		return false
	}
	delete(a.viewing, screen)
	delete(a.record, screen)
	return true
}

// leave stops, for the customer, the shares this page was viewing.
func (a *agentConn) leave() {
	a.mu.Lock()
	ids := make([]string, 0, len(a.viewing))
	for id := range a.viewing {
		ids = append(ids, id)
	}
	a.viewing = map[string]bool{}
	a.mu.Unlock()
	if len(ids) == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	ctx = audit.WithActor(ctx, audit.Actor{Kind: audit.ActorAgent, ID: strconv.FormatInt(a.agent, 10)})
	for _, id := range ids {
		if err := a.s.screen.Audit.Record(ctx, "screen.stopped", "ticket", strconv.FormatInt(a.ticket, 10),
			map[string]any{"screen": id, "agent_id": a.agent, "by": "agent", "reason": "left"}); err != nil {
			a.s.log.Warn("chat: audit of a screen share the agent left", "ticket", a.ticket, "err", err)
		}
		if err := a.s.signalScreen(screenSignal{TicketID: a.ticket, From: "agent", AgentID: a.agent, Kind: "stop", Screen: id, Reason: "left"}); err != nil {
			a.s.log.Warn("chat: stop signal of a screen share the agent left", "ticket", a.ticket, "err", err)
		}
	}
}

// agentHub is this node's agent screen sockets by ticket.
type agentHub struct {
	mu    sync.RWMutex
	conns map[int64]map[*agentConn]struct{}
}

func (h *agentHub) join(a *agentConn) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.conns == nil {
		h.conns = map[int64]map[*agentConn]struct{}{}
	}
	if h.conns[a.ticket] == nil {
		h.conns[a.ticket] = map[*agentConn]struct{}{}
	}
	h.conns[a.ticket][a] = struct{}{}
}

func (h *agentHub) leave(a *agentConn) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.conns[a.ticket], a)
	if len(h.conns[a.ticket]) == 0 {
		delete(h.conns, a.ticket)
	}
}

// deliver sends f to the sockets of agentID on ticketID, and no one else's.
func (h *agentHub) deliver(ticketID, agentID int64, f ScreenFrame) {
	h.mu.RLock()
	var to []*agentConn
	for a := range h.conns[ticketID] {
		if a.agent == agentID {
			to = append(to, a)
		}
	}
	h.mu.RUnlock()
	for _, a := range to {
		switch f.Type {
		case "screen_stop":
			a.forget(f.Screen)
		case "screen_offer":
			a.mu.Lock()
			if f.Record {
				a.record[f.Screen] = true
			} else {
				delete(a.record, f.Screen)
			}
			a.mu.Unlock()
		}
		a.push(f)
	}
}

package chat

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// Screen sharing (docs/chat-protocol.md, "Screen sharing"): the customer's
// browser sends its screen to the browser of the agent assigned to the
// conversation over WebRTC, and this package only relays the signalling
// (offer, answer, ICE candidates, stop) between the widget's socket and the
// agent's screen socket. Only the customer offers: an agent cannot start a
// share, and nothing here lets an agent control the customer's machine.

// Limits of screen frames.
const (
	// MaxSDP bounds a session description; a screen-only offer is a few
	// kilobytes, and a relayed one must fit in a bus signal (16 KiB).
	MaxSDP = 10000
	// MaxCandidate bounds an ICE candidate line.
	MaxCandidate = 1024
)

// ICEServer is a STUN or TURN server as RTCPeerConnection takes it.
type ICEServer struct {
	URLs       []string `json:"urls"`
	Username   string   `json:"username,omitempty"`
	Credential string   `json:"credential,omitempty"`
}

// ICECandidate is an RTCIceCandidateInit.
type ICECandidate struct {
	Candidate        string `json:"candidate"`
	SDPMid           string `json:"sdpMid,omitempty"`
	SDPMLineIndex    *int   `json:"sdpMLineIndex,omitempty"`
	UsernameFragment string `json:"usernameFragment,omitempty"`
}

// ScreenInfo is what welcome tells the widget, and an offer the agent,
// about screen sharing here.
type ScreenInfo struct {
	ICEServers []ICEServer `json:"ice_servers"`
	// Recording: the installation lets an agent record a share the
	// customer agreed to have recorded.
	Recording bool `json:"recording"`
}

// Auditor appends to the audit log; *audit.Log implements it.
type Auditor interface {
	Record(ctx context.Context, action, targetKind, targetID string, detail any) error
}

// ScreenConfig turns customer-started screen sharing on.
type ScreenConfig struct {
	// ICEServers are given to both browsers; none are needed when both
	// reach each other directly (one machine, one LAN).
	ICEServers []ICEServer
	// Recording lets an agent record a share when the customer agrees too.
	// Off by default: without it an agent can only watch.
	Recording bool
	// Audit records started, viewed and stopped. Required.
	Audit Auditor
	// Frames bounds the screen frames of one socket (burst 60, then 10 a
	// second: a browser gathers a dozen ICE candidates at once).
	Frames Rate
}

// WithScreenShare turns screen sharing on.
func WithScreenShare(cfg ScreenConfig) Option {
	return func(s *Service) {
		if cfg.Frames.Burst <= 0 {
			cfg.Frames = Rate{Burst: 60, Every: 100 * time.Millisecond}
		}
		if cfg.ICEServers == nil {
			cfg.ICEServers = []ICEServer{}
		}
		s.screen = &cfg
	}
}

func (s *Service) screenInfo() *ScreenInfo {
	if s.screen == nil {
		return nil
	}
	return &ScreenInfo{ICEServers: s.screen.ICEServers, Recording: s.screen.Recording}
}

// checkScreen validates a screen frame's shape; who may send it is the
// session's business.
func (in *In) checkScreen() error {
	ref := in.Type
	if !screenID(in.Screen) {
		return badFrame(ref, "a screen frame needs a screen id of 1 to %d characters of letters, digits and . _ : -", MaxClientID)
	}
	switch in.Type {
	case "screen_offer", "screen_answer":
		if len(in.SDP) > MaxSDP {
			return &FrameError{Code: CodeTooLarge, Msg: "a session description may be at most " + strconv.Itoa(MaxSDP) + " bytes", Ref: ref}
		}
		if !strings.HasPrefix(in.SDP, "v=0") || strings.ContainsRune(in.SDP, 0) {
			return badFrame(ref, "sdp must be a session description (v=0 ...)")
		}
	case "screen_ice":
		c := in.Candidate
		if c == nil {
			return badFrame(ref, "screen_ice needs a candidate")
		}
		if len(c.Candidate) > MaxCandidate || len(c.SDPMid) > 64 || len(c.UsernameFragment) > 256 ||
			c.SDPMLineIndex != nil && (*c.SDPMLineIndex < 0 || *c.SDPMLineIndex > 63) ||
			strings.ContainsAny(c.Candidate+c.SDPMid+c.UsernameFragment, "\x00\r\n") {
			return badFrame(ref, "the candidate is malformed or too long")
		}
	}
	return nil
}

// screenID: like a client message id, 1 to 64 of [A-Za-z0-9._:-].
func screenID(id string) bool { return checkClientID(id) == nil }

// screenSignal carries a screen frame between nodes, on the subject
// "live.screen.<ticket>": from the customer's socket to the sockets of
// AgentID, or from agent AgentID to the customer's sockets.
type screenSignal struct {
	TicketID  int64         `json:"ticket_id"`
	From      string        `json:"from"` // "customer" or "agent"
	AgentID   int64         `json:"agent_id"`
	Kind      string        `json:"kind"` // offer, answer, ice, stop
	Screen    string        `json:"screen"`
	SDP       string        `json:"sdp,omitempty"`
	Candidate *ICECandidate `json:"candidate,omitempty"`
	Record    bool          `json:"record,omitempty"`
	Reason    string        `json:"reason,omitempty"`
}

const screenPrefix = "live.screen."

func screenSubject(ticketID int64) string { return screenPrefix + strconv.FormatInt(ticketID, 10) }

// ScreenFrame is a screen frame the server sends: to the agent an offer,
// the customer's candidates and stop, and the go-ahead of a recording; to
// the customer the agent's answer, candidates and stop, and screen_ready
// when the assigned agent's page opens (a share waiting for them is
// offered again).
type ScreenFrame struct {
	Type         string        `json:"type"`
	Conversation int64         `json:"conversation"`
	Screen       string        `json:"screen,omitempty"`
	SDP          string        `json:"sdp,omitempty"`
	Candidate    *ICECandidate `json:"candidate,omitempty"`
	Record       bool          `json:"record,omitempty"`
	By           string        `json:"by,omitempty"`          // stop: who stopped, customer, agent or server
	Reason       string        `json:"reason,omitempty"`      // stop: "stopped", "disconnected", "left", "reassigned"
	ICEServers   []ICEServer   `json:"ice_servers,omitempty"` // offer, to the agent
}

// screenSession is the share a customer socket runs (one at a time).
type screenSession struct {
	id     string
	agent  int64
	record bool
}

// screenFrame handles a screen frame of the customer's socket.
func (c *conn) screenFrame(in In) error {
	s := c.s
	if s.screen == nil {
		return &FrameError{Code: CodeScreenOff, Msg: "Screen sharing is not available here.", Ref: in.Type}
	}
	if in.Type == "screen_answer" || in.Type == "screen_record" {
		return &FrameError{Code: CodeNotAllowed, Msg: "Only the agent answers or records a screen share.", Ref: in.Type}
	}
	t := c.current()
	if t == 0 {
		return &FrameError{Code: CodeNoAgent, Msg: "Start a conversation first; an agent can then see your screen.", Ref: in.Type}
	}
	ctx, cancel := context.WithTimeout(c.ctx, opTimeout)
	defer cancel()
	c.mu.Lock()
	cur := c.screen
	c.mu.Unlock()
	switch in.Type {
	case "screen_offer":
		agent, err := assignee(ctx, s.cfg.DB, t)
		if err != nil {
			return err
		}
		if cur != nil && cur.id == in.Screen && cur.agent == agent {
			// The running share offered again (its agent's page opened
			// after it started, or a renegotiation): the same agent.
			return s.signalScreen(screenSignal{TicketID: t, From: "customer", AgentID: cur.agent, Kind: "offer", Screen: in.Screen, SDP: in.SDP, Record: cur.record})
		}
		if agent == 0 {
			return &FrameError{Code: CodeNoAgent, Msg: "No agent has your conversation yet; share your screen once one has answered.", Ref: in.Type}
		}
		if cur != nil {
			if _, err := c.stopScreen(ctx, t, cur, "stopped"); err != nil {
				return err
			}
		}
		return c.startScreen(ctx, t, &screenSession{id: in.Screen, agent: agent, record: in.Record && s.screen.Recording}, in.SDP)
	case "screen_ice":
		if cur == nil || cur.id != in.Screen {
			return badFrame(in.Type, "no screen share %q is running", in.Screen)
		}
		return s.signalScreen(screenSignal{TicketID: t, From: "customer", AgentID: cur.agent, Kind: "ice", Screen: cur.id, Candidate: in.Candidate})
	case "screen_stop":
		if cur == nil || cur.id != in.Screen {
			return nil // stopped already (the agent left, or a second click)
		}
		_, err := c.stopScreen(ctx, t, cur, "stopped")
		return err
	}
	return nil
}

// startScreen starts share sess of ticket t with the agent it names and
// offers it to them. A reassignment that commits while it starts may find
// no share yet to end (onReassigned): so the assignee is read again once
// the share is visible, and a share whose agent no longer has the
// conversation ends here. Between the two, each reassignment is seen by
// one of them (or both; stopScreen ends a share once).
func (c *conn) startScreen(ctx context.Context, t int64, sess *screenSession, sdp string) error {
	s := c.s
	if err := s.screen.Audit.Record(c.auditCtx(ctx), "screen.started", "ticket", strconv.FormatInt(t, 10),
		map[string]any{"screen": sess.id, "agent_id": sess.agent, "record": sess.record}); err != nil {
		return err
	}
	if s.beforeScreenShown != nil {
		s.beforeScreenShown(t)
	}
	c.mu.Lock()
	c.screen = sess
	c.mu.Unlock()
	if err := s.signalScreen(screenSignal{TicketID: t, From: "customer", AgentID: sess.agent, Kind: "offer", Screen: sess.id, SDP: sdp, Record: sess.record}); err != nil {
		return err
	}
	agent, err := assignee(ctx, s.cfg.DB, t)
	if err != nil || agent == sess.agent {
		return err
	}
	return c.endReassigned(ctx, t, sess)
}

// stopScreen ends the customer's share sess of ticket t: audited, and the
// agent told. The customer stops it, unless reason is "reassigned" (the
// server does).
func (c *conn) stopScreen(ctx context.Context, t int64, sess *screenSession, reason string) (stopped bool, err error) {
	by := "customer"
	if reason == "reassigned" {
		by = "server"
	}
	c.mu.Lock()
	running := c.screen == sess
	if running {
		c.screen = nil
	}
	c.mu.Unlock()
	if !running {
		return false, nil // ended meanwhile, and audited there
	}
	if err := c.s.screen.Audit.Record(c.auditCtx(ctx), "screen.stopped", "ticket", strconv.FormatInt(t, 10),
		map[string]any{"screen": sess.id, "agent_id": sess.agent, "by": by, "reason": reason}); err != nil {
		return true, err
	}
	return true, c.s.signalScreen(screenSignal{TicketID: t, From: "customer", AgentID: sess.agent, Kind: "stop", Screen: sess.id, Reason: reason})
}

// endReassigned ends share sess of ticket t, whose agent no longer has the
// conversation, and tells the customer's widget.
func (c *conn) endReassigned(ctx context.Context, t int64, sess *screenSession) error {
	stopped, err := c.stopScreen(ctx, t, sess, "reassigned")
	if stopped {
		f, _ := json.Marshal(ScreenFrame{Type: "screen_stop", Conversation: t, Screen: sess.id, By: "server", Reason: "reassigned"})
		c.offer(t, 0, f)
	}
	return err
}

// onReassigned ends this node's shares of an updated or escalated
// conversation that went to someone other than their agent: the picture
// is for the agent who has the conversation, never the one who had it.
// The agent's page and the customer's widget are both told to stop (the
// widget's stop is what ends the stream; a page could ignore its stop).
func (s *Service) onReassigned(ev store.Event) {
	var id int64
	if u, ok, err := ticket.TicketUpdated.Decode(ev); ok && err == nil {
		id = u.TicketID
	} else if x, ok, err := ticket.TicketEscalated.Decode(ev); ok && err == nil {
		id = x.TicketID
	}
	if id == 0 || !s.hub.has(id) {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
	defer cancel()
	agent, err := assignee(ctx, s.cfg.DB, id)
	if err != nil {
		s.log.Warn("chat: screen shares after a reassignment", "ticket", id, "err", err)
		return
	}
	s.hub.each(id, func(c *conn) {
		c.mu.Lock()
		sess := c.screen
		c.mu.Unlock()
		if sess == nil || sess.agent == agent {
			return
		}
		if err := c.endReassigned(ctx, id, sess); err != nil {
			s.log.Warn("chat: ending a screen share after a reassignment", "ticket", id, "err", err)
		}
	})
	if s.afterReassigned != nil {
		s.afterReassigned(id, agent)
	}
}

// endScreen stops a share still running when the socket closes.
func (c *conn) endScreen() {
	c.mu.Lock()
	sess, t := c.screen, c.ticket
	c.mu.Unlock()
	if sess == nil || t == 0 || c.s.screen == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := c.stopScreen(ctx, t, sess, "disconnected"); err != nil {
		c.s.log.Warn("chat: ending a screen share", "ticket", t, "err", err)
	}
}

// auditCtx names the socket's customer as the actor.
func (c *conn) auditCtx(ctx context.Context) context.Context {
	return audit.WithActor(ctx, audit.Actor{Kind: audit.ActorCustomer, ID: c.ref().ExternalID})
}

func (s *Service) signalScreen(sig screenSignal) error {
	return s.cfg.Live.Signal(screenSubject(sig.TicketID), sig)
}

// onScreen passes a screen signal to this node's sockets it is for: the
// customer's to the sockets of the agent it names, the agent's to the
// customer's sockets of the ticket.
func (s *Service) onScreen(subject string, data []byte) {
	if s.screen == nil {
		return
	}
	var sig screenSignal
	if err := json.Unmarshal(data, &sig); err != nil || subject != screenSubject(sig.TicketID) || !screenID(sig.Screen) && sig.Kind != "ready" {
		return
	}
	f := ScreenFrame{Type: "screen_" + sig.Kind, Conversation: sig.TicketID, Screen: sig.Screen, SDP: sig.SDP, Candidate: sig.Candidate, Record: sig.Record, Reason: sig.Reason}
	switch sig.From {
	case "customer":
		if sig.Kind == "stop" {
			f.By = "customer"
			if sig.Reason == "reassigned" {
				f.By = "server"
			}
		}
		if sig.Kind == "offer" {
			f.ICEServers = s.screen.ICEServers
		}
		s.screens.deliver(sig.TicketID, sig.AgentID, f)
	case "agent":
		switch sig.Kind {
		case "answer", "ice", "ready":
		case "stop":
			f.By = "agent"
			// The customer's sockets forget the share: it was audited
			// where the agent stopped it.
			s.hub.each(sig.TicketID, func(c *conn) {
				c.mu.Lock()
				if c.screen != nil && c.screen.id == sig.Screen {
					c.screen = nil
				}
				c.mu.Unlock()
			})
		default:
			return
		}
		data, _ := json.Marshal(f)
		s.hub.deliver(sig.TicketID, 0, data)
	}
}

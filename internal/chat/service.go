package chat

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// Conversations is what chat needs of the ticket store: the customer-scoped
// intake, reads of a customer's own tickets, attaching an anonymous
// visitor's ticket to a customer who signed in, and opening the sealed
// bodies of message events. *ticket.Store implements it.
type Conversations interface {
	ticket.Intake
	CustomerTicket(ctx context.Context, c ticket.CustomerRef, ticketID int64) (ticket.CustomerView, error)
	LatestCustomerTicket(ctx context.Context, c ticket.CustomerRef, channel string) (ticket.CustomerView, bool, error)
	CustomerTicketIDs(ctx context.Context, c ticket.CustomerRef, channel string) ([]int64, error)
	CustomerMessages(ctx context.Context, c ticket.CustomerRef, ticketID, after, before int64, limit int) ([]ticket.Message, bool, error)
	AttachCustomer(ctx context.Context, from ticket.CustomerRef, ticketID int64, to ticket.NewCustomer) error
	OpenEventBody(ctx context.Context, ev ticket.MessageCreatedEvent) (string, error)
}

// Identities checks the identity tokens the exchange signs (JWT or the
// older two-part token); auth.IdentitySigner implements it.
type Identities interface {
	Verify(token string) (auth.CustomerIdentity, error)
}

// Live is the bus as live chat uses it: every node's view of new messages,
// and signals between nodes for typing and read receipts. *bus.Bus
// implements it.
type Live interface {
	Subscribe(ctx context.Context, filter string, h func(store.Event)) error
	Signal(subject string, payload any) error
	OnSignal(ctx context.Context, filter string, h func(subject string, data []byte)) error
}

// AgentInfo is an agent as customers see them: a display name and the
// public code /verify checks.
type AgentInfo struct {
	Name             string
	VerificationCode string
}

// Config is the live-chat service's setup.
type Config struct {
	DB            *store.DB
	Conversations Conversations
	Identities    Identities
	Live          Live
	Log           *slog.Logger
	// Agent looks up an agent by id; Phrase, when set, the signed-in
	// customer's anti-phishing phrase at the exchange.
	Agent  func(ctx context.Context, id int64) (AgentInfo, error)
	Phrase func(ctx context.Context, userID string) (string, error)
	// Alert, when set, is the signed-in customer's open security alert in
	// a language (internal/risk), shown at the top of the widget.
	Alert func(ctx context.Context, userID, lang string) (Alert, bool, error)
	// Surveys, when set, are the surveys waiting for a conversation's
	// customer (internal/metrics: CSAT after a solve, NPS when due),
	// offered in the widget once the conversation is solved.
	Surveys func(ctx context.Context, ticketID int64) ([]Survey, error)
	// PublicURL is where customers reach Groundcrew (verify links).
	PublicURL string
	// Origins are the host patterns (path.Match, e.g. "*.exchange.example")
	// of pages allowed to open the socket besides Groundcrew itself.
	Origins []string
	// SocketsPerIP caps the open sockets of one client IP (ClientIP says
	// which, behind trusted proxies); 0: no cap.
	SocketsPerIP int
	ClientIP     func(r *http.Request) string
	// Files keeps what customers send from the widget; nil: no uploads.
	Files Files

	// Zero values take the defaults of docs/chat-protocol.md; tests shorten them.
	Heartbeat time.Duration // between pings (25 s)
	// TokenLife bounds the life (exp - iat) of an identity token without
	// a jti, which any browser holding a copy could replay until it
	// expires; a token with a jti is used once (10 min).
	TokenLife    time.Duration
	WriteTimeout time.Duration // per frame (10 s)
	SendBuffer   int           // frames queued per socket (256)
	Sends        Rate          // send frames (burst 10, 1 a second)
	Frames       Rate          // every frame (burst 40, 10 a second)
	Uploads      Rate          // files per visitor (burst 5, 1 every 10 s)
}

// Rate is a token bucket: Burst frames at once, then one per Every.
type Rate struct {
	Burst int
	Every time.Duration
}

// Service runs the chat sockets of this node.
type Service struct {
	cfg Config
	log *slog.Logger
	hub hub
	// sends commits the messages that this node's sockets send at the
	// same time in one transaction (store.Group): one BEGIN, COMMIT and
	// WAL flush per batch instead of per message.
	sends *store.Group
	// users are the signed-in sockets by customer, for PushAlert.
	users users
	// open counts this node's sockets.
	open atomic.Int64

	mu    sync.Mutex
	done  context.Context // ends when Start's context does
	perIP map[string]int  // open sockets by client IP, when capped

	agentsMu sync.Mutex
	agents   map[int64]agentEntry

	uploads  uploadLimiter
	queue    atomic.Pointer[QueueInfosFunc] // nil: no queue frames
	queueDue queueDue                       // queue signals gathered (onQueue)
	flows    atomic.Pointer[flowsBox]       // nil: no toolbar, no flows
	screen   *ScreenConfig                  // nil: no screen sharing (set by WithScreenShare before Start)
	screens  agentHub                       // agents' screen sockets
	callback *CallbackConfig                // nil: no callback requests (WithCallbacks, before Start)

	// Set by tests that interleave a starting share with a reassignment:
	// run before a new share becomes visible, and after a reassignment's
	// shares were looked at (with the assignee read then).
	beforeScreenShown func(ticketID int64)
	afterReassigned   func(ticketID, agent int64)
}

type agentEntry struct {
	info  AgentInfo
	until time.Time
}

// New checks cfg and returns the service; Start subscribes it to the bus.
func New(cfg Config, opts ...Option) (*Service, error) {
	if cfg.DB == nil || cfg.Conversations == nil || cfg.Identities == nil || cfg.Live == nil || cfg.Agent == nil {
		return nil, errors.New("chat: a database, the ticket store, identities, the bus and an agent look-up are required")
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&cfg.Heartbeat, 25*time.Second)
	def(&cfg.TokenLife, DefaultTokenLife)
	def(&cfg.WriteTimeout, 10*time.Second)
	if cfg.SendBuffer <= 0 {
		cfg.SendBuffer = 256
	}
	if cfg.Sends.Burst <= 0 {
		cfg.Sends = Rate{Burst: 10, Every: time.Second}
	}
	if cfg.Frames.Burst <= 0 {
		cfg.Frames = Rate{Burst: 40, Every: 100 * time.Millisecond}
	}
	if cfg.Uploads.Burst <= 0 {
		cfg.Uploads = Rate{Burst: 5, Every: 10 * time.Second}
	}
	cfg.PublicURL = strings.TrimRight(cfg.PublicURL, "/")
	s := &Service{cfg: cfg, log: cfg.Log, hub: hub{conns: map[int64]map[*conn]struct{}{}}, agents: map[int64]agentEntry{}, perIP: map[string]int{},
		uploads: uploadLimiter{rate: cfg.Uploads}, sends: cfg.DB.SendGroup()}
	s.Use(opts...)
	return s, nil
}

// Start subscribes this node to new messages and to typing and read
// signals, until ctx ends; each reaches the sockets here of its ticket.
func (s *Service) Start(ctx context.Context) error {
	s.mu.Lock()
	s.done = ctx
	s.mu.Unlock()
	if err := s.cfg.Live.Subscribe(ctx, "gc.message.>", s.onEvent); err != nil {
		return fmt.Errorf("chat: %w", err)
	}
	if err := s.cfg.Live.Subscribe(ctx, ticket.StatusChanged.Subject(), s.onStatus); err != nil {
		return fmt.Errorf("chat: %w", err)
	}
	if err := s.cfg.Live.Subscribe(ctx, ticket.SecretRedacted.Subject(), s.onRedacted); err != nil {
		return fmt.Errorf("chat: %w", err)
	}
	if s.screen != nil {
		// A share is for the conversation's assigned agent: an update or
		// escalation may take the conversation from them (screen.go).
		for _, subject := range []string{ticket.TicketUpdated.Subject(), ticket.TicketEscalated.Subject()} {
			if err := s.cfg.Live.Subscribe(ctx, subject, s.onReassigned); err != nil {
				return fmt.Errorf("chat: %w", err)
			}
		}
	}
	if err := s.cfg.Live.OnSignal(ctx, "live.>", s.onSignal); err != nil {
		return fmt.Errorf("chat: %w", err)
	}
	return nil
}

// admit counts a new socket of ip against the cap; release undoes it.
func (s *Service) admit(ip string) bool {
	if s.cfg.SocketsPerIP <= 0 {
		return true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.perIP[ip] >= s.cfg.SocketsPerIP {
		return false
	}
	s.perIP[ip]++
	return true
}

func (s *Service) release(ip string) {
	if s.cfg.SocketsPerIP <= 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.perIP[ip]--; s.perIP[ip] <= 0 {
		delete(s.perIP, ip)
	}
}

// stopped is done when the service stops: its sockets close then.
func (s *Service) stopped() context.Context {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done == nil {
		return context.Background()
	}
	return s.done
}

// onEvent delivers a new public message to this node's sockets of its
// ticket. Nothing is read from the database, except for a customer
// message whose body the event withholds (see ticket.MessageCreatedEvent).
func (s *Service) onEvent(ev store.Event) {
	m, ok, err := ticket.MessageCreated.Decode(ev)
	if err != nil {
		s.log.Warn("chat: undecodable message event", "id", ev.ID, "err", err)
		return
	}
	if !ok || m.Internal || !s.hub.lacks(m.TicketID, m.MessageID) {
		// Not shown here, or every socket here has it: above all, the
		// customer's own message, which their socket queued with its ack
		// (so the withheld body is not read back for nothing).
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	text, err := s.cfg.Conversations.OpenEventBody(ctx, m)
	if err != nil {
		s.log.Error("chat: cannot open a message event's body", "ticket", m.TicketID, "message", m.MessageID, "err", err)
		return
	}
	msg := s.message(ctx, ticket.Message{ID: m.MessageID, TicketID: m.TicketID, AuthorKind: m.AuthorKind, AuthorID: m.AuthorID, Body: text, CreatedAt: m.At})
	data, _ := json.Marshal(msg)
	s.hub.deliver(m.TicketID, m.MessageID, data)
}

// onStatus tells this node's sockets of a ticket its new status (an agent
// solved or closed it): the widget can say so, and the next message of a
// closed one starts a new conversation.
func (s *Service) onStatus(ev store.Event) {
	st, ok, err := ticket.StatusChanged.Decode(ev)
	if err != nil || !ok || !s.hub.has(st.TicketID) {
		return
	}
	frame, _ := json.Marshal(Out{Type: "status", Conversation: st.TicketID, Status: string(st.To)})
	s.hub.deliver(st.TicketID, 0, frame)
}

// LiveSignal is the payload of the typing and read-receipt signals between
// nodes (docs/chat-protocol.md, "Bus signals"): the customer's, which the
// chat socket sends, and an agent's, which the workspace sends (through
// AgentTyping and AgentRead, or itself with this payload).
type LiveSignal struct {
	TicketID int64  `json:"ticket_id"`
	Author   string `json:"author"`
	AgentID  int64  `json:"agent_id,omitempty"`
	Name     string `json:"name,omitempty"`
	On       bool   `json:"on"`
	Seq      int64  `json:"seq,omitempty"`
}

// TypingSubject and ReadSubject are the signal subjects of ticketID.
func TypingSubject(ticketID int64) string { return "live.typing." + strconv.FormatInt(ticketID, 10) }
func ReadSubject(ticketID int64) string   { return "live.read." + strconv.FormatInt(ticketID, 10) }

// onSignal passes an agent's typing and read receipts to the sockets of
// the ticket; the customer's own signals are for the workspace.
func (s *Service) onSignal(subject string, data []byte) {
	if strings.HasPrefix(subject, queuePrefix) {
		s.onQueue(subject)
		return
	}
	if strings.HasPrefix(subject, flowPrefix) {
		s.onFlow(subject)
		return
	}
	if strings.HasPrefix(subject, screenPrefix) {
		s.onScreen(subject, data)
		return
	}
	var sig LiveSignal
	if err := json.Unmarshal(data, &sig); err != nil || sig.Author != "agent" || !s.hub.has(sig.TicketID) {
		return
	}
	var out Out
	switch {
	case strings.HasPrefix(subject, "live.typing."):
		on := sig.On
		out = Out{Type: "typing", On: &on, Author: "agent", Name: sig.Name}
	case strings.HasPrefix(subject, "live.read."):
		out = Out{Type: "read", Seq: sig.Seq, By: "agent"}
	default:
		return
	}
	frame, _ := json.Marshal(out)
	s.hub.deliver(sig.TicketID, 0, frame)
}

// AgentTyping tells the customer of ticketID, on whichever node their
// socket is, that agent agentID (shown as name) is typing or stopped.
func (s *Service) AgentTyping(ticketID, agentID int64, name string, on bool) error {
	return s.cfg.Live.Signal(TypingSubject(ticketID), LiveSignal{TicketID: ticketID, Author: "agent", AgentID: agentID, Name: name, On: on})
}

// AgentRead records that an agent has read ticketID up to message seq, and
// tells the customer.
func (s *Service) AgentRead(ctx context.Context, ticketID, agentID, seq int64) error {
	if err := markRead(ctx, s.cfg.DB, ticketID, "agent", seq); err != nil {
		return err
	}
	return s.cfg.Live.Signal(ReadSubject(ticketID), LiveSignal{TicketID: ticketID, Author: "agent", AgentID: agentID, Seq: seq})
}

// message is m as a message frame. An agent's carries their name and the
// link that checks them at /verify.
func (s *Service) message(ctx context.Context, m ticket.Message) Message {
	out := Message{Type: "message", Conversation: m.TicketID, Seq: m.ID, Author: string(m.AuthorKind), Text: m.Body, At: wireTime(m.CreatedAt)}
	if m.AuthorKind == "agent" && m.AuthorID != nil {
		a := s.agent(ctx, *m.AuthorID)
		out.Agent = &Agent{Name: a.Name}
		if a.VerificationCode != "" {
			out.Agent.VerifyURL = s.cfg.PublicURL + "/verify?value=" + url.QueryEscape(a.VerificationCode)
		}
	}
	return out
}

// agentTTL is how long an agent's name is cached per node.
const agentTTL = 5 * time.Minute

func (s *Service) agent(ctx context.Context, id int64) AgentInfo {
	now := time.Now()
	s.agentsMu.Lock()
	e, ok := s.agents[id]
	s.agentsMu.Unlock()
	if ok && now.Before(e.until) {
		return e.info
	}
	info, err := s.cfg.Agent(ctx, id)
	if err != nil {
		s.log.Warn("chat: agent look-up failed", "agent", id, "err", err)
		return AgentInfo{Name: "Support"}
	}
	s.agentsMu.Lock()
	if len(s.agents) > 10000 {
		clear(s.agents)
	}
	s.agents[id] = agentEntry{info: info, until: now.Add(agentTTL)}
	s.agentsMu.Unlock()
	return info
}

// hub is this node's sockets by the ticket they show.
type hub struct {
	mu    sync.RWMutex
	conns map[int64]map[*conn]struct{}
}

func (h *hub) has(ticketID int64) bool {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return len(h.conns[ticketID]) > 0
}

// lacks says whether a socket of ticketID has not queued message seq.
func (h *hub) lacks(ticketID, seq int64) bool {
	h.mu.RLock()
	defer h.mu.RUnlock()
	for c := range h.conns[ticketID] {
		if !c.had(seq) {
			return true
		}
	}
	return false
}

func (h *hub) join(ticketID int64, c *conn) {
	h.mu.Lock()
	defer h.mu.Unlock()
	set := h.conns[ticketID]
	if set == nil {
		set = map[*conn]struct{}{}
		h.conns[ticketID] = set
	}
	set[c] = struct{}{}
}

func (h *hub) leave(ticketID int64, c *conn) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if set := h.conns[ticketID]; set != nil {
		delete(set, c)
		if len(set) == 0 {
			delete(h.conns, ticketID)
		}
	}
}

// each runs fn for every socket of ticketID.
func (h *hub) each(ticketID int64, fn func(*conn)) {
	h.mu.RLock()
	conns := make([]*conn, 0, len(h.conns[ticketID]))
	for c := range h.conns[ticketID] {
		conns = append(conns, c)
	}
	h.mu.RUnlock()
	for _, c := range conns {
		fn(c)
	}
}

// deliver offers frame to every socket of ticketID without waiting: a
// socket whose buffer is full is dropped, the others are not held up.
func (h *hub) deliver(ticketID, seq int64, frame []byte) {
	h.mu.RLock()
	conns := make([]*conn, 0, len(h.conns[ticketID]))
	for c := range h.conns[ticketID] {
		conns = append(conns, c)
	}
	h.mu.RUnlock()
	for _, c := range conns {
		c.offer(ticketID, seq, frame)
	}
}

// Sockets is how many chat sockets this node holds.
func (s *Service) Sockets() int { return int(s.open.Load()) }

package workspace

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/attach"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

// LiveTickets is what a live ticket page reads; *ticket.Store implements it.
type LiveTickets interface {
	Head(ctx context.Context, v ticket.Viewer, id int64) (ticket.Ticket, error)
	MessagesAfter(ctx context.Context, v ticket.Viewer, ticketID, after int64, limit int) ([]ticket.Message, error)
	OpenEventBody(ctx context.Context, e ticket.MessageCreatedEvent) (string, error)
}

// LiveHTTP serves the live channels of workspace pages as server-sent
// events. A page's EventSource reconnects by itself and sends the id of
// the last message it got (Last-Event-ID): the stream first sends what the
// page missed, from the database, so no colleague's reply is lost.
type LiveHTTP struct {
	Live    *Live
	Tickets LiveTickets
	Notify  *NotifyStore
	Log     *slog.Logger
	// AgentOf tells who is asking, from the authenticated request.
	AgentOf func(r *http.Request) LiveAgent
	// SignedIn checks again, every keep-alive, that the stream's session or
	// token is still good: a signed-out or deactivated agent stops getting
	// customers' messages within sseKeepAlive. nil: not checked.
	SignedIn func(r *http.Request) bool
	// KeepAlive is sseKeepAlive unless set (tests shorten it).
	KeepAlive time.Duration
	// ReplyTyping, if set, tells the ticket's customer (the chat widget, on
	// any node) that the agent is typing a reply.
	ReplyTyping func(ticketID, agentID int64, name string) error
	// Screen, if set, serves the agent's screen-sharing socket of a ticket
	// they may see (chat.Service.HandleAgentScreen); ScreenOn says whether
	// the ticket page shows the screen viewer.
	Screen   func(w http.ResponseWriter, r *http.Request, ticketID, agentID int64)
	ScreenOn func() bool
	// AgentName names the author of an agent's message; nil: "Agent #id".
	AgentName func(ctx context.Context, id int64) (string, error)
	// Files, if set, lets a message that announces a customer's file (the
	// chat widget's upload) carry the file's download.
	Files Files

	renders renders // messages rendered from their events, shared by the pages
}

// LiveMessage is a message as the live page shows it: with its author's
// name, and the file it announces, if any.
type LiveMessage struct {
	ticket.Message
	Author string    `json:"author"`
	File   *LiveFile `json:"file,omitempty"`
}

// LiveFile is a file a message announces; URL downloads it.
type LiveFile struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	URL         string `json:"url"`
}

// stillSignedIn reports whether the stream may go on.
func (h *LiveHTTP) stillSignedIn(r *http.Request) bool { return h.SignedIn == nil || h.SignedIn(r) }

// LiveAgent is who a live channel belongs to.
type LiveAgent struct {
	ID     int64
	Name   string
	Viewer ticket.Viewer
}

// TicketSnapshot is the part of a ticket its live page updates in place.
type TicketSnapshot struct {
	ID            int64         `json:"id"`
	Status        ticket.Status `json:"status"`
	StatusLabel   string        `json:"status_label"`
	Priority      string        `json:"priority"`
	PriorityLabel string        `json:"priority_label"`
	Tier          int           `json:"tier"`
	TeamID        *int64        `json:"team_id"`
	AssigneeID    *int64        `json:"assignee_id"`
	Tags          []string      `json:"tags"`
	MergedInto    *int64        `json:"merged_into"`
	LastMessage   time.Time     `json:"last_message_at"`
}

// Notification is what the page shows as a browser notification.
type Notification struct {
	Kind     string `json:"kind"` // assignment, mention, reply, held
	TicketID int64  `json:"ticket_id"`
	Title    string `json:"title"`
	Body     string `json:"body"`
	URL      string `json:"url"`
}

// catchUpBatch bounds one read of missed messages.
const catchUpBatch = 200

// sseKeepAlive is how often an idle stream sends a comment, so proxies keep
// it and a closed connection is noticed, and checks the agent is still
// signed in (LiveHTTP.KeepAlive overrides it).
const sseKeepAlive = 15 * time.Second

func (h *LiveHTTP) keepAlive() time.Duration {
	if h.KeepAlive > 0 {
		return h.KeepAlive
	}
	return sseKeepAlive
}

// ServeTicket streams ticket id's page: new messages (and notes), changes
// of status, assignment and tags, who else has it open or is typing, and
// the agent's notifications. Query "after" is the last message id the page
// was rendered with.
func (h *LiveHTTP) ServeTicket(w http.ResponseWriter, r *http.Request, a LiveAgent) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	after, err := lastSeen(r)
	if err != nil {
		return err
	}
	t, err := h.Tickets.Head(r.Context(), a.Viewer, id)
	if err != nil {
		return err
	}
	s, err := newSSE(w)
	if err != nil {
		return nil // the headers are out: the browser reconnects
	}
	watch := h.Live.Watch(&Watch{AgentID: a.ID, TicketID: id, Notify: true})
	defer watch.Close()
	page := newPageID()
	if err := h.Live.Announce(id, page, a.ID, a.Name); err != nil {
		h.Log.Warn("live: announce presence", "ticket", id, "err", err)
	}
	defer func() { _ = h.Live.Leave(id, page, a.ID) }()

	st := &ticketStream{h: h, s: s, a: a, id: id, after: after, page: page}
	// The watch is open before the catch-up read: nothing falls between.
	if err := st.catchUp(r.Context(), t); err != nil {
		return nil // the stream has started: errors end it, the page reconnects
	}
	beat := time.NewTicker(PresenceHeartbeat)
	defer beat.Stop()
	expire := time.NewTicker(2 * time.Second)
	defer expire.Stop()
	alive := time.NewTicker(h.keepAlive())
	defer alive.Stop()
	for {
		var err error
		select {
		case <-r.Context().Done():
			return nil
		case <-h.Live.Closed():
			return nil
		case ev := <-watch.Events():
			err = st.event(r.Context(), ev)
		case <-watch.Lagged():
			err = st.refresh(r.Context())
		case <-watch.PresenceChanged():
			err = st.presence()
		case <-expire.C:
			err = st.presence()
		case <-beat.C:
			if err := h.Live.Announce(id, page, a.ID, a.Name); err != nil {
				h.Log.Warn("live: presence heartbeat", "ticket", id, "err", err)
			}
		case <-alive.C:
			if !h.stillSignedIn(r) {
				_ = s.send("gone", "", map[string]string{"reason": "Signed out: sign in again to see live updates."})
				return nil
			}
			err = s.comment("ping")
		}
		if err != nil {
			if !errs.Is(err, errs.Forbidden) && !errs.Is(err, errs.NotFound) && r.Context().Err() == nil {
				h.Log.Debug("live: ticket stream ends", "ticket", id, "err", err)
			}
			return nil
		}
	}
}

// ServeNotifications streams agent a's notifications (assignments,
// mentions, customer replies on their tickets) to a page that shows no
// single ticket, such as the inbox.
func (h *LiveHTTP) ServeNotifications(w http.ResponseWriter, r *http.Request, a LiveAgent) error {
	// Watching before the stream opens: a page that sees it open misses nothing.
	watch := h.Live.Watch(&Watch{AgentID: a.ID, Notify: true})
	defer watch.Close()
	s, err := newSSE(w)
	if err != nil {
		return nil // the headers are out: the browser reconnects
	}
	alive := time.NewTicker(h.keepAlive())
	defer alive.Stop()
	for {
		var err error
		select {
		case <-r.Context().Done():
			return nil
		case <-h.Live.Closed():
			return nil
		case ev := <-watch.Events():
			if n, ok := h.notification(r.Context(), a, ev); ok {
				err = s.send("notify", "", n)
			}
		case <-watch.Lagged():
		case <-alive.C:
			if !h.stillSignedIn(r) {
				return nil
			}
			err = s.comment("ping")
		}
		if err != nil {
			return nil
		}
	}
}

// lastSeen is the last message id the page has: Last-Event-ID when the
// browser reconnects, else the "after" the page was rendered with.
func lastSeen(r *http.Request) (int64, error) {
	var after int64
	for _, v := range []string{r.URL.Query().Get("after"), r.Header.Get("Last-Event-ID")} {
		if v == "" {
			continue
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return 0, errs.Field("after", "after and Last-Event-ID must be a message id")
		}
		after = max(after, n)
	}
	return after, nil
}

func newPageID() string {
	b := make([]byte, 9)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// ticketStream is one open ticket page's state on the server.
type ticketStream struct {
	h     *LiveHTTP
	s     *sse
	a     LiveAgent
	id    int64
	after int64 // the last message id sent
	// count is the ticket's message count (notes included) as far as the
	// page has it: an event whose count skips one means a missed message.
	count int
	page  string

	snapshot []byte
	present  []byte
	agents   map[int64]string // agent names seen on this page
}

// names knows the name of m's author when an agent wrote it, read once per
// agent and page.
func (st *ticketStream) names(ctx context.Context, m ticket.Message) map[int64]string {
	if m.AuthorKind != "agent" || m.AuthorID == nil || st.h.AgentName == nil {
		return st.agents
	}
	if st.agents == nil {
		st.agents = map[int64]string{}
	}
	id := *m.AuthorID
	if _, ok := st.agents[id]; !ok {
		name, err := st.h.AgentName(ctx, id)
		if err != nil || name == "" {
			return st.agents // "Agent #id", and asked again next time
		}
		st.agents[id] = name
	}
	return st.agents
}

// files maps the customer messages among ms that announce a file to it.
func (st *ticketStream) files(ctx context.Context, ms []ticket.Message) map[int64]*LiveFile {
	if st.h.Files == nil || !slices.ContainsFunc(ms, func(m ticket.Message) bool { return m.AuthorKind == "customer" }) {
		return nil
	}
	as, err := st.h.Files.List(ctx, st.id)
	if err != nil {
		st.h.Log.Warn("live: files of a ticket", "ticket", st.id, "err", err)
		return nil
	}
	out := map[int64]*LiveFile{}
	for _, a := range as {
		if a.MessageID != nil {
			out[*a.MessageID] = liveFile(a)
		}
	}
	return out
}

func liveFile(a attach.Attachment) *LiveFile {
	return &LiveFile{ID: a.ID, Name: a.Name, ContentType: a.ContentType, Size: a.Size, URL: "/api/v1/attachments/" + strconv.FormatInt(a.ID, 10)}
}

func (st *ticketStream) catchUp(ctx context.Context, t ticket.Ticket) error {
	if err := st.s.send("hello", "", map[string]any{"ticket_id": st.id, "after": st.after, "page": st.page}); err != nil {
		return err
	}
	if err := st.sendSnapshot(t); err != nil {
		return err
	}
	st.count = t.MessageCount // read before the messages: none counted is missed
	if err := st.newMessages(ctx); err != nil {
		return err
	}
	return st.presence()
}

// refresh re-reads everything after dropped events.
func (st *ticketStream) refresh(ctx context.Context) error {
	t, err := st.h.Tickets.Head(ctx, st.a.Viewer, st.id)
	if err != nil {
		return st.gone(err)
	}
	if err := st.sendSnapshot(t); err != nil {
		return err
	}
	st.count = t.MessageCount
	return st.newMessages(ctx)
}

// event shows one event of the bus: on the page's ticket, and then as a
// notification if it is one for the agent.
func (st *ticketStream) event(ctx context.Context, ev store.Event) error {
	if ticketOf(ev) == st.id {
		if err := st.ticketEvent(ctx, ev); err != nil {
			return err
		}
	}
	if n, ok := st.h.notification(ctx, st.a, ev); ok {
		return st.s.send("notify", "", n)
	}
	return nil
}

func (st *ticketStream) ticketEvent(ctx context.Context, ev store.Event) error {
	switch ev.Type {
	case ticket.MessageCreated.Type(), ticket.NoteCreated.Type():
		return st.fromEvent(ctx, ev)
	case ticket.TicketMerged.Type():
		// Older messages moved in: their ids are below the last one sent.
		return st.s.send("reload", "", map[string]string{"reason": "A duplicate ticket was merged into this one."})
	case ticket.SecretRedacted.Type():
		if e, ok, _ := ticket.SecretRedacted.Decode(ev); ok && e.Earlier {
			return st.s.send("reload", "", map[string]string{"reason": "A secret was removed from an earlier message."})
		}
		return nil
	case ticket.MentionCreated.Type(), ticket.CustomerUpdated.Type():
		return nil
	}
	return st.refresh(ctx) // updated, status changed, escalated
}

func (st *ticketStream) gone(err error) error {
	if errs.Is(err, errs.Forbidden) || errs.Is(err, errs.NotFound) {
		_ = st.s.send("gone", "", map[string]string{"reason": "You can no longer see this ticket."})
	}
	return err
}

func (st *ticketStream) sendSnapshot(t ticket.Ticket) error {
	snap := TicketSnapshot{ID: t.ID, Status: t.Status, StatusLabel: label(statusLabels, t.Status), Priority: string(t.Priority),
		PriorityLabel: label(priorityLabels, t.Priority), Tier: t.Tier, TeamID: t.TeamID,
		AssigneeID: t.AssigneeID, Tags: t.Tags, MergedInto: t.MergedInto, LastMessage: t.LastMessageAt}
	raw, err := json.Marshal(snap)
	if err != nil {
		return err
	}
	if slices.Equal(raw, st.snapshot) {
		return nil
	}
	st.snapshot = raw
	return st.s.send("ticket", "", json.RawMessage(raw))
}

// newMessages sends every message after the last one sent, each with its
// id as the event id the browser sends back on reconnect.
func (st *ticketStream) newMessages(ctx context.Context) error {
	for {
		ms, err := st.h.Tickets.MessagesAfter(ctx, st.a.Viewer, st.id, st.after, catchUpBatch)
		if err != nil {
			return st.gone(err)
		}
		files := st.files(ctx, ms)
		for _, m := range ms {
			out := LiveMessage{Message: m, Author: authorLabel(m, st.names(ctx, m)), File: files[m.ID]}
			if err := st.s.send("message", strconv.FormatInt(m.ID, 10), out); err != nil {
				return err
			}
			st.after = m.ID
		}
		if len(ms) < catchUpBatch {
			return nil
		}
	}
}

func (st *ticketStream) presence() error {
	raw, err := json.Marshal(st.h.Live.Present(st.id, st.a.ID))
	if err != nil {
		return err
	}
	if slices.Equal(raw, st.present) {
		return nil
	}
	st.present = raw
	return st.s.send("presence", "", json.RawMessage(raw))
}

// notifyTarget says which agent ev notifies, and of what: a ticket
// assigned to them by someone else, a note mentioning them, the customer
// writing on a ticket assigned to them, or a supervisor's decision on
// their held reply. Agent 0: nobody.
func notifyTarget(ev store.Event) (string, int64) {
	switch ev.Type {
	case ticket.HeldDecided.Type():
		if e, ok, _ := ticket.HeldDecided.Decode(ev); ok {
			return "held", e.AuthorID
		}
	case ticket.MentionCreated.Type():
		if e, ok, _ := ticket.MentionCreated.Decode(ev); ok {
			return "mention", e.AgentID
		}
	case ticket.MessageCreated.Type():
		if e, ok, _ := ticket.MessageCreated.Decode(ev); ok && e.AuthorKind == "customer" && e.AssigneeID != nil {
			return "reply", *e.AssigneeID
		}
	case ticket.TicketUpdated.Type():
		e, ok, _ := ticket.TicketUpdated.Decode(ev)
		if !ok {
			return "", 0
		}
		c, changed := e.Changes["assignee_id"]
		to, _ := c.To.(float64) // decoded from JSON; null when unassigned
		if changed && int64(to) != e.AgentID {
			return "assignment", int64(to)
		}
	}
	return "", 0
}

// notification builds ev's notification for agent a, if any and if a
// wants that kind.
func (h *LiveHTTP) notification(ctx context.Context, a LiveAgent, ev store.Event) (Notification, bool) {
	kind, agent := notifyTarget(ev)
	if agent == 0 || agent != a.ID {
		return Notification{}, false
	}
	want, err := h.Notify.Get(ctx, a.ID)
	// A decision on one's own held reply is always shown: the agent
	// asked for it and waits on it.
	if err != nil || !map[string]bool{"assignment": want.Assignments, "mention": want.Mentions, "reply": want.Replies, "held": true}[kind] {
		return Notification{}, false
	}
	tid := ticketOf(ev)
	t, err := h.Tickets.Head(ctx, a.Viewer, tid)
	if err != nil {
		return Notification{}, false
	}
	if kind == "held" {
		return heldNotification(ev, tid)
	}
	title := map[string]string{"assignment": "Assigned to you", "mention": "You were mentioned", "reply": "The customer replied"}[kind]
	return Notification{Kind: kind, TicketID: tid, Title: fmt.Sprintf("%s: #%d", title, tid), Body: t.Subject,
		URL: "/tickets/" + strconv.FormatInt(tid, 10)}, true
}

// heldNotification tells a held reply's author what the supervisor
// decided and why (their note is the body).
func heldNotification(ev store.Event, tid int64) (Notification, bool) {
	e, ok, err := ticket.HeldDecided.Decode(ev)
	if !ok || err != nil {
		return Notification{}, false
	}
	title := "Your held reply was rejected"
	if e.Status == string(ticket.HeldReleased) {
		title = "Your held reply was released and sent"
	}
	body := e.Note
	if body == "" {
		body = "No reason given."
	}
	return Notification{Kind: "held", TicketID: tid, Title: fmt.Sprintf("%s: #%d", title, tid), Body: body,
		URL: "/tickets/" + strconv.FormatInt(tid, 10)}, true
}

// sse writes server-sent events, extending the write deadline before each
// write: the server's WriteTimeout would otherwise cut a long stream.
type sse struct {
	w  http.ResponseWriter
	rc *http.ResponseController
}

func newSSE(w http.ResponseWriter) (*sse, error) {
	rc := http.NewResponseController(w)
	_ = rc.SetReadDeadline(time.Time{})
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	s := &sse{w: w, rc: rc}
	return s, s.write("retry: 2000\n\n")
}

func (s *sse) write(text string) error {
	_ = s.rc.SetWriteDeadline(time.Now().Add(30 * time.Second))
	if _, err := s.w.Write([]byte(text)); err != nil {
		return err
	}
	return s.rc.Flush()
}

// send writes one event; JSON never holds a raw newline, so data is one line.
func (s *sse) send(event, id string, v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return err
	}
	text := "event: " + event + "\n"
	if id != "" {
		text += "id: " + id + "\n"
	}
	return s.write(text + "data: " + string(raw) + "\n\n")
}

func (s *sse) comment(c string) error { return s.write(": " + c + "\n\n") }

// TypingRequest says the caller is typing on ticket {id}, in the page the
// live stream's hello event named.
type TypingRequest struct {
	Page string `json:"page"`
	Note bool   `json:"note"` // an internal note, not a reply to the customer
}

// HandleTyping: POST /api/v1/tickets/{id}/typing. Pages call it every few
// seconds while the agent types; every node's pages of the ticket show it
// for a few seconds after the last call.
func (h *LiveHTTP) HandleTyping(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	var in TypingRequest
	if _, err := web.Decode(r, 1<<10, &in); err != nil {
		return err
	}
	if len(in.Page) != 18 || strings.Trim(in.Page, "0123456789abcdef") != "" {
		return errs.Field("page", "page must be the id the live stream's hello event gave")
	}
	a := h.AgentOf(r)
	if _, err := h.Tickets.Head(r.Context(), a.Viewer, id); err != nil {
		return err
	}
	if err := h.Live.Typing(id, in.Page, a.ID, a.Name, in.Note); err != nil {
		return err
	}
	if !in.Note && h.ReplyTyping != nil {
		// The customer sees "agent is typing" in the widget; never for a note.
		if err := h.ReplyTyping(id, a.ID, a.Name); err != nil {
			return err
		}
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// ServeScreen hands the agent's screen socket of a ticket they may see to
// the chat channel, which checks on every frame that they are its assignee.
func (h *LiveHTTP) ServeScreen(w http.ResponseWriter, r *http.Request, a LiveAgent) error {
	if h.Screen == nil {
		return errs.E(errs.NotFound, "screen sharing is turned off")
	}
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	t, err := h.Tickets.Head(r.Context(), a.Viewer, id)
	if err != nil {
		return err
	}
	if t.Channel != "chat" {
		return errs.E(errs.NotFound, "screen sharing is a live-chat feature; ticket %d is not a chat", id)
	}
	h.Screen(w, r, id, a.ID)
	return nil
}

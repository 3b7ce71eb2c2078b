package workspace

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
)

// LiveBus is what the live workspace needs of the bus; *bus.Bus implements
// it. Subscribe gives this node every event; signals carry presence and
// typing between nodes without storing them.
type LiveBus interface {
	Subscribe(ctx context.Context, filter string, h func(store.Event)) error
	Signal(subject string, payload any) error
	OnSignal(ctx context.Context, filter string, h func(subject string, data []byte)) error
}

// Live fans the bus out to the workspace pages open on this node: one bus
// subscription per node, one Watch per open page. It also keeps the
// presence board (who has which ticket open, who is typing) that every
// node builds from the same signals.
type Live struct {
	bus   LiveBus
	log   *slog.Logger
	clock func() time.Time

	mu sync.Mutex
	// The open pages, indexed so that an event costs what it reaches, not
	// what is open: by ticket, by agent (pages that notify), and those with
	// a Want of their own.
	byTicket index
	byAgent  index
	wanting  watchSet
	board    *presenceBoard

	closeOnce sync.Once
	closed    chan struct{} // closed by Close
}

// Close ends the open live pages of this node, so that a graceful shutdown
// need not wait for browsers to hang up (they reconnect, maybe elsewhere).
func (l *Live) Close() { l.closeOnce.Do(func() { close(l.closed) }) }

// Closed is closed when the node shuts down.
func (l *Live) Closed() <-chan struct{} { return l.closed }

// NewLive returns the hub; Start connects it to the bus.
func NewLive(b LiveBus, log *slog.Logger, clock func() time.Time) *Live {
	if clock == nil {
		clock = time.Now
	}
	return &Live{bus: b, log: log, clock: clock, byTicket: map[int64]watchSet{}, byAgent: map[int64]watchSet{}, wanting: watchSet{}, board: newPresenceBoard(), closed: make(chan struct{})}
}

// Start subscribes to every event and to the presence signals until ctx
// ends.
func (l *Live) Start(ctx context.Context) error {
	if err := l.bus.Subscribe(ctx, "gc.>", l.dispatch); err != nil {
		return fmt.Errorf("live workspace: %w", err)
	}
	if err := l.bus.OnSignal(ctx, presenceSubject+".>", l.onPresence); err != nil {
		return fmt.Errorf("live workspace: %w", err)
	}
	if err := l.bus.OnSignal(ctx, customerTypingSubject+".>", l.onCustomerTyping); err != nil {
		return fmt.Errorf("live workspace: %w", err)
	}
	return nil
}

// watchBuffer is how many events a page may fall behind before it is
// told to catch up from the database instead.
const watchBuffer = 256

// Watch is one open page's share of the bus. TicketID is 0 for a page
// that shows no single ticket (it then gets only what Want accepts).
type Watch struct {
	AgentID  int64
	TicketID int64
	// Notify: the page shows the agent's notifications, so it gets the
	// events that notify AgentID whatever their ticket.
	Notify bool
	// Want picks other events of other tickets the page needs; nil for none.
	Want func(ev store.Event, ticketID int64) bool

	events   chan store.Event
	presence chan struct{} // a poke: the ticket's presence changed
	lagged   chan struct{} // a poke: events were dropped; catch up
	live     *Live
}

// Watch registers a page. Close it when the page goes.
func (l *Live) Watch(w *Watch) *Watch {
	w.events = make(chan store.Event, watchBuffer)
	w.presence = make(chan struct{}, 1)
	w.lagged = make(chan struct{}, 1)
	w.live = l
	l.mu.Lock()
	if w.TicketID != 0 {
		addTo(l.byTicket, w.TicketID, w)
	}
	if w.Notify {
		addTo(l.byAgent, w.AgentID, w)
	}
	if w.Want != nil {
		l.wanting[w] = struct{}{}
	}
	l.mu.Unlock()
	return w
}

// Events delivers the page's events in bus order.
func (w *Watch) Events() <-chan store.Event { return w.events }

// PresenceChanged is poked when the presence on the page's ticket changed.
func (w *Watch) PresenceChanged() <-chan struct{} { return w.presence }

// Lagged is poked when the page fell behind and events were dropped: the
// page reads what it missed from the database.
func (w *Watch) Lagged() <-chan struct{} { return w.lagged }

// Close unregisters the page.
func (w *Watch) Close() {
	w.live.mu.Lock()
	l := w.live
	removeFrom(l.byTicket, w.TicketID, w)
	removeFrom(l.byAgent, w.AgentID, w)
	delete(l.wanting, w)
	w.live.mu.Unlock()
}

func poke(c chan struct{}) {
	select {
	case c <- struct{}{}:
	default:
	}
}

// ticketOf reads the ticket an event is about, 0 if none.
func ticketOf(ev store.Event) int64 {
	var head struct {
		TicketID *int64 `json:"ticket_id"`
	}
	if json.Unmarshal(ev.Data, &head) != nil || head.TicketID == nil {
		return 0
	}
	return *head.TicketID
}

// dispatch hands one event to every page that shows its ticket or wants
// it. It never blocks the bus: a page that is behind is told to catch up.
func (l *Live) dispatch(ev store.Event) {
	tid := ticketOf(ev)
	_, notifies := notifyTarget(ev) // decoded once for every page
	l.mu.Lock()
	defer l.mu.Unlock()
	send := func(w *Watch) {
		select {
		case w.events <- ev:
		default:
			poke(w.lagged)
		}
	}
	if tid != 0 {
		for w := range l.byTicket[tid] {
			send(w)
		}
	}
	if notifies != 0 {
		for w := range l.byAgent[notifies] {
			if tid == 0 || w.TicketID != tid { // a page of the ticket has it already
				send(w)
			}
		}
	}
	for w := range l.wanting {
		if (tid == 0 || w.TicketID != tid) && !(w.Notify && w.AgentID == notifies) && w.Want(ev, tid) {
			send(w)
		}
	}
}

// watchSet is a set of open pages.
type watchSet map[*Watch]struct{}

func (s watchSet) add(w *Watch) { s[w] = struct{}{} }

// index maps a key (ticket, agent) to its pages.
type index = map[int64]watchSet

func addTo(m index, key int64, w *Watch) {
	if m[key] == nil {
		m[key] = watchSet{}
	}
	m[key].add(w)
}

func removeFrom(m index, key int64, w *Watch) {
	delete(m[key], w)
	if len(m[key]) == 0 {
		delete(m, key)
	}
}

// Presence: every node signals "live.presence.<ticket>" for the pages it
// serves, when one opens, every heartbeat and when it closes, and
// "live.presence.<ticket>" with Typing set while its agent types. Entries
// expire unless refreshed, so a node that dies leaves no ghost.
const (
	presenceSubject   = "live.presence"
	PresenceHeartbeat = 10 * time.Second
	presenceTTL       = 3 * PresenceHeartbeat
	typingTTL         = 6 * time.Second
)

// presenceSignal is the payload of a presence signal.
type presenceSignal struct {
	Page    string `json:"page"` // one open page (an agent may have two)
	AgentID int64  `json:"agent_id"`
	Name    string `json:"name"`
	Left    bool   `json:"left,omitempty"`
	Typing  bool   `json:"typing,omitempty"`
	// Note: the agent types an internal note, which a customer's "agent is
	// typing" (the chat widget) must not show.
	Note bool `json:"note,omitempty"`
}

// Viewer is an agent with a ticket open, as the page shows them.
type Viewer struct {
	AgentID int64  `json:"agent_id"`
	Name    string `json:"name"`
	Typing  bool   `json:"typing"`
	Note    bool   `json:"note"` // typing an internal note, not a reply
	// Customer: the ticket's customer, typing in the chat widget.
	Customer bool `json:"customer,omitempty"`
}

// Announce tells every node that page (agent agentID, name) has ticketID
// open.
func (l *Live) Announce(ticketID int64, page string, agentID int64, name string) error {
	return l.signal(ticketID, presenceSignal{Page: page, AgentID: agentID, Name: name})
}

// Typing tells every node that the agent of page is typing on ticketID: a
// reply, or an internal note when note is set.
func (l *Live) Typing(ticketID int64, page string, agentID int64, name string, note bool) error {
	return l.signal(ticketID, presenceSignal{Page: page, AgentID: agentID, Name: name, Typing: true, Note: note})
}

// Leave tells every node that page closed.
func (l *Live) Leave(ticketID int64, page string, agentID int64) error {
	return l.signal(ticketID, presenceSignal{Page: page, AgentID: agentID, Left: true})
}

func (l *Live) signal(ticketID int64, p presenceSignal) error {
	return l.bus.Signal(presenceSubject+"."+strconv.FormatInt(ticketID, 10), p)
}

func (l *Live) onPresence(subject string, data []byte) {
	id, err := strconv.ParseInt(strings.TrimPrefix(subject, presenceSubject+"."), 10, 64)
	var p presenceSignal
	if err != nil || id <= 0 || json.Unmarshal(data, &p) != nil || p.Page == "" || p.AgentID <= 0 {
		l.log.Debug("live workspace: bad presence signal dropped", "subject", subject)
		return
	}
	if !l.board.apply(id, p, l.clock()) {
		return
	}
	l.pokePresence(id)
}

// pokePresence tells this node's pages of ticket id that who is there changed.
func (l *Live) pokePresence(id int64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for w := range l.byTicket[id] {
		poke(w.presence)
	}
}

// Present lists the agents other than self with ticketID open (on any
// node), by name, each once, typing if on any of their pages.
func (l *Live) Present(ticketID, self int64) []Viewer {
	return l.board.list(ticketID, self, l.clock())
}

type presenceEntry struct {
	agentID     int64
	name        string
	seenUntil   time.Time
	typingUntil time.Time
	note        bool // what is being typed is an internal note
}

// presenceBoard is this node's picture of who has which ticket open.
type presenceBoard struct {
	mu        sync.Mutex
	tickets   map[int64]map[string]*presenceEntry // ticket → page → entry
	customer  map[int64]time.Time                 // ticket → until when its customer types
	lastSweep time.Time
}

func newPresenceBoard() *presenceBoard {
	return &presenceBoard{tickets: map[int64]map[string]*presenceEntry{}, customer: map[int64]time.Time{}}
}

// apply records one signal and reports whether the board changed in a way
// a page would show.
func (b *presenceBoard) apply(ticketID int64, p presenceSignal, now time.Time) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if now.Sub(b.lastSweep) > presenceTTL {
		b.sweep(now)
	}
	pages := b.tickets[ticketID]
	if p.Left {
		if _, ok := pages[p.Page]; !ok {
			return false
		}
		delete(pages, p.Page)
		if len(pages) == 0 {
			delete(b.tickets, ticketID)
		}
		return true
	}
	if pages == nil {
		pages = map[string]*presenceEntry{}
		b.tickets[ticketID] = pages
	}
	e, known := pages[p.Page]
	if !known {
		if len(pages) >= maxPagesPerTicket {
			return false
		}
		e = &presenceEntry{}
		pages[p.Page] = e
	}
	wasTyping := e.typingUntil.After(now)
	e.agentID, e.name, e.seenUntil = p.AgentID, p.Name, now.Add(presenceTTL)
	wasNote := e.note
	if p.Typing {
		e.typingUntil, e.note = now.Add(typingTTL), p.Note
	}
	return !known || wasTyping != e.typingUntil.After(now) || (p.Typing && wasNote != e.note)
}

// maxPagesPerTicket bounds the board against a flood of made-up pages.
const maxPagesPerTicket = 200

// sweep drops expired pages of every ticket: list drops them only for the
// ticket it lists, and a ticket nobody opens again is never listed.
func (b *presenceBoard) sweep(now time.Time) {
	for id, pages := range b.tickets {
		for page, e := range pages {
			if !e.seenUntil.After(now) {
				delete(pages, page)
			}
		}
		if len(pages) == 0 {
			delete(b.tickets, id)
		}
	}
	for id, until := range b.customer {
		if !until.After(now) {
			delete(b.customer, id)
		}
	}
	b.lastSweep = now
}

func (b *presenceBoard) list(ticketID, self int64, now time.Time) []Viewer {
	b.mu.Lock()
	defer b.mu.Unlock()
	byAgent := map[int64]*Viewer{}
	var order []int64
	for page, e := range b.tickets[ticketID] {
		if !e.seenUntil.After(now) {
			delete(b.tickets[ticketID], page)
			continue
		}
		if e.agentID == self {
			continue
		}
		v, ok := byAgent[e.agentID]
		if !ok {
			v = &Viewer{AgentID: e.agentID, Name: e.name}
			byAgent[e.agentID] = v
			order = append(order, e.agentID)
		}
		if e.typingUntil.After(now) {
			v.Note = (!v.Typing || v.Note) && e.note // a reply on any page wins
			v.Typing = true
		}
	}
	out := make([]Viewer, 0, len(order)+1)
	if c, ok := b.customerViewer(ticketID, now); ok {
		out = append(out, c)
	}
	slices.Sort(order)
	for _, id := range order {
		out = append(out, *byAgent[id])
	}
	return out
}

package workspace

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// The inbox's live counts. Each node subscribes once to the ticket events
// on the bus (every node gets every event). After a change (a burst counts
// once) the node reads one tally of all tickets by status, team and
// assignee, and wakes its open inboxes; each takes its own agent's counts
// from the tally, in memory, and pushes them as a server-sent event. So the
// database sees one query per change and node, however many agents watch.
// A wake-up carries nothing about the ticket, so no agent learns of
// tickets it may not see: the counts are the agent's own.

// liveTopics are the subjects whose events can change an inbox's counts.
var liveTopics = []string{"gc.ticket.>", "gc.message.>", "gc.note.>"}

// Timing: a change is counted after settle (so a burst is counted once),
// at most once per minGap, and a comment every heartbeat keeps proxies from
// closing an idle stream and checks the session.
const (
	settle    = 150 * time.Millisecond
	minGap    = time.Second
	heartbeat = 25 * time.Second
)

// hub wakes the open live streams of this node.
type hub struct {
	mu      sync.Mutex
	streams map[chan struct{}]struct{}
	tally   ticket.InboxTally // the latest count, for the woken streams
	changed chan struct{}     // the bus's signal to recount (one pending at most)
	once    sync.Once
	closed  chan struct{} // closed by CloseLive
}

func (h *hub) done() <-chan struct{} {
	h.once.Do(func() { h.closed = make(chan struct{}) })
	return h.closed
}

func (h *hub) join() chan struct{} {
	ch := make(chan struct{}, 1)
	h.mu.Lock()
	if h.streams == nil {
		h.streams = map[chan struct{}]struct{}{}
	}
	h.streams[ch] = struct{}{}
	h.mu.Unlock()
	return ch
}

func (h *hub) leave(ch chan struct{}) {
	h.mu.Lock()
	delete(h.streams, ch)
	h.mu.Unlock()
}

// wake tells every stream something changed; a stream already told and
// not yet done keeps its one pending wake-up.
func (h *hub) wake() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.streams {
		select {
		case ch <- struct{}{}:
		default:
		}
	}
}

// CloseLive ends the open live streams, so that a graceful shutdown need
// not wait for the browsers to hang up (they reconnect to another node).
func (ws *Workspace) CloseLive() {
	done := ws.hub.done()
	ws.hub.mu.Lock()
	defer ws.hub.mu.Unlock()
	select {
	case <-done:
	default:
		close(ws.hub.closed)
	}
}

// StartLive subscribes this node to the events that change inbox counts,
// until ctx ends.
func (ws *Workspace) StartLive(ctx context.Context) error {
	if ws.Events == nil {
		return nil
	}
	changed, err := ws.wakeOn(ctx, liveTopics)
	if err != nil {
		return fmt.Errorf("workspace live counts: %w", err)
	}
	ws.hub.changed = changed
	go ws.recount(ctx)
	return nil
}

// wakeOn subscribes to topics; the channel it returns holds one wake-up
// however many events arrive before it is read.
func (ws *Workspace) wakeOn(ctx context.Context, topics []string) (chan struct{}, error) {
	changed := make(chan struct{}, 1)
	for _, topic := range topics {
		err := ws.Events.Subscribe(ctx, topic, func(store.Event) {
			select {
			case changed <- struct{}{}:
			default:
			}
		})
		if err != nil {
			return nil, err
		}
	}
	return changed, nil
}

// recount tallies the tickets after each change, at most once per minGap,
// and wakes the streams.
func (ws *Workspace) recount(ctx context.Context) {
	var last time.Time
	for {
		select {
		case <-ctx.Done():
			return
		case <-ws.hub.changed:
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(max(settle, minGap-time.Since(last))):
		}
		select { // what came during the wait is in this count
		case <-ws.hub.changed:
		default:
		}
		last = time.Now()
		t, err := ws.Tickets.InboxTally(ctx)
		if err != nil {
			ws.Log.Warn("inbox live counts: tally", "err", err)
			continue
		}
		ws.hub.mu.Lock()
		ws.hub.tally = t
		ws.hub.mu.Unlock()
		ws.hub.wake()
	}
}

// latest is the tally the last recount read.
func (h *hub) latest() ticket.InboxTally {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.tally
}

// inboxLive: GET /inbox/live, a text/event-stream of "counts" events: the
// agent's counts at once, then again whenever tickets change. The browser's
// EventSource reconnects by itself and gets the counts afresh.
func (ws *Workspace) inboxLive(w http.ResponseWriter, r *http.Request) {
	s, err := newSSE(w)
	if err != nil {
		return
	}
	ch := ws.hub.join()
	defer ws.hub.leave(ch)
	v := ws.ViewerOf(r)
	push := func(struct{}) error { // after a recount: this agent's share of the tally
		c := ws.hub.latest().For(v)
		if ws.Mentions != nil {
			ids, err := ws.Mentions(r.Context(), v)
			if err != nil {
				return err
			}
			c.Mentions = len(ids)
		}
		return s.send("counts", "", c)
	}
	first, err := ws.counts(r.Context(), v)
	if err == nil {
		err = s.send("counts", "", first)
	}
	if err != nil {
		ws.Log.Debug("inbox live: first push", "err", err)
		return
	}
	if err := pumpStream(ws, r, s, ch, push); err != nil {
		ws.Log.Debug("inbox live: push", "err", err)
	}
}

// pumpStream keeps a live stream open until the request, the server or the
// agent's session ends: a ping on each heartbeat, and on(v) for each value
// from ch. It returns on's error, if one ended it.
func pumpStream[T any](ws *Workspace, r *http.Request, s *sse, ch <-chan T, on func(T) error) error {
	beat := time.NewTicker(heartbeat)
	defer beat.Stop()
	closing := ws.hub.done()
	for {
		select {
		case <-r.Context().Done():
			return nil
		case <-closing:
			return nil
		case <-beat.C:
			if _, err := ws.Sessions.Authenticate(r); err != nil {
				return nil // signed out or expired: the page's next load goes to sign-in
			}
			if s.comment("ping") != nil {
				return nil
			}
		case v := <-ch:
			if err := on(v); err != nil {
				return err
			}
		}
	}
}

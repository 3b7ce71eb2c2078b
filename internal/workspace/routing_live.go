package workspace

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/routing"
)

// RoutingSignals subscribes to bus signals (bus.Bus.OnSignal).
type RoutingSignals func(ctx context.Context, filter string, h func(subject string, data []byte)) error

// routingHub is this node's open /live/routing streams by agent. Routing
// signals "routing.agent.<id>" on every node when an agent's offers or
// availability change; the node holding that agent's pages pushes.
type routingHub struct {
	mu      sync.Mutex
	streams map[int64]map[chan struct{}]bool
	alerts  map[chan []byte]bool // the streams of agents who manage queues
}

func (h *routingHub) join(agent int64) chan struct{} {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.streams == nil {
		h.streams = map[int64]map[chan struct{}]bool{}
	}
	if h.streams[agent] == nil {
		h.streams[agent] = map[chan struct{}]bool{}
	}
	ch := make(chan struct{}, 1)
	h.streams[agent][ch] = true
	return ch
}

// joinAlerts adds a supervisor's stream to the routing alerts.
func (h *routingHub) joinAlerts() chan []byte {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.alerts == nil {
		h.alerts = map[chan []byte]bool{}
	}
	ch := make(chan []byte, 8)
	h.alerts[ch] = true
	return ch
}

func (h *routingHub) leaveAlerts(ch chan []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.alerts, ch)
}

func (h *routingHub) alert(data []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.alerts {
		select {
		case ch <- data:
		default: // a slow page misses one; the queue list still shows it
		}
	}
}

func (h *routingHub) leave(agent int64, ch chan struct{}) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.streams[agent], ch)
	if len(h.streams[agent]) == 0 {
		delete(h.streams, agent)
	}
}

func (h *routingHub) poke(agent int64) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.streams[agent] {
		select {
		case ch <- struct{}{}:
		default:
		}
	}
}

// StartRouting listens for routing's signals until ctx ends.
func (ws *Workspace) StartRouting(ctx context.Context, on RoutingSignals) error {
	if err := on(ctx, routing.AlertSignal, func(_ string, data []byte) {
		var a routing.Alert
		if json.Unmarshal(data, &a) == nil { // only well-formed alerts reach pages
			ws.routingHub.alert(data)
		}
	}); err != nil {
		return err
	}
	return on(ctx, "routing.agent.*", func(subject string, _ []byte) {
		id, err := strconv.ParseInt(strings.TrimPrefix(subject, "routing.agent."), 10, 64)
		if err == nil {
			ws.routingHub.poke(id)
		}
	})
}

// liveRouting: GET /live/routing, the agent's availability, load and
// offers as "me" events, again whenever they change. While it is open the
// agent counts as present; when their last one closes, on every node,
// routing sets them away.
func (ws *Workspace) liveRouting(w http.ResponseWriter, r *http.Request) {
	agent := principal(r).Agent.ID
	ctx := r.Context()
	s, err := newSSE(w)
	if err != nil {
		return
	}
	ch := ws.routingHub.join(agent)
	defer ws.routingHub.leave(agent, ch)
	var alerts chan []byte // nil (never ready) for agents who do not manage queues
	if principal(r).Can(auth.PermTeamManage) {
		alerts = ws.routingHub.joinAlerts()
		defer ws.routingHub.leaveAlerts(alerts)
	}
	if err := ws.Routing.Connected(ctx, agent); err != nil {
		ws.Log.Warn("live routing: connected", "agent", agent, "err", err)
	}
	defer func() {
		if err := ws.Routing.Disconnected(context.WithoutCancel(ctx), agent); err != nil {
			ws.Log.Warn("live routing: disconnected", "agent", agent, "err", err)
		}
	}()
	push := func() error {
		p, err := ws.Routing.Profile(ctx, agent)
		if err != nil {
			return err
		}
		offers, err := ws.Routing.Offers(ctx, agent)
		if err != nil {
			return err
		}
		return s.send("me", "", routing.Me{Profile: p, Offers: offers})
	}
	if err := push(); err != nil {
		return
	}
	beat := time.NewTicker(heartbeat)
	defer beat.Stop()
	closing := ws.hub.done() // the server is shutting down
	for {
		select {
		case <-ctx.Done():
			return
		case <-closing:
			return
		case <-beat.C:
			if _, err := ws.Sessions.Authenticate(r); err != nil {
				return
			}
			// Offers expire by time as well as by signal: push on the beat too.
			if err := push(); err != nil {
				return
			}
		case <-ch:
			if err := push(); err != nil {
				return
			}
		case data := <-alerts:
			if s.send("alert", "", json.RawMessage(data)) != nil {
				return
			}
		}
	}
}

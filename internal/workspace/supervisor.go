package workspace

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/routing"
	"github.com/groundcrew/groundcrew/internal/web"
	"github.com/groundcrew/groundcrew/internal/workforce"
)

// The supervisor view (/supervisor): queues, agents and SLA risk, live
// over server-sent events fed by the bus (like the inbox's counts: each
// node takes one snapshot per burst of changes and pushes it to its open
// views), with the surge switch, breathing-room length and moving agents
// between queues. The shifts, coverage and manager-rota page and the
// workload page are in workforce_pages.go.

// Workforce is the workforce service (workforce.Service).
type Workforce interface {
	Snapshot(ctx context.Context) (workforce.Snapshot, error)
	Settings(ctx context.Context) (workforce.Settings, error)
	SetSurge(ctx context.Context, on bool, by int64) (int, error)
	SetBreathingMinutes(ctx context.Context, minutes int) error
	MoveAgent(ctx context.Context, agentID, from, to int64) (routing.Profile, error)
	FlagTicket(ctx context.Context, id int64, kind string, by *int64) (workforce.Flag, error)
	Flags(ctx context.Context, id int64) ([]workforce.Flag, error)
	Shifts(ctx context.Context, from, to time.Time, team, agent int64) ([]workforce.Shift, error)
	AddShift(ctx context.Context, sh workforce.Shift, by int64) (workforce.Shift, error)
	RemoveShift(ctx context.Context, id int64) error
	Coverage(ctx context.Context, week time.Time) ([]workforce.Coverage, error)
	ManagerRota(ctx context.Context, at time.Time) ([]workforce.ManagerDuty, error)
	Workload(ctx context.Context, agentID int64) (workforce.Workload, error)
	AlertsFor(ctx context.Context, agent auth.Agent, limit int) ([]workforce.Alert, error)
	Now() time.Time
}

func init() {
	pageNames = append(pageNames, "supervisor", "shifts", "workload", "alerts")
	labelFuncs["seconds64"] = humanSeconds
	notices["surge-on"] = "Surge is on: Tier 1 agents take every product in their languages, and waiting chat customers were told the wait."
	notices["surge-off"] = "Surge is off: routing uses each agent's product areas again."
	notices["breathing"] = "Breathing room is saved."
	notices["moved"] = "The agent is moved; their skills changed and waiting chats are offered again."
	notices["flagged"] = "The conversation is flagged. You get a few minutes without new chats."
	notices["shift"] = "The shift is added."
	notices["shift-off"] = "The shift is removed."
	adminLinks = append(adminLinks,
		adminLink{"/supervisor", "Supervisor", auth.PermTeamManage, false},
		adminLink{"/workforce/shifts", "Shifts and rota", auth.PermTeamRead, false},
		adminLink{"/workforce/me", "My workload", auth.PermSelf, false},
		adminLink{"/workforce/alerts", "My alerts", auth.PermSelf, false})
}

// supervisorTopics are the events that change the view.
var supervisorTopics = []string{"gc.ticket.>", "gc.routing.>", "gc.sla.>", "gc.workforce.>"}

// superHub is the supervisor view's live fan-out on this node.
type superHub struct {
	mu      sync.Mutex
	streams map[chan []byte]struct{}
	latest  []byte
	changed chan struct{}
}

func (h *superHub) join() chan []byte {
	ch := make(chan []byte, 1)
	h.mu.Lock()
	if h.streams == nil {
		h.streams = map[chan []byte]struct{}{}
	}
	h.streams[ch] = struct{}{}
	h.mu.Unlock()
	return ch
}

func (h *superHub) leave(ch chan []byte) {
	h.mu.Lock()
	delete(h.streams, ch)
	h.mu.Unlock()
}

// publish hands the snapshot to every stream, replacing one not yet sent.
func (h *superHub) publish(body []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.latest = body
	for ch := range h.streams {
		select {
		case <-ch:
		default:
		}
		ch <- body
	}
}

func (h *superHub) watching() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.streams) > 0
}

// superRefresh re-reads the view this often even without events, so the
// oldest-waiting ages move; superGap is the least time between two reads,
// since a snapshot counts every open ticket by queue (under a spike the
// view moves every two seconds, not with every event).
const (
	superRefresh = 15 * time.Second
	superGap     = 2 * time.Second
)

// StartSupervisor subscribes this node to the events that change the
// supervisor view, until ctx ends.
func (ws *Workspace) StartSupervisor(ctx context.Context) error {
	if ws.Events == nil || ws.Workforce == nil {
		return nil
	}
	changed, err := ws.wakeOn(ctx, supervisorTopics)
	if err != nil {
		return fmt.Errorf("supervisor view: %w", err)
	}
	ws.super.changed = changed
	go ws.resnapshot(ctx)
	return nil
}

// resnapshot reads one snapshot per burst of changes (at most one per
// minGap) while someone watches, and pushes it.
func (ws *Workspace) resnapshot(ctx context.Context) {
	tick := time.NewTicker(superRefresh)
	defer tick.Stop()
	var last time.Time
	for {
		select {
		case <-ctx.Done():
			return
		case <-ws.super.changed:
		case <-tick.C:
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(max(settle, superGap-time.Since(last))):
		}
		select {
		case <-ws.super.changed:
		default:
		}
		if !ws.super.watching() {
			continue
		}
		last = time.Now()
		body, err := ws.snapshotJSON(ctx)
		if err != nil {
			ws.Log.Warn("supervisor view: snapshot", "err", err)
			continue
		}
		ws.super.publish(body)
	}
}

func (ws *Workspace) snapshotJSON(ctx context.Context) ([]byte, error) {
	snap, err := ws.Workforce.Snapshot(ctx)
	if err != nil {
		return nil, err
	}
	return json.Marshal(snap)
}

// supervisorLive: GET /supervisor/live, the snapshot as "snapshot" events.
func (ws *Workspace) supervisorLive(w http.ResponseWriter, r *http.Request) {
	s, err := newSSE(w)
	if err != nil {
		return
	}
	ch := ws.super.join()
	defer ws.super.leave(ch)
	send := func(body []byte) error { return s.send("snapshot", "", json.RawMessage(body)) }
	first, err := ws.snapshotJSON(r.Context())
	if err == nil {
		err = send(first)
	}
	if err != nil {
		ws.Log.Debug("supervisor live: first push", "err", err)
		return
	}
	_ = pumpStream(ws, r, s, ch, send)
}

// supervisor: GET /supervisor.
func (ws *Workspace) supervisor(w http.ResponseWriter, r *http.Request) {
	data := adminPage(r, "Supervisor", "/supervisor")
	ws.renderSupervisor(w, r, http.StatusOK, data)
}

func (ws *Workspace) renderSupervisor(w http.ResponseWriter, r *http.Request, status int, data map[string]any) {
	snap, err := ws.Workforce.Snapshot(r.Context())
	if err != nil {
		status = ws.failed(data, err)
	}
	names := map[int64]string{}
	for _, q := range snap.Queues {
		names[q.ID] = q.Name
	}
	data["Snap"], data["QueueNames"], data["Scripts"] = snap, names, []string{"supervisor.js"}
	if ws.Admin.Status != nil {
		// The tickets each open incident brought (incident mode).
		if open, err := ws.Admin.Status.List(r.Context(), 0); err == nil {
			data["Incidents"] = open
		}
	}
	ws.render(w, status, "supervisor", data)
}

// supervisorSettings: POST /supervisor/settings, the surge switch
// (surge=on|off) or the breathing-room minutes.
func (ws *Workspace) supervisorSettings(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	var err error
	what := "breathing"
	switch r.PostFormValue("surge") {
	case "on", "off":
		on := r.PostFormValue("surge") == "on"
		_, err = ws.Workforce.SetSurge(r.Context(), on, principal(r).Agent.ID)
		what = "surge-" + r.PostFormValue("surge")
	case "":
		m, perr := strconv.Atoi(r.PostFormValue("breathing_minutes"))
		if perr != nil {
			err = errs.Field("breathing_minutes", "breathing room is a number of minutes")
		} else {
			err = ws.Workforce.SetBreathingMinutes(r.Context(), m)
		}
	default:
		err = errs.Field("surge", "surge is on or off")
	}
	if err != nil {
		data := adminPage(r, "Supervisor", "/supervisor")
		ws.renderSupervisor(w, r, ws.failed(data, err, "breathing_minutes", "surge"), data)
		return
	}
	done(w, r, "/supervisor", what)
}

// supervisorMove: POST /supervisor/move, an agent from one queue to another.
func (ws *Workspace) supervisorMove(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	agent, err := strconv.ParseInt(r.PostFormValue("agent_id"), 10, 64)
	from, _ := strconv.ParseInt(r.PostFormValue("from_queue_id"), 10, 64)
	to, _ := strconv.ParseInt(r.PostFormValue("to_queue_id"), 10, 64)
	if err != nil {
		err = errs.Field("agent_id", "choose an agent")
	} else {
		_, err = ws.Workforce.MoveAgent(r.Context(), agent, from, to)
	}
	if err != nil {
		data := adminPage(r, "Supervisor", "/supervisor")
		ws.renderSupervisor(w, r, ws.failed(data, err), data)
		return
	}
	done(w, r, "/supervisor", "moved")
}

// flagTicket: POST /tickets/{id}/flag, the agent flags the conversation
// abusive or distressing and gets breathing room.
func (ws *Workspace) flagTicket(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err == nil {
		_, err = ws.Tickets.Get(r.Context(), ws.ViewerOf(r), id) // may see it
	}
	if err == nil {
		by := principal(r).Agent.ID
		_, err = ws.Workforce.FlagTicket(r.Context(), id, r.PostFormValue("kind"), &by)
	}
	if errs.KindOf(err) == errs.Invalid && id > 0 {
		// A crafted kind: back to the ticket, which says what to choose.
		http.Redirect(w, r, fmt.Sprintf("/tickets/%d?done=flag-refused", id), http.StatusSeeOther)
		return
	}
	if err != nil {
		web.WriteError(w, r, ws.Log, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/tickets/%d?done=flagged", id), http.StatusSeeOther)
}

package routing

import (
	"context"
	"net/http"
	"strconv"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

// HTTP serves routing's API.
type HTTP struct {
	Service  *Service
	ViewerOf func(r *http.Request) ticket.Viewer
	// Visible checks that the viewer may see ticket id (ticket.Store.Visible).
	Visible func(ctx context.Context, v ticket.Viewer, id int64) (ticket.Ticket, error)
}

const maxRoutingBody = 16 << 10

func agentOf(r *http.Request) int64 {
	p, _ := auth.PrincipalFrom(r.Context())
	return p.Agent.ID
}

// QueueView is a queue with its stats.
type QueueView struct {
	Queue
	QueueStat
}

// HandleListQueues: GET /api/v1/queues.
func (h *HTTP) HandleListQueues(w http.ResponseWriter, r *http.Request) error {
	qs, err := h.Service.Queues(r.Context())
	if err != nil {
		return err
	}
	stats, err := h.Service.QueueStats(r.Context())
	if err != nil {
		return err
	}
	out := make([]QueueView, len(qs))
	for i, q := range qs {
		out[i] = QueueView{Queue: q, QueueStat: stats[q.ID]}
	}
	return web.JSON(w, http.StatusOK, web.List[QueueView]{Items: out})
}

// HandleCreateQueue: POST /api/v1/queues.
func (h *HTTP) HandleCreateQueue(w http.ResponseWriter, r *http.Request) error {
	var in QueueInput
	if _, err := web.Decode(r, maxRoutingBody, &in); err != nil {
		return err
	}
	q, err := h.Service.SaveQueue(r.Context(), agentOf(r), 0, in)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusCreated, q)
}

// HandleUpdateQueue: PUT /api/v1/queues/{id}.
func (h *HTTP) HandleUpdateQueue(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	var in QueueInput
	if _, err := web.Decode(r, maxRoutingBody, &in); err != nil {
		return err
	}
	q, err := h.Service.SaveQueue(r.Context(), agentOf(r), id, in)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, q)
}

// HandleRemoveQueue: DELETE /api/v1/queues/{id}.
func (h *HTTP) HandleRemoveQueue(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	if err := h.Service.RemoveQueue(r.Context(), agentOf(r), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// HandleDryRun: POST /api/v1/queues/dry-run, with an optional queue to try.
func (h *HTTP) HandleDryRun(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Try   *QueueInput `json:"try"`
		Limit int         `json:"limit"`
	}
	if _, err := web.Decode(r, maxRoutingBody, &in); err != nil {
		return err
	}
	rows, err := h.Service.DryRun(r.Context(), in.Try, in.Limit)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, web.List[DryRow]{Items: rows})
}

// HandleListProfiles: GET /api/v1/routing/agents.
func (h *HTTP) HandleListProfiles(w http.ResponseWriter, r *http.Request) error {
	ps, err := h.Service.Profiles(r.Context())
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, web.List[Profile]{Items: ps})
}

// HandleSetSkills: PUT /api/v1/routing/agents/{id}.
func (h *HTTP) HandleSetSkills(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	var in Skills
	if _, err := web.Decode(r, maxRoutingBody, &in); err != nil {
		return err
	}
	p, err := h.Service.SetSkills(r.Context(), id, in)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, p)
}

// Me is the signed-in agent's routing state: availability, load, offers.
type Me struct {
	Profile
	Offers []Offer `json:"offers"`
}

// HandleMe: GET /api/v1/me/routing.
func (h *HTTP) HandleMe(w http.ResponseWriter, r *http.Request) error {
	p, err := h.Service.Profile(r.Context(), agentOf(r))
	if err != nil {
		return err
	}
	offers, err := h.Service.Offers(r.Context(), p.AgentID)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, Me{Profile: p, Offers: offers})
}

// HandleSetAvailability: PUT /api/v1/me/availability {"availability": "online"}.
func (h *HTTP) HandleSetAvailability(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Availability Availability `json:"availability"`
	}
	if _, err := web.Decode(r, maxRoutingBody, &in); err != nil {
		return err
	}
	if err := h.Service.SetAvailability(r.Context(), agentOf(r), in.Availability); err != nil {
		return err
	}
	return h.HandleMe(w, r)
}

// HandleAccept: POST /api/v1/offers/{id}/accept ({id} is the ticket).
func (h *HTTP) HandleAccept(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	if err := h.Service.Accept(r.Context(), agentOf(r), id); err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, map[string]int64{"ticket_id": id})
}

// HandleDecline: POST /api/v1/offers/{id}/decline.
func (h *HTTP) HandleDecline(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	if err := h.Service.Decline(r.Context(), agentOf(r), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// HandleNext: POST /api/v1/me/next-ticket.
func (h *HTTP) HandleNext(w http.ResponseWriter, r *http.Request) error {
	id, err := h.Service.Next(r.Context(), agentOf(r))
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/tickets/"+strconv.FormatInt(id, 10))
	return web.JSON(w, http.StatusOK, map[string]int64{"ticket_id": id})
}

// HandleTicketRoute: GET /api/v1/tickets/{id}/route.
func (h *HTTP) HandleTicketRoute(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	if _, err := h.Visible(r.Context(), h.ViewerOf(r), id); err != nil {
		return err
	}
	tr, err := h.Service.TicketRoute(r.Context(), id)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, tr)
}

// HandleEscalate: POST /api/v1/tickets/{id}/escalations (and its earlier
// name .../handoffs): escalate or de-escalate to a tier, the specialists
// or a team, with a reason and, moving up, a hand-off summary.
func (h *HTTP) HandleEscalate(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	var in Escalation
	if _, err := web.Decode(r, maxRoutingBody, &in); err != nil {
		return err
	}
	e, err := h.Service.Escalate(r.Context(), h.ViewerOf(r), id, in)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusCreated, e)
}

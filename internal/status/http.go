package status

import (
	"context"
	"net/http"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

// HTTP is the operators' JSON API (/api/v1/status/...); server wires the
// permissions (reading: ticket.read; changing: status.manage).
type HTTP struct {
	Status   *Service
	AuthorOf func(r *http.Request) string // the operator, for updates and the audit
}

// MaxRequest bounds a request body: 17 titles and 17 bodies.
const MaxRequest = 256 << 10

// HandleList: GET /api/v1/status/incidents, unresolved ones and the 50
// newest resolved, each with how many tickets it brought.
func (h *HTTP) HandleList(w http.ResponseWriter, r *http.Request) error {
	list, err := h.Status.List(r.Context(), 50)
	if err != nil {
		return err
	}
	if list == nil {
		list = []Incident{}
	}
	return web.JSON(w, http.StatusOK, map[string]any{"incidents": list, "components": h.Status.Current(r.Context()).Components})
}

// HandleOpen: POST /api/v1/status/incidents opens an incident or schedules
// maintenance.
func (h *HTTP) HandleOpen(w http.ResponseWriter, r *http.Request) error {
	var in NewIncident
	if _, err := web.Decode(r, MaxRequest, &in); err != nil {
		return err
	}
	in.Author = h.AuthorOf(r)
	got, err := h.Status.Open(r.Context(), in)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusCreated, got)
}

// HandleUpdate: POST /api/v1/status/incidents/{id}/updates.
func (h *HTTP) HandleUpdate(w http.ResponseWriter, r *http.Request) error {
	return h.withUpdate(w, r, h.Status.PostUpdate)
}

// HandleResolve: POST /api/v1/status/incidents/{id}/resolve, with the
// closing update; linked customers are told.
func (h *HTTP) HandleResolve(w http.ResponseWriter, r *http.Request) error {
	return h.withUpdate(w, r, h.Status.Resolve)
}

func (h *HTTP) withUpdate(w http.ResponseWriter, r *http.Request, do func(ctx context.Context, id int64, u NewUpdate) (Incident, error)) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	var u NewUpdate
	if _, err := web.Decode(r, MaxRequest, &u); err != nil {
		return err
	}
	u.Author = h.AuthorOf(r)
	got, err := do(r.Context(), id, u)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, got)
}

// bulkRequest sets the status of every ticket an incident brought.
type bulkRequest struct {
	Status ticket.Status `json:"status"`
}

// HandleBulkStatus: POST /api/v1/status/incidents/{id}/tickets/status.
func (h *HTTP) HandleBulkStatus(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	var in bulkRequest
	if _, err := web.Decode(r, 4096, &in); err != nil {
		return err
	}
	if in.Status == "" {
		return errs.Field("status", "status is required")
	}
	n, err := h.Status.BulkStatus(r.Context(), id, in.Status, h.AuthorOf(r))
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, map[string]any{"changed": n})
}

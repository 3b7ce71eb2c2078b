package webhook

import (
	"net/http"
	"strconv"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/web"
)

// HTTP is the admin JSON API (/api/v1/webhooks...); server mounts it with
// the permission webhook.manage on every route.
type HTTP struct{ Service *Service }

// HandleList: GET /api/v1/webhooks.
func (h *HTTP) HandleList(w http.ResponseWriter, r *http.Request) error {
	subs, err := h.Service.List(r.Context())
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, map[string]any{"webhooks": subs})
}

// HandleEventTypes: GET /api/v1/webhooks/event-types.
func (h *HTTP) HandleEventTypes(w http.ResponseWriter, r *http.Request) error {
	return web.JSON(w, http.StatusOK, map[string]any{"event_types": h.Service.Catalogue().Types()})
}

// HandleCreate: POST /api/v1/webhooks; the answer holds the secret, this once.
func (h *HTTP) HandleCreate(w http.ResponseWriter, r *http.Request) error {
	in, err := h.input(r, true)
	if err != nil {
		return err
	}
	c, err := h.Service.Create(r.Context(), in, actor(r))
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusCreated, c)
}

// HandleGet: GET /api/v1/webhooks/{id}.
func (h *HTTP) HandleGet(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	sub, err := h.Service.Get(r.Context(), id)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, sub)
}

// HandleUpdate: PATCH /api/v1/webhooks/{id}; "active": true switches a
// subscription back on after it was switched off.
func (h *HTTP) HandleUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	in, err := h.input(r, false)
	if err != nil {
		return err
	}
	sub, err := h.Service.Update(r.Context(), id, in)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, sub)
}

// HandleDelete: DELETE /api/v1/webhooks/{id}.
func (h *HTTP) HandleDelete(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	if err := h.Service.Delete(r.Context(), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// HandleRotateSecret: POST /api/v1/webhooks/{id}/secret gives the
// subscription a new secret, returned this once.
func (h *HTTP) HandleRotateSecret(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	secret, err := h.Service.RotateSecret(r.Context(), id)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, map[string]string{"secret": secret})
}

// HandleDeliveries: GET /api/v1/webhooks/{id}/deliveries?before=&limit=,
// the delivery log newest first.
func (h *HTTP) HandleDeliveries(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	before, err := queryInt(r, "before", 0)
	if err != nil {
		return err
	}
	limit, err := queryInt(r, "limit", 50)
	if err != nil {
		return err
	}
	if limit < 1 || limit > MaxLog {
		return errs.E(errs.Invalid, "limit: 1 to %d", MaxLog)
	}
	log, err := h.Service.Deliveries(r.Context(), id, before, int(limit))
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, map[string]any{"deliveries": log})
}

// HandleResend: POST /api/v1/webhooks/{id}/deliveries/{delivery}/resend.
func (h *HTTP) HandleResend(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	did, err := web.PathID(r, "delivery")
	if err != nil {
		return err
	}
	d, err := h.Service.Resend(r.Context(), id, did)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusCreated, d)
}

func (h *HTTP) input(r *http.Request, create bool) (Input, error) {
	body, err := web.ReadBody(r, MaxInput)
	if err != nil {
		return Input{}, err
	}
	return ParseInput(body, create, h.Service.Catalogue().Offered, h.Service.Policy())
}

func queryInt(r *http.Request, name string, def int64) (int64, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return 0, errs.E(errs.Invalid, "%s: a whole number", name)
	}
	return n, nil
}

// actor names the admin for created_by.
func actor(r *http.Request) string {
	if p, ok := auth.PrincipalFrom(r.Context()); ok {
		return p.Agent.Email
	}
	return ""
}

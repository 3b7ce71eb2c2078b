package account

import (
	"net/http"

	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

// HTTP serves the account routes under /api/v1/tickets/{id}. ViewerOf tells
// who is asking; the server builds it from the authenticated principal.
type HTTP struct {
	Service  *Service
	ViewerOf func(r *http.Request) ticket.Viewer
}

// HandleVerification: GET /api/v1/tickets/{id}/verification.
func (h *HTTP) HandleVerification(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	lv, err := h.Service.Verification(r.Context(), h.ViewerOf(r), id)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, lv)
}

// HandleAccount: GET /api/v1/tickets/{id}/account.
func (h *HTTP) HandleAccount(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	a, err := h.Service.Account(r.Context(), h.ViewerOf(r), id)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, a)
}

// HandleStepUp: POST /api/v1/tickets/{id}/step-up.
func (h *HTTP) HandleStepUp(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	s, err := h.Service.RequestStepUp(r.Context(), h.ViewerOf(r), id)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusCreated, s)
}

// HandleAction: POST /api/v1/tickets/{id}/actions/{action}.
func (h *HTTP) HandleAction(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	res, err := h.Service.Act(r.Context(), h.ViewerOf(r), id, r.PathValue("action"))
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, res)
}

// RevealRequest is what revealing personal data takes.
type RevealRequest struct {
	Reason string `json:"reason"`
}

// HandleReveal: POST /api/v1/tickets/{id}/reveal.
func (h *HTTP) HandleReveal(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	var in RevealRequest
	if _, err := web.Decode(r, 16<<10, &in); err != nil {
		return err
	}
	out, err := h.Service.Reveal(r.Context(), h.ViewerOf(r), id, in.Reason)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, out)
}

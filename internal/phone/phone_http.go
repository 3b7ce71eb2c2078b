package phone

import (
	"net/http"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/web"
)

// HTTP is the phone API.
type HTTP struct {
	Service *Service
	Secret  func() []byte // the webhook's shared secret; empty: not configured
	Now     func() time.Time
	// CanSee is nil when the request's agent may see ticketID.
	CanSee  func(r *http.Request, ticketID int64) error
	AgentOf func(r *http.Request) int64
	// Identity checks an exchange-signed identity token and returns the user.
	Identity func(token string) (SignedUser, error)
}

// SignedUser is who an exchange-signed identity token names, with the
// phone number the exchange has on record for them ("" when the token
// carries none).
type SignedUser struct {
	ID     string
	Number string
}

// HandleEvent takes one signed call event from the provider.
func (h *HTTP) HandleEvent(w http.ResponseWriter, r *http.Request) error {
	body, err := web.ReadBody(r, MaxEvent)
	if err != nil {
		return err
	}
	if err := CheckSignature(h.Secret(), r.Header.Get(TimestampHeader), r.Header.Get(SignatureHeader), body, h.Now()); err != nil {
		return err
	}
	e, err := ParseEvent(body)
	if err != nil {
		return err
	}
	out, err := h.Service.HandleEvent(r.Context(), e)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, out)
}

// HandleRequestCallback is a customer's callback request (widget, help
// center). With an identity token the number is remembered as theirs.
func (h *HTTP) HandleRequestCallback(w http.ResponseWriter, r *http.Request) error {
	var in CallbackRequest
	if _, err := web.Decode(r, 16<<10, &in); err != nil {
		return err
	}
	if in.Identity != "" {
		if h.Identity == nil {
			return errs.Field("identity", "this server cannot check identity tokens")
		}
		user, err := h.Identity(in.Identity)
		if err != nil {
			return errs.Field("identity", "identity is not a valid identity token signed by the exchange")
		}
		in.ExternalID, in.VouchedNumber = user.ID, user.Number
	}
	cb, err := h.Service.RequestCallback(r.Context(), in)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusCreated, map[string]any{"id": cb.ID, "window_start": cb.WindowStart, "window_end": cb.WindowEnd, "status": cb.Status})
}

// HandleCallbacks lists the callbacks on tickets the agent may see.
func (h *HTTP) HandleCallbacks(w http.ResponseWriter, r *http.Request) error {
	cbs, err := h.VisibleCallbacks(r, r.URL.Query().Get("status"))
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, map[string]any{"callbacks": cbs})
}

// VisibleCallbacks is Callbacks filtered to what the request's agent may see.
func (h *HTTP) VisibleCallbacks(r *http.Request, status string) ([]Callback, error) {
	all, err := h.Service.Callbacks(r.Context(), status)
	if err != nil {
		return nil, err
	}
	out := all[:0]
	for _, c := range all {
		if err := h.CanSee(r, c.TicketID); err == nil {
			out = append(out, c)
		} else if !errs.Is(err, errs.NotFound) && !errs.Is(err, errs.Forbidden) {
			return nil, err
		}
	}
	return out, nil
}

func (h *HTTP) visible(r *http.Request) (int64, error) {
	id, err := web.PathID(r, "id")
	if err != nil {
		return 0, err
	}
	c, err := h.Service.Callback(r.Context(), id)
	if err != nil {
		return 0, err
	}
	if err := h.CanSee(r, c.TicketID); err != nil {
		return 0, errs.E(errs.NotFound, "no callback %d", id)
	}
	return id, nil
}

// HandleSetCallback marks a callback done, cancelled or scheduled again.
func (h *HTTP) HandleSetCallback(w http.ResponseWriter, r *http.Request) error {
	id, err := h.visible(r)
	if err != nil {
		return err
	}
	var in struct {
		Status string `json:"status"`
	}
	if _, err := web.Decode(r, 4<<10, &in); err != nil {
		return err
	}
	cb, err := h.Service.SetCallbackStatus(r.Context(), id, h.AgentOf(r), in.Status)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, cb)
}

// HandleReveal returns a callback's number, with the reason audited.
func (h *HTTP) HandleReveal(w http.ResponseWriter, r *http.Request) error {
	id, err := h.visible(r)
	if err != nil {
		return err
	}
	var in struct {
		Reason string `json:"reason"`
	}
	if _, err := web.Decode(r, 4<<10, &in); err != nil {
		return err
	}
	n, err := h.Service.RevealNumber(r.Context(), id, h.AgentOf(r), in.Reason)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, map[string]string{"number": n})
}

// HandleCalls is a ticket's call log.
func (h *HTTP) HandleCalls(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	if err := h.CanSee(r, id); err != nil {
		return err
	}
	calls, err := h.Service.Calls(r.Context(), id)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, map[string]any{"calls": calls})
}

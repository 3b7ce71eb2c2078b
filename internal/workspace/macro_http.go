package workspace

import (
	"net/http"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

// MacroHTTP serves the macro API and the notification settings.
type MacroHTTP struct {
	Macros   *MacroStore
	Notify   *NotifyStore
	ViewerOf func(r *http.Request) ticket.Viewer
}

// MacroList is the macros and the placeholders they may use.
type MacroList struct {
	Items        []Macro       `json:"items"`
	Placeholders []Placeholder `json:"placeholders"`
}

// HandleList: GET /api/v1/macros[?language=xx], that language's first.
func (h *MacroHTTP) HandleList(w http.ResponseWriter, r *http.Request) error {
	ms, err := h.Macros.List(r.Context(), r.URL.Query().Get("language"))
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, MacroList{Items: ms, Placeholders: Placeholders})
}

// HandleGet: GET /api/v1/macros/{id}.
func (h *MacroHTTP) HandleGet(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	m, err := h.Macros.Get(r.Context(), id)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, m)
}

// HandleCreate: POST /api/v1/macros.
func (h *MacroHTTP) HandleCreate(w http.ResponseWriter, r *http.Request) error {
	var in MacroInput
	if _, err := web.Decode(r, 2*MaxMacroBody, &in); err != nil {
		return err
	}
	p, _ := auth.PrincipalFrom(r.Context())
	m, err := h.Macros.Create(r.Context(), p.Agent.ID, in)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusCreated, m)
}

// HandleUpdate: PUT /api/v1/macros/{id}.
func (h *MacroHTTP) HandleUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	var in MacroInput
	if _, err := web.Decode(r, 2*MaxMacroBody, &in); err != nil {
		return err
	}
	m, err := h.Macros.Update(r.Context(), id, in)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, m)
}

// HandleDelete: DELETE /api/v1/macros/{id}.
func (h *MacroHTTP) HandleDelete(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	if err := h.Macros.Delete(r.Context(), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// HandleApply: POST /api/v1/macros/{id}/apply, the macro filled in for a
// ticket, for the reply box. Nothing is sent.
func (h *MacroHTTP) HandleApply(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	var in ApplyRequest
	if _, err := web.Decode(r, 2*maxDiagnosis+1024, &in); err != nil {
		return err
	}
	p, _ := auth.PrincipalFrom(r.Context())
	by := Applier{Name: p.Agent.Name, FullName: p.Can(auth.PermCustomerReveal)}
	a, err := h.Macros.Apply(r.Context(), h.ViewerOf(r), by, id, in)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, a)
}

// HandleGetNotify: GET /api/v1/me/notifications.
func (h *MacroHTTP) HandleGetNotify(w http.ResponseWriter, r *http.Request) error {
	p, _ := auth.PrincipalFrom(r.Context())
	n, err := h.Notify.Get(r.Context(), p.Agent.ID)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, n)
}

// HandleSetNotify: PUT /api/v1/me/notifications.
func (h *MacroHTTP) HandleSetNotify(w http.ResponseWriter, r *http.Request) error {
	var n NotifySettings
	if _, err := web.Decode(r, 4<<10, &n); err != nil {
		return err
	}
	p, _ := auth.PrincipalFrom(r.Context())
	if err := h.Notify.Set(r.Context(), p.Agent.ID, n); err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, n)
}

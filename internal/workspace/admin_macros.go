package workspace

import (
	"net/http"
	"strconv"

	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

// The macros page: supervisors and admins manage the canned replies agents
// insert on the ticket page (/api/v1/macros, permission macro.manage).

// macros: GET /admin/macros, with ?edit=<id> to change one.
func (ws *Workspace) macros(w http.ResponseWriter, r *http.Request) {
	data := adminPage(r, "Macros", "/admin/macros")
	if id, err := strconv.ParseInt(r.URL.Query().Get("edit"), 10, 64); err == nil {
		if m, err := ws.Macros.Get(r.Context(), id); err == nil {
			data["Draft"], data["EditID"] = MacroInput{Name: m.Name, Language: m.Language, Body: m.Body}, m.ID
		}
	}
	ws.renderMacros(w, r, http.StatusOK, data)
}

func (ws *Workspace) renderMacros(w http.ResponseWriter, r *http.Request, status int, data map[string]any) {
	ms, err := ws.Macros.List(r.Context(), "")
	if err != nil {
		status = ws.failed(data, err)
	}
	if data["Draft"] == nil {
		data["Draft"] = MacroInput{Language: "en"}
	}
	data["Macros"], data["Languages"], data["Placeholders"] = ms, options(ticket.Languages, languageLabels), Placeholders
	ws.render(w, status, "macros", data)
}

// saveMacro: POST /admin/macros, a new macro, or a change when the form
// names one (id).
func (ws *Workspace) saveMacro(w http.ResponseWriter, r *http.Request) {
	in := MacroInput{Name: r.PostFormValue("name"), Language: r.PostFormValue("language"), Body: r.PostFormValue("body")}
	var err error
	id, perr := strconv.ParseInt(r.PostFormValue("id"), 10, 64)
	if perr == nil && id > 0 {
		_, err = ws.Macros.Update(r.Context(), id, in)
	} else {
		_, err = ws.Macros.Create(r.Context(), principal(r).Agent.ID, in)
	}
	if err != nil {
		data := adminPage(r, "Macros", "/admin/macros")
		data["Draft"] = in
		if id > 0 {
			data["EditID"] = id
		}
		ws.renderMacros(w, r, ws.failed(data, err, "name", "language", "body"), data)
		return
	}
	done(w, r, "/admin/macros", "macro")
}

// removeMacro: POST /admin/macros/{id}/remove.
func (ws *Workspace) removeMacro(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err == nil {
		err = ws.Macros.Delete(r.Context(), id)
	}
	if err != nil {
		data := adminPage(r, "Macros", "/admin/macros")
		ws.renderMacros(w, r, ws.failed(data, err), data)
		return
	}
	done(w, r, "/admin/macros", "macro-off")
}

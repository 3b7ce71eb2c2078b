package workspace

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/status"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// The status page's operator page: incidents and maintenance with how many
// tickets each brought, a form to open one, and per incident an update, a
// resolution and the bulk action on its tickets (/api/v1/status/...).

// StatusBoard is the status page's service (*status.Service).
type StatusBoard interface {
	List(ctx context.Context, limit int) ([]status.Incident, error)
	Components() []status.Component
	Open(ctx context.Context, in status.NewIncident) (status.Incident, error)
	PostUpdate(ctx context.Context, id int64, u status.NewUpdate) (status.Incident, error)
	Resolve(ctx context.Context, id int64, u status.NewUpdate) (status.Incident, error)
	BulkStatus(ctx context.Context, id int64, to ticket.Status, author string) (int, error)
}

func init() {
	pageNames = append(pageNames, "status")
	adminLinks = append(adminLinks, adminLink{"/admin/status", "Status page", auth.PermStatusManage, false})
	notices["status-opened"] = "The incident is on the status page."
	notices["status-updated"] = "The update is on the status page."
	notices["status-resolved"] = "The incident is resolved; its customers are being told."
	notices["status-bulk"] = "The incident's tickets are updated."
}

// statusRoutes are the status page's operator pages; none without a board.
func (ws *Workspace) statusRoutes() []Route {
	if ws.Admin.Status == nil {
		return nil
	}
	return []Route{
		{"GET", "/admin/status", auth.PermTicketRead, 0, ws.statusAdmin},
		{"POST", "/admin/status", auth.PermStatusManage, statusFormMax, ws.statusOpen},
		{"POST", "/admin/status/{id}/update", auth.PermStatusManage, statusFormMax, ws.statusUpdate},
		{"POST", "/admin/status/{id}/resolve", auth.PermStatusManage, statusFormMax, ws.statusResolve},
		{"POST", "/admin/status/{id}/tickets", auth.PermStatusManage, formMax, ws.statusBulk},
	}
}

const statusFormMax = 64 << 10

// statusAdmin: GET /admin/status.
func (ws *Workspace) statusAdmin(w http.ResponseWriter, r *http.Request) {
	ws.renderStatus(w, r, http.StatusOK, adminPage(r, "Status page", "/admin/status"))
}

func (ws *Workspace) renderStatus(w http.ResponseWriter, r *http.Request, code int, data map[string]any) {
	list, err := ws.Admin.Status.List(r.Context(), 20)
	if err != nil {
		code = ws.failed(data, err)
	}
	data["Incidents"], data["Components"] = list, ws.Admin.Status.Components()
	data["Languages"], data["Impacts"] = options(ticket.Languages, languageLabels), status.Impacts
	data["CanManage"] = principal(r).Can(auth.PermStatusManage)
	data["BulkStatuses"] = []ticket.Status{ticket.StatusSolved, ticket.StatusPendingCustomer, ticket.StatusOnHold, ticket.StatusOpen}
	ws.render(w, code, "status", data)
}

// texts reads English text and, optionally, one more language.
func texts(r *http.Request, field string) map[string]string {
	out := map[string]string{"en": r.PostFormValue(field)}
	if lang, t := r.PostFormValue("lang"), r.PostFormValue(field+"_lang"); lang != "" && lang != "en" && strings.TrimSpace(t) != "" {
		out[lang] = t
	}
	return out
}

// formTime reads a datetime-local field as UTC.
func formTime(r *http.Request, field string) time.Time {
	t, _ := time.Parse("2006-01-02T15:04", r.PostFormValue(field))
	return t
}

// statusOpen: POST /admin/status opens an incident or schedules maintenance.
func (ws *Workspace) statusOpen(w http.ResponseWriter, r *http.Request) {
	in := status.NewIncident{Kind: r.PostFormValue("kind"), Impact: status.State(r.PostFormValue("impact")), Asset: r.PostFormValue("asset"),
		Titles: texts(r, "title"), Bodies: texts(r, "body"), Components: r.PostForm["components"],
		StartsAt: formTime(r, "starts_at"), EndsAt: formTime(r, "ends_at"), Author: principal(r).Agent.Name}
	if _, err := ws.Admin.Status.Open(r.Context(), in); err != nil {
		data := adminPage(r, "Status page", "/admin/status")
		ws.renderStatus(w, r, ws.failed(data, err), data)
		return
	}
	done(w, r, "/admin/status", "status-opened")
}

func (ws *Workspace) statusUpdate(w http.ResponseWriter, r *http.Request) {
	ws.statusPost(w, r, ws.Admin.Status.PostUpdate, "status-updated")
}

func (ws *Workspace) statusResolve(w http.ResponseWriter, r *http.Request) {
	ws.statusPost(w, r, ws.Admin.Status.Resolve, "status-resolved")
}

func (ws *Workspace) statusPost(w http.ResponseWriter, r *http.Request, do func(context.Context, int64, status.NewUpdate) (status.Incident, error), what string) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if _, err := do(r.Context(), id, status.NewUpdate{Bodies: texts(r, "body"), Author: principal(r).Agent.Name}); err != nil {
		data := adminPage(r, "Status page", "/admin/status")
		ws.renderStatus(w, r, ws.failed(data, err), data)
		return
	}
	done(w, r, "/admin/status", what)
}

// statusBulk: POST /admin/status/{id}/tickets sets every linked ticket's status.
func (ws *Workspace) statusBulk(w http.ResponseWriter, r *http.Request) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if _, err := ws.Admin.Status.BulkStatus(r.Context(), id, ticket.Status(r.PostFormValue("status")), principal(r).Agent.Name); err != nil {
		data := adminPage(r, "Status page", "/admin/status")
		ws.renderStatus(w, r, ws.failed(data, err), data)
		return
	}
	done(w, r, "/admin/status", "status-bulk")
}

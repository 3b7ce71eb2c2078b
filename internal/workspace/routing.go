package workspace

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/routing"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

// The routing pages: the queues admin page (rules, their order, a dry run
// of where recent tickets would go), the agents' skills and capacity, the
// availability switch and offers in every page's header (routing.js, fed
// by /live/routing), "Next ticket", and the ticket page's routing panel
// with escalation and its hand-off summary.

// Routing is what the pages need of routing (*routing.Service).
type Routing interface {
	Queues(ctx context.Context) ([]routing.Queue, error)
	QueueStats(ctx context.Context) (map[int64]routing.QueueStat, error)
	SaveQueue(ctx context.Context, by, id int64, in routing.QueueInput) (routing.Queue, error)
	RemoveQueue(ctx context.Context, by, id int64) error
	DryRun(ctx context.Context, try *routing.QueueInput, limit int) ([]routing.DryRow, error)
	Profiles(ctx context.Context) ([]routing.Profile, error)
	Profile(ctx context.Context, agentID int64) (routing.Profile, error)
	SetSkills(ctx context.Context, agentID int64, k routing.Skills) (routing.Profile, error)
	SetAvailability(ctx context.Context, agentID int64, a routing.Availability) error
	Offers(ctx context.Context, agentID int64) ([]routing.Offer, error)
	Accept(ctx context.Context, agentID, ticketID int64) error
	Decline(ctx context.Context, agentID, ticketID int64) error
	Next(ctx context.Context, agentID int64) (int64, error)
	TicketRoute(ctx context.Context, id int64) (routing.TicketRoute, error)
	Escalate(ctx context.Context, v ticket.Viewer, id int64, e routing.Escalation) (ticket.Escalation, error)
	Connected(ctx context.Context, agentID int64) error
	Disconnected(ctx context.Context, agentID int64) error
}

func init() {
	pageNames = append(pageNames, "queues", "skills")
	adminLinks = append(adminLinks, adminLink{"/admin/queues", "Queues", auth.PermTeamRead, false}, adminLink{"/admin/skills", "Skills", auth.PermTeamRead, false})
	labelFuncs["has"] = func(list []string, v string) bool { return slices.Contains(list, v) }
	labelFuncs["hasInt"] = func(list []int, v int) bool { return slices.Contains(list, v) }
	labelFuncs["tiers"] = func() []int { return []int{1, 2, 3} }
	labelFuncs["msTime"] = func(ms int64) string { return time.UnixMilli(ms).UTC().Format("2006-01-02 15:04 UTC") }
	labelFuncs["seconds"] = func(s int) string { return (time.Duration(s) * time.Second).String() }
	notices["queue"] = "The queue is saved. New tickets are routed by the new order; tickets already queued stay until something about them changes."
	notices["queue-off"] = "The queue is removed; its open tickets were routed again."
	notices["skills"] = "The agent's skills are saved."
}

// routingRoutes are the routing pages, appended to Routes.
func (ws *Workspace) routingRoutes() []Route {
	if ws.Routing == nil {
		return nil
	}
	return []Route{
		{"GET", "/admin/queues", auth.PermTeamRead, 0, ws.queues},
		{"POST", "/admin/queues", auth.PermTeamManage, formMax, ws.saveQueue},
		{"POST", "/admin/queues/{id}/remove", auth.PermTeamManage, formMax, ws.removeQueue},
		{"GET", "/admin/skills", auth.PermTeamRead, 0, ws.skills},
		{"POST", "/admin/skills/{id}", auth.PermTeamManage, formMax, ws.saveSkills},
		{"POST", "/availability", auth.PermTicketRead, formMax, ws.setAvailability},
		{"POST", "/next-ticket", auth.PermTicketRead, formMax, ws.nextTicket},
		{"POST", "/offers/{id}/accept", auth.PermTicketRead, formMax, ws.acceptOffer},
		{"POST", "/offers/{id}/decline", auth.PermTicketRead, formMax, ws.declineOffer},
		{"GET", "/live/routing", auth.PermTicketRead, 0, ws.liveRouting},
	}
}

// queues: GET /admin/queues, with ?edit=<id>, and a dry run of the form's
// queue when ?try=1.
func (ws *Workspace) queues(w http.ResponseWriter, r *http.Request) {
	data := adminPage(r, "Queues", "/admin/queues")
	q := r.URL.Query()
	draft := routing.QueueInput{Name: q.Get("name"), Rule: q.Get("rule")}
	draft.Position, _ = strconv.Atoi(q.Get("position"))
	var editID int64
	if id, err := strconv.ParseInt(q.Get("edit"), 10, 64); err == nil {
		editID = id
	}
	var try *routing.QueueInput
	if q.Get("try") != "" {
		try = &draft
	}
	ws.renderQueues(w, r, http.StatusOK, data, draft, editID, try)
}

func (ws *Workspace) renderQueues(w http.ResponseWriter, r *http.Request, status int, data map[string]any, draft routing.QueueInput, editID int64, try *routing.QueueInput) {
	ctx := r.Context()
	qs, err := ws.Routing.Queues(ctx)
	if err != nil {
		status = ws.failed(data, err)
	}
	stats, err := ws.Routing.QueueStats(ctx)
	if err != nil {
		status = ws.failed(data, err)
	}
	type row struct {
		routing.Queue
		routing.QueueStat
		Order int
	}
	var rows []row
	for i, q := range qs {
		rows = append(rows, row{q, stats[q.ID], i + 1})
		if q.ID == editID && draft.Name == "" {
			draft = routing.QueueInput{Name: q.Name, Rule: q.Rule, Position: i + 1}
		}
	}
	dry, err := ws.Routing.DryRun(ctx, try, 30)
	if err != nil {
		status = ws.failed(data, err, "rule", "name")
	}
	data["Queues"], data["Draft"], data["EditID"], data["Dry"], data["Trying"] = rows, draft, editID, dry, try != nil
	data["CanManage"] = principal(r).Can(auth.PermTeamManage)
	data["Scripts"] = []string{}
	ws.render(w, status, "queues", data)
}

// saveQueue: POST /admin/queues (id set: a change).
func (ws *Workspace) saveQueue(w http.ResponseWriter, r *http.Request) {
	in := routing.QueueInput{Name: r.PostFormValue("name"), Rule: r.PostFormValue("rule")}
	in.Position, _ = strconv.Atoi(r.PostFormValue("position"))
	id, _ := strconv.ParseInt(r.PostFormValue("id"), 10, 64)
	if _, err := ws.Routing.SaveQueue(r.Context(), principal(r).Agent.ID, id, in); err != nil {
		data := adminPage(r, "Queues", "/admin/queues")
		status := ws.failed(data, err, "name", "rule")
		ws.renderQueues(w, r, status, data, in, id, nil)
		return
	}
	done(w, r, "/admin/queues", "queue")
}

// removeQueue: POST /admin/queues/{id}/remove.
func (ws *Workspace) removeQueue(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err == nil {
		err = ws.Routing.RemoveQueue(r.Context(), principal(r).Agent.ID, id)
	}
	if err != nil {
		data := adminPage(r, "Queues", "/admin/queues")
		ws.renderQueues(w, r, ws.failed(data, err), data, routing.QueueInput{}, 0, nil)
		return
	}
	done(w, r, "/admin/queues", "queue-off")
}

// skills: GET /admin/skills, every agent's skills, capacity, availability and load.
func (ws *Workspace) skills(w http.ResponseWriter, r *http.Request) {
	ws.renderSkills(w, r, http.StatusOK, adminPage(r, "Skills and capacity", "/admin/skills"))
}

func (ws *Workspace) renderSkills(w http.ResponseWriter, r *http.Request, status int, data map[string]any) {
	ps, err := ws.Routing.Profiles(r.Context())
	if err != nil {
		status = ws.failed(data, err)
	}
	data["Profiles"], data["Languages"], data["Areas"] = ps, ticket.Languages, ticket.ProductAreas
	data["Specialists"] = routing.Specialists
	data["CanManage"] = principal(r).Can(auth.PermTeamManage)
	ws.render(w, status, "skills", data)
}

// saveSkills: POST /admin/skills/{id}.
func (ws *Workspace) saveSkills(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err == nil {
		if err = r.ParseForm(); err == nil {
			k := routing.Skills{Languages: r.PostForm["languages"], Areas: r.PostForm["areas"], Certifications: r.PostForm["certifications"]}
			for _, t := range r.PostForm["tiers"] {
				n, _ := strconv.Atoi(t)
				k.Tiers = append(k.Tiers, n)
			}
			k.MaxChats, _ = strconv.Atoi(r.PostFormValue("max_chats"))
			k.MaxTickets, _ = strconv.Atoi(r.PostFormValue("max_tickets"))
			_, err = ws.Routing.SetSkills(r.Context(), id, k)
		}
	}
	if err != nil {
		data := adminPage(r, "Skills and capacity", "/admin/skills")
		data["FailedID"] = id
		ws.renderSkills(w, r, ws.failed(data, err), data)
		return
	}
	done(w, r, "/admin/skills", "skills")
}

// back is where a header form returns to: the page it was sent from, when
// that is a path of this site.
func back(r *http.Request) string {
	to := r.PostFormValue("back")
	if !strings.HasPrefix(to, "/") || strings.HasPrefix(to, "//") || strings.ContainsAny(to, "\\\r\n") {
		return "/"
	}
	return to
}

// setAvailability: POST /availability, the header's switch.
func (ws *Workspace) setAvailability(w http.ResponseWriter, r *http.Request) {
	a := routing.Availability(r.PostFormValue("availability"))
	if !slices.Contains(routing.Availabilities, a) {
		ws.routingError(w, r, web.Status(errBadAvailability), errBadAvailability)
		return
	}
	if err := ws.Routing.SetAvailability(r.Context(), principal(r).Agent.ID, a); err != nil {
		ws.routingError(w, r, web.Status(err), err)
		return
	}
	http.Redirect(w, r, back(r), http.StatusSeeOther)
}

// nextTicket: POST /next-ticket, "Next ticket": opens the ticket it takes.
func (ws *Workspace) nextTicket(w http.ResponseWriter, r *http.Request) {
	id, err := ws.Routing.Next(r.Context(), principal(r).Agent.ID)
	if err != nil {
		ws.routingError(w, r, web.Status(err), err)
		return
	}
	http.Redirect(w, r, "/tickets/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

// acceptOffer: POST /offers/{id}/accept, then the ticket.
func (ws *Workspace) acceptOffer(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err == nil {
		err = ws.Routing.Accept(r.Context(), principal(r).Agent.ID, id)
	}
	if err != nil {
		ws.routingError(w, r, web.Status(err), err)
		return
	}
	http.Redirect(w, r, "/tickets/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

// declineOffer: POST /offers/{id}/decline: the next agent gets it.
func (ws *Workspace) declineOffer(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err == nil {
		err = ws.Routing.Decline(r.Context(), principal(r).Agent.ID, id)
	}
	if err != nil {
		ws.routingError(w, r, web.Status(err), err)
		return
	}
	http.Redirect(w, r, back(r), http.StatusSeeOther)
}

var errBadAvailability = errs.Field("availability", "availability must be online, away, break or offline")

// routingError shows a routing action's refusal on a page of its own
// with a way back.
func (ws *Workspace) routingError(w http.ResponseWriter, r *http.Request, status int, err error) {
	data := agentPage(principal(r), "Not done")
	data["Heading"], data["Message"] = "Not done", ws.pageError(err)
	data["Back"] = back(r)
	ws.render(w, status, "forbidden", data)
}

// routePanel adds the ticket's queue, reason, wait and hand-offs.
func (ws *Workspace) routePanel(r *http.Request, t ticket.Ticket, data map[string]any) {
	if ws.Routing == nil {
		return
	}
	tr, err := ws.Routing.TicketRoute(r.Context(), t.ID)
	if err != nil {
		ws.Log.Warn("ticket page: route", "ticket", t.ID, "err", err)
		return
	}
	data["Route"] = tr
	detail := map[int64]ticket.HandOff{}
	for _, h := range tr.HandOffs {
		detail[h.ID] = h
	}
	data["EscalationDetail"] = detail
}

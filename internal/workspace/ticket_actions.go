package workspace

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/groundcrew/groundcrew/internal/attach"
	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/routing"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

// The ticket page's working forms: status, priority, team, tags and the
// assignee (PATCH /api/v1/tickets/{id}), escalation with a reason (POST
// .../escalations) and attachments (static/ticket_files.js posts the file
// to the API, since a multipart form cannot carry the CSRF field); and what the page
// shows beside the conversation: escalations, who wrote each reply, the
// customer's other tickets and the ticket's files.

// TicketWork changes tickets (ticket.Store).
type TicketWork interface {
	UpdateTicket(ctx context.Context, v ticket.Viewer, id int64, u ticket.Update) (ticket.Ticket, error)
	Escalate(ctx context.Context, v ticket.Viewer, id int64, in ticket.NewEscalation) (ticket.Escalation, error)
	UpdateCustomer(ctx context.Context, id int64, u ticket.CustomerUpdate) (ticket.Customer, error)
}

// Files are a ticket's attachments (attach.Store).
type Files interface {
	List(ctx context.Context, ticketID int64) ([]attach.Attachment, error)
}

// ticketBack redirects to the ticket page with a notice of what changed.
func ticketBack(w http.ResponseWriter, r *http.Request, id int64, what string) {
	http.Redirect(w, r, "/tickets/"+strconv.FormatInt(id, 10)+"?done="+url.QueryEscape(what)+"#work", http.StatusSeeOther)
}

// workErrorKey carries a failed form's message to the ticket page's work
// panel. It is never read from the URL, so a link cannot put words there.
type workErrorKey struct{}

// ticketFailed shows the ticket page again, with err in the work panel and
// err's status.
func (ws *Workspace) ticketFailed(w http.ResponseWriter, r *http.Request, id int64, err error) {
	ctx := context.WithValue(r.Context(), workErrorKey{}, ws.pageError(err))
	ws.ticket(statusWriter{w, web.Status(err)}, r.WithContext(ctx))
}

// statusWriter answers with status where the page would answer 200.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (s statusWriter) WriteHeader(code int) {
	if code == http.StatusOK {
		code = s.status
	}
	s.ResponseWriter.WriteHeader(code)
}

// updateFrom reads the fields the form sent; a field it did not send stays.
func updateFrom(r *http.Request) (ticket.Update, error) {
	var u ticket.Update
	_ = r.ParseForm()
	if _, ok := r.PostForm["status"]; ok {
		s := ticket.Status(r.PostFormValue("status"))
		u.Status = &s
	}
	if _, ok := r.PostForm["priority"]; ok {
		p := ticket.Priority(r.PostFormValue("priority"))
		u.Priority = &p
	}
	if _, ok := r.PostForm["tags"]; ok {
		tags := []string{}
		for _, t := range strings.Split(r.PostFormValue("tags"), ",") {
			if t = strings.TrimSpace(t); t != "" {
				tags = append(tags, t)
			}
		}
		u.Tags = &tags
	}
	for _, f := range []struct {
		name string
		dst  **int64
	}{{"team_id", &u.TeamID}, {"assignee_id", &u.AssigneeID}} {
		if _, ok := r.PostForm[f.name]; !ok {
			continue
		}
		var id int64 // "" is none: 0 clears it
		if s := r.PostFormValue(f.name); s != "" {
			n, err := strconv.ParseInt(s, 10, 64)
			if err != nil || n < 0 {
				return u, errs.Field(f.name, "%s must be chosen from the list", f.name)
			}
			id = n
		}
		*f.dst = &id
	}
	return u, nil
}

// updateTicket: POST /tickets/{id}/update.
func (ws *Workspace) updateTicket(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err != nil {
		http.NotFound(w, r)
		return
	}
	v := ws.ViewerOf(r)
	u, err := updateFrom(r)
	if err == nil && u.AssigneeID != nil && *u.AssigneeID != v.AgentID && *u.AssigneeID != 0 && !v.CanAssign {
		err = errs.E(errs.Forbidden, "your role may assign tickets only to yourself")
	}
	if err == nil {
		_, err = ws.Admin.Work.UpdateTicket(r.Context(), v, id, u)
	}
	if err != nil {
		ws.ticketFailed(w, r, id, err)
		return
	}
	ticketBack(w, r, id, "updated")
}

// escalateTicket: POST /tickets/{id}/escalate, the ticket page's one
// escalation control: to another tier (up or down), to the security or
// recovery specialists, or to another team, with a required reason and,
// moving up, a hand-off summary. With routing it goes through
// routing.Escalate (the customer is told what happens next and the ticket
// is routed to its new queue); without, through the ticket store.
func (ws *Workspace) escalateTicket(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err != nil {
		http.NotFound(w, r)
		return
	}
	v := ws.ViewerOf(r)
	e, err := ws.readEscalation(r, v, id)
	if err == nil {
		if ws.Routing != nil {
			_, err = ws.Routing.Escalate(r.Context(), v, id, e)
		} else if e.Specialist != "" || e.TeamID != nil {
			err = errs.Field("to", "specialists and teams need routing, which this server does not run")
		} else {
			_, err = ws.Admin.Work.Escalate(r.Context(), v, id, ticket.NewEscalation{ToTier: e.ToTier, Reason: e.Reason})
		}
	}
	if err != nil {
		ws.ticketFailed(w, r, id, err)
		return
	}
	ticketBack(w, r, id, "escalated")
}

// readEscalation reads the escalation form: to is "tier:N", "security",
// "recovery" or "team" (the same tier, team_id required); the older
// to_tier field is still read.
func (ws *Workspace) readEscalation(r *http.Request, v ticket.Viewer, id int64) (routing.Escalation, error) {
	e := routing.Escalation{Reason: r.PostFormValue("reason"), Summary: r.PostFormValue("summary")}
	if s := r.PostFormValue("team_id"); s != "" {
		team, err := strconv.ParseInt(s, 10, 64)
		if err != nil || team <= 0 {
			return e, errs.Field("team_id", "choose a team from the list")
		}
		e.TeamID = &team
	}
	to := r.PostFormValue("to")
	if to == "" && r.PostFormValue("to_tier") != "" {
		to = "tier:" + r.PostFormValue("to_tier")
	}
	switch n, isTier := strings.CutPrefix(to, "tier:"); {
	case isTier:
		tier, err := strconv.Atoi(n)
		if err != nil || tier < 1 || tier > 3 {
			return e, errs.Field("to", "tier must be 1, 2 or 3")
		}
		e.ToTier = tier
	case to == "security" || to == "recovery":
		e.Specialist = to
	case to == "team":
		if e.TeamID == nil {
			return e, errs.Field("team_id", "choose the team to move the ticket to")
		}
		t, err := ws.Tickets.Get(r.Context(), v, id)
		if err != nil {
			return e, err
		}
		e.ToTier = t.Tier
	default:
		return e, errs.Field("to", "choose where to escalate to")
	}
	return e, nil
}

// updateCustomer: POST /tickets/{id}/customer, the ticket's customer's
// contact data, with a reason (audited; as PATCH /api/v1/customers/{id}).
// A field left empty stays as it is.
func (ws *Workspace) updateCustomer(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err != nil {
		http.NotFound(w, r)
		return
	}
	t, err := ws.Tickets.Get(r.Context(), ws.ViewerOf(r), id)
	if err == nil {
		u := ticket.CustomerUpdate{Reason: r.PostFormValue("reason")}
		for name, dst := range map[string]**string{"name": &u.Name, "email": &u.Email, "language": &u.Language} {
			if v := strings.TrimSpace(r.PostFormValue(name)); v != "" {
				*dst = &v
			}
		}
		_, err = ws.Admin.Work.UpdateCustomer(r.Context(), t.Customer.ID, u)
	}
	if err != nil {
		ws.ticketFailed(w, r, id, err)
		return
	}
	ticketBack(w, r, id, "customer")
}

// ticketWorkNotices are what ?done= says on the ticket page.
var ticketWorkNotices = map[string]string{
	"updated": "Saved.", "escalated": "Escalated: the new queue has it, and the customer was told what happens next.", "attached": "File attached.",
	"customer": "The customer's contact data is changed.",
	"snoozed":  "Snoozed: the ticket is out of the working views until the snooze ends.", "unsnoozed": "The ticket is back in the inbox.",
}

// ticketWork adds the work panel's data to the ticket page: the forms'
// choices, the people behind ids, escalations, the customer's other
// tickets and the files.
func (ws *Workspace) ticketWork(r *http.Request, pr auth.Principal, t ticket.Ticket, data map[string]any) {
	ctx := r.Context()
	if scripts, ok := data["Scripts"].([]string); ok {
		data["Scripts"] = append(scripts, "ticket_files.js")
	}
	data["WorkNotice"] = ticketWorkNotices[r.URL.Query().Get("done")]
	if e, ok := ctx.Value(workErrorKey{}).(string); ok {
		data["WorkError"] = e
	}
	data["CanUpdate"], data["CanAssign"] = pr.Can(auth.PermTicketUpdate), pr.Can(auth.PermTicketAssign)
	data["CanEscalate"], data["CanAttach"] = pr.Can(auth.PermTicketEscalate), pr.Can(auth.PermMessageWrite)
	data["CanEditCustomer"], data["LanguageOptions"] = pr.Can(auth.PermCustomerUpdate), options(ticket.Languages, languageLabels)
	data["StatusOptions"] = options(ticket.Statuses, statusLabels)
	data["PriorityOptions"] = options(ticket.Priorities, priorityLabels)
	data["TagsText"] = strings.Join(t.Tags, ", ")
	data["TeamNow"], data["AssigneeNow"] = deref(t.TeamID), deref(t.AssigneeID)
	names := map[int64]string{}
	data["TeamNames"], data["Authors"], data["EscalatedBy"], data["FileBy"] = map[int64]string{}, map[int64]string{}, map[int64]string{}, map[int64]string{}
	data["MessageFiles"] = map[int64]*attach.Attachment{}
	if agents, err := ws.Admin.People.Agents(ctx); err == nil {
		active := []auth.Agent{}
		for _, a := range agents {
			names[a.ID] = a.Name
			if a.Active && a.Role != auth.Integration {
				active = append(active, a)
			}
		}
		data["AssignableAgents"] = active
	}
	data["AgentNames"] = names
	authors := make(map[int64]string, len(t.Messages))
	for _, m := range t.Messages {
		authors[m.ID] = authorLabel(m, names)
	}
	data["Authors"] = authors
	escalatedBy := map[int64]string{}
	for _, e := range t.Escalations {
		switch {
		case e.AgentID != nil:
			escalatedBy[e.ID] = names[*e.AgentID]
		case e.Actor == "sla":
			escalatedBy[e.ID] = "the SLA scheduler"
		case e.Actor != "":
			escalatedBy[e.ID] = e.Actor
		}
	}
	data["EscalatedBy"] = escalatedBy
	// The escalation control's choices; routePanel adds each escalation's
	// specialist and summary.
	data["TierChoices"], data["NextTier"] = []int{1, 2, 3}, min(t.Tier+1, 3)
	if t.Tier >= 3 {
		data["NextTier"] = 2
	}
	data["CanHandOff"] = ws.Routing != nil
	data["EscalationDetail"] = map[int64]ticket.HandOff{}
	if teams, err := ws.Admin.People.Teams(ctx); err == nil {
		data["TeamList"], data["TeamNames"] = teams, teamNames(teams)
	}
	if others, _, err := ws.Tickets.List(ctx, ws.ViewerOf(r), ticket.Filter{CustomerID: t.Customer.ID}, web.Page{Limit: 11}); err == nil {
		var list []ticket.Ticket
		for _, o := range others {
			if o.ID != t.ID && len(list) < 10 {
				list = append(list, o.MaskPII())
			}
		}
		data["OtherTickets"] = list
	}
	if files, err := ws.Admin.Files.List(ctx, t.ID); err == nil {
		data["Files"] = files
		by := map[int64]string{}
		onMessage := map[int64]*attach.Attachment{} // the message that announced a customer's file
		for _, f := range files {
			if f.MessageID != nil {
				onMessage[*f.MessageID] = &f
			}
			if f.UploaderKind == "customer" {
				by[f.ID] = "the customer"
			} else if f.UploaderID != nil {
				by[f.ID] = names[*f.UploaderID]
			}
		}
		data["FileBy"], data["MessageFiles"] = by, onMessage
	} else {
		data["FilesError"] = ws.pageError(err)
	}
}

func deref(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}

// authorLabel says who wrote m: the agent by name, or the kind of author.
func authorLabel(m ticket.Message, names map[int64]string) string {
	if m.AuthorID != nil && m.AuthorKind == "agent" {
		if n, ok := names[*m.AuthorID]; ok {
			return n
		}
		return "Agent #" + strconv.FormatInt(*m.AuthorID, 10)
	}
	switch m.AuthorKind {
	case "customer":
		return "Customer"
	case "bot":
		return "Bot"
	case "system":
		return "System"
	}
	return string(m.AuthorKind)
}

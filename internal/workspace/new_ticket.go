package workspace

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/form"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// The new-ticket page: an agent opens a ticket on a customer's behalf (a
// phone call, an outreach), as POST /api/v1/tickets does for an agent. The
// first message is the agent's and passes the outbound guard; the ticket
// form's fields for the agent surface are asked for and checked.

var newTicketInputs = []string{"customer", "customer.external_id", "customer.email", "customer.name", "subject", "message",
	"channel", "product_area", "priority", "language", "team_id", "tags"}

// newTicketForm: GET /tickets/new.
func (ws *Workspace) newTicketForm(w http.ResponseWriter, r *http.Request) {
	in := ticket.NewTicket{Channel: "email", Priority: "normal", ProductArea: "other", Customer: ticket.NewCustomer{Language: "en"}}
	ws.renderNewTicket(w, r, http.StatusOK, map[string]any{"Draft": in, "TagsText": ""})
}

func (ws *Workspace) renderNewTicket(w http.ResponseWriter, r *http.Request, status int, extra map[string]any) {
	pr := principal(r)
	data := agentPage(pr, "New ticket")
	data["Errors"] = map[string]string{}
	for k, v := range extra {
		data[k] = v
	}
	fields, err := ws.Admin.Forms.On(r.Context(), form.Agent)
	if err == nil && pr.Can(auth.PermTeamRead) {
		data["Teams"], err = ws.Admin.People.Teams(r.Context())
	}
	if err != nil {
		status = ws.failed(data, err)
	}
	data["Fields"], data["TeamID"] = fields, int64(0)
	if in, ok := data["Draft"].(ticket.NewTicket); ok && in.TeamID != nil {
		data["TeamID"] = *in.TeamID
	}
	data["Channels"] = options(ticket.Channels, channelLabels)
	data["Priorities"] = options(ticket.Priorities, priorityLabels)
	data["Areas"] = options(ticket.ProductAreas, areaLabels)
	data["Languages"] = options(ticket.Languages, languageLabels)
	ws.render(w, status, "newticket", data)
}

// newTicketFrom reads the page's form.
func newTicketFrom(r *http.Request) (ticket.NewTicket, error) {
	_ = r.ParseForm()
	in := ticket.NewTicket{
		Subject: r.PostFormValue("subject"), Message: r.PostFormValue("message"), Channel: r.PostFormValue("channel"),
		Priority: ticket.Priority(r.PostFormValue("priority")), ProductArea: r.PostFormValue("product_area"),
		Customer: ticket.NewCustomer{ExternalID: r.PostFormValue("customer_external_id"), Email: r.PostFormValue("customer_email"),
			Name: r.PostFormValue("customer_name"), Language: r.PostFormValue("language")},
		Language: r.PostFormValue("language"), CustomFields: map[string]string{},
	}
	for _, t := range strings.Split(r.PostFormValue("tags"), ",") {
		if t = strings.TrimSpace(t); t != "" {
			in.Tags = append(in.Tags, t)
		}
	}
	for k, vs := range r.PostForm {
		if key, ok := strings.CutPrefix(k, "cf_"); ok && len(vs) > 0 && strings.TrimSpace(vs[0]) != "" {
			in.CustomFields[key] = strings.TrimSpace(vs[0])
		}
	}
	if s := r.PostFormValue("team_id"); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			return in, errs.Field("team_id", "choose a team from the list")
		}
		in.TeamID = &id
	}
	return in, nil
}

// createTicket: POST /tickets/new.
func (ws *Workspace) createTicket(w http.ResponseWriter, r *http.Request) {
	in, err := newTicketFrom(r)
	var t ticket.Ticket
	if err == nil {
		t, err = ws.Admin.Intake.CreateAsAgent(r.Context(), ws.ViewerOf(r), in)
	}
	if err == nil {
		http.Redirect(w, r, "/tickets/"+strconv.FormatInt(t.ID, 10)+"?created=1", http.StatusSeeOther)
		return
	}
	extra := map[string]any{"Draft": in, "TagsText": strings.Join(in.Tags, ", ")}
	if errors.Is(err, ticket.ErrBlocked) {
		// Not a typing mistake: the guard stopped what would reach the
		// customer. Say so plainly, above the message.
		extra["Blocked"] = ws.pageError(err)
		ws.renderNewTicket(w, r, http.StatusUnprocessableEntity, extra)
		return
	}
	data := map[string]any{}
	inputs := append([]string{}, newTicketInputs...)
	for k := range in.CustomFields {
		inputs = append(inputs, "custom_fields."+k)
	}
	if e, ok := errs.As(err); ok && strings.HasPrefix(e.Field, "custom_fields.") {
		inputs = append(inputs, e.Field) // a required field left empty
	}
	status := ws.failed(data, err, inputs...)
	extra["Error"], extra["Errors"] = data["Error"], data["Errors"]
	if extra["Errors"] == nil {
		extra["Errors"] = map[string]string{}
	}
	ws.renderNewTicket(w, r, status, extra)
}

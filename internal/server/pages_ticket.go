package server

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

// signedIn authenticates a page request, sending the browser to the sign-in
// page when there is no session.
func (p *pages) signedIn(w http.ResponseWriter, r *http.Request, perm auth.Perm) (auth.Principal, *http.Request, bool) {
	pr, err := p.app.auth.Authenticate(r)
	if err != nil {
		if errs.Is(err, errs.Forbidden) {
			http.Error(w, err.Error(), http.StatusForbidden)
		} else {
			http.Redirect(w, r, "/login", http.StatusSeeOther)
		}
		return pr, r, false
	}
	if !pr.Can(perm) {
		http.Error(w, "your role lacks the "+string(perm)+" permission", http.StatusForbidden)
		return pr, r, false
	}
	return pr, r.WithContext(auth.WithPrincipal(withAgentActor(r.Context(), pr), pr)), true
}

// ticketPageData is what every rendering of the ticket page starts from.
func ticketPageData(pr auth.Principal) map[string]any {
	return map[string]any{"Title": "Ticket", "Agent": pr.Agent, "CSRF": pr.CSRF,
		"Scripts": []string{"ticket.js", "customer.js"}, "CanNote": pr.Can(auth.PermNoteWrite)}
}

func (p *pages) ticket(w http.ResponseWriter, r *http.Request) {
	pr, r, ok := p.signedIn(w, r, auth.PermTicketRead)
	if !ok {
		return
	}
	data := ticketPageData(pr)
	id, err := web.PathID(r, "id")
	var t ticket.Ticket
	if err == nil {
		t, err = p.app.tickets.Store.Get(r.Context(), viewerOf(r), id)
	}
	if err != nil {
		data["Error"] = pageError(p, err)
		p.render(w, web.Status(err), "ticket", data)
		return
	}
	data["Title"] = fmt.Sprintf("#%d %s", t.ID, t.Subject)
	data["Ticket"] = t.MaskPII()
	p.customerPanel(r, pr, t, data)
	data["Sent"] = r.URL.Query().Get("sent")
	p.render(w, http.StatusOK, "ticket", data)
}

// reply posts an agent's reply or internal note from the ticket page's form.
func (p *pages) reply(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, ticket.MaxRequest)
	pr, r, ok := p.signedIn(w, r, auth.PermMessageWrite)
	if !ok {
		return
	}
	id, err := web.PathID(r, "id")
	if err != nil {
		http.NotFound(w, r)
		return
	}
	v := viewerOf(r)
	in := ticket.NewMessage{Body: r.PostFormValue("body")} // the store makes it the agent's
	if r.PostFormValue("internal") == "1" {
		if !pr.Can(auth.PermNoteWrite) {
			http.Error(w, "your role cannot write internal notes", http.StatusForbidden)
			return
		}
		_, err = p.app.tickets.Store.AddNote(r.Context(), v, id, in)
	} else {
		_, err = p.app.tickets.Store.AddMessage(r.Context(), v, id, in)
	}
	if err != nil {
		// Show the ticket again with the error and the text the agent typed.
		t, gerr := p.app.tickets.Store.Get(r.Context(), v, id)
		data := ticketPageData(pr)
		data["Error"], data["Draft"] = pageError(p, err), in.Body
		if gerr == nil {
			data["Ticket"] = t.MaskPII()
			p.customerPanel(r, pr, t, data)
		}
		p.render(w, web.Status(err), "ticket", data)
		return
	}
	http.Redirect(w, r, "/tickets/"+strconv.FormatInt(id, 10)+"?sent=1", http.StatusSeeOther)
}

// pageError is the message a page shows for err; internal errors are logged.
func pageError(p *pages, err error) string {
	if e, ok := errs.As(err); ok && e.Kind != errs.Internal {
		return e.Msg
	}
	p.app.log.Error("page", "err", err)
	return "Something went wrong; it has been logged. Try again."
}

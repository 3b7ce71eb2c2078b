package workspace

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/exchange"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

// ticketPageData is what every rendering of the ticket page starts from.
func ticketPageData(pr auth.Principal) map[string]any {
	data := agentPage(pr, "Ticket")
	data["Scripts"] = []string{"ticket.js", "customer.js"}
	data["LiveRouting"] = true // routing.js: offers and presence
	data["CanNote"] = pr.Can(auth.PermNoteWrite)
	return data
}

// ticket: GET /tickets/{id}, the conversation and the customer panel.
func (ws *Workspace) ticket(w http.ResponseWriter, r *http.Request) {
	pr := principal(r)
	data := ticketPageData(pr)
	id, err := web.PathID(r, "id")
	var t ticket.Ticket
	if err == nil {
		t, err = ws.Tickets.Get(r.Context(), ws.ViewerOf(r), id)
	}
	if err != nil {
		data["Error"] = ws.pageError(err)
		ws.render(w, web.Status(err), "ticket", data)
		return
	}
	data["Title"] = fmt.Sprintf("#%d %s", t.ID, t.Subject)
	data["Ticket"] = t.MaskPII()
	ws.customerPanel(r, pr, t, data)
	ws.ticketView(r, pr, t, data)
	ws.ticketWork(r, pr, t, data)
	ws.slaPanel(r, t, data)
	ws.callPanel(r, t, data)
	ws.routePanel(r, t, data)
	ws.flagPanel(r, pr, t, data)
	ws.extraPanels(r, t, data)
	ws.heldPanel(r, t, data)
	data["Sent"] = r.URL.Query().Get("sent")
	if st, ok := r.Context().Value(replyStateKey{}).(replyState); ok {
		data["Draft"], data["HeldNow"] = st.draft, st.held
		if st.err != "" {
			data["Error"] = st.err
		}
	}
	ws.render(w, http.StatusOK, "ticket", data)
}

// replyStateKey carries a reply that was not sent back to the ticket
// page: its text, and why (an error, or the held reply's id). Never read
// from the URL.
type replyStateKey struct{}

type replyState struct {
	draft, err string
	held       int64
}

// reply: POST /tickets/{id}/reply, an agent's reply or internal note from
// the ticket page's form.
func (ws *Workspace) reply(w http.ResponseWriter, r *http.Request) {
	pr := principal(r)
	id, err := web.PathID(r, "id")
	if err != nil {
		http.NotFound(w, r)
		return
	}
	v := ws.ViewerOf(r)
	in := ticket.NewMessage{Body: r.PostFormValue("body")} // the store makes it the agent's
	if in.Macros, err = ws.macroUses(r); err != nil {
		ws.replyAgain(w, r, replyState{draft: in.Body, err: ws.pageError(err)}, web.Status(err))
		return
	}
	internal := r.PostFormValue("internal") == "1"
	if left := unfilledPlaceholders(in.Body); !internal && len(left) > 0 {
		err := errs.Field("body", "Fill in %s before sending: the customer would read it as written.", strings.Join(left, ", "))
		ws.replyAgain(w, r, replyState{draft: in.Body, err: ws.pageError(err)}, web.Status(err))
		return
	}
	if internal {
		if !pr.Can(auth.PermNoteWrite) {
			data := agentPage(pr, "Not for your role")
			data["Heading"], data["Message"] = "Not for your role", "Your role cannot write internal notes."
			data["Need"], data["Role"] = string(auth.PermNoteWrite), pr.Agent.Role.Label()
			ws.forbidden(w, data)
			return
		}
		_, err = ws.Tickets.AddNote(r.Context(), v, id, in)
	} else {
		_, err = ws.Tickets.AddMessage(r.Context(), v, id, in)
	}
	if err != nil {
		// Show the ticket again with the error and the text the agent
		// typed. A held reply is not an error: the page says why it was
		// held, keeps the text to rephrase and offers to ask a supervisor.
		st, status := replyState{draft: in.Body}, web.Status(err)
		if he, ok := errors.AsType[*ticket.HeldError](err); ok {
			st.held, status = he.Reply.ID, http.StatusAccepted
		} else {
			st.err = ws.pageError(err)
		}
		ws.replyAgain(w, r, st, status)
		return
	}
	http.Redirect(w, r, "/tickets/"+strconv.FormatInt(id, 10)+"?sent=1", http.StatusSeeOther)
}

// replyAgain shows the ticket page again with status, the agent's draft
// and why it was not sent.
func (ws *Workspace) replyAgain(w http.ResponseWriter, r *http.Request, st replyState, status int) {
	ws.ticket(statusWriter{w, status}, r.WithContext(context.WithValue(r.Context(), replyStateKey{}, st)))
}

// macroUses are the macros the page says were inserted into the reply
// (macro_id, one per insert), each in its language now.
func (ws *Workspace) macroUses(r *http.Request) ([]ticket.MacroUse, error) {
	var out []ticket.MacroUse
	for _, v := range r.PostForm["macro_id"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return nil, errs.Field("macro_id", "macro_id must be a macro's number, not %q", v)
		}
		if ws.Macros == nil {
			return nil, nil
		}
		m, err := ws.Macros.Get(r.Context(), id)
		if errs.Is(err, errs.NotFound) { // deleted since the page was drawn, or made up
			return nil, errs.Field("macro_id", "no macro %d: insert the macro again, or send the reply without it", id)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, ticket.MacroUse{MacroID: m.ID, Language: m.Language})
	}
	return out, nil
}

// accountAction is a button of the ticket page's account card.
type accountAction struct{ Name, Label string }

var accountActions = []accountAction{
	{exchange.ActionTwoFactorReset, "Request 2FA reset"},
	{exchange.ActionUnlockWithdrawals, "Unlock withdrawals"},
}

// customerPanel adds the ticket page's customer panel to data: the
// verification level, and the exchange account when the level allows it,
// or the reason it does not. The same API routes back the live parts.
func (ws *Workspace) customerPanel(r *http.Request, pr auth.Principal, t ticket.Ticket, data map[string]any) {
	v := ws.ViewerOf(r)
	data["CanReveal"] = pr.Can(auth.PermCustomerReveal)
	data["CanAct"] = pr.Can(auth.PermAccountAction)
	data["CanStepUp"] = pr.Can(auth.PermTicketUpdate) && t.Customer.ExternalID != ""
	data["StepUpPage"] = strings.TrimSuffix(ws.PublicURL, "/") + "/step-up"
	data["Actions"] = accountActions
	lv, err := ws.Accounts.Verification(r.Context(), v, t.ID)
	if err != nil {
		data["AccountError"] = ws.pageError(err)
		return
	}
	data["Verification"], data["LevelMeaning"] = lv, lv.Level.Meaning()
	if a, err := ws.Accounts.Account(r.Context(), v, t.ID); err != nil {
		data["AccountError"] = ws.pageError(err)
	} else {
		data["Account"] = a
	}
}

// extraPanels adds the cards other packages render for the ticket page
// (Deps.TicketPanels) to data["ExtraPanels"].
func (ws *Workspace) extraPanels(r *http.Request, t ticket.Ticket, data map[string]any) {
	var out []template.HTML
	for _, p := range ws.TicketPanels {
		if h := p(r, t); h != "" {
			out = append(out, h)
		}
	}
	data["ExtraPanels"] = out
}

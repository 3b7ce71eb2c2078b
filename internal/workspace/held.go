package workspace

import (
	"context"
	"errors"
	"net/http"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

// Replies the outbound guard held for review (ticket.HeldReply): the
// ticket page shows them above the reply form, with why and "Ask a
// supervisor"; supervisors decide on /held-replies.

func init() {
	pageNames = append(pageNames, "heldreplies")
	notices["released"] = "Released: the reply is sent to the customer as its author's."
	notices["rejected"] = "Rejected: the reply is never sent; its author sees your reason."
	ticketWorkNotices["review"] = "A supervisor is asked to review the held reply."
	adminLinks = append(adminLinks, adminLink{"/held-replies", "Held replies", auth.PermMessageRelease, false})
}

// heldPanel adds the ticket's waiting held replies to the ticket page.
func (ws *Workspace) heldPanel(r *http.Request, t ticket.Ticket, data map[string]any) {
	data["HeldNow"] = int64(0) // the template compares ids with it; the reply handler sets it after
	list, err := ws.Tickets.HeldReplies(r.Context(), ws.ViewerOf(r), t.ID)
	if err != nil {
		data["HeldError"] = ws.pageError(err)
		return
	}
	data["HeldReplies"] = list
}

// askReview: POST /tickets/{id}/held/{held}/review, the reply's author
// asks a supervisor.
func (ws *Workspace) askReview(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err != nil {
		http.NotFound(w, r)
		return
	}
	held, err := web.PathID(r, "held")
	if err == nil {
		_, err = ws.Tickets.RequestReview(r.Context(), ws.ViewerOf(r), held)
	}
	if err != nil {
		ws.ticketFailed(w, r, id, err)
		return
	}
	ticketBack(w, r, id, "review")
}

// heldReplies: GET /held-replies, the supervisors' queue.
func (ws *Workspace) heldReplies(w http.ResponseWriter, r *http.Request) {
	pr := principal(r)
	data := agentPage(pr, "Held replies")
	data["Notice"] = notice(r)
	ws.renderHeld(w, r, http.StatusOK, data)
}

func (ws *Workspace) renderHeld(w http.ResponseWriter, r *http.Request, status int, data map[string]any) {
	list, err := ws.Tickets.ReviewQueue(r.Context(), ws.ViewerOf(r))
	if err != nil {
		data["Error"] = ws.pageError(err)
		status = web.Status(err)
	}
	data["Held"] = list
	names := map[int64]string{}
	if agents, err := ws.Admin.People.Agents(r.Context()); err == nil {
		for _, a := range agents {
			names[a.ID] = a.Name
		}
	}
	data["AgentNames"] = names
	ws.render(w, status, "heldreplies", data)
}

// releaseHeld: POST /held-replies/{id}/release.
func (ws *Workspace) releaseHeld(w http.ResponseWriter, r *http.Request) {
	ws.decideHeld(w, r, ws.Tickets.ReleaseHeld, "released")
}

// rejectHeld: POST /held-replies/{id}/reject.
func (ws *Workspace) rejectHeld(w http.ResponseWriter, r *http.Request) {
	ws.decideHeld(w, r, ws.Tickets.RejectHeld, "rejected")
}

func (ws *Workspace) decideHeld(w http.ResponseWriter, r *http.Request, do func(ctx context.Context, v ticket.Viewer, id int64, note string) (ticket.HeldReply, error), done string) {
	id, err := web.PathID(r, "id")
	if err == nil {
		_, err = do(r.Context(), ws.ViewerOf(r), id, r.PostFormValue("note"))
	}
	if err != nil {
		data := agentPage(principal(r), "Held replies")
		data["Error"] = ws.pageError(err)
		if errors.Is(err, ticket.ErrBlocked) {
			data["Error"] = ws.pageError(err) + " The reply is rejected."
		}
		ws.renderHeld(w, r, web.Status(err), data)
		return
	}
	http.Redirect(w, r, "/held-replies?done="+done, http.StatusSeeOther)
}

package workspace

import (
	"net/http"

	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

// inbox: GET /, the tickets the agent may see, newest activity first.
func (ws *Workspace) inbox(w http.ResponseWriter, r *http.Request) {
	pr := principal(r)
	q := r.URL.Query()
	f := ticket.Filter{Status: ticket.Status(q.Get("status"))}
	data := agentPage(pr, "Inbox")
	data["Statuses"], data["Status"] = ticket.Statuses, f.Status
	page, err := web.PageFrom(r, 50, 200)
	if err == nil {
		var ts []ticket.Ticket
		var next int64
		ts, next, err = ws.Tickets.List(r.Context(), ws.ViewerOf(r), f, page)
		for i := range ts {
			ts[i] = ts[i].MaskPII()
		}
		data["Tickets"], data["Next"] = ts, next
	}
	status := http.StatusOK
	if err != nil {
		status = web.Status(err)
		data["Error"] = ws.pageError(err)
	}
	ws.render(w, status, "inbox", data)
}

package server

import (
	"net/http"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/web"
)

// liveTicket is the ticket page's live channel (server-sent events).
func (p *pages) liveTicket(w http.ResponseWriter, r *http.Request) {
	_, r, ok := p.signedIn(w, r, auth.PermTicketRead)
	if !ok {
		return
	}
	if err := p.app.live.ServeTicket(w, r, liveAgentOf(r)); err != nil {
		web.WriteError(w, r, p.app.log, err)
	}
}

package workspace

import (
	"net/http"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/workforce"
)

// flagPanel adds the well-being controls to the ticket page: flag the
// conversation abusive or distressing (breathing room for the agent), and
// the customer messages that read as abusive, which one click collapses.
func (ws *Workspace) flagPanel(r *http.Request, pr auth.Principal, t ticket.Ticket, data map[string]any) {
	if ws.Workforce == nil {
		return
	}
	flags, err := ws.Workforce.Flags(r.Context(), t.ID)
	if err != nil {
		ws.Log.Warn("workspace: flags", "ticket", t.ID, "err", err)
		return
	}
	flaggedAbusive := false
	for _, f := range flags {
		flaggedAbusive = flaggedAbusive || f.Kind == "abusive"
	}
	// Once the conversation is flagged abusive, every customer message
	// may be collapsed; before, those the abuse list catches.
	abusive := map[int64]bool{}
	for _, m := range t.Messages {
		if m.AuthorKind == "customer" && (flaggedAbusive || workforce.Abusive(m.Body)) {
			abusive[m.ID] = true
		}
	}
	data["Flags"], data["AbusiveMsgs"], data["FlagKinds"] = flags, abusive, workforce.FlagKinds
	data["CanFlag"] = pr.Can(auth.PermTicketUpdate)
	data["Flagged"] = r.URL.Query().Get("done") == "flagged"
	data["FlagRefused"] = r.URL.Query().Get("done") == "flag-refused"
	if len(abusive) > 0 {
		data["Scripts"] = append(data["Scripts"].([]string), "wellbeing.js")
	}
}

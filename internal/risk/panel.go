package risk

import (
	"bytes"
	"html/template"
	"net/http"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// PanelEvents is how many events the ticket page's card shows.
const PanelEvents = 10

var panel = template.Must(template.ParseFS(files, "templates/panel.html"))

// TicketPanel is the ticket page's risk card (workspace.Deps.TicketPanels):
// the customer's newest risk events, their IP addresses only for an agent
// who may reveal personal data. Nothing for a customer without an
// exchange account.
func (s *Service) TicketPanel(r *http.Request, t ticket.Ticket) template.HTML {
	if t.Customer.ExternalID == "" {
		return ""
	}
	data := map[string]any{}
	evs, err := s.Recent(r.Context(), t.Customer.ExternalID, PanelEvents)
	if err != nil {
		s.log.Error("risk: ticket panel", "ticket", t.ID, "err", err)
		data["Error"] = "The risk events could not be read; try again in a moment."
	}
	if p, _ := auth.PrincipalFrom(r.Context()); !p.Can(auth.PermCustomerReveal) {
		for i := range evs {
			evs[i] = evs[i].Masked()
		}
	}
	data["Events"] = evs
	var buf bytes.Buffer
	if err := panel.Execute(&buf, data); err != nil {
		s.log.Error("risk: ticket panel", "ticket", t.ID, "err", err)
		return ""
	}
	return template.HTML(buf.String()) // rendered by html/template above
}

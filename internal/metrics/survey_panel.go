package metrics

import (
	"bytes"
	"context"
	"html/template"
)

var surveyPanel = template.Must(template.ParseFS(templateFiles, "templates/survey_panel.html"))

// SurveyPanel is the ticket page's card of the ticket's surveys: each one
// offered, and its score and comment once answered; nothing when the
// ticket has none.
func (h *HTTP) SurveyPanel(ctx context.Context, ticketID int64) template.HTML {
	svs, err := h.TicketSurveys(ctx, ticketID)
	if err != nil {
		h.log.Error("metrics: survey panel", "ticket", ticketID, "err", err)
		return ""
	}
	if len(svs) == 0 {
		return ""
	}
	var buf bytes.Buffer
	if err := surveyPanel.Execute(&buf, svs); err != nil {
		h.log.Error("metrics: survey panel", "ticket", ticketID, "err", err)
		return ""
	}
	return template.HTML(buf.String()) // rendered by html/template above
}

package workspace

import (
	"context"
	"net/http"

	"github.com/groundcrew/groundcrew/internal/email"
)

// The e-mail page: the IMAP mailboxes with their sync state and alerts,
// the outbound queue, and the recent mail in and out (internal/email; the
// API's GET /api/v1/email/status shows the same).

// EmailChannel reports the e-mail channel (*email.Service).
type EmailChannel interface {
	Status(ctx context.Context, limit int) (email.Status, error)
}

func init() { pageNames = append(pageNames, "email") }

// emailAdmin: GET /admin/email.
func (ws *Workspace) emailAdmin(w http.ResponseWriter, r *http.Request) {
	data := adminPage(r, "E-mail", "/admin/email")
	status := http.StatusOK
	if ws.Admin.Email == nil {
		data["Off"] = true
	} else if st, err := ws.Admin.Email.Status(r.Context(), 50); err != nil {
		status = ws.failed(data, err)
	} else {
		alerts := 0
		for _, m := range st.Mailboxes {
			if m.Alert {
				alerts++
			}
		}
		data["Status"], data["Alerts"] = st, alerts
	}
	ws.render(w, status, "email", data)
}

package workspace

import (
	"net/http"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// Public marks a page anyone may open.
const Public auth.Perm = ""

// Route is one page of the workspace.
type Route struct {
	Method  string
	Path    string
	Perm    auth.Perm // Public, or the permission the agent needs
	MaxBody int64     // a form's size limit, checked before the session; 0: none
	Handler http.HandlerFunc
}

// Pattern is the route's http.ServeMux pattern.
func (rt Route) Pattern() string { return rt.Method + " " + rt.Path }

// Routes is every page of the workspace and the permission it needs.
// Public pages check what they need themselves (sign-in: origin and rate
// limits; sign-out: the session's CSRF token).
func (ws *Workspace) Routes() []Route {
	return []Route{
		{"GET", "/login", Public, 0, ws.loginForm},
		{"POST", "/login", Public, 0, ws.login},
		{"POST", "/login/totp", Public, 0, ws.loginEnrol},
		{"POST", "/logout", Public, 0, ws.logout},

		{"GET", "/{$}", auth.PermTicketRead, 0, ws.inbox},
		{"GET", "/inbox/counts", auth.PermTicketRead, 0, ws.inboxCounts},
		{"GET", "/inbox/live", auth.PermTicketRead, 0, ws.inboxLive},
		{"GET", "/tickets/{id}", auth.PermTicketRead, 0, ws.ticket},
		{"POST", "/tickets/{id}/reply", auth.PermMessageWrite, ticket.MaxRequest, ws.reply},

		{"GET", "/admin/encryption", auth.PermSettingsManage, 0, ws.encryption},
	}
}

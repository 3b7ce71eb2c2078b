// Package workspace is the agent's side of Groundcrew in the browser: the
// sign-in pages, the inbox, the ticket view and the admin pages.
//
// How it is laid out, for whoever adds a page:
//
//   - routes.go is the route table: every page's method, path and the
//     permission it needs, on one line each, like the API's table in
//     internal/server/routes.go. Serve turns an entry into an http.Handler
//     that checks the session and the permission before the page's handler
//     runs (a browser without a session goes to /login; an agent whose role
//     lacks the permission gets the styled 403 page), so a handler finds
//     its agent with principal(r).
//   - One file per page group (inbox.go, ticket_page.go, signin.go,
//     encryption.go), each with its template in templates/<page>.html and
//     its scripts in static/. Templates are parsed once (add the name to
//     pageNames), inside the shared layout of internal/web, and rendered
//     with ws.render; agentPage(pr, title) is the data every signed-in page
//     starts from.
//   - labels.go turns the API's values into what agents read ("Waiting on
//     customer", "Wallet deposits"); templates call statusLabel, areaLabel
//     and the like.
//   - live.go is the inbox's live counts: one bus subscription per node,
//     server-sent events to each open inbox.
//   - The ticket view's parts: ticket_view.go (the page's data, shortcuts),
//     ticket_live.go (Live: this node's open pages indexed by ticket and
//     agent, and the presence board built from bus signals),
//     ticket_live_http.go (the ticket page's and the notifications' event
//     streams, typing), macro*.go (macros and their API) and notify.go
//     (each agent's notification settings).
//   - The account, new-ticket and admin pages: account.go, new_ticket.go,
//     admin_people.go (agents, teams, two-factor policy), admin_channels.go,
//     admin_form.go (the ticket form's fields), admin_macros.go,
//     admin_audit.go (the log, its verdict, the admin sub-navigation) and
//     ticket_actions.go (the ticket page's work panel: update, escalate,
//     contact data, files); forms.go is how their forms answer (a redirect
//     with ?done=, or the page again with the error beside its field), and
//     admin_deps.go their dependencies (Deps.Admin). A test in
//     internal/server (TestEveryAgentRouteHasAPage) fails when an API
//     route has no page here.
//   - Dependencies are the small interfaces in deps.go, handed in by
//     internal/server through Deps: the workspace never sees the App.
package workspace

import (
	"embed"
	"net/http"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/web"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

// Static holds the workspace's scripts, for web.NewAssets.
var Static = staticFiles

// pageNames are the templates in templates/, one per page.
var pageNames = []string{"login", "enrol", "inbox", "ticket", "encryption", "forbidden"}

// Workspace serves the agent pages.
type Workspace struct {
	Deps
	pages *web.Renderer
	hub   hub // the open live inboxes of this node

	routingHub routingHub // the open /live/routing streams of this node
	super      superHub   // the open supervisor views of this node
}

// New parses the workspace's templates against the shared layout.
func New(d Deps) (*Workspace, error) {
	r, err := web.NewRenderer(d.Log, d.Assets, templateFiles, labelFuncs, pageNames...)
	if err != nil {
		return nil, err
	}
	return &Workspace{Deps: d, pages: r}, nil
}

// render writes a page of the workspace.
func (ws *Workspace) render(w http.ResponseWriter, status int, name string, data map[string]any) {
	ws.pages.Render(w, status, name, data)
}

// pageError is the message a page shows for err (internal ones are logged).
func (ws *Workspace) pageError(err error) string { return ws.pages.PageError(err) }

// Serve is the handler of one route: for a page that needs a permission it
// authenticates the session first, sends a browser without one to the
// sign-in page, and refuses an agent whose role lacks the permission.
func (ws *Workspace) Serve(rt Route) http.Handler {
	if rt.Perm == web.Public {
		return rt.Handler
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if rt.MaxBody > 0 {
			// Before Authenticate, which reads a form's CSRF token.
			r.Body = http.MaxBytesReader(w, r.Body, rt.MaxBody)
		}
		pr, err := ws.Sessions.Authenticate(r)
		if err != nil {
			if errs.Is(err, errs.Forbidden) {
				ws.forbidden(w, map[string]any{"Title": "Refused", "Heading": "This form has expired",
					"Message": "The page you sent it from was stale or from another site (" + err.Error() + "). You are still signed in: go back, reload and try again."})
			} else {
				http.Redirect(w, r, "/login", http.StatusSeeOther)
			}
			return
		}
		if !pr.Can(rt.Perm) {
			data := agentPage(pr, "Not for your role")
			data["Heading"], data["Message"] = "Not for your role", "Your role cannot open this page."
			data["Need"], data["Role"] = string(rt.Perm), pr.Agent.Role.Label()
			ws.forbidden(w, data)
			return
		}
		// Refuse what no store may keep before any handler reads it.
		// Authenticate parsed the form unless the CSRF token came in a
		// header; ParseForm reads only a URL-encoded body.
		if r.PostForm == nil && r.Method == http.MethodPost {
			_ = r.ParseForm() // a bad body is the handler's to report
		}
		if err := web.CheckForm(r.PostForm); err != nil {
			data := agentPage(pr, "Not saved")
			data["Heading"], data["Message"] = "Not saved", "Nothing was saved: "+err.Error()+". Go back, remove it and send the form again."
			ws.render(w, http.StatusBadRequest, "forbidden", data)
			return
		}
		rt.Handler(w, r.WithContext(auth.Acting(r.Context(), pr)))
	})
}

// forbidden renders the styled 403 page.
func (ws *Workspace) forbidden(w http.ResponseWriter, data map[string]any) {
	ws.render(w, http.StatusForbidden, "forbidden", data)
}

// principal is the signed-in agent of a page that Serve let through.
func principal(r *http.Request) auth.Principal {
	p, _ := auth.PrincipalFrom(r.Context())
	return p
}

// agentPage is what every signed-in page's data starts from.
func agentPage(pr auth.Principal, title string) map[string]any {
	return map[string]any{"Title": title, "Agent": pr.Agent, "CSRF": pr.CSRF}
}

// NotFound is the styled page for an address no route serves: a signed-in
// agent keeps the header and a way back, where the router's default is a
// bare line of text.
func (ws *Workspace) NotFound(w http.ResponseWriter, r *http.Request) {
	data := map[string]any{"Title": "Page not found"}
	if r.Method == http.MethodGet {
		if pr, err := ws.Sessions.Authenticate(r); err == nil {
			data = agentPage(pr, "Page not found")
		}
	}
	data["Heading"] = "Page not found"
	data["Message"] = "There is no page at " + r.URL.Path + ". The link may be old or mistyped."
	ws.render(w, http.StatusNotFound, "forbidden", data)
}

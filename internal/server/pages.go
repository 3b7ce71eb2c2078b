package server

import (
	"embed"
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strings"

	"github.com/groundcrew/groundcrew/internal/academy"
	"github.com/groundcrew/groundcrew/internal/academy/feedback"
	"github.com/groundcrew/groundcrew/internal/academy/quality"
	"github.com/groundcrew/groundcrew/internal/metrics"
	"github.com/groundcrew/groundcrew/internal/phone"
	"github.com/groundcrew/groundcrew/internal/search"
	"github.com/groundcrew/groundcrew/internal/web"
	"github.com/groundcrew/groundcrew/internal/webhook"
	"github.com/groundcrew/groundcrew/internal/workspace"
)

// The customer-facing pages (/deposit-check, /step-up, /verify and the
// sandbox exchange's step-up page) are rendered here, in the shared layout
// of internal/web; the agent pages are internal/workspace's.

//go:embed templates/*.html
var templateFiles embed.FS

// pages renders the customer-facing pages.
type pages struct {
	app *App
	r   *web.Renderer
}

func newPages(a *App, assets *web.Assets) (*pages, error) {
	r, err := web.NewRenderer(a.log, assets, templateFiles, template.FuncMap{"fill": fill}, "deposit", "stepup", "sandbox-stepup", "verify", "recovery")
	if err != nil {
		return nil, err
	}
	return &pages{app: a, r: r}, nil
}

// fill puts values into a translated text's placeholders: fill "{fee}
// {asset}" "fee" 5 "asset" "USDT". Translations order words their own
// way, so pages fill, never concatenate.
func fill(text string, pairs ...any) string {
	for i := 0; i+1 < len(pairs); i += 2 {
		text = strings.ReplaceAll(text, "{"+fmt.Sprint(pairs[i])+"}", fmt.Sprint(pairs[i+1]))
	}
	return text
}

func (p *pages) render(w http.ResponseWriter, status int, name string, data map[string]any) {
	p.r.Render(w, status, name, data)
}

// openPages builds the shared static files, the customer pages and the
// agent workspace.
func (a *App) openPages() error {
	assets, err := web.NewAssets(workspace.Static, phone.Static, metrics.Static, quality.Static, feedback.Static, academy.Static)
	if err != nil {
		return err
	}
	a.assets = assets
	if a.pages, err = newPages(a, assets); err != nil {
		return err
	}
	if a.callbackPage, err = a.newCallbackPage(assets); err != nil {
		return err
	}
	a.workspace, err = workspace.New(workspace.Deps{
		Log: a.log, Assets: assets, PublicURL: a.cfg.PublicURL,
		Sessions: a.auth, Tickets: a.tickets.Store, Accounts: a.account.Service, Encryption: a.reseal,
		Search: search.Finder{Index: a.search, DB: a.db}, Events: a.bus,
		Live: a.live, Macros: a.macros.Macros, Routing: a.routing, Workforce: a.workforce.Service, Mentions: a.tickets.Store.MentionedTickets,
		ViewerOf: viewerOf, SignInLimit: a.limits.signIn, TicketPanels: []workspace.TicketPanel{a.risk.TicketPanel, a.surveyPanel, a.feedbackPanel},
		Admin: workspace.AdminDeps{People: a.auth, Audit: a.audit, Official: a.official, Forms: a.forms.Store, Intake: a.tickets.Store,
			Work: a.tickets.Store, Files: a.files.Store, SLA: a.sla.Service, Automation: a.automation.Service,
			KB: a.help.Store, KBSearch: a.kbSearch, Phone: a.phone.Service, ChannelSettings: a.channelSettings, Status: a.status, Email: a.email, Recovery: a.recovery.Service,
			Risk: a.risk, RiskDemo: a.riskDemo(),
			Bot: workspace.Bot{Intents: a.nlu, Phrases: a.nlu, Analyzer: a.nlu}},
	})
	return err
}

type pageRoute struct {
	pattern string
	handler http.Handler
}

// pageRoutes are the customer pages, the workspace's pages (whose table,
// with each page's permission, is workspace.Routes) and the static files.
func (a *App) pageRoutes() []pageRoute {
	p := a.pages
	routes := []pageRoute{
		{"GET /deposit-check", http.HandlerFunc(p.depositCheck)},
		{"POST /deposit-check", http.HandlerFunc(p.depositCheckPost)},
		{"GET /step-up", http.HandlerFunc(p.stepUp)},
		{"POST /step-up", http.HandlerFunc(p.stepUpStart)},
		{"GET /sandbox/step-up", http.HandlerFunc(p.sandboxStepUp)},
		{"POST /sandbox/step-up", http.HandlerFunc(p.sandboxStepUpPost)},
		{"GET /verify", http.HandlerFunc(p.verify)},
		{"GET /callback", http.HandlerFunc(a.callbackPage.HandleForm)},
		{"POST /callback", http.HandlerFunc(a.callbackPage.HandleSubmit)},
		{"GET /deposit-recovery/start", http.HandlerFunc(p.recoveryStart)},
		{"POST /deposit-recovery/quote", http.HandlerFunc(p.recoveryQuote)},
		{"POST /deposit-recovery/accept", http.HandlerFunc(p.recoveryAccept)},
		{"GET /deposit-recovery/fees", http.HandlerFunc(p.recoveryFees)},
		{"GET /deposit-recovery/appeals/{id}", http.HandlerFunc(p.recoveryAppeal)},
		{"POST /deposit-recovery/appeals/{id}/evidence", http.HandlerFunc(p.recoveryEvidence)},
		{"POST /deposit-recovery/appeals/{id}/proof", http.HandlerFunc(p.recoveryProof)},
		{"POST /verify", http.HandlerFunc(p.verify)},
		{"GET /static/", a.assets},
	}
	for _, rt := range a.workspace.Routes() {
		routes = append(routes, pageRoute{rt.Pattern(), a.workspace.Serve(rt)})
	}
	routes = append(routes, a.sessionPages(8<<10, a.dash.PageRoutes())...)
	routes = append(routes, a.sessionPages(256<<10, a.academy.PageRoutes())...)
	routes = append(routes, a.emailPageRoutes()...)
	routes = append(routes, a.sessionPages(32<<10, a.qa.PageRoutes(), a.feedback.PageRoutes())...)
	routes = append(routes, a.sessionPages(8<<10, a.fraudPages.PageRoutes())...)
	routes = append(routes, a.sessionPages(webhook.MaxInput, a.webhookPages.PageRoutes())...)
	for _, pages := range [][]web.PageRoute{a.help.Routes(), a.portalRoutes(), a.statusPages.Routes(), a.risk.Routes(), a.widget.Routes()} {
		for _, rt := range pages {
			routes = append(routes, pageRoute{rt.Pattern(), rt.Handler})
		}
	}
	return routes
}

// sessionPages serves page tables behind the workspace's session and CSRF
// check with each page's permission, and a form's size limit read before
// the session; a public page is served as it is.
func (a *App) sessionPages(maxBody int64, tables ...[]web.PageRoute) []pageRoute {
	var out []pageRoute
	for _, rt := range slices.Concat(tables...) {
		h := http.Handler(rt.Handler)
		if rt.Perm != web.Public {
			h = a.workspace.Serve(workspace.Route{Method: rt.Method, Path: rt.Path, Perm: rt.Perm, MaxBody: maxBody, Handler: rt.Handler})
		}
		out = append(out, pageRoute{rt.Pattern(), h})
	}
	return out
}

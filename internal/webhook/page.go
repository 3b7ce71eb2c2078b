package webhook

import (
	"embed"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/web"
)

//go:embed templates/*.html
var templateFiles embed.FS

// Pages are the admin pages (/admin/webhooks...). internal/server serves
// them through the workspace's session check with the permission each
// PageRoute names.
type Pages struct {
	Service *Service
	// Nav is the admin sub-navigation for the layout (nil: none).
	Nav   func(p auth.Principal, current string) any
	pages *web.Renderer
}

// NewPages parses the pages against the shared layout.
func NewPages(s *Service, assets *web.Assets, nav func(auth.Principal, string) any) (*Pages, error) {
	funcs := template.FuncMap{
		"has":  func(list []string, v string) bool { return contains(list, v) },
		"when": formatTime,
		"host": Host,
	}
	r, err := web.NewRenderer(s.log, assets, templateFiles, funcs, "webhooks")
	if err != nil {
		return nil, err
	}
	return &Pages{Service: s, Nav: nav, pages: r}, nil
}

// PageRoutes are the admin pages; each does what an API route does.
func (p *Pages) PageRoutes() []web.PageRoute {
	return []web.PageRoute{
		web.Get("/admin/webhooks", auth.PermWebhookManage, p.list),
		web.Post("/admin/webhooks", auth.PermWebhookManage, p.create),
		web.Get("/admin/webhooks/{id}", auth.PermWebhookManage, p.detail),
		web.Post("/admin/webhooks/{id}", auth.PermWebhookManage, p.update),
		web.Post("/admin/webhooks/{id}/secret", auth.PermWebhookManage, p.rotate),
		web.Post("/admin/webhooks/{id}/delete", auth.PermWebhookManage, p.remove),
		web.Post("/admin/webhooks/{id}/deliveries/{delivery}/resend", auth.PermWebhookManage, p.resend),
	}
}

func (p *Pages) data(r *http.Request, title string) map[string]any {
	pr, _ := auth.PrincipalFrom(r.Context())
	d := map[string]any{"Title": title, "Agent": pr.Agent, "CSRF": pr.CSRF, "EventTypes": p.Service.Catalogue().Types(),
		"AllowPrivate": p.Service.Policy().AllowPrivate, "Notice": notices[r.URL.Query().Get("done")]}
	if p.Nav != nil {
		d["AdminNav"] = p.Nav(pr, "/admin/webhooks")
	}
	return d
}

var notices = map[string]string{
	"updated": "The webhook is saved.",
	"deleted": "The webhook is deleted.",
	"resent":  "The delivery is queued again; it goes out in a moment, in event order with any others waiting.",
}

// draft is the form as the admin filled it, to show again with an error.
type draft struct {
	Name, URL string
	Events    []string
	Scope     Scope
	Active    bool
}

func (p *Pages) list(w http.ResponseWriter, r *http.Request) {
	p.renderList(w, r, http.StatusOK, draft{Scope: ScopeMetadata, Active: true}, "", nil)
}

func (p *Pages) renderList(w http.ResponseWriter, r *http.Request, status int, d draft, secret string, created *Subscription) {
	data := p.data(r, "Webhooks")
	subs, err := p.Service.List(r.Context())
	if err != nil {
		data["Error"], status = p.pages.PageError(err), web.Status(err)
	}
	data["Subs"], data["Draft"], data["Secret"], data["Created"] = subs, d, secret, created
	p.pages.Render(w, status, "webhooks", data)
}

func formDraft(r *http.Request) (draft, Input) {
	_ = r.ParseForm()
	d := draft{Name: r.PostForm.Get("name"), URL: r.PostForm.Get("url"), Events: r.PostForm["events"],
		Scope: Scope(r.PostForm.Get("scope")), Active: r.PostForm.Get("active") != ""}
	events := append([]string{}, d.Events...)
	in := Input{Name: &d.Name, URL: &d.URL, Events: &events, Scope: &d.Scope, Active: &d.Active}
	return d, in
}

func (p *Pages) create(w http.ResponseWriter, r *http.Request) {
	d, in := formDraft(r)
	c, err := p.Service.Create(r.Context(), in, actor(r))
	if err != nil {
		data := p.data(r, "Webhooks")
		subs, _ := p.Service.List(r.Context())
		data["Subs"], data["Draft"], data["Error"] = subs, d, p.pages.PageError(err)
		p.pages.Render(w, web.Status(err), "webhooks", data)
		return
	}
	// The secret is shown on this answer only; it is stored sealed.
	p.renderList(w, r, http.StatusCreated, draft{Scope: ScopeMetadata, Active: true}, c.Secret, &c.Subscription)
}

func (p *Pages) subID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id, err := web.PathID(r, "id")
	if err != nil {
		p.fail(w, r, err)
		return 0, false
	}
	return id, true
}

func (p *Pages) fail(w http.ResponseWriter, r *http.Request, err error) {
	data := p.data(r, "Webhooks")
	subs, _ := p.Service.List(r.Context())
	data["Subs"], data["Draft"], data["Error"] = subs, draft{Scope: ScopeMetadata, Active: true}, p.pages.PageError(err)
	p.pages.Render(w, web.Status(err), "webhooks", data)
}

func (p *Pages) detail(w http.ResponseWriter, r *http.Request) {
	id, ok := p.subID(w, r)
	if !ok {
		return
	}
	p.renderDetail(w, r, id, http.StatusOK, nil, "", "")
}

func (p *Pages) renderDetail(w http.ResponseWriter, r *http.Request, id int64, status int, d *draft, secret, errMsg string) {
	sub, err := p.Service.Get(r.Context(), id)
	if err != nil {
		p.fail(w, r, err)
		return
	}
	log, err := p.Service.Deliveries(r.Context(), id, 0, 50)
	if err != nil {
		p.fail(w, r, err)
		return
	}
	data := p.data(r, "Webhook: "+sub.Name)
	if d == nil {
		d = &draft{Name: sub.Name, URL: sub.URL, Events: sub.Events, Scope: sub.Scope, Active: sub.Active}
	}
	data["Sub"], data["Draft"], data["Deliveries"], data["Secret"] = sub, d, log, secret
	if errMsg != "" {
		data["Error"] = errMsg
	}
	p.pages.Render(w, status, "webhooks", data)
}

func (p *Pages) update(w http.ResponseWriter, r *http.Request) {
	id, ok := p.subID(w, r)
	if !ok {
		return
	}
	d, in := formDraft(r)
	if _, err := p.Service.Update(r.Context(), id, in); err != nil {
		if errs.KindOf(err) == errs.NotFound {
			p.fail(w, r, err)
			return
		}
		p.renderDetail(w, r, id, web.Status(err), &d, "", p.pages.PageError(err))
		return
	}
	http.Redirect(w, r, "/admin/webhooks/"+strconv.FormatInt(id, 10)+"?done=updated", http.StatusSeeOther)
}

func (p *Pages) rotate(w http.ResponseWriter, r *http.Request) {
	id, ok := p.subID(w, r)
	if !ok {
		return
	}
	secret, err := p.Service.RotateSecret(r.Context(), id)
	if err != nil {
		p.fail(w, r, err)
		return
	}
	p.renderDetail(w, r, id, http.StatusOK, nil, secret, "")
}

func (p *Pages) remove(w http.ResponseWriter, r *http.Request) {
	id, ok := p.subID(w, r)
	if !ok {
		return
	}
	if err := p.Service.Delete(r.Context(), id); err != nil {
		p.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/webhooks?done=deleted", http.StatusSeeOther)
}

func (p *Pages) resend(w http.ResponseWriter, r *http.Request) {
	id, ok := p.subID(w, r)
	if !ok {
		return
	}
	did, err := web.PathID(r, "delivery")
	if err == nil {
		_, err = p.Service.Resend(r.Context(), id, did)
	}
	if err != nil {
		p.renderDetail(w, r, id, web.Status(err), nil, "", p.pages.PageError(err))
		return
	}
	http.Redirect(w, r, "/admin/webhooks/"+strconv.FormatInt(id, 10)+"?done=resent#log", http.StatusSeeOther)
}

// formatTime shows a time (or a *time.Time, "–" when nil) in UTC.
func formatTime(v any) string {
	switch t := v.(type) {
	case time.Time:
		return t.UTC().Format("2006-01-02 15:04:05 UTC")
	case *time.Time:
		if t != nil {
			return t.UTC().Format("2006-01-02 15:04:05 UTC")
		}
	}
	return "–"
}

func contains(list []string, v string) bool {
	for _, s := range list {
		if s == v {
			return true
		}
	}
	return false
}

// Host is a URL's host, for the list.
func Host(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	return strings.TrimPrefix(u.Host, "www.")
}

package server

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

// pages renders the server-side pages: sign-in and the inbox.
type pages struct {
	app    *App
	tmpl   map[string]*template.Template
	assets map[string]string // logical name → content-hashed URL
	static map[string][]byte // hashed URL → content
}

func newPages(a *App) (*pages, error) {
	p := &pages{app: a, tmpl: map[string]*template.Template{}, assets: map[string]string{}, static: map[string][]byte{}}
	err := fs.WalkDir(staticFiles, "static", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := staticFiles.ReadFile(name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		base := path.Base(name)
		ext := path.Ext(base)
		hashed := "/static/" + strings.TrimSuffix(base, ext) + "." + hex.EncodeToString(sum[:6]) + ext
		p.assets[base], p.static[hashed] = hashed, body
		return nil
	})
	if err != nil {
		return nil, err
	}
	funcs := template.FuncMap{
		"asset": func(name string) string { return p.assets[name] },
		"ago":   ago,
	}
	for _, name := range []string{"login", "enrol", "inbox", "ticket", "deposit", "encryption", "stepup", "sandbox-stepup", "verify"} {
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFiles, "templates/layout.html", "templates/"+name+".html")
		if err != nil {
			return nil, err
		}
		p.tmpl[name] = t
	}
	return p, nil
}

type pageRoute struct {
	pattern string
	handler http.Handler
}

func (a *App) pageRoutes() []pageRoute {
	p := a.pages
	return []pageRoute{
		{"GET /{$}", http.HandlerFunc(p.inbox)},
		{"GET /login", http.HandlerFunc(p.loginForm)},
		{"POST /login", http.HandlerFunc(p.login)},
		{"POST /login/totp", http.HandlerFunc(p.loginEnrol)},
		{"POST /logout", http.HandlerFunc(p.logout)},
		{"GET /tickets/{id}", http.HandlerFunc(p.ticket)},
		{"POST /tickets/{id}/reply", http.HandlerFunc(p.reply)},
		{"GET /live/tickets/{id}", http.HandlerFunc(p.liveTicket)},
		{"GET /deposit-check", http.HandlerFunc(p.depositCheck)},
		{"POST /deposit-check", http.HandlerFunc(p.depositCheckPost)},
		{"GET /admin/encryption", http.HandlerFunc(p.encryption)},
		{"GET /step-up", http.HandlerFunc(p.stepUp)},
		{"POST /step-up", http.HandlerFunc(p.stepUpStart)},
		{"GET /sandbox/step-up", http.HandlerFunc(p.sandboxStepUp)},
		{"POST /sandbox/step-up", http.HandlerFunc(p.sandboxStepUpPost)},
		{"GET /verify", http.HandlerFunc(p.verify)},
		{"POST /verify", http.HandlerFunc(p.verify)},
		{"GET /static/", http.HandlerFunc(p.serveStatic)},
	}
}

func (p *pages) serveStatic(w http.ResponseWriter, r *http.Request) {
	body, ok := p.static[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	if strings.HasSuffix(r.URL.Path, ".css") {
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
	} else if strings.HasSuffix(r.URL.Path, ".js") {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	}
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	_, _ = w.Write(body)
}

func (p *pages) render(w http.ResponseWriter, status int, name string, data map[string]any) {
	var buf bytes.Buffer
	if err := p.tmpl[name].Execute(&buf, data); err != nil {
		p.app.log.Error("render page", "page", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

func (p *pages) inbox(w http.ResponseWriter, r *http.Request) {
	pr, r, ok := p.signedIn(w, r, auth.PermTicketRead)
	if !ok {
		return
	}
	q := r.URL.Query()
	f := ticket.Filter{Status: ticket.Status(q.Get("status"))}
	data := map[string]any{"Title": "Inbox", "Agent": pr.Agent, "CSRF": pr.CSRF, "Statuses": ticket.Statuses, "Status": f.Status}
	page, err := web.PageFrom(r, 50, 200)
	if err == nil {
		var ts []ticket.Ticket
		var next int64
		ts, next, err = p.app.tickets.Store.List(r.Context(), viewerOf(r), f, page)
		for i := range ts {
			ts[i] = ts[i].MaskPII()
		}
		data["Tickets"], data["Next"] = ts, next
	}
	status := http.StatusOK
	if err != nil {
		status = web.Status(err)
		data["Error"] = pageError(p, err)
	}
	p.render(w, status, "inbox", data)
}

func ago(t time.Time) string {
	d := time.Since(t)
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return plural(int(d.Minutes()), "minute") + " ago"
	case d < 48*time.Hour:
		return plural(int(d.Hours()), "hour") + " ago"
	}
	return t.Format("2 Jan 2006")
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return strconv.Itoa(n) + " " + unit + "s"
}

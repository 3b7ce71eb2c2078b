package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
)

// Server-rendered pages share one layout (templates/layout.html), one
// stylesheet (static/app.css) and one /static/ handler. Each package with
// pages (the agent workspace, the customer pages) embeds its own templates
// and scripts and renders them through a Renderer built on the shared
// Assets.

//go:embed templates/layout.html
var layoutFiles embed.FS

//go:embed static
var sharedStatic embed.FS

// Assets serves static files under content-hashed names, so that browsers
// may cache them forever: app.css becomes /static/app.3f2a9c1b04de.css.
type Assets struct {
	urls  map[string]string // file name → hashed URL
	files map[string][]byte // hashed URL → content
}

// NewAssets collects the shared static files and those of each fsys (each
// holding its files in a folder named static). Two packages may not ship a
// file of the same name.
func NewAssets(fsyss ...fs.FS) (*Assets, error) {
	a := &Assets{urls: map[string]string{}, files: map[string][]byte{}}
	for _, fsys := range append([]fs.FS{sharedStatic}, fsyss...) {
		if err := a.add(fsys); err != nil {
			return nil, fmt.Errorf("static files: %w", err)
		}
	}
	return a, nil
}

func (a *Assets) add(fsys fs.FS) error {
	return fs.WalkDir(fsys, "static", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		base := path.Base(name)
		if _, dup := a.urls[base]; dup {
			return fmt.Errorf("%s is shipped twice", base)
		}
		sum := sha256.Sum256(body)
		ext := path.Ext(base)
		hashed := "/static/" + strings.TrimSuffix(base, ext) + "." + hex.EncodeToString(sum[:6]) + ext
		a.urls[base], a.files[hashed] = hashed, body
		return nil
	})
}

// URL is the hashed URL of a static file ("" for an unknown one).
func (a *Assets) URL(name string) string { return a.urls[name] }

// ServeHTTP serves GET /static/<hashed name>.
func (a *Assets) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, ok := a.files[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	switch {
	case strings.HasSuffix(r.URL.Path, ".css"):
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
	case strings.HasSuffix(r.URL.Path, ".js"):
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	}
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	_, _ = w.Write(body)
}

// Renderer renders a package's pages inside the shared layout.
type Renderer struct {
	log  *slog.Logger
	tmpl map[string]*template.Template
}

// NewRenderer parses, once, each named page of fsys (templates/<name>.html,
// which defines "content") together with the layout. funcs adds to the
// functions every page has: asset (a static file's URL) and ago.
func NewRenderer(log *slog.Logger, assets *Assets, fsys fs.FS, funcs template.FuncMap, names ...string) (*Renderer, error) {
	all := template.FuncMap{"asset": assets.URL, "ago": Ago}
	for k, f := range funcs {
		all[k] = f
	}
	r := &Renderer{log: log, tmpl: map[string]*template.Template{}}
	for _, name := range names {
		t, err := template.New("layout.html").Funcs(all).ParseFS(layoutFiles, "templates/layout.html")
		if err == nil {
			t, err = t.ParseFS(fsys, "templates/"+name+".html")
		}
		if err != nil {
			return nil, fmt.Errorf("page %s: %w", name, err)
		}
		r.tmpl[name] = t
	}
	return r, nil
}

// Render writes the named page with status. The page is rendered into a
// buffer first, so a template error is a clean 500, not half a page.
func (r *Renderer) Render(w http.ResponseWriter, status int, name string, data map[string]any) {
	var buf bytes.Buffer
	t, ok := r.tmpl[name]
	if !ok {
		r.log.Error("render page: no such page", "page", name)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	if err := t.Execute(&buf, data); err != nil {
		r.log.Error("render page", "page", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// PageError is the message a page shows for err; internal errors are
// logged here and not shown.
func (r *Renderer) PageError(err error) string {
	if e, ok := errs.As(err); ok && e.Kind != errs.Internal {
		return e.Msg
	}
	r.log.Error("page", "err", err)
	return "Something went wrong; it has been logged. Try again."
}

// LimitMessage writes Retry-After for a page refused by a rate limit and
// returns the message to show; ok is false when err is not a rate limit.
func LimitMessage(w http.ResponseWriter, err error) (msg string, ok bool) {
	e, isErr := errs.As(err)
	if !isErr || e.Kind != errs.RateLimited {
		return "", false
	}
	if e.RetryAfter > 0 {
		w.Header().Set("Retry-After", RetryAfter(e.RetryAfter))
	}
	return e.Msg + ".", true
}

// Ago says how long ago t was, for lists and messages.
func Ago(t time.Time) string {
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

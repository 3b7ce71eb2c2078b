// Package widget serves the chat widget an exchange embeds in its pages:
// the loader script (/chat/v1/widget.js), the iframe it opens
// (/chat/v1/frame) with its script, style and strings in 17 languages, and,
// in demo mode, a fake exchange page that embeds it (/demo/exchange). The
// frame talks to the chat server over the WebSocket protocol in
// docs/chat-protocol.md; this package only serves files and pages.
package widget

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"strings"

	"github.com/groundcrew/groundcrew/internal/web"
)

//go:embed static templates
var files embed.FS

// Config is what the widget needs from the server.
type Config struct {
	// Origins are the exchange sites allowed to embed the frame
	// (GROUNDCREW_WIDGET_ORIGINS): "exchange.example", "*.exchange.example",
	// "https://exchange.example:8443". Every other site is refused by the
	// frame's frame-ancestors.
	Origins []string
	// Demo serves /demo/exchange and lets this server's own pages embed the
	// frame.
	Demo bool
	// DemoCustomers are the people the demo page can sign in as.
	DemoCustomers []DemoCustomer
	// MintIdentity signs a demo customer's identity token with the
	// installation secret, as an exchange's back-end would (demo only).
	MintIdentity func(userID, name string) (string, error)
	// Form lists the pre-chat form's fields; nil: the widget shows none.
	Form FormFields
	// Banner is the open incident's notice in a language (the status
	// page's incident mode); nil or false: no banner.
	Banner func(lang string) (Banner, bool)
	// HelpURL is where the help center's pages start (PublicURL + "/help/"):
	// the bot's article addresses under it are shown as links.
	HelpURL string
	Log     *slog.Logger
}

// Banner is an incident notice at the top of the frame, linking to the
// status page.
type Banner struct{ Title, Text, Href string }

// DemoCustomer is a sandbox user the demo exchange page can sign in as.
type DemoCustomer struct {
	UserID, Name, Scenario string
	Lang                   string // the customer's language at the exchange
}

// Widget serves the widget's files and pages.
type Widget struct {
	cfg     Config
	origins []originPattern   // Config.Origins, parsed
	sources []string          // the same as CSP host-sources
	assets  map[string]string // logical name → content-hashed path
	static  map[string][]byte // hashed path → content
	loader  []byte
	tmpl    map[string]*template.Template
	strings map[string]map[string]string // language → key → text
}

// AssetPrefix is where the frame's hashed script and style are served.
const AssetPrefix = "/chat/v1/assets/"

// New checks cfg and loads the embedded files.
func New(cfg Config) (*Widget, error) {
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	w := &Widget{cfg: cfg, assets: map[string]string{}, static: map[string][]byte{}, tmpl: map[string]*template.Template{}}
	for _, o := range cfg.Origins {
		p, source, err := parseOriginPattern(o)
		if err != nil {
			return nil, fmt.Errorf("widget: allowed origin %q: %w", o, err)
		}
		w.origins, w.sources = append(w.origins, p), append(w.sources, source)
	}
	var err error
	if w.strings, err = loadStrings(); err != nil {
		return nil, err
	}
	if err := w.loadStatic(); err != nil {
		return nil, err
	}
	funcs := template.FuncMap{"asset": func(name string) string { return w.assets[name] }}
	for _, name := range []string{"frame", "demo"} {
		t, err := template.New(name+".html").Funcs(funcs).ParseFS(files, "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("widget: parse %s: %w", name, err)
		}
		w.tmpl[name] = t
	}
	return w, nil
}

func (w *Widget) loadStatic() error {
	var err error
	if w.loader, err = files.ReadFile("static/widget.js"); err != nil {
		return fmt.Errorf("widget: loader: %w", err)
	}
	// The launcher's label in every language, from the same strings files.
	labels := map[string]string{}
	for lang, m := range w.strings {
		labels[lang] = m["launcher"]
	}
	js, err := json.Marshal(labels)
	if err != nil {
		return err
	}
	if !bytes.Contains(w.loader, []byte("/*LABELS*/{}")) {
		return fmt.Errorf("widget: widget.js lacks the /*LABELS*/{} placeholder")
	}
	w.loader = bytes.Replace(w.loader, []byte("/*LABELS*/{}"), js, 1)
	bodies := map[string][]byte{}
	err = fs.WalkDir(files, "static", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Base(name) == "widget.js" {
			return err
		}
		bodies[path.Base(name)], err = files.ReadFile(name)
		return err
	})
	if err != nil {
		return err
	}
	// Each module once the modules it imports have their hashed names, its
	// "./name.js" imports rewritten to them, so that a change to an
	// imported module changes its importers' names too.
	imports := regexp.MustCompile(` from '\./([A-Za-z0-9_.-]+)'`)
	for len(bodies) > 0 {
		progress := false
		for base, body := range bodies {
			ready := true
			for _, m := range imports.FindAllSubmatch(body, -1) {
				if _, ok := w.assets[string(m[1])]; !ok {
					ready = false
				}
			}
			if !ready {
				continue
			}
			body = imports.ReplaceAllFunc(body, func(m []byte) []byte {
				return []byte(" from '" + w.assets[string(imports.FindSubmatch(m)[1])] + "'")
			})
			sum := sha256.Sum256(body)
			ext := path.Ext(base)
			hashed := AssetPrefix + strings.TrimSuffix(base, ext) + "." + hex.EncodeToString(sum[:6]) + ext
			w.assets[base], w.static[hashed] = hashed, body
			delete(bodies, base)
			progress = true
		}
		if !progress {
			return fmt.Errorf("widget: a module imports one that is not a static file, or the imports go round")
		}
	}
	return nil
}

// originPattern is one allowed embedder, as GROUNDCREW_WIDGET_ORIGINS
// spells it: "exchange.example", "*.exchange.example",
// "https://exchange.example" or "http://localhost:3000". It is also a valid
// CSP host-source, so it goes into frame-ancestors unchanged.
type originPattern struct {
	scheme   string // "" matches http and https
	wildcard bool   // "*." in front: any subdomain, not the domain itself
	host     string // lower case, without "*."
	port     string // "" matches the scheme's default port only
}

var hostPattern = regexp.MustCompile(`^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:[0-9]{1,5})?$`)

// parseOriginPattern checks one allowed-origin entry.
func parseOriginPattern(s string) (originPattern, string, error) {
	s = strings.ToLower(strings.TrimSuffix(strings.TrimSpace(s), "/"))
	var p originPattern
	if scheme, rest, ok := strings.Cut(s, "://"); ok {
		if scheme != "http" && scheme != "https" {
			return p, "", fmt.Errorf("scheme must be http or https")
		}
		p.scheme, s = scheme, rest
	}
	if !hostPattern.MatchString(s) {
		return p, "", fmt.Errorf("want a host such as exchange.example or *.exchange.example, optionally with https:// and a port")
	}
	host := s
	if h, port, ok := strings.Cut(s, ":"); ok {
		host, p.port = h, port
	}
	p.wildcard = strings.HasPrefix(host, "*.")
	p.host = strings.TrimPrefix(host, "*.")
	source := s
	if p.scheme != "" {
		source = p.scheme + "://" + s
	}
	return p, source, nil
}

// matches tells whether the origin u (scheme://host[:port]) is allowed.
func (p originPattern) matches(u *url.URL) bool {
	if p.scheme != "" && u.Scheme != p.scheme {
		return false
	}
	if u.Port() != p.port {
		return false
	}
	host := strings.ToLower(u.Hostname())
	if p.wildcard {
		return strings.HasSuffix(host, "."+p.host)
	}
	return host == p.host
}

// parseOrigin checks that s is a bare origin: http(s)://host[:port] and
// nothing after it.
func parseOrigin(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil {
		return nil, err
	}
	if (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("not an origin")
	}
	return u, nil
}

// Routes are the widget's routes for the server's mux.
func (w *Widget) Routes() []web.PageRoute {
	rs := []web.PageRoute{
		web.Get("/chat/v1/widget.js", web.Public, w.serveLoader),
		web.Get("/chat/v1/frame", web.Public, w.serveFrame),
		web.Get(AssetPrefix+"{file}", web.Public, w.serveAsset),
		web.Get("/chat/v1/strings/{lang}", web.Public, w.serveStrings),
		web.Get("/chat/v1/form", web.Public, w.serveForm),
	}
	if w.cfg.Demo {
		rs = append(rs, web.Get("/demo/exchange", web.Public, w.serveDemo), web.Get("/demo/exchange/token", web.Public, w.serveDemoToken))
	}
	return rs
}

// serveLoader serves widget.js. Its URL is fixed (exchanges paste it), so
// it is cached briefly; the files it leads to have hashed names.
func (w *Widget) serveLoader(rw http.ResponseWriter, r *http.Request) {
	h := rw.Header()
	h.Set("Content-Type", "text/javascript; charset=utf-8")
	h.Set("Cache-Control", "public, max-age=300")
	// Exchanges load it from their own pages: a cross-origin script.
	h.Set("Cross-Origin-Resource-Policy", "cross-origin")
	_, _ = rw.Write(w.loader)
}

func (w *Widget) serveAsset(rw http.ResponseWriter, r *http.Request) {
	body, ok := w.static[r.URL.Path]
	if !ok {
		http.NotFound(rw, r)
		return
	}
	switch path.Ext(r.URL.Path) {
	case ".css":
		rw.Header().Set("Content-Type", "text/css; charset=utf-8")
	case ".js":
		rw.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	}
	rw.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	_, _ = rw.Write(body)
}

// frameAncestors is the frame's frame-ancestors source list: the
// configured origins, and this server itself in demo mode; 'none' when
// neither, so that an unconfigured server cannot be framed at all.
func (w *Widget) frameAncestors() string {
	list := append([]string(nil), w.sources...)
	if w.cfg.Demo {
		list = append([]string{"'self'"}, list...)
	}
	if len(list) == 0 {
		return "'none'"
	}
	return strings.Join(list, " ")
}

// setFrameHeaders replaces the site-wide framing ban (X-Frame-Options DENY,
// frame-ancestors 'none') with the allowed embedders, for the frame only.
func (w *Widget) setFrameHeaders(rw http.ResponseWriter) {
	h := rw.Header()
	h.Del("X-Frame-Options")
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors "+
		w.frameAncestors()+"; form-action 'self'; base-uri 'none'")
	// The frame is embedded by another site: its link to /verify must not
	// leak the frame's URL, and its storage is the frame's own.
	h.Set("Referrer-Policy", "no-referrer")
}

// embedderAllowed tells whether origin may embed the frame: one of the
// configured origins, or, in demo mode, this server itself.
func (w *Widget) embedderAllowed(r *http.Request, origin string) bool {
	u, err := parseOrigin(origin)
	if err != nil {
		return false
	}
	for _, p := range w.origins {
		if p.matches(u) {
			return true
		}
	}
	return w.cfg.Demo && strings.EqualFold(u.Host, r.Host)
}

func (w *Widget) render(rw http.ResponseWriter, status int, name string, data any) {
	var buf bytes.Buffer
	if err := w.tmpl[name].Execute(&buf, data); err != nil {
		w.cfg.Log.Error("render widget page", "page", name, "err", err)
		http.Error(rw, "internal error", http.StatusInternalServerError)
		return
	}
	rw.Header().Set("Content-Type", "text/html; charset=utf-8")
	rw.Header().Set("Cache-Control", "no-store")
	rw.WriteHeader(status)
	_, _ = rw.Write(buf.Bytes())
}

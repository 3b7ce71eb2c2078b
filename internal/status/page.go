package status

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/ratelimit"
	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

// The public status page. Each rendering (page, language) is cached on the
// snapshot it was made from, so a page view is a map look-up and a write;
// a status event anywhere replaces the snapshot on every node.

//go:embed templates/status.html
var pageFS embed.FS

var pageTmpl = template.Must(template.New("status.html").Funcs(template.FuncMap{
	"stamp": func(t any) string {
		switch v := t.(type) {
		case time.Time:
			return v.UTC().Format("2006-01-02 15:04 UTC")
		case *time.Time:
			if v != nil {
				return v.UTC().Format("2006-01-02 15:04 UTC")
			}
		}
		return ""
	},
	"stateLabel": stateName,
	"revUpdates": func(us []Update) []Update {
		out := make([]Update, len(us))
		for i, u := range us {
			out[len(us)-1-i] = u
		}
		return out
	},
}).ParseFS(pageFS, "templates/status.html"))

// Pages serves /status, /status.json, /status/feed.atom and the
// subscription links.
type Pages struct {
	Status    *Service
	Subscribe *ratelimit.Limiter           // per client IP; nil: no limit
	ClientIP  func(r *http.Request) string // the rate limit's key
}

// Routes are the public status pages.
func (p *Pages) Routes() []web.PageRoute {
	return []web.PageRoute{
		web.Get("/status", web.Public, p.page),
		web.Get("/status.json", web.Public, p.json),
		web.Get("/status/feed.atom", web.Public, p.feed),
		web.Post("/status/subscribe", web.Public, p.subscribe),
		web.Get("/status/confirm", web.Public, p.confirm),
		web.Get("/status/unsubscribe", web.Public, p.unsubscribeForm),
		web.Post("/status/unsubscribe", web.Public, p.unsubscribe),
	}
}

// rendered is one cached response body, plain and gzipped (a quarter of
// the bytes to write, compressed once per snapshot rather than per view).
type rendered struct {
	body, gz []byte
	etag     []string
}

func newRendered(b []byte) *rendered {
	sum := sha256.Sum256(b)
	r := &rendered{body: b, etag: []string{`"` + hex.EncodeToString(sum[:12]) + `"`}}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if _, err := zw.Write(b); err == nil && zw.Close() == nil && buf.Len() < len(b) {
		r.gz = buf.Bytes()
	}
	return r
}

// cached returns the snapshot's rendering under key, making it once.
func (sn *Snapshot) cached(key string, make func() ([]byte, error)) (*rendered, error) {
	if r, ok := sn.rendered.Load(key); ok {
		return r.(*rendered), nil
	}
	b, err := make()
	if err != nil {
		return nil, err
	}
	r, _ := sn.rendered.LoadOrStore(key, newRendered(b))
	return r.(*rendered), nil
}

// Header values every cached answer shares (set without canonicalizing
// or allocating; nothing changes them after).
var (
	cachePublic = []string{"public, max-age=15"}
	noSniff     = []string{"nosniff"}
	varyOn      = []string{"Accept-Encoding, Accept-Language"}
	gzipped     = []string{"gzip"}
)

// serveCached writes r with its validators; a matching If-None-Match gets
// 304, and a client that takes gzip the compressed body.
func serveCached(w http.ResponseWriter, req *http.Request, ctype []string, r *rendered) {
	h := w.Header()
	h["Content-Type"], h["Cache-Control"], h["Etag"] = ctype, cachePublic, r.etag
	h["X-Content-Type-Options"], h["Vary"] = noSniff, varyOn
	if req.Header.Get("If-None-Match") == r.etag[0] {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body := r.body
	if r.gz != nil && strings.Contains(req.Header.Get("Accept-Encoding"), "gzip") {
		h["Content-Encoding"], body = gzipped, r.gz
	}
	h["Content-Length"] = []string{strconv.Itoa(len(body))}
	_, _ = w.Write(body)
}

var (
	htmlType = []string{"text/html; charset=utf-8"}
	jsonType = []string{"application/json"}
	atomType = []string{"application/atom+xml; charset=utf-8"}
	pageCSPs = []string{pageCSP}
)

const pageCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// pageLang is ?lang= when it is one of the 17, else the browser's choice.
func pageLang(r *http.Request) string {
	if l := r.URL.Query().Get("lang"); l != "" {
		return langOr(l)
	}
	return preferredLang(r.Header.Get("Accept-Language"))
}

// view is what the template gets.
type view struct {
	Lang, Dir string
	T         ui
	Snap      *Snapshot
	Overall   State
	Networks  []componentView
	Products  []componentView
	Langs     []langLink
	Notice    string
	Error     string
	Email     string
	Network   string
	Token     string // the unsubscribe form's
	NetOpts   []Network
}

type componentView struct {
	Name, State, Label string
}

type langLink struct{ Lang, Name string }

func (p *Pages) view(r *http.Request, sn *Snapshot, lang string) view {
	v := view{Lang: lang, Dir: dir(lang), T: text(lang), Snap: sn, Overall: sn.Overall(), NetOpts: p.Status.networks}
	for _, c := range sn.Components {
		cv := componentView{Name: c.Name, State: string(c.State), Label: stateName(lang, c.State)}
		if c.Group == "product" {
			cv.Name = areaNames[lang][c.ID]
			v.Products = append(v.Products, cv)
		} else {
			v.Networks = append(v.Networks, cv)
		}
	}
	for _, l := range ticket.Languages {
		v.Langs = append(v.Langs, langLink{Lang: l, Name: uiText[l].Name})
	}
	return v
}

func (p *Pages) render(v view) ([]byte, error) {
	var buf bytes.Buffer
	if err := pageTmpl.Execute(&buf, v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// page: GET /status?lang=xx, cached per language.
func (p *Pages) page(w http.ResponseWriter, r *http.Request) {
	lang := pageLang(r)
	if r.URL.Query().Get("subscribed") != "" {
		p.notice(w, r, http.StatusOK, lang, func(v *view) { v.Notice = text(lang).CheckInbox })
		return
	}
	sn := p.Status.Current(r.Context())
	out, err := sn.cached("html:"+lang, func() ([]byte, error) { return p.render(p.view(r, sn, lang)) })
	if err != nil {
		p.Status.log.Error("status page", "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header()["Content-Security-Policy"] = pageCSPs
	serveCached(w, r, htmlType, out)
}

// notice renders the page with a message (not cached: it is one visitor's).
func (p *Pages) notice(w http.ResponseWriter, r *http.Request, status int, lang string, edit func(*view)) {
	sn := p.Status.Current(r.Context())
	v := p.view(r, sn, lang)
	edit(&v)
	b, err := p.render(v)
	if err != nil {
		p.Status.log.Error("status page", "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", pageCSP)
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// statusJSON is /status.json.
type statusJSON struct {
	Overall State `json:"overall"`
	*Snapshot
}

func (p *Pages) json(w http.ResponseWriter, r *http.Request) {
	sn := p.Status.Current(r.Context())
	out, err := sn.cached("json", func() ([]byte, error) { return json.Marshal(statusJSON{Overall: sn.Overall(), Snapshot: sn}) })
	if err != nil {
		p.Status.log.Error("status json", "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Access-Control-Allow-Origin", "*") // exchanges show it on their own pages
	serveCached(w, r, jsonType, out)
}

// subscribe: POST /status/subscribe (email, network, lang).
func (p *Pages) subscribe(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 2048)
	lang := langOr(r.PostFormValue("lang"))
	email, network := r.PostFormValue("email"), r.PostFormValue("network")
	fail := func(status int, msg string) {
		p.notice(w, r, status, lang, func(v *view) { v.Error, v.Email, v.Network = msg, email, network })
	}
	if !sameSite(r) {
		fail(http.StatusForbidden, "This form must be sent from this site.")
		return
	}
	if p.Subscribe != nil && p.ClientIP != nil {
		if ok, _ := p.Subscribe.Allow(p.ClientIP(r)); !ok {
			fail(http.StatusTooManyRequests, "Too many requests; please try again later.")
			return
		}
	}
	err := p.Status.Subscribe(r.Context(), email, network, lang)
	switch {
	case errs.Is(err, errs.Invalid):
		msg := text(lang).BadEmail
		if fe, ok := errs.As(err); ok && fe.Field != "email" {
			msg = fe.Msg
		}
		fail(http.StatusBadRequest, msg)
	case err != nil:
		p.Status.log.Error("status subscribe", "err", err)
		fail(http.StatusInternalServerError, "Something went wrong; please try again later.")
	default:
		http.Redirect(w, r, "/status?lang="+lang+"&subscribed=1#subscribe", http.StatusSeeOther)
	}
}

// sameSite refuses a form posted from another site: browsers send Origin
// on POST.
func sameSite(r *http.Request) bool {
	o := r.Header.Get("Origin")
	if o == "" {
		return r.Header.Get("Sec-Fetch-Site") != "cross-site"
	}
	u, err := url.Parse(o)
	return err == nil && strings.EqualFold(u.Host, r.Host)
}

// confirm: GET /status/confirm?token= (the double opt-in link).
func (p *Pages) confirm(w http.ResponseWriter, r *http.Request) {
	sub, err := p.Status.Confirm(r.Context(), r.URL.Query().Get("token"))
	lang := langOr(sub.Lang)
	if err != nil {
		p.notice(w, r, web4xx(err), pageLang(r), func(v *view) { v.Error = publicError(err) })
		return
	}
	p.notice(w, r, http.StatusOK, lang, func(v *view) { v.Notice = text(lang).Confirmed })
}

// publicError is what a visitor may read of err.
func publicError(err error) string {
	if e, ok := errs.As(err); ok && e.Kind != errs.Internal {
		return e.Msg
	}
	return "Something went wrong; please try again later."
}

func web4xx(err error) int {
	if errs.Is(err, errs.NotFound) {
		return http.StatusNotFound
	}
	return http.StatusInternalServerError
}

// unsubscribeForm: GET /status/unsubscribe?token= asks to confirm, so a
// mail scanner that opens links does not unsubscribe anyone.
func (p *Pages) unsubscribeForm(w http.ResponseWriter, r *http.Request) {
	lang := pageLang(r)
	p.notice(w, r, http.StatusOK, lang, func(v *view) { v.Token = r.URL.Query().Get("token") })
}

// unsubscribe: POST /status/unsubscribe (token).
func (p *Pages) unsubscribe(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 1024)
	lang := langOr(r.PostFormValue("lang"))
	if !sameSite(r) {
		p.notice(w, r, http.StatusForbidden, lang, func(v *view) { v.Error = "This form must be sent from this site." })
		return
	}
	if err := p.Status.Unsubscribe(r.Context(), r.PostFormValue("token")); err != nil {
		p.notice(w, r, web4xx(err), lang, func(v *view) { v.Error = publicError(err) })
		return
	}
	p.notice(w, r, http.StatusOK, lang, func(v *view) { v.Notice = text(lang).Unsubscribed })
}

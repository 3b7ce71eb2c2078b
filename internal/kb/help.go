package kb

import (
	"embed"
	"html/template"
	"log/slog"
	"net/http"
	"slices"
	"strings"

	"github.com/groundcrew/groundcrew/internal/ratelimit"
	"github.com/groundcrew/groundcrew/internal/web"
)

// The public help center: server-rendered pages per language, read from
// the in-memory index (no database read on a page view), so they are fast
// on every node.

//go:embed templates/help.html
var helpFS embed.FS

var helpPage = template.Must(template.ParseFS(helpFS, "templates/help.html"))

// Help serves /help/...
type Help struct {
	Store    *Store
	Search   *Search
	Feedback *ratelimit.Limiter           // per client IP; nil: no limit
	ClientIP func(r *http.Request) string // the rate limit's key
	Log      *slog.Logger
	Status   StatusPage // nil: no status link or incident banner
}

// StatusPage is the status page as the help center shows it: a link in
// every page's footer and, while an incident is open, a banner.
type StatusPage interface {
	Banner(lang string) (Banner, bool)
	Link(lang string) (label, href string)
}

// Banner is an open incident's notice, linking to the status page.
type Banner struct{ Title, Text, Href string }

// Routes are the help center's pages.
func (h *Help) Routes() []web.PageRoute {
	return []web.PageRoute{
		web.Get("/help/{$}", web.Public, h.root),
		web.Get("/help/{lang}/{$}", web.Public, h.home),
		web.Get("/help/{lang}/search", web.Public, h.search),
		web.Get("/help/{lang}/articles/{slug}", web.Public, h.article),
		web.Post("/help/{lang}/articles/{slug}/feedback", web.Public, h.feedback),
		web.Get("/help/{lang}/{category}", web.Public, h.category),
	}
}

// helpView is what the template gets.
type helpView struct {
	Lang, Dir, Page string
	T               ui
	Langs           []langLink // the language switcher and hreflang links
	Query           string
	Sections        []section
	Article         *Article
	Body            template.HTML
	Fallback        bool
	Related         []Article
	Hits            []Hit
	Notice          string
	CategoryName    string
	Title           string
	Banner          *Banner // an open incident
	StatusLabel     string  // the footer's link to the status page
	StatusHref      string
}

type section struct {
	Name, Slug string
	Articles   []Article
}

type langLink struct{ Lang, Name, Href string }

// root sends the visitor to the language their browser prefers.
func (h *Help) root(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, "/help/"+preferredLang(r.Header.Get("Accept-Language"))+"/", http.StatusFound)
}

// preferredLang is the first of the 17 named in an Accept-Language header.
func preferredLang(header string) string {
	for _, part := range strings.Split(header, ",") {
		tag, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		base, _, _ := strings.Cut(strings.ToLower(tag), "-")
		if IsLanguage(base) {
			return base
		}
	}
	return SourceLang
}

func (h *Help) view(r *http.Request, page string) (helpView, bool) {
	lang := r.PathValue("lang")
	if !IsLanguage(lang) {
		return helpView{}, false
	}
	v := helpView{Lang: lang, Dir: "ltr", Page: page, T: uiText[lang]}
	if lang == "ar" {
		v.Dir = "rtl"
	}
	v.Title = v.T.HelpCenter
	return v, true
}

// withLangs fills the switcher: path is the page's path after /help/{lang}.
func (v *helpView) withLangs(path string, only []string) {
	for _, l := range Languages {
		if only == nil || slices.Contains(only, l) {
			v.Langs = append(v.Langs, langLink{Lang: l, Name: uiText[l].Name, Href: "/help/" + l + path})
		}
	}
}

func (h *Help) home(w http.ResponseWriter, r *http.Request) {
	v, ok := h.view(r, "home")
	if !ok {
		h.notFound(w, r)
		return
	}
	v.withLangs("/", nil)
	v.Sections = h.sections(v.Lang, "")
	h.render(w, http.StatusOK, v)
}

func (h *Help) category(w http.ResponseWriter, r *http.Request) {
	v, ok := h.view(r, "category")
	cat := r.PathValue("category")
	if !ok || !slices.Contains(Categories, cat) {
		h.notFound(w, r)
		return
	}
	v.withLangs("/"+cat, nil)
	v.Sections = h.sections(v.Lang, cat)
	v.CategoryName = categoryName(v.Lang, cat)
	v.Title = v.CategoryName + " · " + v.T.HelpCenter
	h.render(w, http.StatusOK, v)
}

// sections lists the public articles per category: the lang text where
// there is one, else the English one.
func (h *Help) sections(lang, only string) []section {
	local := map[string]Article{}
	for _, a := range h.Search.Published(lang) {
		local[a.Slug] = a
	}
	var out []section
	for _, cat := range Categories {
		if only != "" && cat != only {
			continue
		}
		s := section{Name: categoryName(lang, cat), Slug: cat}
		for _, en := range h.Search.Published(SourceLang) {
			if en.Category != cat {
				continue
			}
			if a, ok := local[en.Slug]; ok {
				s.Articles = append(s.Articles, a)
			} else {
				s.Articles = append(s.Articles, en)
			}
		}
		out = append(out, s)
	}
	return out
}

func (h *Help) article(w http.ResponseWriter, r *http.Request) {
	v, ok := h.view(r, "article")
	if !ok {
		h.notFound(w, r)
		return
	}
	slug := r.PathValue("slug")
	a, langs, found := h.Search.PublicArticle(slug, v.Lang)
	if !found {
		if a, _, found = h.Search.PublicArticle(slug, SourceLang); !found {
			h.notFound(w, r)
			return
		}
		v.Fallback = true
	}
	v.withLangs("/articles/"+slug, langs)
	v.Article, v.Body, v.Title = &a, Render(a.Body), a.Title+" · "+v.T.HelpCenter
	v.CategoryName = categoryName(v.Lang, a.Category)
	switch r.URL.Query().Get("feedback") {
	case "thanks":
		v.Notice = v.T.Thanks
	case "limited":
		v.Notice = v.T.TooMany
	}
	v.Related = h.related(r, a)
	h.render(w, http.StatusOK, v)
}

// related are the articles whose text is nearest the article's title.
func (h *Help) related(r *http.Request, a Article) []Article {
	hits, err := h.Search.Query(r.Context(), a.Lang, a.Title, 5)
	if err != nil {
		return nil
	}
	var out []Article
	for _, hit := range hits {
		if hit.Slug != a.Slug && len(out) < 4 {
			out = append(out, Article{Slug: hit.Slug, Title: hit.Title, Lang: hit.Lang})
		}
	}
	return out
}

func (h *Help) search(w http.ResponseWriter, r *http.Request) {
	v, ok := h.view(r, "search")
	if !ok {
		h.notFound(w, r)
		return
	}
	v.Query = clip(r.URL.Query().Get("q"))
	v.withLangs("/search", nil)
	hits, err := h.Search.Query(r.Context(), v.Lang, v.Query, 10)
	if err != nil {
		h.Log.Error("help search", "err", err)
	}
	v.Hits = hits
	v.Title = v.T.ResultsFor + " " + v.Query + " · " + v.T.HelpCenter
	h.render(w, http.StatusOK, v)
}

// feedback stores a "was this helpful?" answer, at most as often as the
// per-IP limit allows, and goes back to the article.
func (h *Help) feedback(w http.ResponseWriter, r *http.Request) {
	lang, slug := r.PathValue("lang"), r.PathValue("slug")
	r.Body = http.MaxBytesReader(w, r.Body, 1024)
	answer := r.PostFormValue("helpful")
	a, _, found := h.Search.PublicArticle(slug, SourceLang)
	if !IsLanguage(lang) || !found || (answer != "yes" && answer != "no") {
		h.notFound(w, r)
		return
	}
	back := "/help/" + lang + "/articles/" + slug + "?feedback="
	if h.Feedback != nil && h.ClientIP != nil {
		if ok, _ := h.Feedback.Allow(h.ClientIP(r)); !ok {
			http.Redirect(w, r, back+"limited", http.StatusSeeOther)
			return
		}
	}
	if err := h.Store.RecordFeedback(r.Context(), a.ID, lang, answer == "yes"); err != nil {
		h.Log.Error("help feedback", "err", err)
	}
	http.Redirect(w, r, back+"thanks", http.StatusSeeOther)
}

func (h *Help) notFound(w http.ResponseWriter, r *http.Request) {
	lang := r.PathValue("lang")
	if !IsLanguage(lang) {
		lang = SourceLang
	}
	v := helpView{Lang: lang, Dir: "ltr", Page: "notfound", T: uiText[lang]}
	if lang == "ar" {
		v.Dir = "rtl"
	}
	v.Title = v.T.HelpCenter
	v.withLangs("/", nil)
	v.Sections = nil
	h.render(w, http.StatusNotFound, v)
}

func (h *Help) render(w http.ResponseWriter, status int, v helpView) {
	if h.Status != nil {
		if b, ok := h.Status.Banner(v.Lang); ok {
			v.Banner = &b
		}
		v.StatusLabel, v.StatusHref = h.Status.Link(v.Lang)
	}
	var buf strings.Builder
	if err := helpPage.Execute(&buf, v); err != nil {
		h.Log.Error("help render", "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' https: data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if status == http.StatusOK {
		w.Header().Set("Cache-Control", "public, max-age=60")
	}
	w.WriteHeader(status)
	_, _ = w.Write([]byte(buf.String()))
}

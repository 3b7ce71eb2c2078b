package workspace

import (
	"context"
	"net/http"
	"strconv"

	"github.com/groundcrew/groundcrew/internal/kb"
	"github.com/groundcrew/groundcrew/internal/web"
)

// The knowledge-base pages: the article list with missing and outdated
// translations and an agent search (/api/v1/kb/articles, /api/v1/kb/search),
// and one article's editor per language with its workflow and history
// (/api/v1/kb/articles/{id}/...).

// KnowledgeBase is the article store (*kb.Store).
type KnowledgeBase interface {
	Overviews(ctx context.Context) ([]kb.Overview, error)
	DetailOf(ctx context.Context, id int64, lang string) (kb.Detail, error)
	Save(ctx context.Context, n kb.NewText) (kb.Article, error)
	SetStatus(ctx context.Context, id int64, lang, status string) error
	Remove(ctx context.Context, id int64) error
}

// KBSearch is the agents' search (*kb.Search).
type KBSearch interface {
	QueryAgents(ctx context.Context, lang, text string, limit int) ([]kb.Hit, error)
}

func init() {
	pageNames = append(pageNames, "kb", "kbarticle")
	notices["kb-article"] = "The article is saved."
	notices["kb-text"] = "The text is saved as a new version."
	notices["kb-status"] = "The status is changed."
	notices["kb-removed"] = "The article is removed."
}

// kbList: GET /admin/kb, with ?q=&lang= to search.
func (ws *Workspace) kbList(w http.ResponseWriter, r *http.Request) {
	data := adminPage(r, "Knowledge base", "/admin/kb")
	ws.renderKBList(w, r, http.StatusOK, data)
}

func (ws *Workspace) renderKBList(w http.ResponseWriter, r *http.Request, status int, data map[string]any) {
	list, err := ws.Admin.KB.Overviews(r.Context())
	if err != nil {
		status = ws.failed(data, err)
	}
	q, lang := r.URL.Query().Get("q"), r.URL.Query().Get("lang")
	if !kb.IsLanguage(lang) {
		lang = kb.SourceLang
	}
	if q != "" {
		hits, err := ws.Admin.KBSearch.QueryAgents(r.Context(), lang, q, 10)
		if err != nil {
			status = ws.failed(data, err)
		}
		data["Hits"], data["Searched"] = hits, true
	}
	if data["Draft"] == nil {
		data["Draft"] = kb.NewText{Lang: kb.SourceLang, Category: kb.Categories[0]}
	}
	data["Articles"], data["Query"], data["QueryLang"] = list, q, lang
	data["Languages"], data["Categories"] = options(kb.Languages, languageLabels), kb.Categories
	ws.render(w, status, "kb", data)
}

// kbCreate: POST /admin/kb, a new article in English.
func (ws *Workspace) kbCreate(w http.ResponseWriter, r *http.Request) {
	in := kb.NewText{Slug: r.PostFormValue("slug"), Category: r.PostFormValue("category"), Internal: r.PostFormValue("internal") == "on",
		Lang: kb.SourceLang, Title: r.PostFormValue("title"), Body: r.PostFormValue("body"), Status: kb.Draft, Author: principal(r).Agent.Name}
	a, err := ws.Admin.KB.Save(r.Context(), in)
	if err != nil {
		data := adminPage(r, "Knowledge base", "/admin/kb")
		data["Draft"] = in
		ws.renderKBList(w, r, ws.failed(data, err, "slug", "category", "title", "body"), data)
		return
	}
	done(w, r, "/admin/kb/"+strconv.FormatInt(a.ID, 10), "kb-article")
}

// kbArticle: GET /admin/kb/{id}?lang=xx, one language's editor.
func (ws *Workspace) kbArticle(w http.ResponseWriter, r *http.Request) {
	data := adminPage(r, "Knowledge base", "/admin/kb")
	ws.renderKBArticle(w, r, http.StatusOK, data, r.URL.Query().Get("lang"))
}

func (ws *Workspace) renderKBArticle(w http.ResponseWriter, r *http.Request, status int, data map[string]any, lang string) {
	id, err := web.PathID(r, "id")
	if !kb.IsLanguage(lang) {
		lang = kb.SourceLang
	}
	var d kb.Detail
	if err == nil {
		d, err = ws.Admin.KB.DetailOf(r.Context(), id, lang)
		if err != nil && lang != kb.SourceLang {
			// A missing translation: start it from the English text.
			var en kb.Detail
			if en, err = ws.Admin.KB.DetailOf(r.Context(), id, kb.SourceLang); err == nil {
				d = en
				d.Lang, d.Status, d.Version, d.Versions = lang, "", 0, nil
				data["NewTranslation"] = true
			}
		}
	}
	if err != nil {
		status = ws.failed(data, err)
		ws.render(w, status, "kbarticle", data)
		return
	}
	if data["Draft"] != nil {
		dr := data["Draft"].(kb.NewText)
		d.Title, d.Body = dr.Title, dr.Body
	}
	data["Detail"], data["Lang"], data["Preview"] = d, lang, kb.Render(d.Body)
	data["Statuses"] = []string{kb.Draft, kb.Review, kb.Published}
	ws.render(w, status, "kbarticle", data)
}

// kbSaveText: POST /admin/kb/{id}/texts/{lang}, a new version.
func (ws *Workspace) kbSaveText(w http.ResponseWriter, r *http.Request) {
	lang := r.PathValue("lang")
	id, err := web.PathID(r, "id")
	in := kb.NewText{ArticleID: id, Lang: lang, Title: r.PostFormValue("title"), Body: r.PostFormValue("body"), Author: principal(r).Agent.Name}
	if err == nil {
		_, err = ws.Admin.KB.Save(r.Context(), in)
	}
	if err != nil {
		data := adminPage(r, "Knowledge base", "/admin/kb")
		data["Draft"] = in
		ws.renderKBArticle(w, r, ws.failed(data, err, "title", "body"), data, lang)
		return
	}
	http.Redirect(w, r, "/admin/kb/"+strconv.FormatInt(id, 10)+"?lang="+lang+"&done=kb-text", http.StatusSeeOther)
}

// kbFormMax bounds an article form: the longest body and room for the rest.
const kbFormMax = kb.MaxBody + 8<<10

// kbSetStatus: POST /admin/kb/{id}/texts/{lang}/status.
func (ws *Workspace) kbSetStatus(w http.ResponseWriter, r *http.Request) {
	lang := r.PathValue("lang")
	id, err := web.PathID(r, "id")
	if err == nil {
		err = ws.Admin.KB.SetStatus(r.Context(), id, lang, r.PostFormValue("status"))
	}
	if err != nil {
		data := adminPage(r, "Knowledge base", "/admin/kb")
		ws.renderKBArticle(w, r, ws.failed(data, err), data, lang)
		return
	}
	http.Redirect(w, r, "/admin/kb/"+strconv.FormatInt(id, 10)+"?lang="+lang+"&done=kb-status", http.StatusSeeOther)
}

// kbRemove: POST /admin/kb/{id}/remove.
func (ws *Workspace) kbRemove(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err == nil {
		err = ws.Admin.KB.Remove(r.Context(), id)
	}
	if err != nil {
		data := adminPage(r, "Knowledge base", "/admin/kb")
		ws.renderKBList(w, r, ws.failed(data, err), data)
		return
	}
	done(w, r, "/admin/kb", "kb-removed")
}

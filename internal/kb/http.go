package kb

import (
	"context"
	"net/http"
	"strconv"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/web"
)

// HTTP is the knowledge base's JSON API (/api/v1/kb/...); server wires the
// permissions (reading: ticket.read; writing: macro.manage).
type HTTP struct {
	Store    *Store
	Search   *Search
	AuthorOf func(r *http.Request) string // who saves, for the history
}

// Detail is one language of an article with its history and the state of
// its translations.
type Detail struct {
	Article
	Versions     []Version          `json:"versions"`
	Translations []TranslationState `json:"translations"`
	Helpful      int                `json:"helpful"`
	NotHelpful   int                `json:"not_helpful"`
}

// DetailOf gathers an article's detail in lang.
func (s *Store) DetailOf(ctx context.Context, id int64, lang string) (Detail, error) {
	a, err := s.Get(ctx, id, lang)
	if err != nil {
		return Detail{}, err
	}
	d := Detail{Article: a}
	if d.Versions, err = s.Versions(ctx, id, lang); err != nil {
		return Detail{}, err
	}
	if d.Translations, err = s.Translations(ctx, id); err != nil {
		return Detail{}, err
	}
	if d.Helpful, d.NotHelpful, err = s.Feedback(ctx, id); err != nil {
		return Detail{}, err
	}
	return d, nil
}

// Overview is one article in the list: its English text and its
// translations' state.
type Overview struct {
	Article
	Missing  []string `json:"missing"`
	Outdated []string `json:"outdated"`
}

// Overviews lists every article by its English text, with the languages
// missing or outdated.
func (s *Store) Overviews(ctx context.Context) ([]Overview, error) {
	all, err := s.List(ctx, "")
	if err != nil {
		return nil, err
	}
	byID := map[int64][]Article{}
	var order []int64
	for _, a := range all {
		if _, ok := byID[a.ID]; !ok {
			order = append(order, a.ID)
		}
		byID[a.ID] = append(byID[a.ID], a)
	}
	var out []Overview
	for _, id := range order {
		texts := byID[id]
		o := Overview{Missing: []string{}, Outdated: []string{}}
		for _, t := range texts {
			if t.Lang == SourceLang {
				o.Article = t
			}
		}
		if o.Lang == "" {
			continue // only a translation without its source: not listed
		}
		for _, st := range translationStates(texts) {
			if st.Missing {
				o.Missing = append(o.Missing, st.Lang)
			} else if st.Outdated {
				o.Outdated = append(o.Outdated, st.Lang)
			}
		}
		out = append(out, o)
	}
	return out, nil
}

// HandleList: GET /api/v1/kb/articles.
func (h *HTTP) HandleList(w http.ResponseWriter, r *http.Request) error {
	list, err := h.Store.Overviews(r.Context())
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, map[string]any{"articles": list})
}

// HandleCreate: POST /api/v1/kb/articles, a new article in English.
func (h *HTTP) HandleCreate(w http.ResponseWriter, r *http.Request) error {
	var in NewText
	if _, err := web.Decode(r, MaxBody+4096, &in); err != nil {
		return err
	}
	in.ArticleID, in.Author = 0, h.AuthorOf(r)
	a, err := h.Store.Save(r.Context(), in)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusCreated, a)
}

// HandleGet: GET /api/v1/kb/articles/{id}?lang=xx (English by default).
func (h *HTTP) HandleGet(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	lang := r.URL.Query().Get("lang")
	if lang == "" {
		lang = SourceLang
	}
	d, err := h.Store.DetailOf(r.Context(), id, lang)
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, d)
}

// textInput is the body of PUT .../texts/{lang}.
type textInput struct {
	Title  string `json:"title"`
	Body   string `json:"body"`
	Status string `json:"status,omitempty"`
}

// HandleSaveText: PUT /api/v1/kb/articles/{id}/texts/{lang}, a new version
// of one language (a translation is created by its first save).
func (h *HTTP) HandleSaveText(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	var in textInput
	if _, err := web.Decode(r, MaxBody+4096, &in); err != nil {
		return err
	}
	a, err := h.Store.Save(r.Context(), NewText{ArticleID: id, Lang: r.PathValue("lang"), Title: in.Title, Body: in.Body, Status: in.Status, Author: h.AuthorOf(r)})
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, a)
}

// HandleSetStatus: POST /api/v1/kb/articles/{id}/texts/{lang}/status with
// {"status": "draft" | "review" | "published"}.
func (h *HTTP) HandleSetStatus(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	var in struct {
		Status string `json:"status"`
	}
	if _, err := web.Decode(r, 1024, &in); err != nil {
		return err
	}
	if err := h.Store.SetStatus(r.Context(), id, r.PathValue("lang"), in.Status); err != nil {
		return err
	}
	a, err := h.Store.Get(r.Context(), id, r.PathValue("lang"))
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, a)
}

// HandleDelete: DELETE /api/v1/kb/articles/{id}.
func (h *HTTP) HandleDelete(w http.ResponseWriter, r *http.Request) error {
	id, err := web.PathID(r, "id")
	if err != nil {
		return err
	}
	if err := h.Store.Remove(r.Context(), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// HandleSearch: GET /api/v1/kb/search?q=...&lang=xx&limit=n, for agents
// (agents-only articles included).
func (h *HTTP) HandleSearch(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	limit := 10
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 50 {
			return errs.Field("limit", "limit must be 1 to 50")
		}
		limit = n
	}
	lang := q.Get("lang")
	if lang == "" {
		lang = SourceLang
	}
	if !IsLanguage(lang) {
		return errs.Field("lang", "lang must be one of the 17 languages")
	}
	hits, err := h.Search.QueryAgents(r.Context(), lang, q.Get("q"), limit)
	if err != nil {
		return err
	}
	if hits == nil {
		hits = []Hit{}
	}
	return web.JSON(w, http.StatusOK, map[string]any{"hits": hits})
}

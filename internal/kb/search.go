package kb

import (
	"context"
	"fmt"
	"log/slog"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/store"
)

// Why bleve and not SQLite FTS5 / PostgreSQL full text: one engine behaves
// the same on both databases (FTS5 has no stemmers beyond Porter, Postgres
// has no CJK), bleve has per-language analysers, fuzzy matching and CJK
// bigrams, and an in-memory index of a few thousand articles answers in
// well under a millisecond. The index is cheap to rebuild, so every node
// rebuilds it from the database at start and follows kb events after.

// MaxQuery is the longest query text looked at, in characters.
const MaxQuery = 300

// Hit is one search result: an article's language, its best passage and
// the score (higher is better; comparable only within one query).
type Hit struct {
	ArticleID int64   `json:"article_id"`
	Slug      string  `json:"slug"`
	Lang      string  `json:"lang"`
	Title     string  `json:"title"`
	Category  string  `json:"category"`
	Internal  bool    `json:"internal,omitempty"`
	Passage   string  `json:"passage"`
	Score     float64 `json:"score"`
}

// doc is what the index stores per published translation.
type doc struct {
	Lang     string `json:"lang"`
	Slug     string `json:"slug"`
	Title    string `json:"title"`
	Body     string `json:"body"`
	Internal bool   `json:"internal"`
}

// BleveType picks the document mapping, so each language's text gets its
// own analyser.
func (d doc) BleveType() string { return d.Lang }

// Search is the in-memory index of every published translation.
type Search struct {
	Store *Store
	Log   *slog.Logger

	mu       sync.RWMutex
	idx      bleve.Index
	articles map[string]Article // by document id
}

// NewSearch returns an empty index over st; call Rebuild or Start.
func NewSearch(st *Store, log *slog.Logger) *Search {
	if log == nil {
		log = slog.Default()
	}
	return &Search{Store: st, Log: log}
}

func docID(id int64, lang string) string { return strconv.FormatInt(id, 10) + "/" + lang }

func newMapping() (*mapping.IndexMappingImpl, error) {
	m := bleve.NewIndexMapping()
	if err := addAnalyzers(m); err != nil {
		return nil, err
	}
	keyword := bleve.NewKeywordFieldMapping()
	// Each language's text goes to fields of its own (title_de, body_de), so
	// a fuzzy query walks only that language's terms.
	for _, lang := range Languages {
		dm := bleve.NewDocumentMapping()
		for _, f := range []string{"title", "body"} {
			text := bleve.NewTextFieldMapping()
			text.Name = f + "_" + lang
			text.Analyzer = analyzers[lang]
			text.Store, text.IncludeTermVectors, text.DocValues = false, false, false
			dm.AddFieldMappingsAt(f, text)
		}
		dm.AddFieldMappingsAt("lang", keyword)
		dm.AddFieldMappingsAt("slug", keyword)
		dm.AddFieldMappingsAt("internal", bleve.NewBooleanFieldMapping())
		m.AddDocumentMapping(lang, dm)
	}
	return m, nil
}

// newIndex is an in-memory scorch index (no path: nothing on disk).
// Scorch's immutable segments keep queries fast and light on the garbage
// collector, unlike bleve's NewMemOnly (upsidedown on a treap).
func newIndex(m *mapping.IndexMappingImpl) (bleve.Index, error) {
	return bleve.NewUsing("", m, scorch.Name, scorch.Name, nil)
}

// Start subscribes to kb events (before reading, so nothing is missed)
// and builds the index from the database.
func (s *Search) Start(ctx context.Context, b *bus.Bus) error {
	if err := b.Subscribe(ctx, bus.SubjectPrefix+"kb.>", s.handle); err != nil {
		return fmt.Errorf("kb search start: %w", err)
	}
	return s.Rebuild(ctx)
}

func (s *Search) handle(ev store.Event) {
	ctx := context.Background()
	var id int64
	if c, ok, err := ArticleChangedTopic.Decode(ev); ok && err == nil {
		id = c.ArticleID
	} else if r, ok, err := ArticleRemovedTopic.Decode(ev); ok && err == nil {
		id = r.ArticleID
	} else {
		return
	}
	if err := s.Refresh(ctx, id); err != nil {
		s.Log.Error("kb search: refresh", "article", id, "err", err)
	}
}

// Rebuild replaces the index with one built from every published text.
func (s *Search) Rebuild(ctx context.Context) error {
	m, err := newMapping()
	if err != nil {
		return fmt.Errorf("kb search rebuild: %w", err)
	}
	idx, err := newIndex(m)
	if err != nil {
		return fmt.Errorf("kb search rebuild: %w", err)
	}
	all, err := s.Store.List(ctx, "")
	if err != nil {
		return fmt.Errorf("kb search rebuild: %w", err)
	}
	return s.rebuildFrom(idx, all)
}

// rebuildFrom fills idx with the published texts of all and swaps it in.
func (s *Search) rebuildFrom(idx bleve.Index, all []Article) error {
	articles := map[string]Article{}
	batch := idx.NewBatch()
	for _, a := range all {
		if a.Status != Published {
			continue
		}
		id := docID(a.ID, a.Lang)
		articles[id] = a
		if err := batch.Index(id, docOf(a)); err != nil {
			return fmt.Errorf("kb search rebuild: %w", err)
		}
	}
	if err := idx.Batch(batch); err != nil {
		return fmt.Errorf("kb search rebuild: %w", err)
	}
	s.mu.Lock()
	old := s.idx
	s.idx, s.articles = idx, articles
	s.mu.Unlock()
	if old != nil {
		_ = old.Close()
	}
	return nil
}

// Close releases the index (scorch keeps goroutines per open index). The
// Search answers nothing after it, as before the first Rebuild.
func (s *Search) Close() error {
	s.mu.Lock()
	old := s.idx
	s.idx, s.articles = nil, nil
	s.mu.Unlock()
	if old == nil {
		return nil
	}
	if err := old.Close(); err != nil {
		return fmt.Errorf("kb search close: %w", err)
	}
	return nil
}

func docOf(a Article) doc {
	return doc{Lang: a.Lang, Slug: a.Slug, Title: a.Title, Body: a.Body, Internal: a.Internal}
}

// Refresh re-reads one article's texts into the index.
func (s *Search) Refresh(ctx context.Context, id int64) error {
	texts, err := s.Store.query(ctx, "kb search refresh", `SELECT `+articleColumns+` WHERE a.id = ?`, id)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.idx == nil {
		return nil
	}
	batch := s.idx.NewBatch()
	for _, lang := range Languages {
		batch.Delete(docID(id, lang))
		delete(s.articles, docID(id, lang))
	}
	for _, a := range texts {
		if a.Status == Published {
			s.articles[docID(a.ID, a.Lang)] = a
			if err := batch.Index(docID(a.ID, a.Lang), docOf(a)); err != nil {
				return fmt.Errorf("kb search refresh: %w", err)
			}
		}
	}
	if err := s.idx.Batch(batch); err != nil {
		return fmt.Errorf("kb search refresh: %w", err)
	}
	return nil
}

// Query finds public published articles in lang for text, best first; with
// nothing found in lang it looks in English. The text is never read as
// query syntax: it is only analysed into words, so operators and regular
// expression characters are plain text.
func (s *Search) Query(ctx context.Context, lang, text string, limit int) ([]Hit, error) {
	return s.find(ctx, lang, text, limit, false)
}

// QueryAgents is Query including the agents-only articles.
func (s *Search) QueryAgents(ctx context.Context, lang, text string, limit int) ([]Hit, error) {
	return s.find(ctx, lang, text, limit, true)
}

func (s *Search) find(ctx context.Context, lang, text string, limit int, internal bool) ([]Hit, error) {
	if !IsLanguage(lang) {
		lang = SourceLang
	}
	hits, err := s.findIn(ctx, lang, text, limit, internal)
	if err == nil && len(hits) == 0 && lang != SourceLang {
		hits, err = s.findIn(ctx, SourceLang, text, limit, internal)
	}
	return hits, err
}

func (s *Search) findIn(ctx context.Context, lang, text string, limit int, internal bool) ([]Hit, error) {
	text = clip(text)
	if strings.TrimSpace(text) == "" {
		return nil, nil
	}
	if limit <= 0 || limit > 50 {
		limit = 10
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.idx == nil {
		return nil, nil
	}
	must := []query.Query{bleve.NewDisjunctionQuery(matchQueries(lang, text)...)}
	if !internal {
		pub := bleve.NewBoolFieldQuery(false)
		pub.SetField("internal")
		must = append(must, pub)
	}
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(must...), limit, 0, false)
	res, err := s.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("kb search: %w", err)
	}
	an := s.idx.Mapping().AnalyzerNamed(analyzers[lang])
	hits := make([]Hit, 0, len(res.Hits))
	for _, h := range res.Hits {
		a, ok := s.articles[h.ID]
		if !ok {
			continue
		}
		hits = append(hits, Hit{ArticleID: a.ID, Slug: a.Slug, Lang: a.Lang, Title: a.Title, Category: a.Category,
			Internal: a.Internal, Passage: bestPassage(an, a.Body, text), Score: h.Score})
	}
	return hits, nil
}

// matchQueries are the text's words in title (weighted up) and body, with
// typo tolerance where the language takes it, plus its crypto synonyms.
func matchQueries(lang, text string) []query.Query {
	var qs []query.Query
	add := func(t string, boost float64) {
		for _, field := range []string{"title", "body"} {
			m := bleve.NewMatchQuery(t)
			m.SetField(field + "_" + lang)
			m.Analyzer = analyzers[lang]
			if fuzzy(lang) {
				m.SetFuzziness(1)
				m.SetPrefix(1)
			}
			b := boost
			if field == "title" {
				b *= 2
			}
			m.SetBoost(b)
			qs = append(qs, m)
		}
	}
	add(text, 1)
	if syn := synonymsOf(text); syn != "" {
		add(syn, 0.6)
	}
	return qs
}

func clip(text string) string {
	if utf8.RuneCountInString(text) <= MaxQuery {
		return strings.ToValidUTF8(text, " ")
	}
	return strings.ToValidUTF8(string([]rune(text)[:MaxQuery]), " ")
}

var markup = regexp.MustCompile("[#*_`>\\[\\]]|\\]\\([^)]*\\)")

// bestPassage is the paragraph of body that shares the most analysed words
// with the query, without its Markdown marks.
func bestPassage(an analysis.Analyzer, body, text string) string {
	return pickPassage(func(s string) []string { return terms(an, s) }, body, text)
}

// terms are s's words as the index sees them.
func terms(an analysis.Analyzer, s string) []string {
	if an == nil {
		return strings.Fields(strings.ToLower(s))
	}
	var out []string
	for _, t := range an.Analyze([]byte(s)) {
		out = append(out, string(t.Term))
	}
	return out
}

func pickPassage(words func(string) []string, body, text string) string {
	want := words(text)
	best, bestScore := "", -1
	for _, p := range strings.Split(body, "\n\n") {
		p = strings.TrimSpace(markup.ReplaceAllString(p, ""))
		if p == "" {
			continue
		}
		score := 0
		have := words(p)
		for _, w := range want {
			if slices.Contains(have, w) {
				score++
			}
		}
		if score > bestScore {
			best, bestScore = p, score
		}
	}
	if utf8.RuneCountInString(best) > 400 {
		best = string([]rune(best)[:400]) + "…"
	}
	return best
}

// Published returns the public published texts in lang, by category and
// title, from memory.
func (s *Search) Published(lang string) []Article {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []Article
	for _, a := range s.articles {
		if a.Lang == lang && !a.Internal {
			out = append(out, a)
		}
	}
	slices.SortFunc(out, func(a, b Article) int {
		if c := strings.Compare(a.Category, b.Category); c != 0 {
			return c
		}
		return strings.Compare(a.Title, b.Title)
	})
	return out
}

// PublicArticle returns the public published text of slug in lang, and
// the languages it is published in.
func (s *Search) PublicArticle(slug, lang string) (Article, []string, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var found Article
	ok := false
	var langs []string
	for _, a := range s.articles {
		if a.Slug != slug || a.Internal {
			continue
		}
		langs = append(langs, a.Lang)
		if a.Lang == lang {
			found, ok = a, true
		}
	}
	slices.Sort(langs)
	return found, langs, ok
}

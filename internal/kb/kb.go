// Package kb is the knowledge base: articles in Markdown with a category,
// an audience (public or agents only) and one translation per language,
// each with a status (draft, review, published) and a version history; the
// public help center (/help/{lang}/...); and the search every node keeps in
// memory (search.go), which the help center, agents and the bot share.
package kb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
)

// SourceLang is the language every article is written in first; the others
// are translations of it.
const SourceLang = "en"

// Languages are the 17 languages of the help center (DESIGN.md).
var Languages = []string{"en", "zh", "es", "pt", "ru", "tr", "vi", "fr", "de", "it", "id", "ar", "uk", "pl", "ja", "ko", "th"}

// Statuses of a translation, in workflow order.
const (
	Draft     = "draft"
	Review    = "review"
	Published = "published"
)

// Categories of the starter set, in the order the help center shows them.
var Categories = []string{"deposits", "withdrawals", "security", "verification", "trading", "account"}

// Limits on what one article holds.
const (
	MaxTitle = 200
	MaxBody  = 64 << 10
)

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Article is one language of an article with its article's fields.
type Article struct {
	ID            int64  `json:"id"`
	Slug          string `json:"slug"`
	Category      string `json:"category"`
	Internal      bool   `json:"internal"`
	Lang          string `json:"lang"`
	Title         string `json:"title"`
	Body          string `json:"body"`
	Status        string `json:"status"`
	Version       int    `json:"version"`
	SourceVersion int    `json:"source_version"`
	UpdatedAt     int64  `json:"updated_at"`
}

// Version is one saved version of a translation.
type Version struct {
	Version   int    `json:"version"`
	Title     string `json:"title"`
	Body      string `json:"body"`
	Author    string `json:"author"`
	CreatedAt int64  `json:"created_at"`
}

// TranslationState says, per language, whether an article's translation is
// missing or older than the English source.
type TranslationState struct {
	Lang     string `json:"lang"`
	Missing  bool   `json:"missing"`
	Outdated bool   `json:"outdated"`
}

// Store reads and writes the knowledge base.
type Store struct {
	DB *store.DB
	// Screen refuses a text the outbound guard refuses when it is
	// published: the help center shows it to everyone. nil screens nothing.
	Screen Screen
	// Audit records each save, status change and removal in the same
	// transaction: what the help center tells customers is the exchange's
	// word, and who changed it must be on record. nil records nothing
	// (the starter set, which ships with the code).
	Audit Auditor
}

// Auditor records who changed what (*audit.Log).
type Auditor interface {
	Record(ctx context.Context, action, targetKind, targetID string, detail any) error
}

func (s *Store) record(ctx context.Context, action string, id int64, detail map[string]any) error {
	if s.Audit == nil {
		return nil
	}
	return s.Audit.Record(ctx, action, "kb_article", strconv.FormatInt(id, 10), detail)
}

// Screen checks text customers will read (*published.Screen); fields maps
// an input field to its text, kind and id name what is saved.
type Screen interface {
	Check(ctx context.Context, kind, id string, fields map[string]string) error
}

// screen checks a text that goes live as article id's ("" when new),
// before the transaction that saves it: a refusal is audited, and the
// audit must not roll back with the refused save.
func (s *Store) screen(ctx context.Context, id int64, title, body string) error {
	if s.Screen == nil {
		return nil
	}
	ref := ""
	if id != 0 {
		ref = strconv.FormatInt(id, 10)
	}
	return s.Screen.Check(ctx, "kb_article", ref, map[string]string{"title": title, "body": body})
}

// statusOf is the status of article id's text in lang, "" when it has none.
func (s *Store) statusOf(ctx context.Context, id int64, lang string) (string, error) {
	var st string
	err := s.DB.QueryRow(ctx, `SELECT status FROM kb_translations WHERE article_id = ? AND lang = ?`, id, lang).Scan(&st)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return st, err
}

// IsLanguage says whether lang is one of the 17.
func IsLanguage(lang string) bool { return slices.Contains(Languages, lang) }

// Draft is what an editor saves: a new article (ID 0) in English, or a
// language of an existing one.
type NewText struct {
	ArticleID int64  `json:"article_id,omitempty"`
	Slug      string `json:"slug,omitempty"`     // new articles only
	Category  string `json:"category,omitempty"` // new articles only
	Internal  bool   `json:"internal,omitempty"` // new articles only
	Lang      string `json:"lang"`
	Title     string `json:"title"`
	Body      string `json:"body"`
	Status    string `json:"status,omitempty"` // "" keeps the current one (draft when new)
	Author    string `json:"-"`
}

func (n NewText) check() error {
	switch {
	case !IsLanguage(n.Lang):
		return errs.Field("lang", "lang must be one of %s", strings.Join(Languages, ", "))
	case strings.TrimSpace(n.Title) == "" || utf8.RuneCountInString(n.Title) > MaxTitle:
		return errs.Field("title", "a title of 1 to %d characters is needed", MaxTitle)
	case len(n.Body) > MaxBody:
		return errs.E(errs.TooLarge, "the body is longer than %d bytes", MaxBody)
	case !utf8.ValidString(n.Title + n.Body):
		return errs.Field("body", "the text is not valid UTF-8")
	case n.Status != "" && n.Status != Draft && n.Status != Review && n.Status != Published:
		return errs.Field("status", "status must be draft, review or published")
	}
	if n.ArticleID == 0 {
		if !slugPattern.MatchString(n.Slug) || len(n.Slug) > 100 {
			return errs.Field("slug", "a slug of lower-case letters, digits and dashes is needed")
		}
		if !slices.Contains(Categories, n.Category) {
			return errs.Field("category", "category must be one of %s", strings.Join(Categories, ", "))
		}
		if n.Lang != SourceLang {
			return errs.Field("lang", "a new article is written in %s first", SourceLang)
		}
	}
	return nil
}

// Save writes one language of an article as a new version and returns it.
func (s *Store) Save(ctx context.Context, n NewText) (Article, error) {
	if err := n.check(); err != nil {
		return Article{}, fmt.Errorf("kb save: %w", err)
	}
	live := n.Status == Published
	if n.Status == "" && n.ArticleID != 0 && s.Screen != nil {
		st, err := s.statusOf(ctx, n.ArticleID, n.Lang)
		if err != nil {
			return Article{}, fmt.Errorf("kb save: %w", err)
		}
		live = st == Published // an edit of a published text is live at once
	}
	if live {
		if err := s.screen(ctx, n.ArticleID, n.Title, n.Body); err != nil {
			return Article{}, fmt.Errorf("kb save: %w", err)
		}
	}
	id := n.ArticleID
	err := s.DB.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		now := tx.Now()
		created := id == 0
		if created {
			var taken int
			if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM kb_articles WHERE slug = ?`, n.Slug).Scan(&taken); err != nil {
				return err
			}
			if taken > 0 {
				return errs.E(errs.Conflict, "an article with slug %q exists", n.Slug)
			}
			var err error
			id, err = tx.InsertID(ctx, `INSERT INTO kb_articles (slug, category, internal, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`,
				n.Slug, n.Category, boolInt(n.Internal), now, now)
			if err != nil {
				return err
			}
		} else if err := tx.QueryRow(ctx, `SELECT id FROM kb_articles WHERE id = ?`, id).Scan(&id); errors.Is(err, sql.ErrNoRows) {
			return errs.E(errs.NotFound, "no article %d", id)
		} else if err != nil {
			return err
		}
		version, status, err := saveText(ctx, tx, id, n)
		if err != nil {
			return err
		}
		return s.record(ctx, "kb.article_saved", id, map[string]any{"lang": n.Lang, "title": n.Title, "status": status, "version": version, "created": created})
	})
	if err != nil {
		return Article{}, fmt.Errorf("kb save: %w", err)
	}
	return s.Get(ctx, id, n.Lang)
}

// saveText writes n as the next version of article id's text in n.Lang
// and returns that version and the text's status.
func saveText(ctx context.Context, tx *store.Tx, id int64, n NewText) (int, string, error) {
	now := tx.Now()
	source := 0
	err := tx.QueryRow(ctx, `SELECT version FROM kb_translations WHERE article_id = ? AND lang = ?`, id, SourceLang).Scan(&source)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, "", err
	}
	var version int
	var status string
	err = tx.QueryRow(ctx, `SELECT version, status FROM kb_translations WHERE article_id = ? AND lang = ?`, id, n.Lang).Scan(&version, &status)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		if n.Lang != SourceLang && source == 0 {
			return 0, "", errs.E(errs.Conflict, "article %d has no %s text to translate from", id, SourceLang)
		}
		version, status = 1, orDefault(n.Status, Draft)
		if n.Lang == SourceLang {
			source = 1
		}
		_, err = tx.Exec(ctx, `INSERT INTO kb_translations (article_id, lang, title, body, status, version, source_version, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			id, n.Lang, n.Title, n.Body, status, version, source, now)
	case err != nil:
		return 0, "", err
	default:
		version++
		status = orDefault(n.Status, status)
		if n.Lang == SourceLang {
			source = version
		}
		_, err = tx.Exec(ctx, `UPDATE kb_translations SET title = ?, body = ?, status = ?, version = ?, source_version = ?, updated_at = ? WHERE article_id = ? AND lang = ?`,
			n.Title, n.Body, status, version, source, now, id, n.Lang)
	}
	if err != nil {
		return 0, "", err
	}
	if _, err := tx.Exec(ctx, `INSERT INTO kb_versions (article_id, lang, version, title, body, author, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		id, n.Lang, version, n.Title, n.Body, n.Author, now); err != nil {
		return 0, "", err
	}
	if _, err := tx.Exec(ctx, `UPDATE kb_articles SET updated_at = ? WHERE id = ?`, now, id); err != nil {
		return 0, "", err
	}
	return version, status, ArticleChangedTopic.Emit(ctx, tx, ArticleChanged{ArticleID: id, Lang: n.Lang})
}

// SetStatus moves one language of an article to status.
func (s *Store) SetStatus(ctx context.Context, id int64, lang, status string) error {
	if status != Draft && status != Review && status != Published {
		return fmt.Errorf("kb set status: %w", errs.Field("status", "status must be draft, review or published"))
	}
	if status == Published && s.Screen != nil {
		var title, body string
		err := s.DB.QueryRow(ctx, `SELECT title, body FROM kb_translations WHERE article_id = ? AND lang = ?`, id, lang).Scan(&title, &body)
		if errors.Is(err, sql.ErrNoRows) {
			return errs.E(errs.NotFound, "article %d has no %q text", id, lang)
		}
		if err != nil {
			return fmt.Errorf("kb set status: %w", err)
		}
		if err := s.screen(ctx, id, title, body); err != nil {
			return fmt.Errorf("kb set status: %w", err)
		}
	}
	err := s.DB.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		res, err := tx.Exec(ctx, `UPDATE kb_translations SET status = ?, updated_at = ? WHERE article_id = ? AND lang = ?`, status, tx.Now(), id, lang)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return errs.E(errs.NotFound, "article %d has no %q text", id, lang)
		}
		if err := s.record(ctx, "kb.status_set", id, map[string]any{"lang": lang, "status": status}); err != nil {
			return err
		}
		return ArticleChangedTopic.Emit(ctx, tx, ArticleChanged{ArticleID: id, Lang: lang})
	})
	if err != nil {
		return fmt.Errorf("kb set status: %w", err)
	}
	return nil
}

// Remove deletes an article with all its languages and history.
func (s *Store) Remove(ctx context.Context, id int64) error {
	err := s.DB.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		// The slug names the article in the record once its rows are gone.
		var slug string
		if err := tx.QueryRow(ctx, `SELECT slug FROM kb_articles WHERE id = ?`, id).Scan(&slug); errors.Is(err, sql.ErrNoRows) {
			return errs.E(errs.NotFound, "no article %d", id)
		} else if err != nil {
			return err
		}
		for _, q := range []string{`DELETE FROM kb_feedback WHERE article_id = ?`, `DELETE FROM kb_versions WHERE article_id = ?`, `DELETE FROM kb_translations WHERE article_id = ?`} {
			if _, err := tx.Exec(ctx, q, id); err != nil {
				return err
			}
		}
		res, err := tx.Exec(ctx, `DELETE FROM kb_articles WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return errs.E(errs.NotFound, "no article %d", id)
		}
		if err := s.record(ctx, "kb.article_removed", id, map[string]any{"slug": slug}); err != nil {
			return err
		}
		return ArticleRemovedTopic.Emit(ctx, tx, ArticleRemoved{ArticleID: id})
	})
	if err != nil {
		return fmt.Errorf("kb remove: %w", err)
	}
	return nil
}

const articleColumns = `a.id, a.slug, a.category, a.internal, t.lang, t.title, t.body, t.status, t.version, t.source_version, t.updated_at
	FROM kb_articles a JOIN kb_translations t ON t.article_id = a.id`

func scanArticle(sc interface{ Scan(...any) error }) (Article, error) {
	var a Article
	var internal int
	err := sc.Scan(&a.ID, &a.Slug, &a.Category, &internal, &a.Lang, &a.Title, &a.Body, &a.Status, &a.Version, &a.SourceVersion, &a.UpdatedAt)
	a.Internal = internal != 0
	return a, err
}

// Get returns one language of an article, whatever its status.
func (s *Store) Get(ctx context.Context, id int64, lang string) (Article, error) {
	a, err := scanArticle(s.DB.QueryRow(ctx, `SELECT `+articleColumns+` WHERE a.id = ? AND t.lang = ?`, id, lang))
	if errors.Is(err, sql.ErrNoRows) {
		return Article{}, fmt.Errorf("kb get: %w", errs.E(errs.NotFound, "article %d has no %q text", id, lang))
	}
	if err != nil {
		return Article{}, fmt.Errorf("kb get: %w", err)
	}
	return a, nil
}

// BySlug returns one language of an article by its slug, whatever its status.
func (s *Store) BySlug(ctx context.Context, slug, lang string) (Article, error) {
	a, err := scanArticle(s.DB.QueryRow(ctx, `SELECT `+articleColumns+` WHERE a.slug = ? AND t.lang = ?`, slug, lang))
	if errors.Is(err, sql.ErrNoRows) {
		return Article{}, fmt.Errorf("kb by slug: %w", errs.E(errs.NotFound, "no %q text of %q", lang, slug))
	}
	if err != nil {
		return Article{}, fmt.Errorf("kb by slug: %w", err)
	}
	return a, nil
}

// List returns every translation in lang ("" for all), by category and title.
func (s *Store) List(ctx context.Context, lang string) ([]Article, error) {
	q, args := `SELECT `+articleColumns, []any{}
	if lang != "" {
		q, args = q+` WHERE t.lang = ?`, append(args, lang)
	}
	return s.query(ctx, "kb list", q+` ORDER BY a.category, t.title, t.lang`, args...)
}

// Versions returns the history of one language of an article, newest first.
func (s *Store) Versions(ctx context.Context, id int64, lang string) ([]Version, error) {
	rows, err := s.DB.Query(ctx, `SELECT version, title, body, author, created_at FROM kb_versions WHERE article_id = ? AND lang = ? ORDER BY version DESC`, id, lang)
	if err != nil {
		return nil, fmt.Errorf("kb versions: %w", err)
	}
	defer rows.Close()
	var out []Version
	for rows.Next() {
		var v Version
		if err := rows.Scan(&v.Version, &v.Title, &v.Body, &v.Author, &v.CreatedAt); err != nil {
			return nil, fmt.Errorf("kb versions: %w", err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// Translations says, for every language but English, whether the article's
// translation is missing or older than its English text.
func (s *Store) Translations(ctx context.Context, id int64) ([]TranslationState, error) {
	texts, err := s.query(ctx, "kb translations", `SELECT `+articleColumns+` WHERE a.id = ?`, id)
	if err != nil {
		return nil, err
	}
	return translationStates(texts), nil
}

// translationStates compares one article's texts with its English one.
func translationStates(texts []Article) []TranslationState {
	byLang := map[string]Article{}
	for _, t := range texts {
		byLang[t.Lang] = t
	}
	src := byLang[SourceLang]
	var out []TranslationState
	for _, l := range Languages[1:] {
		t, ok := byLang[l]
		out = append(out, TranslationState{Lang: l, Missing: !ok, Outdated: ok && t.SourceVersion < src.Version})
	}
	return out
}

func (s *Store) query(ctx context.Context, op, q string, args ...any) ([]Article, error) {
	rows, err := s.DB.Query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	defer rows.Close()
	var out []Article
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", op, err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	return out, nil
}

// RecordFeedback stores one "was this helpful?" answer.
func (s *Store) RecordFeedback(ctx context.Context, id int64, lang string, helpful bool) error {
	_, err := s.DB.Exec(ctx, `INSERT INTO kb_feedback (article_id, lang, helpful, created_at) VALUES (?, ?, ?, ?)`, id, lang, boolInt(helpful), s.DB.Now())
	if err != nil {
		return fmt.Errorf("kb feedback: %w", err)
	}
	return nil
}

// Feedback counts an article's helpful and unhelpful answers.
func (s *Store) Feedback(ctx context.Context, id int64) (yes, no int, err error) {
	err = s.DB.QueryRow(ctx, `SELECT COALESCE(SUM(helpful), 0), COUNT(*) - COALESCE(SUM(helpful), 0) FROM kb_feedback WHERE article_id = ?`, id).Scan(&yes, &no)
	if err != nil {
		return 0, 0, fmt.Errorf("kb feedback count: %w", err)
	}
	return yes, no, nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

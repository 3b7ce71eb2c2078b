package kb

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// The starter set: Markdown files under starter/<lang>/<slug>.md, each with
// a small header (title, category) between "---" lines. English holds
// every article; other languages hold translations of some.
//
//go:embed starter
var starterFS embed.FS

// StarterText is one file of the starter set.
type StarterText struct {
	Lang, Slug, Category, Title, Body string
}

// Starter returns the starter set, English first, then by language and slug.
func Starter() ([]StarterText, error) {
	var out []StarterText
	err := fs.WalkDir(starterFS, "starter", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		raw, err := starterFS.ReadFile(p)
		if err != nil {
			return err
		}
		t, err := parseStarter(string(raw))
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		t.Lang, t.Slug = path.Base(path.Dir(p)), strings.TrimSuffix(path.Base(p), ".md")
		out = append(out, t)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("kb starter: %w", err)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if (out[i].Lang == SourceLang) != (out[j].Lang == SourceLang) {
			return out[i].Lang == SourceLang
		}
		return out[i].Lang+out[i].Slug < out[j].Lang+out[j].Slug
	})
	return out, nil
}

func parseStarter(raw string) (StarterText, error) {
	var t StarterText
	rest, ok := strings.CutPrefix(raw, "---\n")
	head, body, ok2 := strings.Cut(rest, "\n---\n")
	if !ok || !ok2 {
		return t, fmt.Errorf("no header")
	}
	for _, line := range strings.Split(head, "\n") {
		k, v, _ := strings.Cut(line, ":")
		switch strings.TrimSpace(k) {
		case "title":
			t.Title = strings.TrimSpace(v)
		case "category":
			t.Category = strings.TrimSpace(v)
		}
	}
	t.Body = strings.TrimSpace(body)
	if t.Title == "" {
		return t, fmt.Errorf("no title")
	}
	return t, nil
}

// SeedStarter publishes the starter set into an empty knowledge base; with
// articles present it does nothing.
func (s *Store) SeedStarter(ctx context.Context) error {
	var n int
	if err := s.DB.QueryRow(ctx, `SELECT COUNT(*) FROM kb_articles`).Scan(&n); err != nil {
		return fmt.Errorf("kb seed: %w", err)
	}
	if n > 0 {
		return nil
	}
	texts, err := Starter()
	if err != nil {
		return err
	}
	// The starter set ships with Groundcrew and is reviewed with its code:
	// the screen is for what an installation's admins write, and the
	// guard's misreadings must not stop a node from starting.
	plain := &Store{DB: s.DB}
	ids := map[string]int64{}
	for _, t := range texts {
		nt := NewText{ArticleID: ids[t.Slug], Slug: t.Slug, Category: t.Category, Lang: t.Lang, Title: t.Title, Body: t.Body, Status: Published, Author: "starter"}
		a, err := plain.Save(ctx, nt)
		if err != nil {
			return fmt.Errorf("kb seed %s/%s: %w", t.Lang, t.Slug, err)
		}
		ids[t.Slug] = a.ID
	}
	return nil
}

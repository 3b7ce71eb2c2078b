package kb

import (
	"context"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

func TestStoreWorkflowVersionsAndTranslations(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		st := &Store{DB: db}
		a, err := st.Save(ctx, NewText{Slug: "missing-deposit", Category: "deposits", Lang: "en", Title: "Missing deposit", Body: "Check the TxID."})
		if err != nil {
			t.Fatal(err)
		}
		if a.Status != Draft || a.Version != 1 || a.SourceVersion != 1 {
			t.Fatalf("new article = %+v, want draft v1 from source v1", a)
		}
		if err := st.SetStatus(ctx, a.ID, "en", Review); err != nil {
			t.Fatal(err)
		}
		if err := st.SetStatus(ctx, a.ID, "en", Published); err != nil {
			t.Fatal(err)
		}
		ru, err := st.Save(ctx, NewText{ArticleID: a.ID, Lang: "ru", Title: "Депозит не пришёл", Body: "Проверьте TxID.", Status: Published})
		if err != nil {
			t.Fatal(err)
		}
		if ru.SourceVersion != 1 {
			t.Fatalf("ru source version = %d, want 1", ru.SourceVersion)
		}
		states, err := st.Translations(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if s := stateOf(states, "ru"); s.Missing || s.Outdated {
			t.Fatalf("ru = %+v, want present and current", s)
		}
		if s := stateOf(states, "de"); !s.Missing {
			t.Fatalf("de = %+v, want missing", s)
		}
		// A new English version makes the Russian one outdated, and keeps
		// the status it had.
		en2, err := st.Save(ctx, NewText{ArticleID: a.ID, Lang: "en", Title: "My deposit is missing", Body: "Check the TxID and network."})
		if err != nil {
			t.Fatal(err)
		}
		if en2.Version != 2 || en2.Status != Published {
			t.Fatalf("en v2 = %+v", en2)
		}
		states, err = st.Translations(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if s := stateOf(states, "ru"); !s.Outdated {
			t.Fatalf("ru = %+v, want outdated", s)
		}
		vs, err := st.Versions(ctx, a.ID, "en")
		if err != nil {
			t.Fatal(err)
		}
		if len(vs) != 2 || vs[0].Title != "My deposit is missing" || vs[1].Title != "Missing deposit" {
			t.Fatalf("versions = %+v", vs)
		}
		if got := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM outbox WHERE type = ?`, ArticleChangedTopic.Type()); got != 5 {
			t.Fatalf("%d article_changed events, want 5", got)
		}
		if err := st.RecordFeedback(ctx, a.ID, "en", true); err != nil {
			t.Fatal(err)
		}
		if err := st.RecordFeedback(ctx, a.ID, "en", false); err != nil {
			t.Fatal(err)
		}
		if y, n, err := st.Feedback(ctx, a.ID); err != nil || y != 1 || n != 1 {
			t.Fatalf("feedback = %d, %d, %v", y, n, err)
		}
		if err := st.Remove(ctx, a.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := st.Get(ctx, a.ID, "en"); !errs.Is(err, errs.NotFound) {
			t.Fatalf("after remove: %v", err)
		}
	})
}

func TestStoreRejectsBadInput(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		st := &Store{DB: db}
		if _, err := st.Save(ctx, NewText{Slug: "a", Category: "deposits", Lang: "en", Title: "A"}); err != nil {
			t.Fatal(err)
		}
		cases := map[string]NewText{
			"bad slug":        {Slug: "Bad Slug", Category: "deposits", Lang: "en", Title: "x"},
			"bad category":    {Slug: "b", Category: "nope", Lang: "en", Title: "x"},
			"bad language":    {Slug: "b", Category: "deposits", Lang: "xx", Title: "x"},
			"new not english": {Slug: "b", Category: "deposits", Lang: "de", Title: "x"},
			"no title":        {Slug: "b", Category: "deposits", Lang: "en", Title: " "},
			"huge body":       {Slug: "b", Category: "deposits", Lang: "en", Title: "x", Body: strings.Repeat("x", MaxBody+1)},
			"bad status":      {Slug: "b", Category: "deposits", Lang: "en", Title: "x", Status: "live"},
			"taken slug":      {Slug: "a", Category: "deposits", Lang: "en", Title: "x"},
			"no article":      {ArticleID: 999, Lang: "de", Title: "x"},
		}
		for name, n := range cases {
			if _, err := st.Save(ctx, n); err == nil {
				t.Errorf("%s: saved", name)
			} else if errs.KindOf(err) == errs.Internal {
				t.Errorf("%s: internal error %v", name, err)
			}
		}
		if got := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM kb_articles`); got != 1 {
			t.Fatalf("%d articles, want 1", got)
		}
	})
}

func TestSeedStarter(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		st := &Store{DB: db}
		for range 2 { // the second run changes nothing
			if err := st.SeedStarter(ctx); err != nil {
				t.Fatal(err)
			}
		}
		if got := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM kb_articles`); got < 25 {
			t.Fatalf("%d starter articles, want at least 25", got)
		}
	})
}

func stateOf(states []TranslationState, lang string) TranslationState {
	for _, s := range states {
		if s.Lang == lang {
			return s
		}
	}
	return TranslationState{Lang: "?"}
}

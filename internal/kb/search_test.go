package kb

import (
	"context"
	"runtime/pprof"
	"strings"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// seededSearch is a search over the starter set on SQLite.
func seededSearch(t testing.TB) (*Search, *Store) {
	t.Helper()
	db := storetest.Open(t, store.SQLite)
	st := &Store{DB: db}
	if err := st.SeedStarter(context.Background()); err != nil {
		t.Fatal(err)
	}
	s := NewSearch(st, nil)
	if err := s.Rebuild(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s, st
}

func TestSearchFindsStemsTyposAndSynonyms(t *testing.T) {
	s, _ := seededSearch(t)
	cases := []struct{ lang, q, want string }{
		{"en", "deposit not arrived", "missing-deposit"},
		{"en", "depositt not arived", "missing-deposit"},         // typos
		{"en", "forgot destination tag XRP", "missing-memo-tag"}, // synonym of memo
		{"en", "lost google authenticator", "reset-2fa"},
		{"en", "2FA reset", "reset-2fa"},
		{"en", "someone hacked my account", "hacked-account-first-steps"},
		{"en", "recover my seed phrase", "what-support-cannot-do"},
		{"en", "liquidated position", "futures-liquidation"},
	}
	for _, c := range cases {
		hits, err := s.Query(context.Background(), c.lang, c.q, 3)
		if err != nil {
			t.Fatalf("%q: %v", c.q, err)
		}
		if !hasSlug(hits, c.want) {
			t.Errorf("%s %q: top 3 = %v, want %s", c.lang, c.q, slugs(hits), c.want)
		}
	}
}

func TestSearchHidesDraftsAndInternalAndFollowsChanges(t *testing.T) {
	s, st := seededSearch(t)
	ctx := context.Background()
	a, err := st.Save(ctx, NewText{Slug: "agent-playbook", Category: "security", Internal: true, Lang: "en", Title: "Zebrafish escalation playbook", Body: "Internal zebrafish steps.", Status: Published})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Refresh(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if hits, _ := s.Query(ctx, "en", "zebrafish", 5); len(hits) != 0 {
		t.Fatalf("public search found the internal article: %v", slugs(hits))
	}
	if hits, _ := s.QueryAgents(ctx, "en", "zebrafish", 5); !hasSlug(hits, "agent-playbook") {
		t.Fatalf("agent search missed the internal article: %v", slugs(hits))
	}
	if err := st.SetStatus(ctx, a.ID, "en", Draft); err != nil {
		t.Fatal(err)
	}
	if err := s.Refresh(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if hits, _ := s.QueryAgents(ctx, "en", "zebrafish", 5); len(hits) != 0 {
		t.Fatalf("a draft is searchable: %v", slugs(hits))
	}
}

func TestSearchQueryTextIsNeverSyntax(t *testing.T) {
	s, _ := seededSearch(t)
	for _, q := range []string{`deposit AND NOT`, `+deposit -memo`, `/.*(a+)+$/`, `title:deposit`, `"unbalanced`, `*`, `~~~`, `\`, `deposit^100`, "", "   ", "🚀🚀🚀", strings.Repeat("deposit ", 1000)} {
		if _, err := s.Query(context.Background(), "en", q, 3); err != nil {
			t.Errorf("%q: %v", q, err)
		}
	}
}

func TestSearchPassageIsTheRelevantParagraph(t *testing.T) {
	s, _ := seededSearch(t)
	hits, err := s.Query(context.Background(), "en", "deposit unconfirmed for hours, sender paid low fee, speed up", 3)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hits {
		if h.Slug == "pending-confirmations" {
			if !strings.Contains(h.Passage, "replace-by-fee") {
				t.Fatalf("passage = %q", h.Passage)
			}
			return
		}
	}
	t.Fatalf("pending-confirmations not in %v", slugs(hits))
}

func FuzzSearchQuery(f *testing.F) {
	s, _ := seededSearch(f)
	for _, seed := range []string{"deposit", "2FA", `a AND b OR "c`, `/[a-z]+/`, "депозит", "充值", "ฝากเงิน", "\x00\xff", "title:x^5~2"} {
		f.Add("en", seed)
	}
	f.Fuzz(func(t *testing.T, lang, q string) {
		if _, err := s.Query(context.Background(), lang, q, 3); err != nil {
			t.Fatalf("%q %q: %v", lang, q, err)
		}
	})
}

func hasSlug(hits []Hit, slug string) bool {
	for _, h := range hits {
		if h.Slug == slug {
			return true
		}
	}
	return false
}

func slugs(hits []Hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.Lang+"/"+h.Slug)
	}
	return out
}

// TestSearchCloseStopsTheIndex: every closed App used to leave its index's
// scorch goroutines running (found in a test goroutine dump, minutes old).
func TestSearchCloseStopsTheIndex(t *testing.T) {
	s, _ := seededSearch(t)
	if n := scorchGoroutines(); n == 0 {
		t.Fatal("no scorch goroutine while the index is open: the count below proves nothing")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	hits, err := s.Query(context.Background(), "en", "deposit", 3)
	if err != nil || len(hits) != 0 {
		t.Fatalf("after Close: %v, %v; want no hits and no error", hits, err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for scorchGoroutines() > 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := scorchGoroutines(); n > 0 {
		t.Fatalf("%d scorch goroutines still run after Close", n)
	}
}

// scorchGoroutines counts goroutines running scorch's code (this package's
// tests do not run in parallel, and close their indexes).
func scorchGoroutines() int {
	var b strings.Builder
	_ = pprof.Lookup("goroutine").WriteTo(&b, 2)
	n := 0
	for _, g := range strings.Split(b.String(), "\n\n") {
		if strings.Contains(g, "index/scorch.") {
			n++
		}
	}
	return n
}

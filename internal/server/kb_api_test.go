package server

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/kb"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// TestKBAPI: an article goes draft -> published through the API, its
// Russian translation follows, the search index (fed by kb events over
// the bus) finds it, a new English version marks the translation
// outdated, and bad input changes nothing.
func TestKBAPI(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines() {
		t.Run(string(engine), func(t *testing.T) { testKBAPI(t, engine) })
	}
}

func kbSearch(ta *testApp, lang, q string) []kb.Hit {
	var out struct{ Hits []kb.Hit }
	ta.do("GET", "/api/v1/kb/search?lang="+lang+"&q="+url.QueryEscape(q), "", nil, &out)
	return out.Hits
}

func testKBAPI(t *testing.T, engine store.Dialect) {
	ta := newTestApp(t, engine, false)
	var a kb.Article
	if r := ta.do("POST", "/api/v1/kb/articles", "", map[string]any{"slug": "zebra-wallet", "category": "deposits", "lang": "en",
		"title": "Zebra wallet deposits", "body": "Zebra wallets need a **memo**."}, &a); r.StatusCode != 201 {
		t.Fatalf("create: %d", r.StatusCode)
	}
	if hits := kbSearch(ta, "en", "zebra"); len(hits) != 0 {
		t.Fatalf("a draft is found: %+v", hits)
	}
	base := fmt.Sprintf("/api/v1/kb/articles/%d", a.ID)
	if r := ta.do("POST", base+"/texts/en/status", "", map[string]string{"status": "published"}, nil); r.StatusCode != 200 {
		t.Fatalf("publish: %d", r.StatusCode)
	}
	waitFor(t, func() bool { return len(kbSearch(ta, "en", "zebra")) == 1 })
	if r := ta.do("PUT", base+"/texts/ru", "", map[string]string{"title": "Депозиты кошелька Зебра", "body": "Кошельку Зебра нужен мемо.", "status": "published"}, nil); r.StatusCode != 200 {
		t.Fatalf("translate: %d", r.StatusCode)
	}
	waitFor(t, func() bool { h := kbSearch(ta, "ru", "зебра"); return len(h) == 1 && h[0].Lang == "ru" })
	if r := ta.do("PUT", base+"/texts/en", "", map[string]string{"title": "Zebra wallet deposits", "body": "Zebra wallets need a memo and a tag."}, nil); r.StatusCode != 200 {
		t.Fatalf("new version: %d", r.StatusCode)
	}
	var d kb.Detail
	ta.do("GET", base, "", nil, &d)
	if d.Version != 2 || len(d.Versions) != 2 || d.Status != kb.Published {
		t.Fatalf("detail %+v", d)
	}
	for _, s := range d.Translations {
		if s.Lang == "ru" && !s.Outdated {
			t.Errorf("ru is not outdated after a new English version")
		}
	}
	bad := []struct {
		method, path string
		body         any
		want         int
	}{
		{"POST", "/api/v1/kb/articles", map[string]any{"slug": "Bad Slug", "category": "deposits", "lang": "en", "title": "x"}, 400},
		{"POST", "/api/v1/kb/articles", map[string]any{"slug": "zebra-wallet", "category": "deposits", "lang": "en", "title": "x"}, 409},
		{"POST", "/api/v1/kb/articles", `{"slug": "x", "nope": 1}`, 400},
		{"PUT", base + "/texts/xx", map[string]string{"title": "x", "body": "y"}, 400},
		{"PUT", base + "/texts/de", map[string]string{"title": "x", "body": strings.Repeat("y", kb.MaxBody+1)}, 413},
		{"POST", base + "/texts/en/status", map[string]string{"status": "live"}, 400},
		{"POST", base + "/texts/th/status", map[string]string{"status": "published"}, 404},
		{"GET", "/api/v1/kb/search?q=x&lang=xx", nil, 400},
		{"GET", "/api/v1/kb/search?q=x&limit=0", nil, 400},
		{"DELETE", "/api/v1/kb/articles/999999", nil, 404},
	}
	for _, c := range bad {
		if r := ta.do(c.method, c.path, "", c.body, nil); r.StatusCode != c.want {
			t.Errorf("%s %s: %d, want %d", c.method, c.path, r.StatusCode, c.want)
		}
	}
	for _, q := range []string{`zebra AND NOT`, `/.*/`, `"`, `title:zebra^9`} {
		if r := ta.do("GET", "/api/v1/kb/search?q="+url.QueryEscape(q), "", nil, nil); r.StatusCode != 200 {
			t.Errorf("search %q: %d", q, r.StatusCode)
		}
	}
	if r := ta.do("DELETE", base, "", nil, nil); r.StatusCode != 204 {
		t.Fatalf("delete: %d", r.StatusCode)
	}
	waitFor(t, func() bool { return len(kbSearch(ta, "en", "zebra")) == 0 })
}

// The knowledge-base API's pages (added to apiPages here, so that
// page_coverage_test.go's table keeps its alignment).
func init() {
	for k, v := range map[string]onPage{
		"GET /api/v1/kb/articles":                           {"GET /admin/kb", ""},
		"POST /api/v1/kb/articles":                          {"POST /admin/kb", ""},
		"GET /api/v1/kb/articles/{id}":                      {"GET /admin/kb/{id}", ""},
		"DELETE /api/v1/kb/articles/{id}":                   {"POST /admin/kb/{id}/remove", ""},
		"PUT /api/v1/kb/articles/{id}/texts/{lang}":         {"POST /admin/kb/{id}/texts/{lang}", ""},
		"POST /api/v1/kb/articles/{id}/texts/{lang}/status": {"POST /admin/kb/{id}/texts/{lang}/status", ""},
		"GET /api/v1/kb/search":                             {"GET /admin/kb", ""},
	} {
		apiPages[k] = v
	}
}

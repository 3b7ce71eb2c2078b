package server

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/web"
)

// A help-center article cannot link customers to another site by leaving
// out the "://": goldmark renders "//evil.example" and "http:/evil.example"
// as live links that browsers follow there. Publishing is refused with a
// 422 naming the host, the help center shows nothing, and a link inside
// the help center still publishes.
func TestArticleLinksWithoutSlashesMeetTheAllowList(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		for i, link := range []string{"//evil.example/fix", "http:/evil.example/fix", "https:evil.example"} {
			slug := fmt.Sprintf("speed-up-%d", i)
			article := map[string]string{"slug": slug, "category": "deposits", "lang": "en", "title": "Speed up a deposit",
				"body": "Deposits can be slow. [Speed it up here](" + link + ").", "status": "published"}
			var p web.Problem
			res := ta.do("POST", "/api/v1/kb/articles", "", article, &p)
			if res.StatusCode != http.StatusUnprocessableEntity || p.Field != "body" || !strings.Contains(p.Detail, "evil.example") {
				t.Errorf("%s: %d %+v, want 422 naming evil.example", link, res.StatusCode, p)
			}
			if n := ta.count(`SELECT COUNT(*) FROM kb_articles WHERE slug = ?`, slug); n != 0 {
				t.Errorf("%s: the refused article was stored", link)
			}
		}
		article := map[string]string{"slug": "speed-up-ok", "category": "deposits", "lang": "en", "title": "Speed up a deposit",
			"body": "Deposits can be slow. [Read why](/help/en/articles/deposit-not-arrived).", "status": "published"}
		if res := ta.do("POST", "/api/v1/kb/articles", "", article, nil); res.StatusCode != http.StatusCreated {
			t.Errorf("an article linking inside the help center: %d, want 201", res.StatusCode)
		}
	})
}

package kb_test

import (
	"testing"

	"github.com/groundcrew/groundcrew/internal/guard"
	"github.com/groundcrew/groundcrew/internal/kb"
)

// TestStarterArticlesPassTheGuard: the starter set is seeded without the
// publish screen (a node must start whatever the guard's reader thinks),
// so it is checked here instead: every title and body passes the
// outbound guard as it is. A failure after an article or guard change
// means the article reads as a request for a secret; the guard's
// product texts (internal/guard/testdata/product) are regenerated from
// these articles.
func TestStarterArticlesPassTheGuard(t *testing.T) {
	texts, err := kb.Starter()
	if err != nil {
		t.Fatal(err)
	}
	if len(texts) < 25 {
		t.Fatalf("%d starter articles", len(texts))
	}
	for _, a := range texts {
		for field, text := range map[string]string{"title": a.Title, "body": a.Body} {
			if v := guard.CheckOutbound(text, nil); len(v) > 0 {
				t.Errorf("%s/%s %s refused: %s", a.Lang, a.Slug, field, v[0].Detail)
			}
		}
	}
}

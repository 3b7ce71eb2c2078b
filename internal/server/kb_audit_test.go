package server

import (
	"fmt"
	"net/http"
	"testing"
)

// What the help center tells customers is the exchange's word: creating,
// editing, publishing and removing an article each leave an audit record
// naming the agent, and the chain still verifies.
func TestArticleChangesAreAudited(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		var a struct{ ID int64 }
		article := map[string]string{"slug": "fee-change", "category": "deposits", "lang": "en", "title": "Deposit fees", "body": "Deposits are free."}
		if res := ta.do("POST", "/api/v1/kb/articles", "", article, &a); res.StatusCode != http.StatusCreated {
			t.Fatalf("create: %d", res.StatusCode)
		}
		path := fmt.Sprintf("/api/v1/kb/articles/%d", a.ID)
		steps := []struct{ method, path, action string }{
			{"PUT", path + "/texts/en", "kb.article_saved"},
			{"POST", path + "/texts/en/status", "kb.status_set"},
			{"DELETE", path, "kb.article_removed"},
		}
		bodies := []any{map[string]string{"title": "Deposit fees", "body": "Deposits cost 1 USDT."}, map[string]string{"status": "published"}, nil}
		for i, s := range steps {
			if res := ta.do(s.method, s.path, "", bodies[i], nil); res.StatusCode >= 300 {
				t.Fatalf("%s %s: %d", s.method, s.path, res.StatusCode)
			}
		}
		id := fmt.Sprint(a.ID)
		for action, want := range map[string]int{"kb.article_saved": 2, "kb.status_set": 1, "kb.article_removed": 1} {
			n := ta.count(`SELECT COUNT(*) FROM audit_log WHERE action = ? AND target_kind = 'kb_article' AND target_id = ? AND actor_kind = 'agent' AND actor_id <> ''`, action, id)
			if n != want {
				t.Errorf("%d %s records by an agent for article %s, want %d", n, action, id, want)
			}
		}
		var v struct {
			OK bool `json:"ok"`
		}
		if res := ta.do("GET", "/api/v1/audit/verify", "", nil, &v); res.StatusCode != http.StatusOK || !v.OK {
			t.Errorf("audit verify: %d %+v", res.StatusCode, v)
		}
	})
}

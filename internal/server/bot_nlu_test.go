package server

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/groundcrew/groundcrew/internal/bot/nlu"
	"github.com/groundcrew/groundcrew/internal/store"
)

// The bot-analysis API's pages (added to apiPages here, so that
// page_coverage_test.go's table keeps its alignment).
func init() {
	for k, v := range map[string]onPage{
		"POST /api/v1/bot/analyze":                {"POST /admin/bot/analyze", ""},
		"GET /api/v1/bot/intents":                 {"GET /admin/bot", ""},
		"POST /api/v1/bot/intents":                {"POST /admin/bot/intents", ""},
		"GET /api/v1/bot/intents/{name}":          {"GET /admin/bot/intents/{name}", ""},
		"DELETE /api/v1/bot/intents/{name}":       {"POST /admin/bot/intents/{name}/remove", ""},
		"POST /api/v1/bot/intents/{name}/phrases": {"POST /admin/bot/intents/{name}/phrases", ""},
		"DELETE /api/v1/bot/phrases/{id}":         {"POST /admin/bot/phrases/{id}/remove", ""},
	} {
		apiPages[k] = v
	}
}

// TestBotNLUStory: an integration reads a Russian message through the API;
// bad bodies get problems, not pages; an admin teaches the bot a new intent
// in the browser and the API lists it with its phrases.
func TestBotNLUStory(t *testing.T) {
	t.Parallel()
	ta, b := adminSignedIn(t, store.SQLite)

	var got nlu.AnalyzeResponse
	r := ta.do("POST", "/api/v1/bot/analyze", testAdminToken, map[string]any{
		"text": "мой депозит USDT не пришёл, txid 3a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9"}, &got)
	if r.StatusCode != 200 || got.Lang != "ru" || got.Intent != nlu.IntentDepositMissing {
		t.Fatalf("analyze: %d %+v", r.StatusCode, got)
	}
	if !hasEntity(got.Entities, nlu.EntityTxID) || !hasEntity(got.Entities, nlu.EntityAsset) {
		t.Errorf("entities %+v lack the TxID or the asset", got.Entities)
	}
	for _, c := range []struct {
		body   any
		status int
	}{
		{map[string]any{"text": ""}, 200},
		{map[string]any{"text": "🙂🙂🙂"}, 200},
		{map[string]any{"text": "x", "lang": "xx"}, 400},
		{map[string]any{"text": "x", "evil": 1}, 400},
		{`{"text": "` + strings.Repeat("a", 70_000) + `"}`, 413},
	} {
		if r := ta.do("POST", "/api/v1/bot/analyze", testAdminToken, c.body, nil); r.StatusCode != c.status {
			t.Errorf("analyze %.40v: %d, want %d", c.body, r.StatusCode, c.status)
		}
	}

	b.open("/admin/bot")
	b.fill(map[string]string{`#new-intent input[name=name]`: "airdrop_claim", `#new-intent input[name=description]`: "Where is my airdrop"})
	if st := b.submit("#new-intent form"); st != 200 {
		t.Fatalf("add intent: %d", st)
	}
	b.wantPath("/admin/bot/intents/airdrop_claim?done=bot-intent")
	for _, p := range []string{"where is my airdrop", "airdrop tokens not received", "I did not get the airdrop reward", "claim my airdrop"} {
		b.fill(map[string]string{`#add-phrase input[name=text]`: p})
		if st := b.submit("#add-phrase form"); st != 200 {
			t.Fatalf("add phrase: %d", st)
		}
	}
	if n := eval[int](b, `document.querySelectorAll('#added-phrases tr[data-id]').length`); n != 4 {
		t.Errorf("%d added phrases shown, want 4", n)
	}
	b.screenshot("admin-bot-intent")
	// Retraining on every node is internal/bot/nlu's TestRetrainOnEveryNode
	// (on a small phrase set: a full retrain under -race on a shared
	// machine takes longer than a browser test should wait).
	var list struct{ Intents []nlu.IntentInfo }
	ta.do("GET", "/api/v1/bot/intents", testAdminToken, nil, &list)
	if n := len(list.Intents); n == 0 || list.Intents[n-1].Name != "airdrop_claim" || list.Intents[n-1].AddedPhrases != 4 {
		t.Errorf("intents API after the page's changes: %+v", list.Intents)
	}

	b.open("/admin/bot")
	b.fill(map[string]string{`#bot-try textarea[name=text]`: `<script>alert(1)</script> I got hacked, someone withdrew all my BTC`})
	if st := b.submit("#bot-try form"); st != 200 {
		t.Fatalf("try: %d", st)
	}
	if res := b.text("#bot-result"); !strings.Contains(res, "Account compromised") || !strings.Contains(res, "high stakes") {
		t.Errorf("try result %q", res)
	}
	if n := eval[int](b, `document.querySelectorAll('script:not([src])').length + document.querySelectorAll('#bot-intents tr[data-intent="airdrop_claim"]').length`); n != 1 {
		t.Errorf("want the added intent listed and no injected script, got %d", n)
	}
	b.screenshot("admin-bot")
	b.do("phone size", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2)))
	b.open("/admin/bot")
	if w := eval[int](b, `document.documentElement.scrollWidth`); w > 390 {
		t.Errorf("the intents page is %d px wide on a phone", w)
	}
	b.screenshot("admin-bot-phone")
	b.checkConsole("bot pages", nil)
}

func hasEntity(es []nlu.Entity, kind string) bool {
	for _, e := range es {
		if e.Kind == kind {
			return true
		}
	}
	return false
}

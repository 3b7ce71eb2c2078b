package server

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
	"github.com/groundcrew/groundcrew/internal/store"
)

// TestBrowserWidgetArticleLink: the bot's "Read more" names a help-center
// article with a real link that opens in a new tab without a handle on the
// widget. What people write never becomes a link, not even the same
// address, and neither does markup.
func TestBrowserWidgetArticleLink(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, true, func(c *Config) { c.Bot = true })
	b := newBrowser(t, ta.URL)
	b.open("/demo/exchange?as=" + sandbox.UserMaria + "&lang=en")
	b.openWidget()

	b.typeInWidget("How do I reset my 2FA? I lost my phone")
	b.waitInFrame("the bot's article link", `!!doc.querySelector("li.bot .bubble a.article")`)
	link := inFrame[[]string](b, `(() => { const a = doc.querySelector("li.bot .bubble a.article"); return [a.getAttribute("href"), a.target, a.rel, a.textContent]; })()`)
	if !strings.HasPrefix(link[0], ta.cfg.PublicURL+"/help/en/articles/") || link[1] != "_blank" || !strings.Contains(link[2], "noopener") || link[3] != link[0] {
		t.Errorf("article link href=%q target=%q rel=%q text=%q, want this server's help article opening in a new tab with noopener", link[0], link[1], link[2], link[3])
	}
	if got := inFrame[int](b, `doc.querySelectorAll("li.bot a.article").length`); got != 1 {
		t.Errorf("%d article links, want 1", got)
	}
	b.do("settle", chromedp.Sleep(300*time.Millisecond))
	b.screenshot("widget-article-link")

	// The same address and markup from the customer, and from an agent,
	// stay text.
	article := link[0]
	tk := b.widgetTicket(ta, sandbox.UserMaria)
	cases := []string{
		"See " + article,
		`<a class="article" href="` + article + `">here</a>`,
		"https://evil.example/help/en/articles/reset-2fa",
	}
	sent := inFrame[int](b, `doc.querySelectorAll("li.mine[data-seq]").length`)
	for i, text := range cases {
		b.typeInWidget(text)
		b.waitInFrame("the customer's "+text, fmt.Sprintf(`doc.querySelectorAll("li.mine[data-seq]").length >= %d`, sent+i+1))
	}
	// (The outbound guard refuses an agent's markup; a plain address passes.)
	if resp := ta.do("POST", fmt.Sprintf("/api/v1/tickets/%d/messages", tk.ID), "", map[string]any{"body": cases[0]}, nil); resp.StatusCode != 201 {
		t.Fatalf("agent reply: status %d", resp.StatusCode)
	}
	b.waitInFrame("the agent's address", fmt.Sprintf(`[...doc.querySelectorAll("li.agent .bubble")].some(e => e.textContent === %q)`, cases[0]))
	t.Logf("the customer's bubbles: %q; the agent's: %q", b.widgetTexts("li.mine"), b.widgetTexts("li.agent"))
	if got := inFrame[int](b, `doc.querySelectorAll("li.mine .bubble a, li.agent .bubble a").length`); got != 0 {
		t.Errorf("%d links inside customer or agent bubbles, want none", got)
	}
	if got := inFrame[int](b, `doc.querySelectorAll(".bubble a").length`); got != 1 {
		t.Errorf("%d links in bubbles, want only the bot's one", got)
	}
	b.checkConsole("article link", func(e consoleEntry) bool { return strings.Contains(e.text, "/chat/v1/socket") })
}

package server

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/groundcrew/groundcrew/internal/store"
)

// The chat widget as a customer meets it: the demo exchange page embeds
// widget.js, which opens the chat in an iframe from the same server (so
// the test can reach into it with contentDocument).

// frameDoc is the JavaScript expression of the widget iframe's document.
const frameDoc = `document.querySelector("[data-groundcrew-chat]").shadowRoot.querySelector("iframe").contentDocument`

// inFrame evaluates expr with `doc` bound to the widget's document.
func inFrame[T any](b *browser, expr string) T {
	b.t.Helper()
	return eval[T](b, fmt.Sprintf(`(() => { const doc = %s; return (%s); })()`, frameDoc, expr))
}

// widgetWait is how long the widget may take to show what a step expects.
const widgetWait = 15 * time.Second

// waitInFrame polls a condition on the widget's document (bound to doc).
func (b *browser) waitInFrame(what, cond string) {
	b.t.Helper()
	b.waitFor(what, fmt.Sprintf(`(() => { try { const doc = %s; return !!(doc && doc.readyState === "complete" && (%s)); } catch (e) { return false } })()`, frameDoc, cond), widgetWait)
}

// openWidget clicks the launcher and waits for the chat to be ready.
func (b *browser) openWidget() {
	b.t.Helper()
	b.waitFor("the launcher", `!!document.querySelector("[data-groundcrew-chat]")?.shadowRoot?.querySelector("button")`, widgetWait)
	// The widget reopens by itself on a page of the same tab where it was open.
	b.do("click the launcher", chromedp.Evaluate[chromedp.Void](`(() => { const btn = document.querySelector("[data-groundcrew-chat]").shadowRoot.querySelector("button"); if (btn.getAttribute("aria-expanded") !== "true") btn.click(); })()`))
	b.waitInFrame("the composer", `doc.getElementById("input")`)
}

func TestBrowserWidgetStatic(t *testing.T) {
	ta := newTestApp(t, store.SQLite, true)
	b := newBrowser(t, ta.URL)

	b.open("/demo/exchange")
	if got := b.text(".demo-banner"); !strings.Contains(got, "Demo") {
		t.Errorf("demo banner %q does not say it is a demo", got)
	}
	b.openWidget()
	if got := inFrame[string](b, `doc.querySelector("h1").textContent`); got != "Support" {
		t.Errorf("widget title %q, want Support", got)
	}
	b.do("settle", chromedp.Sleep(500*time.Millisecond))
	b.screenshot("widget-desktop")
	b.checkConsole("demo page", func(e consoleEntry) bool { return strings.Contains(e.text, "/chat/v1/socket") })

	b.open("/demo/exchange?lang=ar")
	b.openWidget()
	if dir := inFrame[string](b, `doc.documentElement.dir`); dir != "rtl" {
		t.Errorf("Arabic widget dir %q, want rtl", dir)
	}
	b.do("settle", chromedp.Sleep(500*time.Millisecond))
	b.screenshot("widget-rtl")

	b.do("phone viewport", chromedp.EmulateViewport(390, 844))
	b.open("/demo/exchange?lang=de")
	b.openWidget()
	b.do("settle", chromedp.Sleep(500*time.Millisecond))
	b.viewportShot("widget-phone")
	if w := eval[[]int](b, `[document.documentElement.scrollWidth, document.documentElement.clientWidth]`); w[0] > w[1] {
		t.Errorf("demo page is %dpx wide on a %dpx phone", w[0], w[1])
	}
}

// viewportShot saves what the window shows (the widget is fixed to it) to
// $GROUNDCREW_SCREENSHOTS/name.png.
func (b *browser) viewportShot(name string) {
	b.t.Helper()
	dir := os.Getenv("GROUNDCREW_SCREENSHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.t.Fatal(err)
	}
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("screenshot: %s", path)
}

package server

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/groundcrew/groundcrew/internal/store"
)

// TestBrowserWidgetLanguageSwitch: a visitor who switches the widget to
// Arabic in its header gets the toolbar's buttons in Arabic too (the
// server sends them in the socket's language), and an English message in
// the right-to-left widget keeps its left-to-right direction, so its
// punctuation stays at its end.
func TestBrowserWidgetLanguageSwitch(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, true, func(c *Config) { c.Bot = true })
	b := newBrowser(t, ta.URL)
	b.open("/demo/exchange?lang=en")
	b.openWidget()
	english := inFrame[string](b, `doc.querySelector("#incident-banner strong")?.textContent || ""`)
	if english == "" {
		t.Fatal("the demo's open incident shows no banner in the widget")
	}
	b.waitInFrame("the English toolbar", `[...doc.querySelectorAll("#toolbar button")].some(e => e.textContent === "Check a withdrawal")`)

	b.do("switch to Arabic", chromedp.Evaluate[chromedp.Void](`(() => { const doc = `+frameDoc+`; const s = doc.getElementById("lang"); s.value = "ar"; s.dispatchEvent(new Event("change", { bubbles: true })); })()`))
	b.waitInFrame("the right-to-left frame", `doc.documentElement.dir === "rtl"`)
	b.waitInFrame("the Arabic toolbar", `[...doc.querySelectorAll("#toolbar button")].some(e => e.textContent === "التحقق من سحب")`)
	if english := inFrame[int](b, `[...doc.querySelectorAll("#toolbar button")].filter(e => /^[A-Za-z0-9 ]+$/.test(e.textContent)).length`); english != 0 {
		t.Errorf("%d toolbar buttons still in English after the switch", english)
	}
	// The incident banner, drawn by the server, follows the switch too.
	b.waitInFrame("the Arabic incident banner", `/[\u0600-\u06FF]/.test(doc.querySelector("#incident-banner strong")?.textContent || "")`)
	if got := inFrame[[]string](b, `[...doc.querySelectorAll(".incident")].map(e => e.querySelector("strong").textContent)`); len(got) != 1 || got[0] == english {
		t.Errorf("after the switch the banners read %q, want one, not the English %q", got, english)
	}

	b.typeInWidget("Where is my deposit?")
	b.waitInFrame("the message acknowledged", `[...doc.querySelectorAll("li.mine")].some(li => li.dataset.seq)`)
	if got := inFrame[string](b, `getComputedStyle([...doc.querySelectorAll("li.mine .bubble")].pop()).direction`); got != "ltr" {
		t.Errorf("an English message in the Arabic widget runs %s, want ltr", got)
	}
	if got := inFrame[int](b, `[...doc.querySelectorAll("li.mine")].filter(li => li.querySelector(".bubble").textContent === "Where is my deposit?").length`); got != 1 {
		t.Errorf("the message shows %d times after the switch's resume, want once", got)
	}
	b.screenshot("widget-switched-ar")
	b.checkConsole("widget language switch", func(e consoleEntry) bool { return strings.Contains(e.text, "/chat/v1/socket") })
}

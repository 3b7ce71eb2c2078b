package server

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/groundcrew/groundcrew/internal/academy/quality"
	"github.com/groundcrew/groundcrew/internal/store"
)

// TestBrowserMacroLanguageOnScorecard: an agent inserts the Spanish
// greeting into a reply on an English ticket and sends it; the message
// records the macro and its language, and a QA review of the ticket
// pre-fills clarity at 1 saying so. A made-up macro number is refused
// with a message on the page and nothing sent.
func TestBrowserMacroLanguageOnScorecard(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, true)
	id := demoTicketID(t, ta, "Credited USDT deposit")
	// The demo ticket starts in its customer's language (Maria: pt) and
	// routing reads its English text moments later: wait for that.
	var lang string
	for deadline := time.Now().Add(widgetWait); ; time.Sleep(50 * time.Millisecond) {
		if err := ta.db.QueryRow(t.Context(), `SELECT language FROM tickets WHERE id = ?`, id).Scan(&lang); err != nil {
			t.Fatal(err)
		}
		if lang == "en" || time.Now().After(deadline) {
			break
		}
	}
	if lang != "en" {
		t.Fatalf("the demo ticket is in %q; the test wants an English one", lang)
	}
	messages := func() int {
		var n int
		if err := ta.db.QueryRow(t.Context(), `SELECT COUNT(*) FROM messages WHERE ticket_id = ?`, id).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := messages()

	b := newBrowser(t, ta.URL)
	b.open("/login")
	b.signIn("supervisor@demo.groundcrew.local", DemoPassword+"-2026")
	b.open(fmt.Sprintf("/tickets/%d", id))
	b.waitFor("live channel", `document.querySelector("#live-state.on") !== null`, 10*time.Second)

	// A macro number that names nothing: refused on the page, nothing sent.
	b.do("a made-up macro",
		chromedp.SetValue(chromedp.CSS("#reply-body"), "Hello there"),
		chromedp.Evaluate[chromedp.Void](`document.querySelector("form.reply").append(Object.assign(document.createElement("input"), {type: "hidden", name: "macro_id", value: "999999"}))`),
		chromedp.Click(chromedp.CSS("#reply-send")))
	// (The form posts and the page reloads: no body for a moment.)
	b.waitFor("the refusal", `document.body !== null && document.body.textContent.includes("no macro 999999")`, 10*time.Second)
	if n := messages(); n != before {
		t.Fatalf("a reply naming no macro was stored: %d messages, want %d", n, before)
	}
	if got := eval[string](b, `document.getElementById("reply-body").value`); got != "Hello there" {
		t.Errorf("the refused reply's text is %q on the page; want it kept to send again", got)
	}
	b.screenshot("reply-unknown-macro")
	b.checkConsole("refused reply", func(e consoleEntry) bool { return strings.Contains(e.text, "status of 400") })

	b.open(fmt.Sprintf("/tickets/%d", id))
	b.waitFor("live channel", `document.querySelector("#live-state.on") !== null`, 10*time.Second)
	spanish := eval[string](b, `[...document.querySelectorAll("#macro-select option")].find(o => o.textContent === "Greeting (es)").value`)
	b.do("insert the Spanish greeting and send",
		chromedp.SetValue(chromedp.CSS("#macro-select"), spanish),
		chromedp.Click(chromedp.CSS("#macro-apply")))
	b.waitFor("the macro's text", `document.getElementById("reply-body").value.startsWith("Hola")`, 5*time.Second)
	b.do("send", chromedp.Click(chromedp.CSS("#reply-send")))
	b.waitFor("sent", `location.search.includes("sent=1")`, 10*time.Second)

	uses, err := ta.tickets.Store.MacroUses(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	macroID, _ := strconv.ParseInt(spanish, 10, 64)
	if len(uses) != 1 || uses[0].MacroID != macroID || uses[0].Language != "es" {
		t.Fatalf("macros recorded on the ticket: %+v; want macro %d in es", uses, macroID)
	}

	var ss quality.Session
	if resp := ta.do("POST", "/api/v1/qa/sessions", "", map[string]any{"kind": "calibration", "name": "macro language", "ticket_ids": []int64{id}}, &ss); resp.StatusCode != 201 {
		t.Fatalf("calibration session: %d", resp.StatusCode)
	}
	b.open(fmt.Sprintf("/qa/sessions/%d", ss.ID))
	hint := eval[string](b, `[...document.querySelectorAll("tr")].find(r => r.querySelector("select[name='score.clarity']")).querySelector(".hint").textContent`)
	if want := "pre-filled Macro(s) in es sent on a ticket in en"; !strings.HasPrefix(hint, want) {
		t.Errorf("clarity's evidence on the review form: %q; want it to start %q", hint, want)
	}
	if got := eval[string](b, `document.querySelector("select[name='score.clarity']").value`); got != "1" {
		t.Errorf("clarity pre-filled %q; want 1", got)
	}
	b.screenshot("qa-macro-language")
	b.checkConsole("QA session", nil)
}

package server

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
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
// (30 s: under -race, with the rest of the suite on the same two cores,
// a first message's round trip once took longer than 15 s in CI.)
const widgetWait = 30 * time.Second

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
	t.Parallel()
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

// typeInWidget focuses the widget's composer and types text with real key
// events, then Enter.
func (b *browser) typeInWidget(text string) {
	b.t.Helper()
	b.do("focus the composer", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const f = document.querySelector("[data-groundcrew-chat]").shadowRoot.querySelector("iframe"); f.focus(); const doc = %s; doc.getElementById("input").focus(); })()`, frameDoc)))
	b.do("type "+text, chromedp.KeyEvent(text), chromedp.KeyEvent("\r"))
}

// widgetTexts are the texts of the widget's message bubbles, in order.
func (b *browser) widgetTexts(sel string) []string {
	b.t.Helper()
	return inFrame[[]string](b, fmt.Sprintf(`[...doc.querySelectorAll(%q)].filter(li => !li.hidden).map(li => li.querySelector(".bubble").textContent)`, sel))
}

// widgetTicket is the ticket of the conversation the widget shows (the
// frame keeps its id in localStorage), with its messages.
func (b *browser) widgetTicket(ta *testApp, userID string) ticket.Ticket {
	b.t.Helper()
	id := inFrame[string](b, fmt.Sprintf(`doc.defaultView.localStorage.getItem("gc.conv.demo." + %q)`, userID))
	if id == "" {
		b.t.Fatalf("the widget keeps no conversation for %s", userID)
	}
	var tk ticket.Ticket
	if resp := ta.do("GET", "/api/v1/tickets/"+id, "", nil, &tk); resp.StatusCode != 200 {
		b.t.Fatalf("GET ticket %s: status %d", id, resp.StatusCode)
	}
	return tk
}

func TestBrowserWidgetConversation(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, true)
	b := newBrowser(t, ta.URL)
	socketNoise := func(e consoleEntry) bool { return strings.Contains(e.text, "/chat/v1/socket") }

	// Maria signs in on the exchange; the demo page mints her identity JWT.
	b.open("/demo/exchange?as=" + sandbox.UserMaria + "&lang=en")
	b.openWidget()
	b.waitInFrame("the anti-phishing phrase", `doc.getElementById("phrase-value").textContent === "lua azul" && !doc.getElementById("phrase").hidden`)
	if who := inFrame[string](b, `doc.getElementById("who").textContent`); !strings.Contains(who, "Maria Santos") {
		t.Errorf("widget says %q, want it signed in as Maria Santos", who)
	}

	// She writes; the message is stored on a chat ticket of hers.
	// Her earlier demo message, replayed, is "Sent" too: wait for this one.
	b.typeInWidget("My USDT deposit has not arrived")
	b.waitInFrame("the message acknowledged", `[...doc.querySelectorAll("li.mine")].some(li => li.dataset.seq && li.querySelector(".bubble").textContent === "My USDT deposit has not arrived" && li.querySelector(".receipt").lastElementChild.textContent === "Sent")`)
	tk := b.widgetTicket(ta, sandbox.UserMaria)
	if tk.Customer.ExternalID != sandbox.UserMaria {
		t.Errorf("chat ticket's customer is %q, want %q", tk.Customer.ExternalID, sandbox.UserMaria)
	}
	if n := len(tk.Messages); n == 0 || tk.Messages[n-1].Body != "My USDT deposit has not arrived" || tk.Messages[n-1].AuthorKind != "customer" {
		t.Fatalf("ticket messages %+v, want the customer's message last", tk.Messages)
	}

	// An agent answers through the API: the reply appears without a reload,
	// with the agent's name and a link to check the agent.
	reply := "Hello Maria, could you send me the TxID of the deposit?"
	if resp := ta.do("POST", fmt.Sprintf("/api/v1/tickets/%d/messages", tk.ID), "", map[string]any{"body": reply}, nil); resp.StatusCode != 201 {
		t.Fatalf("agent reply: status %d", resp.StatusCode)
	}
	b.waitInFrame("the agent's reply", fmt.Sprintf(`[...doc.querySelectorAll("li.agent .bubble")].some(e => e.textContent === %q)`, reply))
	if name := inFrame[string](b, `doc.querySelector("li.agent .author").textContent`); name != "Administrator" {
		t.Errorf("agent message author %q, want Administrator", name)
	}
	if href := inFrame[string](b, `doc.querySelector("li.agent a.check").href`); !strings.Contains(href, "/verify?value=") {
		t.Errorf("check-this-agent link %q does not lead to /verify with the agent's code", href)
	}

	// The agent reads and types: the receipt says Read, the indicator shows.
	agentSeq := int64(inFrame[int](b, `Math.max(...[...doc.querySelectorAll("li.agent")].map(li => +li.dataset.seq))`))
	if err := ta.chat.AgentRead(t.Context(), tk.ID, 1, agentSeq); err != nil {
		t.Fatalf("AgentRead: %v", err)
	}
	b.waitInFrame("the read receipt", `doc.querySelector("li.mine .receipt.read")?.lastElementChild.textContent === "Read"`)
	if err := ta.chat.AgentTyping(tk.ID, 1, "Administrator", true); err != nil {
		t.Fatalf("AgentTyping: %v", err)
	}
	b.waitInFrame("the typing indicator", `!doc.getElementById("typing").hidden && doc.getElementById("typing-text").textContent === "Administrator is typing…"`)
	b.do("settle", chromedp.Sleep(300*time.Millisecond))
	b.screenshot("widget-conversation")

	// Markup typed into the widget is text, in the widget and on the ticket.
	xss := `<img src=x onerror="window.top.pwned=1">`
	b.typeInWidget(xss)
	b.waitInFrame("the markup message stored", fmt.Sprintf(`[...doc.querySelectorAll("li.mine[data-seq] .bubble")].some(e => e.textContent === %q)`, xss))
	if tk := b.widgetTicket(ta, sandbox.UserMaria); tk.Messages[len(tk.Messages)-1].Body != xss {
		t.Errorf("the ticket stored %q, want the markup as typed", tk.Messages[len(tk.Messages)-1].Body)
	}
	if n := inFrame[int](b, `doc.querySelectorAll("li.msg img").length`); n != 0 {
		t.Errorf("the widget made %d <img> elements out of a message", n)
	}
	if pwned := eval[bool](b, `window.pwned === 1`); pwned {
		t.Errorf("the onerror handler ran")
	}
	b.checkConsole("conversation", socketNoise)

	// Closing the widget and reloading the page (the customer comes back)
	// shows the whole conversation again, in order: her earlier demo
	// message, then today's.
	before := b.widgetTexts("li.msg[data-seq]")
	b.do("close the widget", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const doc = %s; doc.getElementById("close").click(); })()`, frameDoc)))
	b.waitFor("the launcher back", `document.querySelector("[data-groundcrew-chat]").shadowRoot.querySelector("iframe").style.display === "none"`, widgetWait)
	b.open("/demo/exchange?as=" + sandbox.UserMaria + "&lang=en")
	b.openWidget()
	want := []string{"My USDT deposit has not arrived", reply, xss}
	b.waitInFrame("the history", fmt.Sprintf(`doc.querySelectorAll("li.msg[data-seq]").length >= %d`, len(want)))
	b.waitInFrame("the whole history", fmt.Sprintf(`doc.querySelectorAll("li.msg[data-seq]").length >= %d`, len(before)))
	got := b.widgetTexts("li.msg[data-seq]")
	if strings.Join(got, "|") != strings.Join(before, "|") || len(got) < len(want) || strings.Join(got[len(got)-len(want):], "|") != strings.Join(want, "|") {
		t.Errorf("history after coming back: %q, want %q ending in %q", got, before, want)
	}
	if n := inFrame[int](b, `doc.querySelectorAll("li.msg img").length`); n != 0 {
		t.Errorf("the history made %d <img> elements", n)
	}

	// On a 390 px phone the open widget fills the screen and the page does
	// not scroll sideways.
	b.do("phone viewport", chromedp.EmulateViewport(390, 844))
	b.open("/demo/exchange?as=" + sandbox.UserMaria + "&lang=pt")
	b.openWidget()
	b.waitInFrame("the history on the phone", fmt.Sprintf(`doc.querySelectorAll("li.msg[data-seq]").length >= %d`, len(before)))
	if w := eval[[]int](b, `(() => { const f = document.querySelector("[data-groundcrew-chat]").shadowRoot.querySelector("iframe").getBoundingClientRect(); return [Math.round(f.width), Math.round(f.height), document.documentElement.scrollWidth] })()`); w[0] != 390 || w[1] != 844 || w[2] > 390 {
		t.Errorf("on a phone the widget is %dx%d and the page %dpx wide; want 390x844 and no sideways scroll", w[0], w[1], w[2])
	}
	if got := inFrame[string](b, `doc.querySelector("h1").textContent`); got != "Suporte" {
		t.Errorf("Portuguese title %q, want Suporte", got)
	}
	b.do("settle", chromedp.Sleep(300*time.Millisecond))
	b.viewportShot("widget-phone-conversation")
	b.checkConsole("history", socketNoise)
}

func TestBrowserWidgetLanguagesAndWarnings(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, true)
	b := newBrowser(t, ta.URL)
	socketNoise := func(e consoleEntry) bool { return strings.Contains(e.text, "/chat/v1/socket") }

	// Karim's exchange page is in Arabic: the widget is right to left, in
	// Arabic, with the launcher on the left.
	b.open("/demo/exchange?as=" + sandbox.UserKarim)
	b.openWidget()
	b.waitInFrame("the Arabic widget", `doc.documentElement.dir === "rtl" && doc.documentElement.lang === "ar" && !doc.getElementById("phrase").hidden`)
	if got := inFrame[string](b, `doc.querySelector("h1").textContent`); got != "الدعم" {
		t.Errorf("Arabic title %q", got)
	}
	if side := eval[[]string](b, `(() => { const btn = document.querySelector("[data-groundcrew-chat]").shadowRoot.querySelector("button"); return [btn.style.left, btn.style.right]; })()`); side[0] != "20px" || side[1] != "" {
		t.Errorf("launcher left/right %q on a right-to-left page, want it on the left", side)
	}
	b.typeInWidget("مرحبا، لم يصل إيداعي")
	b.waitInFrame("the Arabic message stored", `doc.querySelector("li.mine[data-seq]:last-of-type .receipt")`)
	// Bubbles mirror: the customer's own message sits on the left in RTL.
	if x := inFrame[[]float64](b, `(() => { const r = [...doc.querySelectorAll("li.mine[data-seq]")].pop().getBoundingClientRect(); return [r.left, doc.documentElement.clientWidth - r.right]; })()`); x[0] > x[1] {
		t.Errorf("own message at %v from the left and right edges; want it on the left in RTL", x)
	}
	b.do("settle", chromedp.Sleep(300*time.Millisecond))
	b.viewportShot("widget-rtl-conversation")

	// A seed phrase typed into the widget is cut out before it is stored,
	// and the customer sees the warning inline, in the widget's language.
	b.do("switch to English", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const doc = %s; const s = doc.getElementById("lang"); s.value = "en"; s.dispatchEvent(new Event("change")); })()`, frameDoc)))
	b.waitInFrame("the English widget", `doc.documentElement.dir === "ltr" && doc.querySelector("h1").textContent === "Support" && doc.getElementById("input").placeholder === "Write a message…"`)
	b.typeInWidget("my recovery words are " + testMnemonic)
	b.waitInFrame("the redaction warning", `doc.querySelector("li.mine.redacted .warn")`)
	if warn := inFrame[string](b, `doc.querySelector("li.mine.redacted .warn").textContent`); !strings.Contains(warn, "Never share it") {
		t.Errorf("redaction warning %q", warn)
	}
	if body := inFrame[string](b, `[...doc.querySelectorAll("li.mine .bubble")].map(e => e.textContent).join("\n")`); strings.Contains(body, "abandon abandon") {
		t.Errorf("the widget still shows the seed phrase: %q", body)
	}
	tk := b.widgetTicket(ta, sandbox.UserKarim)
	for _, m := range tk.Messages {
		if strings.Contains(m.Body, "abandon abandon") {
			t.Errorf("the ticket stored the seed phrase: %q", m.Body)
		}
	}
	// The switch resumes the socket in the new language (the toolbar comes
	// from the server). The page identifies while that resume is under way:
	// right as the new socket says hello, before its welcome, the window in
	// which an identify was once lost (under a clean-clone CI's load). The
	// frame's WebSocket.send is wrapped to call the page's identify() there.
	const forged = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1LTEwMDEifQ."
	b.do("identify during the resume's hello", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => {
		const w = %s.defaultView, send = w.WebSocket.prototype.send;
		let armed = true;
		w.WebSocket.prototype.send = function (data) {
			send.call(this, data);
			if (armed && String(data).includes('"type":"hello"')) { armed = false; w.parent.GroundcrewChat.identify(%q); }
		};
	})()`, frameDoc, forged)))
	// Switching to Japanese relabels what is already on screen.
	b.do("switch to Japanese", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const doc = %s; const s = doc.getElementById("lang"); s.value = "ja"; s.dispatchEvent(new Event("change")); })()`, frameDoc)))
	b.waitInFrame("the Japanese widget", `doc.querySelector("h1").textContent === "サポート" && doc.querySelector("li.mine.redacted .warn").textContent.includes("サポートを含め")`)
	b.screenshot("widget-redacted")

	// The forged identity is answered once the socket is back: an error
	// frame, shown as a message.
	b.waitInFrame("the error message", `doc.querySelector("li.msg.error")`)
	if msg := inFrame[string](b, `doc.querySelector("li.msg.error .bubble").textContent`); msg == "" {
		t.Errorf("empty error message")
	} else {
		t.Logf("forged identity: %q", msg)
	}
	b.checkConsole("languages and warnings", socketNoise)
}

// TestBrowserWidgetSignsInMidConversation: an anonymous visitor writes,
// then signs in on the exchange; the page hands the widget the identity
// token and the conversation moves to the customer.
func TestBrowserWidgetSignsInMidConversation(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, true)
	b := newBrowser(t, ta.URL)

	b.open("/demo/exchange?lang=en")
	b.openWidget()
	b.waitInFrame("the anonymous notice", `doc.getElementById("who").classList.contains("anon")`)
	b.typeInWidget("Hi, I cannot find my token deposit")
	b.waitInFrame("the anonymous message stored", `doc.querySelector("li.mine[data-seq]")`)
	anonID := inFrame[string](b, `doc.defaultView.localStorage.getItem("gc.conv.demo.anon")`)

	tok, err := ta.App.mintDemoIdentity(sandbox.UserAyse, "Ayşe Yılmaz")
	if err != nil {
		t.Fatal(err)
	}
	b.do("identify", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`GroundcrewChat.identify(%q)`, tok)))
	b.waitInFrame("signed in", `doc.getElementById("who").textContent === "Signed in as Ayşe Yılmaz" && !doc.getElementById("who").classList.contains("anon")`)
	if got := b.widgetTexts("li.msg[data-seq]"); len(got) == 0 || got[len(got)-1] != "Hi, I cannot find my token deposit" {
		t.Errorf("after signing in the widget shows %q, want the anonymous message kept", got)
	}
	tk := b.widgetTicket(ta, sandbox.UserAyse)
	if strconv.FormatInt(tk.ID, 10) != anonID || tk.Customer.ExternalID != sandbox.UserAyse {
		t.Errorf("conversation %d of %q after signing in; want the anonymous conversation %s attached to %s", tk.ID, tk.Customer.ExternalID, anonID, sandbox.UserAyse)
	}
	b.checkConsole("sign in mid-conversation", func(e consoleEntry) bool { return strings.Contains(e.text, "/chat/v1/socket") })
}

// TestBrowserWidgetTwoPartToken: a page that signs its users with the
// older two-part token. The frame keeps the conversation under the
// customer's id read from that token, not under "anon" (where the next
// visitor of this browser would find it).
func TestBrowserWidgetTwoPartToken(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, true)
	b := newBrowser(t, ta.URL)

	b.open("/demo/exchange?lang=en")
	b.openWidget()
	b.waitInFrame("the anonymous notice", `doc.getElementById("who").classList.contains("anon")`)
	tok := ta.App.identity.Sign(sandbox.UserAyse, 5*time.Minute)
	b.do("identify", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`GroundcrewChat.identify(%q)`, tok)))
	b.waitInFrame("signed in", `!doc.getElementById("who").classList.contains("anon")`)
	const text = "My deposit from the two-part page"
	b.typeInWidget(text)
	b.waitInFrame("the message stored", fmt.Sprintf(`[...doc.querySelectorAll("li.mine[data-seq] .bubble")].some(e => e.textContent === %q)`, text))

	tk := b.widgetTicket(ta, sandbox.UserAyse)
	if tk.Customer.ExternalID != sandbox.UserAyse || len(tk.Messages) == 0 || tk.Messages[len(tk.Messages)-1].Body != text {
		t.Errorf("the conversation kept for %s is ticket %d of %q; want hers with %q last", sandbox.UserAyse, tk.ID, tk.Customer.ExternalID, text)
	}
	if anon := inFrame[string](b, `doc.defaultView.localStorage.getItem("gc.conv.demo.anon") || ""`); anon == strconv.FormatInt(tk.ID, 10) {
		t.Errorf("her conversation %s is also kept as the anonymous visitor's", anon)
	}
}

// TestBrowserWidgetRefusesOtherSites: a site that is not an allowed origin
// pastes the script tag; the frame is refused (frame-ancestors and a 403)
// and the chat never opens there.
func TestBrowserWidgetRefusesOtherSites(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, true)
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><html lang="en"><body><h1>Totally the exchange</h1><script src="%s/chat/v1/widget.js" data-install="demo" async></script></body></html>`, ta.URL)
	}))
	t.Cleanup(evil.Close)
	b := newBrowser(t, evil.URL)
	b.open("/")
	b.waitFor("the launcher", `!!document.querySelector("[data-groundcrew-chat]")?.shadowRoot?.querySelector("button")`, widgetWait)
	b.do("click the launcher", chromedp.Evaluate[chromedp.Void](`document.querySelector("[data-groundcrew-chat]").shadowRoot.querySelector("button").click()`))
	deadline := time.Now().Add(widgetWait)
	var refused bool
	for !refused && time.Now().Before(deadline) {
		for _, e := range b.console.take() {
			if strings.Contains(e.text, "frame-ancestors") || strings.Contains(e.text, "status of 403") {
				refused = true
				t.Logf("refused: %s", e)
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	if !refused {
		t.Errorf("another site framed the chat without a refusal")
	}
	// The frame is another origin's: the page cannot read it, and the chat
	// never said it was ready, so no identity token was handed over.
	if ok := eval[bool](b, `(() => { try { return document.querySelector("[data-groundcrew-chat]").shadowRoot.querySelector("iframe").contentDocument !== null } catch (e) { return false } })()`); ok {
		t.Errorf("the other site can read the chat frame's document")
	}
}

// TestBrowserWidgetTokenRefresh: a signed-in widget outlives its identity
// token. Before the token expires the widget asks the page's
// data-identity-url for the next one (the demo's /demo/exchange/token), so
// a reconnect after the first token's expiry still signs Maria in, and
// what she writes then lands in her conversation, not an anonymous one.
func TestBrowserWidgetTokenRefresh(t *testing.T) {
	t.Parallel()
	const life = 12 * time.Second
	ta := newTestApp(t, store.SQLite, true, func(c *Config) { c.WidgetTokenLife = life })
	b := newBrowser(t, ta.URL)
	b.open("/demo/exchange?as=" + sandbox.UserMaria + "&lang=en")
	b.do("count token requests", chromedp.Evaluate[chromedp.Void](`(() => { window.tokenRequests = 0; const f = window.fetch; window.fetch = (...a) => f(...a).then(r => { if (String(a[0]).includes("/demo/exchange/token")) window.tokenRequests++; return r; }); })()`))
	b.openWidget()
	b.waitInFrame("signed in", `doc.getElementById("who").textContent.includes("Maria Santos")`)
	b.waitFor("a fresh token fetched", `window.tokenRequests >= 1`, life+widgetWait)
	// The page's first token has expired now: the reconnect must use the next.
	first := eval[float64](b, `JSON.parse(atob(document.querySelector("script[data-identity]").dataset.identity.split(".")[1].replace(/-/g, "+").replace(/_/g, "/"))).exp`)
	if wait := time.Until(time.Unix(int64(first), 0)) + time.Second; wait > 0 {
		b.do("let the first token expire", chromedp.Sleep(wait))
	}
	b.do("reconnect", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const doc = %s; doc.getElementById("reconnect").click(); })()`, frameDoc)))
	text := "Still me after the reconnect"
	b.typeInWidget(text)
	b.waitInFrame("the message acknowledged", fmt.Sprintf(`[...doc.querySelectorAll("li.mine")].some(li => li.dataset.seq && li.querySelector(".bubble").textContent === %q && li.querySelector(".receipt").lastElementChild.textContent === "Sent")`, text))
	tk := b.widgetTicket(ta, sandbox.UserMaria)
	if last := tk.Messages[len(tk.Messages)-1]; last.Body != text || tk.Customer.ExternalID != sandbox.UserMaria {
		t.Errorf("after the reconnect the message went to ticket %d of %q (last message %q), want Maria's conversation", tk.ID, tk.Customer.ExternalID, last.Body)
	}
	if who := inFrame[string](b, `doc.getElementById("who").textContent`); !strings.Contains(who, "Maria Santos") {
		t.Errorf("after the reconnect the widget says %q, want Maria signed in", who)
	}
}

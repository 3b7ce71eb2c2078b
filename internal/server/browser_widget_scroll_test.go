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

// gapExpr is how far, in CSS pixels, the widget's message list is from
// its end: what the customer does not see below the last line.
const gapExpr = `(() => { const l = doc.getElementById("log"); return Math.round(l.scrollHeight - l.scrollTop - l.clientHeight); })()`

// TestBrowserWidgetFollowsNewMessages: on a 390 px phone, a long
// conversation of multi-line bubbles resumed after a reload opens at its
// end, stays there after the customer's own send, and an agent's reply
// that arrives next scrolls into view. A customer who scrolled up to read
// is left where they are and gets a "new messages" pill that takes them
// down.
func TestBrowserWidgetFollowsNewMessages(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, true)
	b := newBrowser(t, ta.URL)
	page := "/demo/exchange?as=" + sandbox.UserMaria + "&lang=en"
	b.do("phone viewport", chromedp.EmulateViewport(390, 844))
	b.open(page)
	b.openWidget()
	b.typeInWidget("My USDT deposit has not arrived")
	b.waitInFrame("the message acknowledged", `[...doc.querySelectorAll("li.mine")].some(li => li.dataset.seq)`)
	tk := b.widgetTicket(ta, sandbox.UserMaria)

	agentSays := func(body string) {
		t.Helper()
		if resp := ta.do("POST", fmt.Sprintf("/api/v1/tickets/%d/messages", tk.ID), "", map[string]any{"body": body}, nil); resp.StatusCode != 201 {
			t.Fatalf("agent reply: status %d", resp.StatusCode)
		}
	}
	const replies = 14
	for i := 1; i <= replies; i++ {
		agentSays(fmt.Sprintf("Step %d of the check.\nThe network, the memo and the address all matter here.\n%s", i, strings.Repeat("Details follow. ", 1+i%4)))
	}
	b.waitInFrame("every reply", fmt.Sprintf(`doc.querySelectorAll("li.agent").length >= %d`, replies))

	gapAfter := func(step string) int {
		t.Helper()
		b.do("settle", chromedp.Sleep(600*time.Millisecond))
		gap := inFrame[int](b, gapExpr)
		t.Logf("%s: %d px from the end", step, gap)
		return gap
	}

	// The customer comes back: the page reloads and the widget reopens.
	b.open(page)
	b.openWidget()
	b.waitInFrame("the resumed history", fmt.Sprintf(`doc.querySelectorAll("li.agent").length >= %d`, replies))
	if gap := gapAfter("on opening"); gap > 2 {
		t.Errorf("on opening the list is %d px above its end, want at its end", gap)
	}

	b.typeInWidget("Here is the TxID you asked for")
	b.waitInFrame("the send acknowledged", `[...doc.querySelectorAll("li.mine[data-seq] .bubble")].some(e => e.textContent === "Here is the TxID you asked for")`)
	if gap := gapAfter("after the send"); gap > 2 {
		t.Errorf("after the customer's send the list is %d px above its end, want at its end", gap)
	}

	reply := "Thanks, I can see it now.\nIt needs two more confirmations."
	agentSays(reply)
	b.waitInFrame("the reply", fmt.Sprintf(`[...doc.querySelectorAll("li.agent .bubble")].some(e => e.textContent === %q)`, reply))
	if gap := gapAfter("after the reply"); gap > 2 {
		t.Errorf("the agent's reply arrived %d px below what the customer sees, want the list at its end", gap)
	}
	if pill := inFrame[bool](b, `!doc.getElementById("new-messages").hidden`); pill {
		t.Errorf("the new-messages pill shows while the customer is at the end")
	}
	b.viewportShot("widget-phone-follow")

	// Scrolled up to reread: a reply does not pull the list down, the pill
	// says there is something new, and clicking it goes to the end.
	b.do("scroll up", chromedp.Evaluate[chromedp.Void](`(() => { const doc = `+frameDoc+`; doc.getElementById("log").scrollTop = 0; })()`))
	b.do("settle", chromedp.Sleep(300*time.Millisecond))
	agentSays("One more thing: keep the TxID.")
	b.waitInFrame("the pill", `!doc.getElementById("new-messages").hidden`)
	if top := inFrame[int](b, `doc.getElementById("log").scrollTop`); top > 2 {
		t.Errorf("a reply moved a customer who was reading to %d px", top)
	}
	b.viewportShot("widget-phone-pill")
	b.do("click the pill", chromedp.Evaluate[chromedp.Void](`(() => { const doc = `+frameDoc+`; doc.getElementById("new-messages").click(); })()`))
	if gap := gapAfter("after the pill"); gap > 2 {
		t.Errorf("after clicking the pill the list is %d px above its end", gap)
	}
	if pill := inFrame[bool](b, `!doc.getElementById("new-messages").hidden`); pill {
		t.Errorf("the pill stays after taking the customer down")
	}
	b.checkConsole("widget follow", func(e consoleEntry) bool { return strings.Contains(e.text, "/chat/v1/socket") })
}

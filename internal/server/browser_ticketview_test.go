package server

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/web/webtest"
)

// TestBrowserTicketViewLive opens one ticket as two agents in two browsers:
// a customer's message posted through the API appears on the open page
// without reload (and stays text), a macro fills the reply box, each agent
// sees the other there and sees them typing, and the shortcuts overlay
// opens with "?".
func TestBrowserTicketViewLive(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, true)
	id := demoTicketID(t, ta, "Credited USDT deposit")
	var externalID string
	if err := ta.db.QueryRow(t.Context(), `SELECT c.external_id FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE t.id = ?`, id).Scan(&externalID); err != nil {
		t.Fatal(err)
	}
	ticketPage := fmt.Sprintf("/tickets/%d", id)

	mei := newBrowser(t, ta.URL)
	mei.open("/login")
	mei.signIn("supervisor@demo.groundcrew.local", DemoPassword+"-2026")
	if status := mei.open(ticketPage); status != 200 {
		t.Fatalf("ticket page: %d", status)
	}
	mei.waitFor("live channel", `document.querySelector("#live-state.on") !== null`, 10*time.Second)
	mei.do("mark the page", chromedp.Evaluate[chromedp.Void](`window.notReloaded = true`))

	// The customer writes through the API; the open page shows it.
	hostile := `Still nothing <img src=x onerror="window.pwned=1">`
	ta.do("POST", fmt.Sprintf("/api/v1/tickets/%d/customer-messages", id), "", customerMessage(externalID, hostile), nil)
	mei.waitFor("the customer's message", `[...document.querySelectorAll("#messages li.from-customer .body")].some(b => b.textContent.includes("Still nothing"))`, 10*time.Second)
	if !eval[bool](mei, `window.notReloaded === true`) {
		t.Error("the page reloaded to show the message")
	}
	if eval[bool](mei, `document.querySelector("#messages img") !== null || window.pwned === 1`) {
		t.Error("the customer's HTML was rendered")
	}
	if got := eval[string](mei, `[...document.querySelectorAll("#messages li .body")].pop().textContent`); got != hostile {
		t.Errorf("last message shows %q, want the text as written", got)
	}

	// A macro fills the reply box with the customer's name and the ticket.
	mei.do("choose the greeting",
		chromedp.SetValue(chromedp.CSS("#macro-select"), eval[string](mei, `[...document.querySelectorAll("#macro-select option")].find(o => o.textContent === "Greeting (en)" || (o.textContent === "Greeting" && o.parentElement.label.includes("(en)"))).value`)),
		chromedp.Click(chromedp.CSS("#macro-apply")))
	mei.waitFor("the macro's text", `document.getElementById("reply-body").value.length > 20`, 5*time.Second)
	reply := eval[string](mei, `document.getElementById("reply-body").value`)
	if !strings.HasPrefix(reply, "Hi Maria,") || !strings.Contains(reply, fmt.Sprintf("#%d", id)) || !strings.Contains(reply, "Maria") || !strings.Contains(reply, "Mei Supervisor") || strings.Contains(reply, "{{") {
		t.Errorf("macro filled the reply with %q", reply)
	}

	// A second agent opens the ticket: both see each other, and typing.
	priya := newBrowser(t, ta.URL)
	priya.open("/login")
	priya.signIn("tier2@demo.groundcrew.local", DemoPassword+"-2026")
	priya.open(ticketPage)
	priya.waitFor("live channel", `document.querySelector("#live-state.on") !== null`, 10*time.Second)
	mei.waitFor("Priya's presence", `document.getElementById("presence").textContent.includes("Priya Tier Two")`, 10*time.Second)
	priya.waitFor("Mei's presence", `document.getElementById("presence").textContent.includes("Mei Supervisor")`, 10*time.Second)
	priya.do("type a reply", chromedp.SendKeys(chromedp.CSS("#reply-body"), "Let me check the chain"))
	mei.waitFor("Priya typing", `document.getElementById("presence").textContent.includes("Priya Tier Two is typing a reply")`, 10*time.Second)
	mei.screenshot("ticket-view")

	// Priya goes back to the inbox; Mei's notice goes. There Priya gets a
	// browser notification when the ticket is assigned to her (the page's
	// Notification is a stand-in that records what it is asked to show).
	if _, err := chromedp.Call(priya.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: notificationStandIn}); err != nil {
		t.Fatal(err)
	}
	priya.open("/")
	mei.waitFor("Priya gone", `document.getElementById("presence").hidden`, 10*time.Second)
	var priyaID int64
	if err := ta.db.QueryRow(t.Context(), `SELECT id FROM agents WHERE email = 'tier2@demo.groundcrew.local'`).Scan(&priyaID); err != nil {
		t.Fatal(err)
	}
	priya.waitFor("the notification stream", `document.documentElement.dataset.notifications === "live"`, 10*time.Second)
	ta.do("PATCH", fmt.Sprintf("/api/v1/tickets/%d", id), "", map[string]any{"assignee_id": priyaID}, nil)
	priya.waitFor("the assignment notification", fmt.Sprintf(`window.notified.some(n => n.startsWith("Assigned to you: #%d | Credited USDT deposit"))`, id), 10*time.Second)

	// "?" opens the shortcuts overlay, Escape closes it.
	mei.do("focus the page", chromedp.Evaluate[chromedp.Void](`document.activeElement.blur()`))
	mei.do("press ?", chromedp.KeyEvent("?"))
	mei.waitFor("the overlay", `document.getElementById("shortcuts").open`, 5*time.Second)
	mei.screenshot("ticket-view-shortcuts")
	mei.do("press Escape", chromedp.KeyEvent(kb.Escape))
	mei.waitFor("the overlay closed", `!document.getElementById("shortcuts").open`, 5*time.Second)
	mei.do("phone width", chromedp.EmulateViewport(390, 844))
	mei.screenshot("ticket-view-390")
	if w := eval[int](mei, `document.documentElement.scrollWidth`); w > 390 {
		t.Errorf("at 390 px the page is %d px wide", w)
	}
	// The side panel's fields fill it; its tick boxes (snooze until the
	// customer replies) stay tick-sized beside their words.
	if m := webtest.Misfits(t, mei.ctx); len(m) > 0 {
		t.Errorf("at 390 px: %v", m)
	}
	mei.checkConsole("ticket view", nil)
	priya.checkConsole("ticket view (second agent)", nil)
}

// notificationStandIn replaces the browser's Notification with one that
// records each title and body in window.notified, permission granted.
const notificationStandIn = `window.notified = [];
window.Notification = class {
  constructor(title, opts) { window.notified.push(title + " | " + (opts && opts.body)); }
  static get permission() { return "granted"; }
  static requestPermission() { return Promise.resolve("granted"); }
};`

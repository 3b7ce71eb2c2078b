package server

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
	"github.com/groundcrew/groundcrew/internal/store"
)

// TestBrowserWidgetCallback: with phone support configured, a signed-in
// customer opens the callback form from the widget's composer, types a
// number, keeps the first window offered, and sees the confirmation in
// their language; the callback is scheduled on the conversation's ticket.
func TestBrowserWidgetCallback(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, true, func(c *Config) { c.PhoneSecret = "browser-phone-secret-0123456789" })
	b := newBrowser(t, ta.URL)
	b.open("/demo/exchange?as=" + sandbox.UserMaria + "&lang=es")
	b.openWidget()
	b.typeInWidget("Prefiero que me llamen por teléfono")
	b.waitInFrame("the message acknowledged", `[...doc.querySelectorAll("li.mine")].some(li => li.dataset.seq)`)
	tk := b.widgetTicket(ta, sandbox.UserMaria)

	b.waitInFrame("the callback button", `!doc.getElementById("callback-open").hidden`)
	b.do("open the callback form", chromedp.Evaluate[chromedp.Void](frameDoc+`.getElementById("callback-open").click()`))
	b.waitInFrame("the windows", `doc.getElementById("callback-window").options.length > 0`)
	b.do("type the number", chromedp.Evaluate[chromedp.Void](frameDoc+`.getElementById("callback-number").value = "+34 912 345 678"`))
	b.do("settle", chromedp.Sleep(300*time.Millisecond))
	b.viewportShot("widget-callback-form")
	b.do("send", chromedp.Evaluate[chromedp.Void](frameDoc+`.getElementById("callback-send").click()`))
	b.waitInFrame("the confirmation", `!doc.getElementById("callback-done").hidden`)
	b.viewportShot("widget-callback-done")
	if got := inFrame[string](b, `doc.getElementById("callback-done").textContent`); !strings.Contains(got, "Listo") || !strings.Contains(got, "+34 ••• ••• 78") {
		t.Errorf("confirmation %q, want it in Spanish with the masked number", got)
	}
	var n int
	if err := ta.db.QueryRow(t.Context(), `SELECT COUNT(*) FROM phone_callbacks WHERE ticket_id = ? AND source = 'widget'`, tk.ID).Scan(&n); err != nil || n != 1 {
		t.Fatalf("callbacks on ticket %d: %d, %v", tk.ID, n, err)
	}
	b.checkConsole("callback", func(e consoleEntry) bool { return strings.Contains(e.text, "/chat/v1/socket") })
}

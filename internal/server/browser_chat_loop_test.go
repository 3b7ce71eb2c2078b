package server

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// TestBrowserChatLoop is the whole loop in two browsers: a customer (Karim, who has no chat yet) on the
// demo exchange writes in the widget; an agent with the ticket open sees
// the next message and the customer typing without a reload, answers with a
// macro, and the reply (with the agent's typing first) shows in the widget.
func TestBrowserChatLoop(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, true)
	maria := newBrowser(t, ta.URL)
	socketNoise := func(e consoleEntry) bool { return strings.Contains(e.text, "/chat/v1/socket") }
	maria.open("/demo/exchange?as=" + sandbox.UserKarim + "&lang=en")
	maria.openWidget()

	// Before her first message she fills in the optional details; a TxID
	// that is none comes back marked, and nothing is stored until it is right.
	maria.waitInFrame("the pre-chat details", `!doc.getElementById("details").hidden && doc.querySelector('#details-fields [name="txid"]')`)
	maria.do("fill in the details", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const doc = %s;
		doc.getElementById("details").open = true;
		doc.querySelector('#details-fields [name="asset"]').value = "usdt";
		doc.querySelector('#details-fields [name="network"]').value = "trc20";
		doc.querySelector('#details-fields [name="txid"]').value = "not-a-txid";
	})()`, frameDoc)))
	maria.typeInWidget("Hello, my deposit is missing")
	maria.waitInFrame("the TxID marked", `doc.querySelector('#details-fields [name="txid"]').getAttribute("aria-invalid") === "true"`)
	maria.waitInFrame("the message back in the composer", `doc.getElementById("input").value === "Hello, my deposit is missing" && !doc.querySelector("li.mine")`)
	if n := storetest.Scalar[int64](t, ta.db, `SELECT COUNT(*) FROM tickets WHERE channel = 'chat' AND customer_id IN (SELECT id FROM customers WHERE external_id = ?)`, sandbox.UserKarim); n != 0 {
		t.Fatalf("%d chat tickets stored from a refused form", n)
	}
	maria.do("clear the TxID", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const doc = %s; doc.querySelector('#details-fields [name="txid"]').value = ""; })()`, frameDoc)))
	maria.typeInWidget("") // Enter sends what the composer holds
	maria.waitInFrame("the first message acknowledged", `[...doc.querySelectorAll("li.mine")].some(li => li.dataset.seq)`)
	maria.waitInFrame("the details put away", `doc.getElementById("details").hidden`)
	tk := maria.widgetTicket(ta, sandbox.UserKarim)
	if tk.CustomFields["asset"] != "USDT" || tk.CustomFields["network"] != "tron" {
		t.Errorf("the conversation's fields are %v, want the details normalised", tk.CustomFields)
	}

	mei := newBrowser(t, ta.URL)
	mei.open("/login")
	mei.signIn("supervisor@demo.groundcrew.local", DemoPassword+"-2026")
	if status := mei.open(fmt.Sprintf("/tickets/%d", tk.ID)); status != 200 {
		t.Fatalf("ticket page: %d", status)
	}
	mei.waitFor("live channel", `document.querySelector("#live-state.on") !== null`, 10*time.Second)
	mei.do("mark the page", chromedp.Evaluate[chromedp.Void](`window.notReloaded = true`))

	// Maria types: the page says so; she sends: the page shows it.
	maria.do("focus the composer", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const doc = %s; doc.getElementById("input").focus(); })()`, frameDoc)))
	maria.do("type", chromedp.KeyEvent("It was 250 USDT"))
	mei.waitFor("the customer typing", `!document.getElementById("customer-typing").hidden`, 10*time.Second)
	maria.do("send", chromedp.KeyEvent("\r"))
	mei.waitFor("the customer's message", `[...document.querySelectorAll("#messages li.from-customer .body")].some(b => b.textContent.includes("It was 250 USDT"))`, 10*time.Second)
	if !eval[bool](mei, `window.notReloaded === true`) {
		t.Error("the ticket page reloaded to show the message")
	}

	// Mei picks the greeting macro and types: the widget shows her typing.
	mei.do("choose the greeting",
		chromedp.SetValue(chromedp.CSS("#macro-select"), fmt.Sprint(storetest.Scalar[int64](t, ta.db, `SELECT id FROM macros WHERE name = 'Greeting' AND language = 'en'`))),
		chromedp.Click(chromedp.CSS("#macro-apply")))
	mei.waitFor("the macro's text", `document.getElementById("reply-body").value.startsWith("Hi Karim,")`, 5*time.Second)
	mei.do("type in the reply", chromedp.SendKeys(chromedp.CSS("#reply-body"), " Checking now."))
	maria.waitInFrame("the agent typing", `!doc.getElementById("typing").hidden`)
	reply := eval[string](mei, `document.getElementById("reply-body").value`)
	mei.do("send the reply", chromedp.Click(chromedp.CSS("#reply-send")))

	maria.waitInFrame("the agent's reply", fmt.Sprintf(`[...doc.querySelectorAll("li.agent .bubble")].some(e => e.textContent === %q)`, reply))
	if name := inFrame[string](maria, `[...doc.querySelectorAll("li.agent .author")].pop().textContent`); name != "Mei Supervisor" {
		t.Errorf("the reply is signed %q, want Mei Supervisor", name)
	}
	maria.checkConsole("chat loop, customer", socketNoise)
	mei.checkConsole("chat loop, agent", nil)
}

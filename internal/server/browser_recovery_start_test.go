package server

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
	"github.com/groundcrew/groundcrew/internal/store"
)

// Issue 12 item 7 from the widget: the toolbar offers "Recover a deposit";
// with no deposit checked yet it runs the deposit check, and after Li
// Wei's wrong-network deposit the bot's offer has a button to the start
// page, which shows her deposit prefilled and leads to the quote.
func TestBrowserRecoveryStartFromWidget(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, true, func(c *Config) { c.Bot = true })
	b := newBrowser(t, ta.URL)

	b.open("/demo/exchange?as=" + sandbox.UserLiWei + "&lang=zh")
	b.openWidget()
	b.waitInFrame("the toolbar's recovery entry", `doc.querySelector('#toolbar button[data-flow="recover_deposit"]')?.textContent === "找回充值"`)
	// No deposit checked yet: the deposit check first, which asks for the TxID.
	b.do("recover a deposit", chromedp.Evaluate[chromedp.Void](frameDoc+`.querySelector('#toolbar button[data-flow="recover_deposit"]').click()`))
	b.waitInFrame("the bot asks for the TxID", `[...doc.querySelectorAll("li.bot .bubble")].some(e => e.textContent.includes("TxID"))`)
	b.typeInWidget(sandbox.TxWrongNetworkEVM + " " + sandbox.LiWeiEthereumAddress())
	b.waitInFrame("the appeal offer's button", `doc.querySelector("li.bot a.recovery-start")?.textContent === "发起找回申诉"`)
	b.do("settle", chromedp.Sleep(300*time.Millisecond))
	b.viewportShot("widget-recovery-offer")

	href, err := url.Parse(inFrame[string](b, `doc.querySelector("li.bot a.recovery-start").href`))
	if err != nil || href.Path != "/deposit-recovery/start" || href.Query().Get("txid") != sandbox.TxWrongNetworkEVM || href.Query().Get("network") != "bsc" {
		t.Fatalf("the button opens %v (%v)", href, err)
	}
	// The new tab is signed in on this server by the exchange, as the deposit check is.
	b.open(href.RequestURI() + "&identity=" + url.QueryEscape(ta.linkToken(sandbox.UserLiWei)))
	if got := b.text("#start-txid"); got != sandbox.TxWrongNetworkEVM {
		t.Fatalf("start page shows TxID %q", got)
	}
	if got := b.text("#start-address"); !strings.EqualFold(got, sandbox.LiWeiEthereumAddress()) {
		t.Errorf("start page shows address %q", got)
	}
	if got := eval[string](b, `document.querySelector("#start-explorer")?.href ?? ""`); got != "https://bscscan.com/tx/"+sandbox.TxWrongNetworkEVM {
		t.Errorf("start page links the transaction to %q", got)
	}
	b.screenshot("recovery-start")
	b.navigate("get the quote", chromedp.Click(chromedp.CSS(`#start-appeal button`)))
	if fee := b.text("#quote-fee"); fee != "10 USDT" {
		t.Errorf("quoted fee %q, want 10 USDT", fee)
	}
	b.checkConsole("recovery start", func(e consoleEntry) bool { return strings.Contains(e.text, "/chat/v1/socket") })
}

package server

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
	"github.com/groundcrew/groundcrew/internal/store"
)

// TestBrowserCheckTransactionTool drives the agent's "Check transaction"
// tool on each demo deposit ticket: the verdict appears, and "Insert into
// reply" puts the explanation into the reply box.
func TestBrowserCheckTransactionTool(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, true)
	b := newBrowser(t, ta.URL)
	b.open("/login")
	b.signIn("admin@groundcrew.local", "test-admin-password")
	for _, sc := range sandbox.Scenarios() {
		var id int64
		if err := ta.db.QueryRow(t.Context(), `SELECT id FROM tickets WHERE subject = ?`, sc.Name).Scan(&id); err != nil {
			t.Fatalf("%s: demo ticket: %v", sc.Name, err)
		}
		b.open(fmt.Sprintf("/tickets/%d", id))
		b.do("check "+sc.Name,
			chromedp.SendKeys(chromedp.CSS(`#check-tx-form input[name="txid"]`), sc.TxID),
			chromedp.SendKeys(chromedp.CSS(`#check-tx-form input[name="address"]`), sc.Address),
			chromedp.Click(chromedp.CSS(`#check-tx-form button[type="submit"]`)),
			chromedp.WaitVisible(chromedp.CSS(`#check-tx-result .verdict`)),
		)
		if got := eval[string](b, `document.querySelector("#check-tx-result .verdict").dataset.verdict`); got != sc.Expect {
			t.Errorf("%s: agent tool verdict %q, want %q", sc.Name, got, sc.Expect)
		}
		if next := b.text("#check-tx-result .next"); next == "" {
			t.Errorf("%s: no next step shown", sc.Name)
		}
		b.do("insert into reply", chromedp.Click(chromedp.CSS(`#check-tx-result button`)))
		explanation := b.text("#check-tx-result .explanation")
		if reply := eval[string](b, `document.getElementById("reply-body").value`); !strings.Contains(reply, explanation) {
			t.Errorf("%s: reply box %q lacks the explanation", sc.Name, reply)
		}
		if sc.Expect == sandbox.ExpectMissingMemo {
			b.screenshot("ticket-check-transaction")
		}
	}
	b.checkConsole("check transaction", nil)
}

// TestBrowserDepositCheckPage: a signed-in customer checks each demo
// deposit on the public page and gets the verdict in their language;
// the page's language switcher names the languages in their own words.
func TestBrowserDepositCheckPage(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, true)
	b := newBrowser(t, ta.URL)
	b.open("/deposit-check")
	if n := eval[int](b, `document.querySelectorAll(".demo tbody tr").length`); n != len(sandbox.Scenarios()) {
		t.Errorf("demo table lists %d customers, want %d", n, len(sandbox.Scenarios()))
	}
	// The language switcher names each language in itself, not by its code.
	if got := eval[[]string](b, `[...document.querySelectorAll("#lang option")].filter(o => ["ar", "th", "ja"].includes(o.value)).map(o => o.textContent)`); strings.Join(got, " ") != "العربية 日本語 ไทย" {
		t.Errorf("the language switcher offers %q for ar, ja and th", got)
	}
	b.screenshot("deposit-check-signed-out")
	for _, sc := range sandbox.Scenarios() {
		tok := ta.linkToken(sc.UserID)
		b.open("/deposit-check?lang=es&identity=" + url.QueryEscape(tok))
		b.wantPath("/deposit-check?lang=es")
		b.navigate("check "+sc.Name,
			chromedp.SendKeys(chromedp.CSS(`input[name="txid"]`), sc.TxID),
			chromedp.SendKeys(chromedp.CSS(`input[name="address"]`), sc.Address),
			chromedp.Click(chromedp.CSS(`.deposit-check form[method="post"] button[type="submit"]`)),
		)
		if got := eval[string](b, `document.querySelector(".verdict").dataset.verdict`); got != sc.Expect {
			t.Errorf("%s: page verdict %q, want %q", sc.Name, got, sc.Expect)
		}
		if lang := eval[string](b, `document.querySelector(".verdict").lang`); lang != "es" {
			t.Errorf("%s: verdict language %q, want es", sc.Name, lang)
		}
		if sc.Expect == sandbox.ExpectWrongNetwork {
			b.screenshot("deposit-check-wrong-network")
		}
	}
	b.checkConsole("deposit check page", nil)
}

// TestBrowserDepositCheckLanguages: the deposit check page and its error
// messages speak the page's language (German, Arabic right to left and
// Japanese here), and a refused TxID is explained in it, on a phone; so
// are the evidence lines under a diagnosis.
func TestBrowserDepositCheckLanguages(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, true)
	b := newBrowser(t, ta.URL)
	b.do("phone size", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2)))
	for _, c := range []struct{ lang, heading, button, refusal, dir, evidence string }{
		{"de", "Meine Einzahlung prüfen", "Prüfen", "Das ist keine Transaktions-ID", "ltr", "Gefunden auf: "},
		{"ar", "فحص إيداعي", "فحص", "هذا ليس معرّف معاملة", "rtl", "وُجدت على: "},
		{"ja", "入金を確認する", "確認", "対応ネットワークの取引IDではありません", "ltr", "検出されたネットワーク: "},
	} {
		b.open("/deposit-check?lang=" + c.lang + "&identity=" + url.QueryEscape(ta.linkToken(sandbox.UserMaria)))
		if h, btn := b.text(".deposit-check h1"), b.text(`.deposit-check form[method="post"] button`); h != c.heading || btn != c.button {
			t.Errorf("%s: heading %q, button %q; want %q, %q", c.lang, h, btn, c.heading, c.button)
		}
		// A pasted log, longer than any network's TxID, is refused.
		b.navigate("a pasted log for a TxID in "+c.lang,
			chromedp.SendKeys(chromedp.CSS(`input[name="txid"]`), strings.Repeat("0xab ", 50)),
			chromedp.Click(chromedp.CSS(`.deposit-check form[method="post"] button[type="submit"]`)),
		)
		if got := b.text(".deposit-check .error"); !strings.HasPrefix(got, c.refusal) {
			t.Errorf("%s: the refusal reads %q, want it to start %q", c.lang, got, c.refusal)
		}
		if dir := eval[string](b, `getComputedStyle(document.body).direction`); dir != c.dir {
			t.Errorf("%s: direction %q, want %s", c.lang, dir, c.dir)
		}
		if w := eval[int](b, `document.documentElement.scrollWidth`); w > 390 {
			t.Errorf("%s: the page is %d px wide on a 390 px phone", c.lang, w)
		}
		b.screenshot("deposit-check-error-" + c.lang)
		b.navigate("a credited deposit's TxID in "+c.lang,
			chromedp.SetValue(chromedp.CSS(`input[name="txid"]`), sandbox.TxCredited),
			chromedp.Click(chromedp.CSS(`.deposit-check form[method="post"] button[type="submit"]`)),
		)
		if got := b.text(".deposit-check .verdict li"); !strings.HasPrefix(got, c.evidence) {
			t.Errorf("%s: the first evidence line reads %q, want it to start %q", c.lang, got, c.evidence)
		}
		b.screenshot("deposit-check-evidence-" + c.lang)
	}
	b.checkConsole("deposit check languages", func(e consoleEntry) bool { return strings.Contains(e.text, "400 (Bad Request)") })
}

package server

import (
	"cmp"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
	"github.com/groundcrew/groundcrew/internal/store"
)

// TestBrowserRecoveryAppeal is issue 12's done-when story: the customer
// who sent USDT on the wrong network checks the deposit, starts an appeal
// from the verdict, accepts the quoted fee; the customer who forgot the XRP
// tag does the same and uploads the sending platform's statement, and an
// admin approves that one alone (below the threshold); an admin gives the first
// approval and a recovery specialist the second (the amount is above the
// threshold); the sandbox credits the deposit; the customer's status page
// says completed with the credited TxID, and a second appeal is refused.
func TestBrowserRecoveryAppeal(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, true)
	ta.newAgent("specialist@example.com", auth.Recovery)
	b := newBrowser(t, ta.URL)

	tok := ta.linkToken(sandbox.UserLiWei)
	b.open("/deposit-check?lang=zh&identity=" + url.QueryEscape(tok))
	b.navigate("check the deposit",
		chromedp.SendKeys(chromedp.CSS(`input[name="txid"]`), sandbox.TxWrongNetworkEVM),
		chromedp.SendKeys(chromedp.CSS(`input[name="address"]`), sandbox.LiWeiEthereumAddress()),
		chromedp.Click(chromedp.CSS(`.deposit-check form[method="post"] button[type="submit"]`)),
	)
	if got := eval[string](b, `document.querySelector(".verdict").dataset.verdict`); got != "wrong_network" {
		t.Fatalf("verdict %q, want wrong_network", got)
	}
	b.navigate("start an appeal", chromedp.Click(chromedp.CSS(`#start-appeal button`)))
	if fee := b.text("#quote-fee"); fee != "10 USDT" {
		t.Errorf("quoted fee %q, want 10 USDT", fee)
	}
	if reason := b.text("#quote .reasons li"); !strings.Contains(reason, "手续费") {
		t.Errorf("quote reason %q is not in Chinese", reason)
	}
	// The page around the reasons speaks Chinese too.
	if h1, button, lang := b.text("h1"), b.text("#accept"), eval[string](b, `document.documentElement.lang`); h1 != "充值找回" || button != "接受手续费并提交申请" || lang != "zh" {
		t.Errorf("quote page: heading %q, button %q, lang %q: want Chinese", h1, button, lang)
	}
	b.screenshot("recovery-quote")
	b.navigate("accept the quote", chromedp.Click(chromedp.CSS(`#accept`)))
	if !strings.HasPrefix(b.path(), "/deposit-recovery/appeals/") || b.text("#appeal-status") != "审核中" {
		t.Fatalf("after accepting: %s, status %q", b.path(), b.text("#appeal-status"))
	}
	if h2 := b.text("#appeal h2"); !strings.HasPrefix(h2, "申请 #") {
		t.Errorf("status page heading %q, want Chinese", h2)
	}
	status := b.path()
	id := strings.TrimPrefix(strings.Split(status, "?")[0], "/deposit-recovery/appeals/")
	if n := ta.count(`SELECT COUNT(*) FROM tickets t JOIN recovery_appeals a ON a.ticket_id = t.id WHERE a.id = ?`, id); n != 1 {
		t.Errorf("appeal has %d tickets, want 1", n)
	}
	b.screenshot("recovery-status-in-review")

	// The missing-tag customer: the quick path, which needs the sending
	// platform's statement, uploaded under the attachment rules.
	b.open("/deposit-check?lang=en&identity=" + url.QueryEscape(ta.linkToken(sandbox.UserJordan)))
	b.navigate("check the XRP deposit",
		chromedp.SendKeys(chromedp.CSS(`input[name="txid"]`), sandbox.TxMissingTag),
		chromedp.Click(chromedp.CSS(`.deposit-check form[method="post"] button[type="submit"]`)),
	)
	b.navigate("start the XRP appeal", chromedp.Click(chromedp.CSS(`#start-appeal button`)))
	b.navigate("accept the XRP quote", chromedp.Click(chromedp.CSS(`#accept`)))
	if need := b.text("#needed"); !strings.Contains(need, "statement") {
		t.Errorf("what is needed: %q", need)
	}
	file := t.TempDir() + "/statement.png"
	writePNG(t, file)
	b.do("choose the statement", chromedp.SetUploadFiles(chromedp.CSS(`#evidence-form input[type=file]`), []string{file}))
	b.navigate("upload the statement", chromedp.Click(chromedp.CSS(`#evidence-form button`)))
	if got := b.text(".notice"); !strings.Contains(got, "attached") || eval[int](b, `document.querySelectorAll("#needed").length`) != 0 {
		t.Errorf("after the upload: notice %q, still asks for the statement: %v", got, eval[int](b, `document.querySelectorAll("#needed").length`))
	}
	jordan := strings.TrimPrefix(strings.Split(b.path(), "?")[0], "/deposit-recovery/appeals/")

	b.checkConsole("recovery: the customers", nil)
	// The team, in a browser of its own (each browser has its own time limit).
	b = newBrowser(t, ta.URL)
	approve := func(who, password string) {
		b.open("/login")
		b.signIn(who, password)
		b.open("/recovery/appeals/" + id)
		b.navigate("approve as "+who, chromedp.Click(chromedp.CSS(`#approve-form button`)))
	}
	b.open("/login")
	b.signIn("admin@groundcrew.local", "test-admin-password")
	b.open("/recovery")
	if n := eval[int](b, `document.querySelectorAll("#appeal-list tr[data-id]").length`); n != 2 {
		t.Errorf("queue lists %d appeals, want 2", n)
	}
	b.screenshot("recovery-queue")
	b.open("/recovery/appeals/" + jordan)
	b.navigate("approve the XRP appeal", chromedp.Click(chromedp.CSS(`#approve-form button`)))
	if got := b.text("#appeal-status"); got != "Completed" {
		t.Errorf("XRP appeal after one approval (below the threshold): %q", got)
	}
	b.open("/admin/recovery")
	if n := eval[int](b, `document.querySelectorAll("#matrix tbody tr").length`); n != 19 {
		t.Errorf("the matrix page lists %d entries, want the 18 networks and SHIB", n)
	}
	b.screenshot("recovery-admin")
	b.navigate("sign out", chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)))
	approve("admin@groundcrew.local", "test-admin-password")
	if got := b.text("#appeal-status"); got != "In review" {
		t.Fatalf("after the first approval the appeal is %q", got)
	}
	if n := eval[int](b, `document.querySelectorAll("#approve-form").length`); n != 0 {
		t.Error("the first approver is offered the second approval")
	}
	b.navigate("sign out", chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)))
	approve("specialist@example.com", agentPassword)
	if got := b.text("#appeal-status"); got != "Completed" {
		t.Fatalf("after the second approval the appeal is %q (%s)", got, eval[string](b, `document.body.innerText`))
	}
	b.screenshot("recovery-appeal-completed")
	b.open("/recovery/stats")
	if s := b.text("#stats-summary"); !strings.Contains(s, "2 completed") {
		t.Errorf("stats summary %q", s)
	}
	b.screenshot("recovery-stats")

	b.checkConsole("recovery: the team", nil)
	// Li Wei again, in a new browser: the exchange's link carries a fresh
	// token (the first signed in once already; another exp makes another).
	b = newBrowser(t, ta.URL)
	b.open("/deposit-check?lang=zh&identity=" + url.QueryEscape(ta.identity.Sign(sandbox.UserLiWei, 4*time.Minute)))
	b.open(status)
	if got, txid := b.text("#appeal-status"), b.text("#result-txid"); got != "已完成" || txid != sandbox.TxWrongNetworkEVM {
		t.Errorf("customer's status page: %q, TxID %q", got, txid)
	}
	b.screenshot("recovery-status-completed")
	// The verdict now says credited and offers no appeal; post the form anyway.
	eval[bool](b, `(() => {
		const f = document.createElement("form"); f.method = "post"; f.action = "/deposit-recovery/quote?lang=en"; f.id = "second-appeal";
		const i = document.createElement("input"); i.name = "txid"; i.value = "`+sandbox.TxWrongNetworkEVM+`"; f.appendChild(i);
		const s = document.createElement("button"); s.type = "submit"; f.appendChild(s);
		document.body.appendChild(f); return true; })()`)
	b.navigate("a second appeal", chromedp.Click(chromedp.CSS(`#second-appeal button`)))
	if code := eval[string](b, `document.querySelector("#quote .reasons li").dataset.code`); code != "already_credited" {
		t.Errorf("second appeal: reason %q, want already_credited", code)
	}
	if n := ta.count(`SELECT COUNT(*) FROM recovery_appeals`); n != 2 {
		t.Errorf("%d appeals after the refused second one", n)
	}
	b.checkConsole("recovery: the customer's status", nil)
}

// TestBrowserRecoveryPagesLanguages: the customer's recovery pages speak
// the page's language, else the browser's, else English; Arabic reads
// right to left, on a phone too.
func TestBrowserRecoveryPagesLanguages(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, true)
	for _, tc := range []struct{ path, accept, heading, signIn string }{
		{"/deposit-recovery/fees?lang=de", "fr", "Veröffentlichte Rückholgebühren", ""},
		{"/deposit-recovery/fees", "pt-BR,pt;q=0.9,en;q=0.5", "Taxas de recuperação publicadas", ""},
		{"/deposit-recovery/fees", "nl-NL", "Published recovery fees", ""},
		{"/deposit-recovery/start?txid=abc&lang=ja", "", "", "まず取引所にログインしてください。"},
	} {
		req, err := http.NewRequest("GET", ta.URL+tc.path, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Accept-Language", tc.accept)
		res, err := customerClient(t).Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if want := cmp.Or(tc.heading, tc.signIn); !strings.Contains(string(body), want) {
			t.Errorf("%s (Accept-Language %q): %d, no %q", tc.path, tc.accept, res.StatusCode, want)
		}
	}

	b := newBrowser(t, ta.URL)
	b.do("phone size", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2)))
	b.open("/deposit-recovery/fees?lang=ar")
	if dir := eval[string](b, `getComputedStyle(document.body).direction`); dir != "rtl" {
		t.Errorf("Arabic fees page direction %q, want rtl", dir)
	}
	if h2, head := b.text(".recovery h2"), b.text("#fee-table thead"); h2 != "رسوم الاسترداد المنشورة" || !strings.Contains(head, "الأصل") {
		t.Errorf("Arabic fees page: heading %q, table head %q", h2, head)
	}
	if w := eval[int](b, `document.documentElement.scrollWidth`); w > 390 {
		t.Errorf("the Arabic fees page is %d px wide on a 390 px phone", w)
	}
	b.screenshot("recovery-fees-ar-phone")
}

package server

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
	"github.com/groundcrew/groundcrew/internal/store"
)

// waitFor polls a JavaScript condition until it holds.
func (b *browser) waitFor(what, expr string, timeout time.Duration) {
	b.t.Helper()
	deadline := time.Now().Add(timeout)
	for !eval[bool](b, expr) {
		if time.Now().After(deadline) {
			b.t.Fatalf("%s: %s did not hold within %s", what, expr, timeout)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func demoTicketID(t *testing.T, ta *testApp, subject string) int64 {
	t.Helper()
	var id int64
	if err := ta.db.QueryRow(t.Context(), `SELECT id FROM tickets WHERE subject = ?`, subject).Scan(&id); err != nil {
		t.Fatalf("demo ticket %q: %v", subject, err)
	}
	return id
}

// conflict accepts the browser's report of a 409: the exchange refusing an
// action is an answer the page shows, not a fault.
func conflict(e consoleEntry) bool {
	return e.kind == "log" && e.source == "network" && strings.Contains(e.text, "status of 409")
}

// TestBrowserCustomerPanel drives the ticket page's customer panel: masked
// data, the level shown live as the customer steps up, the account refused
// below L1, the exchange's locks read-only with their end times, its lock
// refusal passed on at L2, and a reveal with a reason.
func TestBrowserCustomerPanel(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, true)
	b := newBrowser(t, ta.URL)
	b.open("/login")
	if status := b.signIn("supervisor@demo.groundcrew.local", DemoPassword+"-2026"); status != 200 {
		t.Fatalf("sign in: %d", status)
	}

	// A chat ticket came with the exchange's signed identity: L1, and the
	// exchange account shows, its personal data masked.
	b.open(fmt.Sprintf("/tickets/%d", demoTicketID(t, ta, "Credited USDT deposit")))
	if got := b.text("#level-badge"); got != "L1" {
		t.Errorf("chat ticket level %q, want L1", got)
	}
	if got := b.text(`#account [data-pii="account-email"]`); got != "m***@example.com" {
		t.Errorf("account e-mail %q, want it masked", got)
	}
	if got := b.text(`#account .lock[data-kind="withdrawals_locked"] .until`); got != "until lifted" {
		t.Errorf("Maria's withdrawals lock shows %q", got)
	}
	b.checkConsole("chat ticket", nil)

	// An e-mail ticket is L0: the customer is masked and the account refused
	// with the level it needs and how to get it.
	olena := demoTicketID(t, ta, "Withdrawal on hold to a new address")
	b.open(fmt.Sprintf("/tickets/%d", olena))
	if got := b.text("#level-badge"); got != "L0" {
		t.Fatalf("e-mail ticket level %q, want L0", got)
	}
	if got := b.text(`#customer-card [data-pii="name"]`); got != "O*** K***" {
		t.Errorf("customer name %q, want it masked", got)
	}
	refused := b.text("#account-refused")
	for _, want := range []string{"needs customer verification level L1", "the customer is at L0", "step-up"} {
		if !strings.Contains(refused, want) {
			t.Errorf("account refusal %q lacks %q", refused, want)
		}
	}
	if n := eval[int](b, `document.querySelectorAll("#account .lock, #account-actions").length`); n != 0 {
		t.Errorf("L0 page shows %d locks or action buttons", n)
	}
	b.screenshot("ticket-customer-l0")

	// The agent asks for a step-up; the page shows it pending.
	b.do("request step-up", chromedp.Click(chromedp.CSS("#step-up-button")))
	b.waitFor("pending step-up", `!!document.getElementById("step-up-pending")`, 10*time.Second)
	b.checkConsole("request step-up", nil)

	// The customer confirms on the exchange (the sandbox's page); the open
	// ticket page turns L2 by itself, and the account appears.
	ta.customer().stepUp(t, sandbox.UserOlena)
	b.waitFor("level turns L2", `document.getElementById("level-badge")?.textContent === "L2"`, 15*time.Second)
	if until := b.text("#level-until"); !strings.Contains(until, "UTC") || !strings.Contains(until, "min left") {
		t.Errorf("L2 expiry shows %q", until)
	}
	if n := eval[int](b, `document.querySelectorAll("#step-up-pending").length`); n != 0 {
		t.Error("the completed step-up still shows as pending")
	}
	locks := eval[[]string](b, `[...document.querySelectorAll("#account .lock")].map(l => l.dataset.kind + ": " + l.querySelector(".until").textContent.trim())`)
	if len(locks) != 2 || !strings.HasPrefix(locks[0], "withdrawals_locked: until lifted") || !strings.HasPrefix(locks[1], "new_address_withdrawal_hold: until ") {
		t.Errorf("locks shown %q, want the withdrawals lock and the timed new-address hold", locks)
	}
	if got := b.text("#two-factor"); got != "on" {
		t.Errorf("2FA shows %q", got)
	}
	if got := b.text("#kyc-level"); got != "2" {
		t.Errorf("KYC level shows %q", got)
	}

	// Unlocking withdrawals: the exchange refuses while its hold applies,
	// and the page says so in the exchange's words.
	b.do("unlock withdrawals", chromedp.Click(chromedp.CSS(`#account-actions button[data-action="unlock_withdrawals"]`)))
	b.waitFor("action answer", `!!document.querySelector("#action-result .error")`, 10*time.Second)
	answer := b.text("#action-result .error")
	for _, want := range []string{"new_address_withdrawal_hold until", "nothing overrides it"} {
		if !strings.Contains(answer, want) {
			t.Errorf("refusal %q lacks %q", answer, want)
		}
	}
	b.checkConsole("unlock refused", conflict)

	// Reveal with a reason: the data shows unmasked, in place.
	b.do("reveal",
		chromedp.SendKeys(chromedp.CSS(`#reveal-form input[name="reason"]`), "customer asked which e-mail the account uses"),
		chromedp.Click(chromedp.CSS(`#reveal-form button[type="submit"]`)),
	)
	b.waitFor("revealed", `document.querySelector('#customer-card [data-pii="name"]').textContent === "Olena Kovalenko"`, 10*time.Second)
	if got := b.text(`#account [data-pii="account-email"]`); got != "olena.kovalenko@example.com" {
		t.Errorf("revealed account e-mail %q", got)
	}
	if got := b.text("#reveal-result .ok"); !strings.Contains(got, "audit log") {
		t.Errorf("reveal note %q", got)
	}
	b.screenshot("ticket-customer-panel")
	b.checkConsole("reveal", nil)
}

// TestBrowserStepUpPages: the customer's side in the browser, from the
// link support sent to the sandbox exchange's code page and back.
func TestBrowserStepUpPages(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, true)
	maria := demoTicketID(t, ta, "Lost my 2FA phone")
	ta.do("POST", fmt.Sprintf("/api/v1/tickets/%d/step-up", maria), "", nil, nil)
	b := newBrowser(t, ta.URL)

	b.open("/step-up?identity=" + url.QueryEscape(ta.linkToken(sandbox.UserMaria)))
	b.wantPath("/step-up")
	if got := b.text(".pending-list li"); !strings.Contains(got, fmt.Sprintf("ticket #%d", maria)) {
		t.Errorf("pending list %q", got)
	}
	b.screenshot("step-up-customer")
	b.navigate("confirm", chromedp.Click(chromedp.CSS(`form[action="/step-up"] button`)))
	// The request's nonce goes to the exchange, which signs it into its answer.
	if got := b.path(); !strings.HasPrefix(got, "/sandbox/step-up?return_to=%2Fstep-up&nonce=") {
		t.Fatalf("page is %s, want the sandbox exchange with the request's nonce", got)
	}
	code := strings.ReplaceAll(b.text("#demo-code"), " ", "")
	if len(code) != 6 {
		t.Fatalf("demo code %q", code)
	}
	b.screenshot("step-up-sandbox-exchange")
	b.navigate("enter the code",
		chromedp.SendKeys(chromedp.CSS(`input[name="code"]`), code),
		chromedp.Click(chromedp.CSS(`form[action="/sandbox/step-up"] button`)),
	)
	b.wantPath("/step-up?done=1")
	if got := b.text("#step-up-done"); !strings.Contains(got, "verified until") {
		t.Errorf("done message %q", got)
	}
	if got := b.text("#customer-level"); got != "L2" {
		t.Errorf("customer level %q, want L2", got)
	}
	if lv := ta.level(maria); lv.Label != "L2" {
		t.Errorf("ticket level %s after the customer's step-up, want L2", lv.Label)
	}
	b.checkConsole("step-up pages", nil)
}

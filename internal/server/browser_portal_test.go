package server

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// TestBrowserMyRequests: a customer arrives from the exchange with a
// sign-in token, sees their requests, opens one and replies; the reply is
// stored on the ticket. Then the same page in Arabic, on a phone.
func TestBrowserMyRequests(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, false)
	tk, err := ta.tickets.Store.CreateForCustomer(t.Context(), ticket.NewTicket{Subject: "Withdrawal stuck for 3 days",
		Message: "My BTC withdrawal has been pending since Monday.", Channel: "email",
		Customer: ticket.NewCustomer{ExternalID: "u-portal", Email: "portal@example.com"}})
	if err != nil {
		t.Fatal(err)
	}
	countReplies := func() int {
		return ta.count(`SELECT COUNT(*) FROM messages WHERE ticket_id = ? AND author_kind = 'customer'`, tk.ID)
	}
	b := newBrowser(t, ta.URL)
	b.open("/help/en/signin?token=" + url.QueryEscape(ta.linkToken("u-portal")))
	b.wantPath("/help/en/requests")
	if got := b.text(fmt.Sprintf("#r%d", tk.ID)); !strings.Contains(got, "Withdrawal stuck") || !strings.Contains(got, "Received") {
		t.Fatalf("request row %q", got)
	}
	b.screenshot("my-requests-en")
	b.navigate("open the request", chromedp.Click(chromedp.CSS(fmt.Sprintf("#r%d", tk.ID))))
	b.wantPath(fmt.Sprintf("/help/en/requests/%d", tk.ID))
	before := countReplies()
	b.fill(map[string]string{"#body": "Any news? The TxID is not on the chain yet."})
	if st := b.submit("form.reply"); st != 200 {
		t.Fatalf("reply: %d", st)
	}
	if got := b.text(".conversation"); !strings.Contains(got, "Any news? The TxID is not on the chain yet.") {
		t.Errorf("conversation after the reply %q", got)
	}
	if n := countReplies(); n != before+1 {
		t.Errorf("%d customer messages on the ticket, want %d", n, before+1)
	}
	b.screenshot("my-request-en")

	b.do("phone size", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2)))
	b.open(fmt.Sprintf("/help/ar/requests/%d", tk.ID))
	if dir := eval[string](b, `getComputedStyle(document.body).direction`); dir != "rtl" {
		t.Errorf("Arabic page direction %q", dir)
	}
	if w := eval[int](b, `document.documentElement.scrollWidth`); w > 390 {
		t.Errorf("the phone page is %d px wide", w)
	}
	b.screenshot("my-request-ar-phone")
	b.checkConsole("my requests", nil)
}

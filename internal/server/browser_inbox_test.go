package server

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// TestBrowserInboxLiveCounts: an agent's open inbox counts a ticket that
// arrives through the API without a reload, on each engine (the event goes
// through the outbox, the relay and the bus).
func TestBrowserInboxLiveCounts(t *testing.T) {
	t.Parallel()
	for _, engine := range storetest.Engines() {
		t.Run(string(engine), func(t *testing.T) {
			t.Parallel()
			ta := newTestApp(t, engine, true)
			b := newBrowser(t, ta.URL)
			b.open("/login")
			if status := b.signIn("admin@groundcrew.local", "test-admin-password"); status != 200 {
				t.Fatalf("sign in: status %d", status)
			}
			b.do("wait for the live stream", chromedp.WaitVisible(chromedp.CSS(`#inbox[data-live-state="open"]`)))
			all := b.text(`[data-count="all"]`)
			unassigned := b.text(`[data-count="unassigned"]`)
			eval[bool](b, `window.notReloaded = true`)

			ta.do("POST", "/api/v1/tickets", "", newTicketBody("arrives live"), nil)

			want := func(old string) string {
				n, err := strconv.Atoi(old)
				if err != nil {
					t.Fatalf("count %q: %v", old, err)
				}
				return strconv.Itoa(n + 1)
			}
			wantAll, wantUnassigned := want(all), want(unassigned)
			if _, err := chromedp.Run(b.ctx, chromedp.Poll[bool](`document.querySelector('[data-count="all"]').textContent === `+strconv.Quote(wantAll),
				chromedp.WithPollingTimeout(20*time.Second))); err != nil {
				t.Fatalf("the all count never became %s (it shows %s): %v", wantAll, b.text(`[data-count="all"]`), err)
			}
			if got := b.text(`[data-count="unassigned"]`); got != wantUnassigned {
				t.Errorf("unassigned count %s, want %s", got, wantUnassigned)
			}
			if !eval[bool](b, `window.notReloaded === true`) {
				t.Error("the page reloaded")
			}
			if !eval[bool](b, `!document.getElementById('inbox-fresh').hidden`) {
				t.Error("no notice that tickets changed")
			}
			b.screenshot("inbox-live-" + string(engine))
			b.checkConsole("live counts", nil)
		})
	}
}

// TestBrowserInboxPhoneAnd403: the inbox at 390 px wide has no sideways
// scrolling and shows tickets as cards; a Tier 1 agent opening an admin
// page gets the styled 403 page inside the workspace's layout.
func TestBrowserInboxPhoneAnd403(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, "sqlite", true)
	b := newBrowser(t, ta.URL)
	b.do("phone size", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2)))
	b.open("/login")
	if status := b.signIn("tier1@demo.groundcrew.local", DemoPassword+"-2026"); status != 200 {
		t.Fatalf("sign in as tier1: status %d", status)
	}
	b.do("wait for inbox", chromedp.WaitVisible(chromedp.CSS("table.tickets")))
	if w := eval[int](b, `document.documentElement.scrollWidth`); w > 390 {
		t.Errorf("the inbox is %d px wide on a 390 px screen", w)
	}
	if d := eval[string](b, `getComputedStyle(document.querySelector('tr.ticket')).display`); d != "flex" {
		t.Errorf("tickets show as %q at 390 px, want cards (flex)", d)
	}
	labels := eval[string](b, `document.querySelector('tr.ticket').innerText`)
	if strings.Contains(labels, "wallet_deposits") || strings.Contains(labels, "pending_customer") {
		t.Errorf("a ticket shows enum names: %q", labels)
	}
	b.screenshot("inbox-390")
	b.checkConsole("phone inbox", nil)

	// The ticket page fits the phone too.
	b.navigate("open a ticket", chromedp.Click(chromedp.CSS(`tr.ticket td.subject a`)))
	b.do("wait for the ticket", chromedp.WaitVisible(chromedp.CSS("ol.messages")))
	if w := eval[int](b, `document.documentElement.scrollWidth`); w > 390 {
		t.Errorf("the ticket page is %d px wide on a 390 px screen", w)
	}
	b.screenshot("ticket-390")
	b.checkConsole("phone ticket", nil)

	if status := b.open("/admin/encryption"); status != 403 {
		t.Errorf("tier1 on /admin/encryption: %d, want 403", status)
	}
	if h := b.text("#forbidden h1"); h != "Not for your role" {
		t.Errorf("403 page heading %q", h)
	}
	if who := b.text("header .who"); !strings.Contains(who, "Tier 1") {
		t.Errorf("403 page header %q, want the agent and role", who)
	}
	b.screenshot("forbidden-390")
	b.checkConsole("403 page", func(e consoleEntry) bool { return strings.Contains(e.text, "status of 403") })

	// An address nothing serves gets the styled page with the agent's
	// header and a way back, not the router's bare "404 page not found".
	if status := b.open("/no-such-page"); status != 404 {
		t.Errorf("/no-such-page: %d, want 404", status)
	}
	if h := b.text("#forbidden h1"); h != "Page not found" {
		t.Errorf("404 page heading %q", h)
	}
	if who := b.text("header .who"); !strings.Contains(who, "Tier 1") {
		t.Errorf("404 page header %q, want the agent and role", who)
	}
	if w := eval[int](b, `document.documentElement.scrollWidth`); w > 390 {
		t.Errorf("the 404 page is %d px wide on a 390 px screen", w)
	}
	b.screenshot("not-found-390")
	b.checkConsole("404 page", func(e consoleEntry) bool { return strings.Contains(e.text, "status of 404") })
}

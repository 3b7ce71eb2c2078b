package server

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/store"
)

// These tests drive a real Chromium against the server-rendered pages. They
// need /usr/bin/chromium (CI installs it) and skip without it. With
// GROUNDCREW_SCREENSHOTS set to a directory they save full-page PNGs there.

const chromiumPath = "/usr/bin/chromium"

// browserTimeout bounds a whole browser test, browser start included.
const browserTimeout = 90 * time.Second

// consoleEntry is one message the page or the browser logged.
type consoleEntry struct {
	kind, level, source, text, url string
}

func (e consoleEntry) String() string {
	s := fmt.Sprintf("[%s %s", e.kind, e.level)
	if e.source != "" {
		s += " " + e.source
	}
	s += "] " + e.text
	if e.url != "" {
		s += " (" + e.url + ")"
	}
	return s
}

// consoleLog gathers the console output of a tab. The listener runs on
// chromedp's read loop, so it only appends under the lock.
type consoleLog struct {
	mu      sync.Mutex
	entries []consoleEntry
}

func (c *consoleLog) listen(ev any) {
	var e consoleEntry
	switch ev := ev.(type) {
	case *runtime.EventExceptionThrown:
		e = consoleEntry{kind: "exception", level: "error"}
		if d := ev.ExceptionDetails; d != nil {
			e.text, e.url = d.Text, d.URL
			if d.Exception != nil && d.Exception.Description != "" {
				e.text += " " + d.Exception.Description
			}
		}
	case *runtime.EventConsoleAPICalled:
		e = consoleEntry{kind: "console", level: string(ev.Type)}
		var parts []string
		for _, a := range ev.Args {
			switch {
			case a == nil:
			case len(a.Value) > 0:
				parts = append(parts, string(a.Value))
			default:
				parts = append(parts, a.Description)
			}
		}
		e.text = strings.Join(parts, " ")
	case *log.EventEntryAdded:
		if ev.Entry == nil {
			return
		}
		e = consoleEntry{kind: "log", level: string(ev.Entry.Level), source: string(ev.Entry.Source), text: ev.Entry.Text, url: ev.Entry.URL}
	default:
		return
	}
	c.mu.Lock()
	c.entries = append(c.entries, e)
	c.mu.Unlock()
}

// isError tells whether an entry is an error: an uncaught exception, a
// console.error or console.assert, an error-level browser log entry, or any
// Content-Security-Policy refusal whatever its level.
func (e consoleEntry) isError() bool {
	switch {
	case e.kind == "exception":
		return true
	case e.kind == "console" && (e.level == "error" || e.level == "assert"):
		return true
	case e.level == "error":
		return true
	}
	return isCSPViolation(e.text)
}

func isCSPViolation(text string) bool {
	return strings.Contains(text, "Refused to") || strings.Contains(text, "Content Security Policy")
}

// take returns the entries logged since the last take.
func (c *consoleLog) take() []consoleEntry {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.entries
	c.entries = nil
	return out
}

// browser is one headless Chromium with one tab.
type browser struct {
	t       *testing.T
	ctx     context.Context
	base    string
	console *consoleLog
	// allowed reports console errors that a step expects, such as the
	// 401 answer to a wrong password; it is reset by expectErrors.
	allowed func(consoleEntry) bool
}

// newBrowser opens a tab for the test in its own browser context (cookies
// and storage of its own, like a fresh profile) on the package's one
// Chromium, or skips the test when the binary is missing. The tab and its
// context end with the test. Starting Chromium once instead of per test
// saves about a second of a loaded machine for each of the many tests.
func newBrowser(t *testing.T, base string) *browser {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("browser tests need Chromium at %s and CI installs it: %v", chromiumPath, err)
		}
		t.Skipf("browser tests need Chromium at %s (apt-get install chromium; CI installs it): %v", chromiumPath, err)
	}
	root, err := sharedChromium()
	if err != nil {
		t.Fatalf("start %s: %v", chromiumPath, err)
	}
	// The timeout bounds the test's use of the browser: when it ends, the
	// tab closes and every pending action fails instead of hanging.
	tctx, cancelTimeout := context.WithTimeout(root, browserTimeout)
	cons := &consoleLog{}
	ctx, cancelTab := chromedp.NewContext(tctx, chromedp.WithNewBrowserContext(), chromedp.WithListener(cons.listen))
	t.Cleanup(func() {
		cancelTab()
		cancelTimeout()
	})
	if err := chromedp.Do(ctx); err != nil { // open the tab
		t.Fatalf("open a tab in %s: %v", chromiumPath, err)
	}
	return &browser{t: t, ctx: ctx, base: base, console: cons}
}

// TestMain stops the shared Chromium and removes its profile after the
// package's tests.
func TestMain(m *testing.M) {
	code := m.Run()
	stopChromium()
	os.Exit(code)
}

// stopChromium ends the shared Chromium, if one started.
var stopChromium = func() {}

// sharedChromium starts the package's Chromium on first use; TestMain
// stops it.
var sharedChromium = sync.OnceValues(func() (context.Context, error) {
	profile, err := os.MkdirTemp("", "groundcrew-chromium-")
	if err != nil {
		return nil, err
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		// Tests run side by side, each in a tab of this one browser: a tab
		// that is not in front must not have its timers slowed down.
		chromedp.Flag("disable-background-timer-throttling", true),
		chromedp.Flag("disable-backgrounding-occluded-windows", true),
		chromedp.Flag("disable-renderer-backgrounding", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("password-store", "basic"),
		chromedp.Flag("use-mock-keychain", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	// Browser-level messages go to stderr: no one test owns them.
	ctx, cancelBrowser := chromedp.NewContext(actx, chromedp.WithErrorf(func(f string, a ...any) { fmt.Fprintf(os.Stderr, "chromium: "+f+"\n", a...) }))
	stopChromium = func() {
		cancelBrowser()
		cancelAlloc()
		_ = os.RemoveAll(profile)
	}
	if err := chromedp.Do(ctx); err != nil {
		return nil, err
	}
	return ctx, nil
})

// do runs the actions and fails the test on error.
func (b *browser) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

// navigate runs the actions, which must cause a page load, and returns the
// status code of the document.
func (b *browser) navigate(what string, actions ...chromedp.Action[chromedp.Void]) int64 {
	b.t.Helper()
	resp, err := chromedp.RunResponse(b.ctx, actions...)
	if err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
	return resp.Status
}

func (b *browser) open(path string) int64 {
	b.t.Helper()
	return b.navigate("open "+path, chromedp.Navigate(b.base+path))
}

// path is the path and query of the current page.
func (b *browser) path() string {
	b.t.Helper()
	loc, err := chromedp.Run(b.ctx, chromedp.Location())
	if err != nil {
		b.t.Fatalf("location: %v", err)
	}
	u, err := url.Parse(loc)
	if err != nil {
		b.t.Fatalf("location %q: %v", loc, err)
	}
	if u.RawQuery != "" {
		return u.Path + "?" + u.RawQuery
	}
	return u.Path
}

func (b *browser) wantPath(want string) {
	b.t.Helper()
	if got := b.path(); got != want {
		b.t.Fatalf("page is %s, want %s", got, want)
	}
}

func eval[T any](b *browser, expr string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		b.t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// text is the visible text of the first element that matches the CSS
// selector; the element must be there already.
func (b *browser) text(sel string) string {
	b.t.Helper()
	if n := eval[int](b, fmt.Sprintf("document.querySelectorAll(%q).length", sel)); n == 0 {
		b.t.Fatalf("%s: no element on %s", sel, b.path())
	}
	s, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("text of %s: %v", sel, err)
	}
	return strings.TrimSpace(s)
}

// signIn fills in the sign-in form and submits it; it returns the status of
// the page that the browser lands on.
func (b *browser) signIn(email, password string) int64 {
	b.t.Helper()
	b.wantPath("/login")
	return b.navigate("sign in as "+email,
		chromedp.Clear(chromedp.CSS(`input[name="email"]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name="email"]`), email),
		chromedp.SendKeys(chromedp.CSS(`input[name="password"]`), password),
		chromedp.Click(chromedp.CSS(`form[action="/login"] button[type="submit"]`)),
	)
}

// ticketRows is the number of tickets in the inbox table.
func (b *browser) ticketRows() int {
	b.t.Helper()
	return eval[int](b, `document.querySelectorAll("table.tickets tr.ticket[data-id]").length`)
}

// subjects are the ticket subjects in the inbox, without their tags.
func (b *browser) subjects() []string {
	b.t.Helper()
	return eval[[]string](b, `[...document.querySelectorAll("table.tickets tr.ticket td.subject")].map(td => td.firstChild ? td.firstChild.textContent.trim() : "")`)
}

// checkConsole fails the test on every console error since the last check,
// apart from those that allow accepts.
func (b *browser) checkConsole(step string, allow func(consoleEntry) bool) {
	b.t.Helper()
	for _, e := range b.console.take() {
		if !e.isError() {
			b.t.Logf("%s: console: %s", step, e)
			continue
		}
		if allow != nil && allow(e) && !isCSPViolation(e.text) {
			b.t.Logf("%s: expected console error: %s", step, e)
			continue
		}
		if isCSPViolation(e.text) {
			b.t.Errorf("%s: Content-Security-Policy violation: %s", step, e)
		} else {
			b.t.Errorf("%s: console error: %s", step, e)
		}
	}
}

// screenshot saves a full-page PNG to $GROUNDCREW_SCREENSHOTS/name.png.
func (b *browser) screenshot(name string) {
	b.t.Helper()
	dir := os.Getenv("GROUNDCREW_SCREENSHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.t.Fatal(err)
	}
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("screenshot: %s", path)
}

// sessionCookie is the value of the session cookie the browser holds, or "".
func (b *browser) sessionCookie() string {
	b.t.Helper()
	res, err := chromedp.Call(b.ctx, network.GetCookies, network.GetCookiesParams{URLs: []string{b.base + "/"}})
	if err != nil {
		b.t.Fatalf("get cookies: %v", err)
	}
	for _, c := range res.Cookies {
		if c.Name == auth.SessionCookie {
			return c.Value
		}
	}
	return ""
}

// unauthorized accepts the browser's report of the 401 answer to a wrong
// password, which is how the sign-in form is meant to answer.
func unauthorized(e consoleEntry) bool {
	return e.kind == "log" && e.source == "network" && strings.Contains(e.text, "status of 401")
}

func TestBrowserSignInAndInbox(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, true)
	b := newBrowser(t, ta.URL)

	// Signed out, the inbox sends the browser to the sign-in page.
	if status := b.open("/"); status != 200 {
		t.Fatalf("GET / then /login: status %d", status)
	}
	b.wantPath("/login")
	if got := eval[string](b, `document.title`); !strings.Contains(got, "Sign in") {
		t.Errorf("title %q, want it to say Sign in", got)
	}
	b.checkConsole("sign-in page", nil)

	// A wrong password keeps the browser on /login with the error shown and
	// the e-mail kept.
	if status := b.signIn("admin@groundcrew.local", "not-the-password"); status != 401 {
		t.Errorf("wrong password: status %d, want 401", status)
	}
	b.wantPath("/login")
	if msg := b.text("p.error"); msg == "" || !strings.Contains(strings.ToLower(msg), "password") && !strings.Contains(strings.ToLower(msg), "invalid") && !strings.Contains(strings.ToLower(msg), "wrong") {
		t.Errorf("error message %q does not explain the failed sign-in", msg)
	} else {
		t.Logf("wrong password: %q", msg)
	}
	if got := eval[string](b, `document.querySelector('input[name="email"]').value`); got != "admin@groundcrew.local" {
		t.Errorf("e-mail field %q after a failed sign-in, want it kept", got)
	}
	if n := eval[int](b, `document.querySelectorAll("table.tickets").length`); n != 0 {
		t.Errorf("failed sign-in shows %d ticket tables", n)
	}
	b.screenshot("login-error")
	b.checkConsole("wrong password", unauthorized)

	// The right password lands on the inbox with all eight demo tickets.
	b.do("clear password", chromedp.Clear(chromedp.CSS(`input[name="password"]`)))
	if status := b.signIn("admin@groundcrew.local", "test-admin-password"); status != 200 {
		t.Fatalf("sign in: status %d", status)
	}
	b.wantPath("/")
	b.do("wait for inbox", chromedp.WaitVisible(chromedp.CSS("table.tickets")))
	if n := b.ticketRows(); n != 10 {
		t.Errorf("inbox shows %d tickets, want the 10 demo tickets: %q", n, b.subjects())
	}
	subjects := b.subjects()
	for _, want := range []string{"Credited USDT deposit", "Lost my 2FA phone", "Withdrawal on hold to a new address"} {
		if !slices.Contains(subjects, want) {
			t.Errorf("inbox lacks %q: %q", want, subjects)
		}
	}
	if who := b.text("header .who"); !strings.Contains(who, "admin") {
		t.Logf("header shows %q", who)
	}
	if b.sessionCookie() == "" {
		t.Errorf("no %s cookie after signing in", auth.SessionCookie)
	}
	b.screenshot("inbox")
	b.checkConsole("inbox", nil)

	// The "new" status filter: every demo ticket is new, so the rows stay.
	b.navigate("filter new", chromedp.Click(chromedp.CSS(`nav.statuses a[href="/?status=new"]`)))
	b.wantPath("/?status=new")
	if n := b.ticketRows(); n != 10 {
		t.Errorf("status=new shows %d tickets, want 8", n)
	}
	if on := b.text("nav.statuses a.on"); !strings.HasPrefix(on, "New ") {
		t.Errorf("highlighted status %q, want New and its count", on)
	}
	for _, s := range eval[[]string](b, `[...document.querySelectorAll("table.tickets tr.ticket .status")].map(e => e.textContent.trim())`) {
		if s != "New" {
			t.Errorf("status=new shows a ticket with status %q", s)
		}
	}
	// A status no demo ticket has empties the table but keeps the page.
	b.navigate("filter solved", chromedp.Click(chromedp.CSS(`nav.statuses a[href="/?status=solved"]`)))
	if n := b.ticketRows(); n != 0 {
		t.Errorf("status=solved shows %d tickets, want 0", n)
	}
	if got := b.text("p.empty"); got == "" {
		t.Errorf("no empty-inbox message for status=solved")
	}
	b.navigate("filter all", chromedp.Click(chromedp.CSS(`nav.views a[data-view="all"]`)))
	if n := b.ticketRows(); n != 10 {
		t.Errorf("All shows %d tickets, want 8", n)
	}
	b.checkConsole("filters", nil)

	// Sign out returns to /login, and the inbox redirects again.
	session := b.sessionCookie()
	b.navigate("sign out", chromedp.Click(chromedp.CSS(`header form[action="/logout"] button[type="submit"]`)))
	b.wantPath("/login")
	if c := b.sessionCookie(); c != "" {
		t.Errorf("session cookie still set after sign out")
	}
	b.open("/")
	b.wantPath("/login")
	// The old session is dead on the server too, not just forgotten by the
	// browser: put the cookie back and the inbox still redirects.
	if session != "" {
		_, err := chromedp.Call(b.ctx, network.SetCookie, network.SetCookieParams{Name: auth.SessionCookie, Value: session, URL: b.base + "/"})
		if err != nil {
			t.Fatalf("set cookie: %v", err)
		}
		b.open("/")
		b.wantPath("/login")
	}
	b.checkConsole("sign out", nil)
}

func TestBrowserTeamIsolation(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, true)
	b := newBrowser(t, ta.URL)

	b.open("/login")
	if status := b.signIn("tier1@demo.groundcrew.local", DemoPassword+"-2026"); status != 200 {
		t.Fatalf("sign in as tier1: status %d", status)
	}
	b.wantPath("/")
	b.do("wait for inbox", chromedp.WaitVisible(chromedp.CSS("table.tickets")))
	subjects := b.subjects()
	t.Logf("tier1 sees %q", subjects)
	// Tier 1 is in Deposits EN and Withdrawals & KYC: the Account Security
	// tickets are not theirs to see.
	for _, want := range []string{"Credited USDT deposit", "Withdrawal on hold to a new address"} {
		if !slices.Contains(subjects, want) {
			t.Errorf("tier1 inbox lacks %q: %q", want, subjects)
		}
	}
	for _, hidden := range []string{"Lost my 2FA phone", "Account frozen"} {
		if slices.Contains(subjects, hidden) {
			t.Errorf("tier1 inbox shows %q, a ticket of a team they are not in", hidden)
		}
	}
	if body := eval[string](b, `document.body.innerText`); strings.Contains(body, "Lost my 2FA phone") {
		t.Errorf("tier1 page text mentions %q", "Lost my 2FA phone")
	}
	if n := b.ticketRows(); n != 8 {
		t.Errorf("tier1 sees %d tickets, want the 8 of Deposits EN and Withdrawals & KYC", n)
	}
	if who := b.text("header .who"); !strings.Contains(who, "Tomás") {
		t.Errorf("header shows %q, want the agent's name", who)
	}
	b.screenshot("inbox-tier1")
	b.checkConsole("tier1 inbox", nil)
}

func TestBrowserNoConsoleErrors(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, true)
	b := newBrowser(t, ta.URL)

	// The stylesheet must load and apply under the strict CSP: a blocked
	// stylesheet leaves the page unstyled but otherwise working, which only
	// a browser notices.
	styled := func(page string) {
		t.Helper()
		sheets := eval[int](b, `[...document.styleSheets].filter(s => { try { return s.cssRules.length > 0 } catch (e) { return false } }).length`)
		if sheets == 0 {
			t.Errorf("%s: no stylesheet applied", page)
		}
		if bg := eval[string](b, `getComputedStyle(document.body).backgroundColor`); bg != "rgb(245, 247, 250)" {
			t.Errorf("%s: body background %q, want the app.css colour rgb(245, 247, 250)", page, bg)
		}
		if bg := eval[string](b, `getComputedStyle(document.querySelector("header.top")).backgroundColor`); bg != "rgb(16, 24, 38)" {
			t.Errorf("%s: header background %q, want rgb(16, 24, 38)", page, bg)
		}
		// Nothing spills out sideways at a desktop width.
		if w := eval[[]int](b, `[document.documentElement.scrollWidth, document.documentElement.clientWidth]`); w[0] > w[1] {
			t.Errorf("%s: page is %dpx wide in a %dpx window", page, w[0], w[1])
		}
	}

	b.open("/login")
	styled("sign-in page")
	b.checkConsole("sign-in page", nil)

	b.signIn("admin@groundcrew.local", "test-admin-password")
	b.wantPath("/")
	styled("inbox")
	// Give late reports (such as CSP reports of lazily loaded resources) a
	// moment to arrive.
	b.do("settle", chromedp.Sleep(300*time.Millisecond))
	b.checkConsole("inbox", nil)

	// On a phone the wide ticket table scrolls inside its box, and the page
	// itself does not scroll sideways.
	b.do("phone viewport", chromedp.EmulateViewport(390, 844))
	b.open("/")
	styled("inbox on a phone")
	b.screenshot("inbox-phone")
	b.do("desktop viewport", chromedp.ResetViewport())
	b.checkConsole("inbox on a phone", nil)

	// The checker itself must see a violation: an inline style is against
	// style-src 'self', so Chromium refuses it and says so.
	b.do("inject inline style", chromedp.Evaluate[chromedp.Void](`(() => { const s = document.createElement("style"); s.textContent = "body { color: red }"; document.head.appendChild(s); })()`))
	deadline := time.Now().Add(5 * time.Second)
	var seen bool
	for !seen && time.Now().Before(deadline) {
		for _, e := range b.console.take() {
			if isCSPViolation(e.text) && e.isError() {
				seen = true
				t.Logf("injected violation reported: %s", e)
			}
		}
		if !seen {
			time.Sleep(50 * time.Millisecond)
		}
	}
	if !seen {
		t.Errorf("an inline <style> raised no CSP report on the console: the listener would miss real violations")
	}
}

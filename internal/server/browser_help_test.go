package server

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/groundcrew/groundcrew/internal/store"
)

// TestBrowserHelpCenter: the demo's help center in Chromium on a desktop,
// a 390 px phone and in Arabic (right to left): search, an article,
// "was this helpful?", the English fallback; then the admin's article list
// with its missing translations.
func TestBrowserHelpCenter(t *testing.T) {
	t.Parallel()
	ta, b := adminSignedIn(t, store.SQLite)
	_ = ta
	if st := b.open("/help/en/"); st != 200 {
		t.Fatalf("help home: %d", st)
	}
	if got := b.text("main"); !strings.Contains(got, "Withdrawals") || !strings.Contains(got, "My deposit has not arrived") {
		t.Fatalf("home shows %q", got)
	}
	b.screenshot("help-en-home")
	b.fill(map[string]string{`form.search input[name=q]`: "lost authenticator 2FA"})
	if st := b.submit("form.search"); st != 200 {
		t.Fatalf("search: %d", st)
	}
	first := eval[string](b, `document.querySelector('.hit a')?.getAttribute('href') ?? ''`)
	if first != "/help/en/articles/reset-2fa" {
		t.Fatalf("first hit %q", first)
	}
	b.screenshot("help-en-search")
	b.open(first)
	b.navigate("helpful", chromedp.Click(`.feedback button[value=yes]`))
	if got := b.text(".notice"); !strings.Contains(got, "Thank you") {
		t.Errorf("after feedback: %q", got)
	}
	b.screenshot("help-en-article")

	b.open("/help/ar/articles/reset-2fa")
	if dir := eval[string](b, `getComputedStyle(document.body).direction`); dir != "rtl" {
		t.Errorf("Arabic page direction %q", dir)
	}
	if n := eval[int](b, `document.querySelectorAll('link[rel=alternate][hreflang]').length`); n != 18 {
		t.Errorf("%d hreflang links, want 17 and x-default", n)
	}
	b.screenshot("help-ar-article")
	b.do("phone size", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2)))
	b.open("/help/ru/articles/missing-deposit")
	if w := eval[int](b, `document.documentElement.scrollWidth`); w > 390 {
		t.Errorf("the phone page is %d px wide", w)
	}
	if got := b.text("h1"); got != "Мой депозит не пришёл" {
		t.Errorf("Russian title %q", got)
	}
	b.screenshot("help-ru-phone")
	b.open("/help/vi/articles/futures-liquidation")
	if got := b.text(".notice"); !strings.Contains(got, "tiếng Anh") {
		t.Errorf("fallback notice %q", got)
	}

	b.do("phone size", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2)))
	b.open("/help/ar/")
	if w := eval[int](b, `document.documentElement.scrollWidth`); w > 390 {
		t.Errorf("the Arabic phone page is %d px wide", w)
	}
	b.screenshot("help-ar-phone")

	b.do("desktop size", chromedp.EmulateViewport(1280, 900))
	b.open("/admin/kb")
	row := eval[string](b, `[...document.querySelectorAll('#kb-list tr[data-id]')].find(r => r.innerText.includes('futures position'))?.innerText ?? ''`)
	if !strings.Contains(row, "16:") {
		t.Errorf("futures-liquidation row %q, want 16 missing translations", row)
	}
	b.screenshot("admin-kb")
}

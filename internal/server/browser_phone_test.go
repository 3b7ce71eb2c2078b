package server

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/groundcrew/groundcrew/internal/store"
)

// TestBrowserPagesFitAPhone: on a 390 px phone the demo's pages whose
// tables are wider than the screen (the public recovery fees, the
// dashboards, recovery statistics, the agent's training, an admin's
// ticket view with every side panel) keep the page
// within the screen: the tables scroll inside their cards. Recovery
// statistics with no appeals say so in every section instead of showing
// bare headings; the published fees name their cases in words; the
// callback form explains a wrong number in the page's language.
func TestBrowserPagesFitAPhone(t *testing.T) {
	t.Parallel()
	_, b := adminSignedIn(t, store.SQLite)
	b.do("phone size", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2)))
	for _, path := range []string{"/deposit-recovery/fees", "/dashboards", "/recovery/stats", "/training", "/training/matrix", "/tickets/2"} {
		if st := b.open(path); st != 200 {
			t.Errorf("%s: status %d", path, st)
			continue
		}
		if w := eval[int](b, `document.documentElement.scrollWidth`); w > 390 {
			t.Errorf("%s is %d px wide on a 390 px phone", path, w)
		}
		b.screenshot("phone" + strings.ReplaceAll(path, "/", "-"))
	}

	// The published fees name each case as the deposit check names it, in
	// the page's language, never by its code.
	for lang, want := range map[string]string{"en": "Memo or tag missing", "de": "Memo bzw. Tag fehlt"} {
		b.open("/deposit-recovery/fees?lang=" + lang)
		if fees := b.text("#fee-table"); !strings.Contains(fees, want) || strings.Contains(fees, "missing_memo") {
			t.Errorf("fees in %s:\n%s", lang, fees)
		}
	}

	// The callback form on a phone, in Arabic: a wrong number is explained
	// in Arabic, right to left, and what was typed stays.
	b.open("/callback?lang=ar")
	eval[string](b, `document.querySelector("#callback-form input[name=number]").value = "12ab"`)
	b.navigate("send a bad number", chromedp.Click(chromedp.CSS(`#callback-form button[type=submit]`)))
	if got := b.text("#callback .error"); !strings.HasPrefix(got, "أدخل رقم هاتفك مع رمز الدولة") {
		t.Errorf("the Arabic callback form says %q", got)
	}
	if got := eval[string](b, `document.querySelector("#callback-form input[name=number]").value`); got != "12ab" {
		t.Errorf("the form lost the number: %q", got)
	}
	if w := eval[int](b, `document.documentElement.scrollWidth`); w > 390 {
		t.Errorf("the callback form is %d px wide", w)
	}
	b.screenshot("phone-callback-ar-error")

	b.open("/recovery/stats")
	text := b.text("#recovery-stats")
	if n := strings.Count(text, "No appeals in this period."); n != 3 {
		t.Errorf("an empty period says so %d times (by cause, network and asset), want 3:\n%s", n, text)
	}
	if !strings.Contains(text, "No combination came back more than once in this period.") {
		t.Errorf("causes that repeat say nothing when empty:\n%s", text)
	}
}

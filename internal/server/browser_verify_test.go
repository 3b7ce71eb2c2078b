package server

import (
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
	"github.com/groundcrew/groundcrew/internal/guard"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/web/webtest"
)

// TestBrowserVerifyPage: on the public "is it really us?" page a fake
// Telegram account gets "NOT us" with the real one named, and the real
// account gets "Official".
func TestBrowserVerifyPage(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, true)
	b := newBrowser(t, ta.URL)
	b.open("/verify")
	if n := eval[int](b, `document.querySelectorAll(".verify-channels li").length`); n < 5 {
		t.Errorf("the page lists %d official channels", n)
	}
	check := func(value string) {
		t.Helper()
		b.navigate("check "+value,
			chromedp.Clear(chromedp.CSS(`#verify-value`)),
			chromedp.SendKeys(chromedp.CSS(`#verify-value`), value),
			chromedp.Click(chromedp.CSS(`.verify-form button[type="submit"]`)),
		)
	}

	check("@GroundcrewExchangeSuppport")
	if got := eval[string](b, `document.querySelector(".verify-result").dataset.verdict`); got != guard.VerdictLookalike {
		t.Errorf("fake account: verdict %q, want lookalike", got)
	}
	if badge := b.text(".verify-badge"); !strings.Contains(badge, "NOT us") {
		t.Errorf("fake account: badge %q", badge)
	}
	if msg := b.text(".verify-message"); msg != "@GroundcrewExchangeSuppport looks like our @GroundcrewExchangeSupport but is NOT us." {
		t.Errorf("fake account: message %q", msg)
	}
	if report := b.text(".verify-report"); !strings.Contains(report, "security@"+DemoExchangeDomain) {
		t.Errorf("fake account: report advice %q", report)
	}
	if color := eval[string](b, `getComputedStyle(document.querySelector(".verify-badge")).color`); color != "rgb(198, 40, 40)" {
		t.Errorf("the NOT us badge is %s, not red: is the stylesheet applied?", color)
	}
	b.screenshot("verify-fake-telegram")

	check(DemoTelegram)
	if got := eval[string](b, `document.querySelector(".verify-result").dataset.verdict`); got != guard.VerdictOfficial {
		t.Errorf("real account: verdict %q, want official", got)
	}
	if badge := b.text(".verify-badge"); !strings.Contains(badge, "Official") {
		t.Errorf("real account: badge %q", badge)
	}
	if n := eval[int](b, `document.querySelectorAll(".verify-report").length`); n != 0 {
		t.Errorf("real account: %d report boxes", n)
	}
	b.screenshot("verify-real-telegram")

	check("https://xn--grundcrew-12h.example/login")
	if got := eval[string](b, `document.querySelector(".verify-result").dataset.verdict`); got != guard.VerdictLookalike {
		t.Errorf("punycode link: verdict %q, want lookalike", got)
	}
	b.checkConsole("verify page", nil)
}

// TestBrowserAntiPhishingAndAgentCode: the signed-in customer sees their
// anti-phishing phrase on the deposit page, and an agent sees their
// verification code in the header.
func TestBrowserAntiPhishingAndAgentCode(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, true)
	b := newBrowser(t, ta.URL)
	b.open("/deposit-check?lang=pt&identity=" + url.QueryEscape(ta.linkToken(sandbox.UserMaria)))
	if got := b.text("#anti-phishing strong"); got != "lua azul" {
		t.Errorf("anti-phishing phrase %q, want lua azul", got)
	}
	if got := b.text("#anti-phishing"); !strings.HasPrefix(got, "Sua frase antiphishing: lua azul") {
		t.Errorf("anti-phishing banner %q", got)
	}
	b.screenshot("deposit-check-anti-phishing")

	b.open("/login")
	b.signIn("tier2@demo.groundcrew.local", DemoPassword+"-2026")
	var code string
	if err := ta.db.QueryRow(t.Context(), `SELECT verification_code FROM agents WHERE email = ?`, "tier2@demo.groundcrew.local").Scan(&code); err != nil {
		t.Fatal(err)
	}
	if got := b.text("#agent-code"); got != code {
		t.Errorf("header shows code %q, want %q", got, code)
	}
	b.screenshot("inbox-agent-code")
	b.checkConsole("anti-phishing and agent code", nil)
}

// TestBrowserVerifyPageLanguages: the "is it really us?" page speaks the
// customer's language (Arabic right to left, Thai, Russian) on a 390 px phone: its
// words, the verdict about a fake and a genuine account, the advice and
// the kinds of our channels, with the handles intact.
func TestBrowserVerifyPageLanguages(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, true)
	b := newBrowser(t, ta.URL)
	b.do("phone size", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2)))
	for _, c := range []struct{ lang, heading, button, notUs, official, fake, advice, real, kind, dir string }{
		{"ar", "هل نحن حقًا؟", "تحقق", "ليس نحن", "رسمي",
			"ليس نحن: \u2068@GroundcrewExchangeSuppport\u2069 يشبه قناتنا \u2068@GroundcrewExchangeSupport\u2069 لكنه ليس تابعًا لنا.",
			"أبلغنا عنه مع لقطة شاشة، ثم احظره.",
			"نعم، \u2068@GroundcrewExchangeSupport\u2069 تابع لنا: \u2068Official Telegram support account\u2069.", "حساب تيليغرام", "rtl"},
		{"th", "ใช่เราจริงหรือไม่?", "ตรวจสอบ", "ไม่ใช่เรา", "ทางการ",
			"@GroundcrewExchangeSuppport ดูคล้าย @GroundcrewExchangeSupport ของเรา แต่ไม่ใช่เรา",
			"แจ้งเราพร้อมภาพหน้าจอ แล้วบล็อกทันที",
			"@GroundcrewExchangeSupport เป็นของเรา: Official Telegram support account", "บัญชี Telegram", "ltr"},
		{"ru", "Это правда мы?", "Проверить", "Это НЕ мы", "Официально",
			"@GroundcrewExchangeSuppport похож на наш @GroundcrewExchangeSupport, но это НЕ мы.",
			"Сообщите нам об этом, приложив снимок экрана",
			"@GroundcrewExchangeSupport — это мы: Official Telegram support account.", "Аккаунт Telegram", "ltr"},
	} {
		b.open("/verify?lang=" + c.lang)
		if h, btn := b.text(".verify h1"), b.text(`.verify-form button[type="submit"]`); h != c.heading || btn != c.button {
			t.Errorf("%s: heading %q, button %q; want %q, %q", c.lang, h, btn, c.heading, c.button)
		}
		if kinds := b.text(".verify-channels ul"); !strings.Contains(kinds, c.kind) || strings.Contains(kinds, "Telegram account") {
			t.Errorf("%s: the channels' kinds read %q, want %q among them", c.lang, kinds, c.kind)
		}
		check := func(value string) {
			t.Helper()
			b.navigate("check "+value+" in "+c.lang,
				chromedp.Clear(chromedp.CSS(`#verify-value`)),
				chromedp.SendKeys(chromedp.CSS(`#verify-value`), value),
				chromedp.Click(chromedp.CSS(`.verify-form button[type="submit"]`)),
			)
		}
		check("@GroundcrewExchangeSuppport")
		if badge := b.text(".verify-badge"); !strings.Contains(badge, c.notUs) {
			t.Errorf("%s: badge %q, want %q", c.lang, badge, c.notUs)
		}
		if msg := b.text(".verify-message"); msg != c.fake {
			t.Errorf("%s: the fake's verdict %q, want %q", c.lang, msg, c.fake)
		}
		if advice := b.text(".verify-report"); !strings.Contains(advice, c.advice) {
			t.Errorf("%s: advice %q, want %q in it", c.lang, advice, c.advice)
		}
		if h := b.text(".verify h1"); h != c.heading {
			t.Errorf("%s: after the check the heading reads %q: the form lost the language", c.lang, h)
		}
		for _, sel := range []string{"body", ".verify-message", ".verify-report p"} {
			if dir := eval[string](b, `getComputedStyle(document.querySelector(`+"`"+sel+"`"+`)).direction`); dir != c.dir {
				t.Errorf("%s: %s direction %q, want %s", c.lang, sel, dir, c.dir)
			}
		}
		if w := eval[int](b, `document.documentElement.scrollWidth`); w > 390 {
			t.Errorf("%s: the page is %d px wide on a 390 px phone", c.lang, w)
		}
		// Russian's longer button once pushed the row past the card's edge.
		if m := webtest.Misfits(t, b.ctx); len(m) > 0 {
			t.Errorf("%s: at 390 px %v", c.lang, m)
		}
		b.screenshot("verify-" + c.lang)

		check(DemoTelegram)
		if badge := b.text(".verify-badge"); !strings.Contains(badge, c.official) {
			t.Errorf("%s: the genuine account's badge %q, want %q", c.lang, badge, c.official)
		}
		if msg := b.text(".verify-message"); msg != c.real {
			t.Errorf("%s: the genuine account's verdict %q, want %q", c.lang, msg, c.real)
		}
		b.screenshot("verify-real-" + c.lang)
	}
	b.checkConsole("verify page languages", nil)
}

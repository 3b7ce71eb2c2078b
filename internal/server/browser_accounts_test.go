package server

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/pquerna/otp/totp"

	"github.com/groundcrew/groundcrew/internal/auth"
	"github.com/groundcrew/groundcrew/internal/store"
)

// refusedCode accepts the browser's report of a 400 or 401 answer, which is
// how the sign-in and enrolment forms answer a wrong code.
func refusedCode(e consoleEntry) bool {
	return e.kind == "log" && e.source == "network" && (strings.Contains(e.text, "status of 400") || strings.Contains(e.text, "status of 401"))
}

// notACode is a six-digit code that no step around now accepts for secret.
func notACode(t *testing.T, secret string) string {
	var valid []string
	for _, d := range []time.Duration{-time.Minute, -30 * time.Second, 0, 30 * time.Second, time.Minute} {
		c, err := totp.GenerateCode(secret, time.Now().Add(d))
		if err != nil {
			t.Fatal(err)
		}
		valid = append(valid, c)
	}
	for i := 0; ; i++ {
		if c := fmt.Sprintf("%06d", i); !slices.Contains(valid, c) {
			return c
		}
	}
}

// TestBrowserTOTPEnrolmentAtSignIn: with TOTP required of admins, an admin
// without it is walked through enrolment after the password (QR code and
// secret, then the first code), lands in the inbox, and the code cannot be
// used again.
func TestBrowserTOTPEnrolmentAtSignIn(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, false)
	if _, err := ta.auth.SetTOTPPolicy(t.Context(), auth.TOTPPolicy{Roles: []auth.Role{auth.Admin}}); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, ta.URL)
	b.open("/login")
	if status := b.signIn("admin@groundcrew.local", "test-admin-password"); status != 200 {
		t.Fatalf("sign in: status %d", status)
	}
	b.do("wait for the enrolment step", chromedp.WaitVisible(chromedp.CSS("#totp-enrol")))
	if h := b.text("#totp-enrol h1"); h != "Set up two-factor sign-in" {
		t.Errorf("heading %q", h)
	}
	if b.sessionCookie() != "" {
		t.Fatal("a session cookie before enrolment")
	}
	// The QR code is a real image the page may load under its CSP.
	if w := eval[int](b, `document.querySelector("#totp-enrol img.qr").naturalWidth`); w != 200 {
		t.Errorf("QR image natural width %d, want 200", w)
	}
	secret := b.text("#totp-secret")
	if len(secret) < 16 {
		t.Fatalf("secret %q", secret)
	}
	b.screenshot("totp-enrol")
	b.checkConsole("enrolment page", nil)

	enterCode := func(code string) int64 {
		t.Helper()
		return b.navigate("enter "+code,
			chromedp.Clear(chromedp.CSS(`input[name="code"]`)),
			chromedp.SendKeys(chromedp.CSS(`input[name="code"]`), code),
			chromedp.Click(chromedp.CSS(`form[action="/login/totp"] button[type="submit"]`)),
		)
	}
	// A wrong code keeps the step, with the same secret and an error.
	if status := enterCode(notACode(t, secret)); status != 400 {
		t.Errorf("wrong code: status %d, want 400", status)
	}
	if msg := b.text("#totp-enrol p.error"); !strings.Contains(msg, "does not match") {
		t.Errorf("wrong code message %q", msg)
	}
	if again := b.text("#totp-secret"); again != secret {
		t.Errorf("the secret changed after a wrong code: %q, then %q", secret, again)
	}
	b.screenshot("totp-enrol-wrong-code")
	b.checkConsole("wrong code", refusedCode)

	code, err := totp.GenerateCode(secret, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if status := enterCode(code); status != 200 {
		t.Fatalf("first code: status %d", status)
	}
	b.wantPath("/")
	if b.sessionCookie() == "" {
		t.Fatal("no session cookie after enrolment")
	}
	admin, err := ta.auth.Agent(t.Context(), 1)
	if err != nil || !admin.TOTPEnabled {
		t.Fatalf("admin after enrolment: %+v %v", admin, err)
	}
	b.checkConsole("inbox", nil)

	// Signed out, the same code does not sign in again.
	b.navigate("sign out", chromedp.Click(chromedp.CSS(`header form[action="/logout"] button[type="submit"]`)))
	b.wantPath("/login")
	status := b.navigate("sign in with the used code",
		chromedp.SendKeys(chromedp.CSS(`input[name="email"]`), "admin@groundcrew.local"),
		chromedp.SendKeys(chromedp.CSS(`input[name="password"]`), "test-admin-password"),
		chromedp.SendKeys(chromedp.CSS(`input[name="totp"]`), code),
		chromedp.Click(chromedp.CSS(`form[action="/login"] button[type="submit"]`)),
	)
	if status != 401 || b.sessionCookie() != "" {
		t.Errorf("sign-in with a used code: status %d, cookie %q", status, b.sessionCookie())
	}
	b.checkConsole("used code", refusedCode)
}

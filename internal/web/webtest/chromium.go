// Package webtest is the one way package tests drive a real Chromium
// against their pages: start it (or skip, or fail under CI, when it is
// missing), read text, and save screenshots for a person to look at.
package webtest

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// ChromiumPath is Debian's chromium, which .ci/run installs.
const ChromiumPath = "/usr/bin/chromium"

// Chromium starts a headless Chromium with a fresh profile for the test
// and returns its tab; it is stopped when the test ends. Without Chromium
// the test is skipped, or fails when CI is set.
func Chromium(t testing.TB) context.Context {
	t.Helper()
	if _, err := os.Stat(ChromiumPath); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("browser tests need Chromium at %s: %v", ChromiumPath, err)
		}
		t.Skipf("browser tests need Chromium at %s: %v", ChromiumPath, err)
	}
	opts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(ChromiumPath), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.Flag("disable-dev-shm-usage", true), chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(filepath.Join(t.TempDir(), "profile")), chromedp.WindowSize(1280, 900)}
	tctx, cancelT := context.WithTimeout(context.Background(), 90*time.Second)
	actx, cancelA := chromedp.NewExecAllocator(tctx, opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelC(); cancelA(); cancelT() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// Text is the innerText of the first element sel matches, or "(none)".
func Text(t testing.TB, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector(`+"`"+sel+"`"+`) || {innerText: "(none)"}).innerText`))
	if err != nil {
		t.Fatalf("read %s: %v", sel, err)
	}
	return s
}

// Shoot saves a full-page screenshot as name.png when
// GROUNDCREW_SCREENSHOTS names a folder, and does nothing otherwise.
func Shoot(t testing.TB, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("GROUNDCREW_SCREENSHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

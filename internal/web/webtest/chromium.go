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

// misfitsJS lists the visible form controls that stick out of the box
// they sit in (a card, a form, a section), or a checkbox stretched into a
// wide column or squeezed to a dot beside long words: what a person sees
// as a cut-off field or a stray tick box, while the page as a whole may
// still be no wider than the window. A control inside a box that scrolls
// sideways is where it may be.
const misfitsJS = `(() => {
  const out = [];
  for (const el of document.querySelectorAll("input, select, textarea, button, fieldset")) {
    if (el.type === "hidden" || el.offsetParent === null) continue;
    const r = el.getBoundingClientRect();
    const name = el.tagName.toLowerCase() + (el.name ? "[name=" + el.name + "]" : "") + (el.id ? "#" + el.id : "");
    if ((el.type === "checkbox" || el.type === "radio") && (r.width > 32 || r.width < 10)) {
      out.push(name + " is " + Math.round(r.width) + " px wide");
      continue;
    }
    const box = el.parentElement && el.parentElement.closest(".card, form, section, aside, fieldset, details");
    if (!box) continue;
    let scrolls = false; // a wide table scrolls inside its own box
    for (let p = el.parentElement; p && p !== box.parentElement; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === "auto" || o === "scroll") scrolls = true;
    }
    if (scrolls) continue;
    const b = box.getBoundingClientRect();
    if (r.right > b.right + 1 || r.left < b.left - 1) {
      out.push(name + " spans " + Math.round(r.left) + "–" + Math.round(r.right) + " px, outside its box at " + Math.round(b.left) + "–" + Math.round(b.right) + " px");
    }
  }
  return out;
})()`

// Misfits are the form controls of the open page that stick out of their
// box or are stretched checkboxes (see misfitsJS); none on a page that
// fits its window.
func Misfits(t testing.TB, ctx context.Context) []string {
	t.Helper()
	m, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](misfitsJS))
	if err != nil {
		t.Fatalf("look for controls outside their box: %v", err)
	}
	return m
}

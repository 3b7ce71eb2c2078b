package server

import (
	"strings"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
)

// TestBrowserEncryptionPage: an admin watches the re-seal progress after a
// key rotation; the bar moves on its own and ends at 100% and done.
func TestBrowserEncryptionPage(t *testing.T) {
	t.Parallel()
	r := newReopenable(t, store.SQLite, testKeys("a"))
	conversation(t, r.ta, 20) // 60 messages
	b := newBrowser(t, r.ta.URL)
	b.open("/login")
	b.signIn("admin@groundcrew.local", "test-admin-password")
	b.open("/admin/encryption")
	if got := b.text("#enc-key"); got != "a" {
		t.Errorf("active key shown %q, want a", got)
	}
	if got := b.text("#enc-percent"); got != "100%" {
		t.Errorf("before rotation: %s, want 100%%", got)
	}
	b.checkConsole("encryption page", nil)

	// Rotate to b, slowly enough to watch: 2 rows a batch, 150ms apart. The
	// session survives the restart (it is in the database; cookies ignore ports).
	r.cfg.ResealBatch, r.cfg.ResealPause = 2, 150*time.Millisecond
	r.restart(testKeys("b,a"))
	b.base = r.ta.URL
	b.open("/admin/encryption")
	if got := b.text("#enc-key"); got != "b" {
		t.Errorf("active key shown %q, want b", got)
	}
	first := eval[float64](b, `document.getElementById("enc-progress").value`)
	if running := eval[string](b, `document.getElementById("encryption").dataset.running`); running != "true" || first >= 100 {
		t.Fatalf("just after the restart: running %q at %v%%; want it running below 100%%", running, first)
	}
	progress := func() (float64, string) {
		return eval[float64](b, `document.getElementById("enc-progress").value`), eval[string](b, `document.getElementById("encryption").dataset.running`)
	}
	// The page refreshes itself: the bar moves without a reload.
	deadline := time.Now().Add(30 * time.Second)
	shot := false
	for {
		pct, running := progress()
		if !shot && pct > first && pct < 100 {
			t.Logf("progress moved from %v%% to %v%% without a reload", first, pct)
			b.screenshot("admin-encryption-running")
			shot = true
		}
		if running == "false" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("still running after 30s at %v%%", pct)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if !shot {
		t.Errorf("never saw the bar between %v%% and 100%%", first)
	}
	if pct, _ := progress(); pct != 100 {
		t.Errorf("done at %v%%, want 100%%", pct)
	}
	if got := b.text("#enc-percent"); got != "100%" {
		t.Errorf("percent shown %q", got)
	}
	if got := b.text("#enc-state"); !strings.HasPrefix(got, "Done") {
		t.Errorf("state %q, want Done", got)
	}
	if got := b.text("#enc-sealed") + "/" + b.text("#enc-total"); got != "60/60" {
		t.Errorf("sealed/total %s, want 60/60", got)
	}
	if got := b.text("#enc-finished"); !strings.HasSuffix(got, "UTC") {
		t.Errorf("finished %q, want a time", got)
	}
	if hidden := eval[bool](b, `document.getElementById("enc-unreadable").hidden`); !hidden {
		t.Errorf("the unreadable-rows warning shows")
	}
	b.screenshot("admin-encryption-done")
	b.checkConsole("encryption page while re-sealing", nil)
}

package server

import (
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/store"
)

// TestBrowserTicketWhoLineCase: the line above each message on the ticket
// page reads as a sentence ("Bot · 3 minutes ago", "· internal note"),
// its first letter capital and the rest as written, not title case.
func TestBrowserTicketWhoLineCase(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, true)
	b := newBrowser(t, ta.URL)
	b.open("/login")
	b.signIn("supervisor@demo.groundcrew.local", DemoPassword+"-2026")
	if status := b.open("/tickets/1"); status != 200 {
		t.Fatalf("ticket page: %d", status)
	}
	lines := eval[[]string](b, `[...document.querySelectorAll("#messages li .who")].map(e => e.innerText)`)
	if len(lines) == 0 {
		t.Fatal("no messages on the demo's ticket 1")
	}
	for _, l := range lines {
		time := l[strings.LastIndex(l, "·")+1:]
		if strings.Contains(time, "Ago") || strings.Contains(time, "Now") || strings.Contains(l, "Internal Note") {
			t.Errorf("who line %q in title case", l)
		}
		if first := []rune(strings.TrimSpace(l))[0]; strings.ToUpper(string(first)) != string(first) {
			t.Errorf("who line %q starts in lower case", l)
		}
	}
	b.checkConsole("ticket who line", nil)
}

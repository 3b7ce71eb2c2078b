package phone

import (
	"strings"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/guard"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// The widget's callback confirmation is posted to the customer through
// the outbound guard: in every language it passes, and it shows the
// number masked, never whole.
func TestConfirmTextPassesTheGuard(t *testing.T) {
	from := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	cb := Callback{Number: "+442079460123", WindowStart: from, WindowEnd: from.Add(2 * time.Hour)}
	for _, lang := range ticket.Languages {
		text := ConfirmText(lang, cb)
		if strings.Contains(text, "7946") || !strings.Contains(text, "2026-12-06 10:00–12:00 UTC") {
			t.Errorf("%s: %q", lang, text)
		}
		if vs := guard.CheckOutboundConversation(nil, text, nil); len(vs) > 0 {
			t.Errorf("%s confirmation refused: %s", lang, vs[0].Detail)
		}
	}
}

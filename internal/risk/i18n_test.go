package risk

import (
	"strings"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/exchange"
	"github.com/groundcrew/groundcrew/internal/guard"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// TestTexts: every language has every text, Done and Used take their
// argument, and each alert as sent passes the outbound guard (what reaches
// a customer from us never reads like a request for a secret; the link
// is to our own domain, which the server allows).
func TestTexts(t *testing.T) {
	ev := Event{RiskEvent: exchange.RiskEvent{ID: "e1", Kind: exchange.RiskLargeWithdrawal, UserID: "u-1", At: time.Unix(1_800_000_000, 0),
		Asset: "USDT", Amount: "9850", Address: "TJsz6PB5abcdefghijklmnopEdNPg7"}}
	s := &Service{}
	for _, lang := range ticket.Languages {
		tx, ok := allTexts[lang]
		if !ok {
			t.Errorf("no texts in %s", lang)
			continue
		}
		for _, v := range []string{tx.Subject, tx.Intro, tx.IfYou, tx.IfNot, tx.Button, tx.Never, tx.PageTitle, tx.Confirm, tx.Done, tx.Used, tx.Expired, tx.Invalid} {
			if strings.TrimSpace(v) == "" {
				t.Errorf("%s: an empty text", lang)
			}
		}
		if !strings.Contains(tx.Done, "%d") || !strings.Contains(tx.Used, "%s") {
			t.Errorf("%s: Done needs %%d and Used %%s", lang)
		}
		for _, k := range exchange.RiskKinds {
			if tx.Kinds[k] == "" {
				t.Errorf("%s: no text for %s", lang, k)
			}
		}
		body := tx.Subject + "\n\n" + s.alertText(tx, []Event{ev}, false) + "\n\n" + tx.Button + ":\nhttps://support.example/risk/disable?t=1.2.email.abc"
		for _, text := range []string{body, tx.Confirm, tx.Done, tx.Used, tx.Expired, tx.Invalid} {
			if vs := guard.CheckOutboundConversation(nil, text, []string{"support.example"}); len(vs) > 0 {
				t.Errorf("%s: the outbound guard refuses %q: %s", lang, text, vs[0].Detail)
			}
		}
	}
}

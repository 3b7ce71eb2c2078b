package recovery

import (
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket/ticketguard"
)

// TestEvidenceNoteIsRedacted: a customer's evidence note that carries
// their wallet's seed phrase (a real BIP-39 phrase) is stored cut by the
// guard.
func TestEvidenceNoteIsRedacted(t *testing.T) {
	const phrase = "legal winner thank year wave sausage worth useful legal winner thank yellow"
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.svc.Redact = func(s string) string { return ticketguard.New().Detector().ScanText(s).Redacted }
		q := f.quote(sandbox.UserJordan, sandbox.TxMissingTag, "en")
		a, err := f.svc.Accept(customerCtx(sandbox.UserJordan), sandbox.UserJordan, q.ID, q.Fee, 0)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.svc.AddEvidence(customerCtx(sandbox.UserJordan), sandbox.UserJordan, a.ID, 0, "My wallet words: "+phrase); err != nil {
			t.Fatal(err)
		}
		var note string
		if err := db.QueryRow(customerCtx(sandbox.UserJordan), `SELECT note FROM recovery_evidence WHERE appeal_id = ? AND kind = ?`, a.ID, NeedStatement).Scan(&note); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(note, "sausage") || !strings.Contains(note, "removed") {
			t.Errorf("evidence note stored as %q", note)
		}
	})
}

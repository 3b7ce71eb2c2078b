package fraud

import (
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket/ticketguard"
)

// TestDecisionReasonIsRedacted: a flag's and an unflag's reason that
// quote a victim's seed phrase (a real BIP-39 phrase) are stored cut by
// the guard, in the entity's row and in the audit log.
func TestDecisionReasonIsRedacted(t *testing.T) {
	const phrase = "legal winner thank year wave sausage worth useful legal winner thank yellow"
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		e.svc.redact = func(s string) string { return ticketguard.New().Detector().ScanText(s).Redacted }
		e.customerTicket("victim0", "the giveaway at "+scamAddress+" took my coins", "en")
		e.consume()
		id := e.entityID(KindAddress, scamAddress)
		stored := func(what string) {
			t.Helper()
			var reason string
			if err := db.QueryRow(e.ctx, `SELECT reason FROM fraud_entities WHERE id = ?`, id).Scan(&reason); err != nil {
				t.Fatal(err)
			}
			if strings.Contains(reason, "sausage") || !strings.Contains(reason, "removed") {
				t.Errorf("%s reason stored as %q", what, reason)
			}
		}
		if _, err := e.svc.Flag(e.ctx, id, "victim pasted "+phrase+" to the scammer", 7); err != nil {
			t.Fatal(err)
		}
		stored("flag")
		if _, err := e.svc.Unflag(e.ctx, id, "mistake; victim's words were "+phrase, 7); err != nil {
			t.Fatal(err)
		}
		stored("unflag")
		rows, err := db.Query(e.ctx, `SELECT detail FROM audit_log WHERE action LIKE 'fraud.%'`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var detail string
			if err := rows.Scan(&detail); err != nil {
				t.Fatal(err)
			}
			if strings.Contains(detail, "sausage") {
				t.Errorf("audit detail keeps the phrase: %s", detail)
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
	})
}

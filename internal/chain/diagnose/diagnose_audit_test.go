package diagnose_test

import (
	"context"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/chain/diagnose"
	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/web"
)

// TestAuditKeepsOnlyTransactionIDs: the deposit check's TxID field is free
// text, and a hurried customer pastes what their wallet showed, the
// recovery words or the key included. The audit log is append-only and
// chained, so whatever it records stays for good: it keeps a TxID that
// has some network's format, and for anything else only that it had none.
func TestAuditKeepsOnlyTransactionIDs(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		d, _ := newDiagnoser(t)
		log := audit.New(db)
		h := &diagnose.HTTP{Diagnoser: d, Audit: log}
		typed := map[string]string{
			"seed phrase": "view whip eyebrow develop clarify army marriage relief unlock crush remain number",
			"wif":         "5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ",
			"xprv":        "xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi",
		}
		for name, text := range typed {
			res, err := h.Run(ctx, diagnose.Request{TxID: text, UserID: "u-1"})
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if res.Verdict != diagnose.NotFound {
				t.Errorf("%s: verdict %s, want not found", name, res.Verdict)
			}
		}
		if _, err := h.Run(ctx, diagnose.Request{TxID: sandbox.TxCredited, UserID: "u-1"}); err != nil {
			t.Fatal(err)
		}
		entries, _, err := log.List(ctx, audit.Filter{Action: "deposit.diagnosed"}, web.Page{Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != len(typed)+1 {
			t.Fatalf("%d audit entries, want %d", len(entries), len(typed)+1)
		}
		kept := false
		for _, e := range entries {
			all := e.TargetID + string(e.Detail)
			for name, text := range typed {
				for _, piece := range []string{text[:20], text[len(text)-20:]} {
					if strings.Contains(all, piece) {
						t.Errorf("audit keeps the %s: %s %s", name, e.TargetID, e.Detail)
					}
				}
			}
			kept = kept || e.TargetID == sandbox.TxCredited
		}
		if !kept {
			t.Errorf("the real TxID %s is not audited", sandbox.TxCredited)
		}
	})
}

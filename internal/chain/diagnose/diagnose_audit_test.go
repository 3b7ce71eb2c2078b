package diagnose_test

import (
	"context"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/chain"
	"github.com/groundcrew/groundcrew/internal/chain/diagnose"
	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
	"github.com/groundcrew/groundcrew/internal/seal"
	"github.com/groundcrew/groundcrew/internal/search"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/web"
)

// TestAuditKeepsNoTxIDFieldWhole: the deposit check's TxID field is free
// text, and a hurried customer pastes what their wallet showed, the
// recovery words or the key included; a raw hex private key has a TxID's
// shape. The audit log is append-only and chained, so whatever it records
// stays for good: it keeps of a TxID-shaped input its first six and last
// four characters and the ticket search's keyed hash (so an auditor can
// match a TxID they hold), and for anything else only that it was none.
func TestAuditKeepsNoTxIDFieldWhole(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		d, _ := newDiagnoser(t)
		log := audit.New(db)
		reg, err := chain.LoadRegistry("")
		if err != nil {
			t.Fatal(err)
		}
		index := search.New([]seal.Derived{{ID: "k1", Bytes: []byte("blind-index-key-blind-index-key!")}}, reg)
		log.UseChainRefs(index)
		h := &diagnose.HTTP{Diagnoser: d, Audit: log}
		typed := map[string]string{
			"seed phrase": "view whip eyebrow develop clarify army marriage relief unlock crush remain number",
			"wif":         "5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ",
			"xprv":        "xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi",
			"hex key":     "e8f32e723decf4051aefac8e2c93c9c5b214313817cdb01a1494b917c8436b35",
			"0x hex key":  "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318",
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
		digest, normal, ok := index.ChainRef(sandbox.TxCredited)
		if !ok {
			t.Fatalf("%s is no TxID to the index", sandbox.TxCredited)
		}
		want := normal[:6] + "…" + normal[len(normal)-4:] + " hmac:" + digest
		kept := false
		for _, e := range entries {
			all := e.TargetID + string(e.Detail)
			for name, text := range typed {
				for _, piece := range []string{text[:20], text[len(text)-20:], strings.ToLower(strings.TrimPrefix(text, "0x"))[10:30]} {
					if strings.Contains(all, piece) {
						t.Errorf("audit keeps the %s: %s %s", name, e.TargetID, e.Detail)
					}
				}
			}
			if strings.Contains(all, normal) {
				t.Errorf("audit keeps the whole TxID: %s %s", e.TargetID, e.Detail)
			}
			kept = kept || e.TargetID == want
		}
		if !kept {
			t.Errorf("the real TxID %s is not audited as %q", sandbox.TxCredited, want)
		}
	})
}

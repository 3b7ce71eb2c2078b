package server

import (
	"net/url"
	"testing"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/web"
)

// Someone with the database cuts audit records (accesses, say) off a chain
// and moves its head back: the chains alone still verify, a checkpoint kept
// from an earlier verification does not.
func TestAuditCheckpointFindsACutChain(t *testing.T) {
	t.Parallel()
	eachEngine(t, func(t *testing.T, ta *testApp) {
		ctx := t.Context()
		var before audit.Report
		if resp := ta.do("GET", "/api/v1/audit/verify", "", nil, &before); resp.StatusCode != 200 || !before.OK || before.Checkpoint == "" {
			t.Fatalf("verify: %d %+v", resp.StatusCode, before)
		}
		var p web.Problem
		if resp := ta.do("GET", "/api/v1/audit/verify?checkpoint=1.2.zz", "", nil, &p); resp.StatusCode != 400 || p.Field != "checkpoint" {
			t.Fatalf("a malformed checkpoint: %d %+v", resp.StatusCode, p)
		}

		// Cut one chain back to before its end at the checkpoint, with
		// whatever came after it, and point its head at what is left.
		cp, err := audit.ParseCheckpoint(before.Checkpoint)
		if err != nil {
			t.Fatal(err)
		}
		chain, seq := cp[len(cp)-1].Chain, cp[len(cp)-1].Seq
		prevHash := ""
		if seq > 1 {
			if err := ta.db.QueryRow(ctx, `SELECT hash FROM audit_log WHERE chain = ? AND chain_seq = ?`, chain, seq-1).Scan(&prevHash); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := ta.db.Exec(ctx, `DELETE FROM audit_log WHERE chain = ? AND chain_seq >= ?`, chain, seq); err != nil {
			t.Fatal(err)
		}
		if _, err := ta.db.Exec(ctx, `UPDATE audit_chains SET seq = ?, hash = ? WHERE chain = ?`, seq-1, prevHash, chain); err != nil {
			t.Fatal(err)
		}

		var plain, since audit.Report
		ta.do("GET", "/api/v1/audit/verify", "", nil, &plain)
		if !plain.OK {
			t.Fatalf("the cut is not consistent, the test proves nothing: %+v", plain)
		}
		if resp := ta.do("GET", "/api/v1/audit/verify?checkpoint="+url.QueryEscape(before.Checkpoint), "", nil, &since); resp.StatusCode != 200 ||
			since.OK || since.Chain != chain || since.FirstBad != seq {
			t.Fatalf("verify against the checkpoint: %d %+v, want chain %d entry %d found missing", resp.StatusCode, since, chain, seq)
		}
	})
}

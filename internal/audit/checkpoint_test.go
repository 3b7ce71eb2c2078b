package audit

import (
	"context"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// Someone with write access to the database rewrites the chain so that
// Verify alone finds nothing; a checkpoint taken before (and kept
// elsewhere) shows it.
func TestCheckpointFindsConsistentRewrites(t *testing.T) {
	const n = 5
	tests := []struct {
		name   string
		tamper func(t *testing.T, db *store.DB, l *Log)
	}{
		{"cut the newest entry and move the head back", func(t *testing.T, db *store.DB, l *Log) {
			prev := entry(t, l, n-1)
			exec(t, db, `DELETE FROM audit_log WHERE chain = ? AND chain_seq = ?`, testChain, n)
			exec(t, db, `UPDATE audit_chains SET seq = ?, hash = ? WHERE chain = ?`, prev.ChainSeq, prev.Hash, testChain)
		}},
		{"rewrite a middle entry and rehash the rest", func(t *testing.T, db *store.DB, l *Log) {
			prevHash := entry(t, l, 2).Hash
			for s := int64(3); s <= n; s++ {
				e := entry(t, l, s)
				if s == 3 {
					e.Action = "agent.signed_in"
				}
				e.PrevHash = prevHash
				e.Hash = chainHash(e)
				exec(t, db, `UPDATE audit_log SET action = ?, prev_hash = ?, hash = ? WHERE chain = ? AND chain_seq = ?`, e.Action, e.PrevHash, e.Hash, testChain, s)
				prevHash = e.Hash
			}
			exec(t, db, `UPDATE audit_chains SET hash = ? WHERE chain = ?`, prevHash, testChain)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, db *store.DB) {
				ctx := context.Background()
				l := seed(t, db, n)
				rep, err := l.Verify(ctx)
				if err != nil || !rep.OK || rep.Checkpoint == "" {
					t.Fatalf("Verify = %+v, %v", rep, err)
				}
				cp, err := ParseCheckpoint(rep.Checkpoint)
				if err != nil {
					t.Fatalf("the report's own checkpoint: %v", err)
				}
				tt.tamper(t, db, l)
				if rep, err := l.Verify(ctx); err != nil || !rep.OK {
					t.Fatalf("the tampering is not consistent (Verify = %+v, %v); the test proves nothing", rep, err)
				}
				got, err := l.VerifySince(ctx, cp)
				if err != nil {
					t.Fatal(err)
				}
				if got.OK || got.Chain != testChain || got.Problem == "" || got.Checkpoint != "" {
					t.Fatalf("VerifySince = %+v, want a finding in chain %d", got, testChain)
				}
				t.Logf("problem: %s", got.Problem)
			})
		})
	}
}

// Entries written after a checkpoint are no finding, and the new report
// carries the new ends.
func TestCheckpointAllowsNewEntries(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		l := seed(t, db, 3)
		first, err := l.Verify(ctx)
		if err != nil || !first.OK {
			t.Fatalf("Verify = %+v, %v", first, err)
		}
		cp, err := ParseCheckpoint(first.Checkpoint)
		if err != nil {
			t.Fatal(err)
		}
		record(t, WithActor(ctx, agent7), l, "ticket.viewed", "ticket", "9", map[string]int{"i": 9})
		rep, err := l.VerifySince(ctx, cp)
		if err != nil || !rep.OK {
			t.Fatalf("VerifySince after an append = %+v, %v", rep, err)
		}
		if rep.Checkpoint == first.Checkpoint {
			t.Errorf("the checkpoint did not move: %s", rep.Checkpoint)
		}
	})
}

func TestParseCheckpoint(t *testing.T) {
	hash := strings.Repeat("ab", checkpointHashLen/2)
	for _, bad := range []string{"", " ", "1.2", "1.2.3.4", "x.2." + hash, "1.x." + hash, "1.0." + hash, "-1.2." + hash,
		"33.2." + hash, "1.2." + hash[1:], "1.2." + strings.ToUpper(hash), "1.2." + hash + ",1.3." + hash, "1.2.\x00" + hash[1:]} {
		if _, err := ParseCheckpoint(bad); err == nil {
			t.Errorf("ParseCheckpoint(%q) accepted", bad)
		}
	}
	good := "0.4." + hash + ",32.1." + hash
	cp, err := ParseCheckpoint(good)
	if err != nil || len(cp) != 2 || cp[1] != (End{Chain: 32, Seq: 1, Hash: hash}) || cp.String() != good {
		t.Errorf("ParseCheckpoint(%q) = %+v, %v", good, cp, err)
	}
}

func FuzzParseCheckpoint(f *testing.F) {
	f.Add("0.4." + strings.Repeat("0", checkpointHashLen))
	f.Add("1.2.x,3.4.y")
	f.Fuzz(func(t *testing.T, s string) {
		cp, err := ParseCheckpoint(s)
		if err != nil {
			return
		}
		again, err := ParseCheckpoint(cp.String())
		if err != nil || again.String() != cp.String() {
			t.Fatalf("%q parsed to %q, which does not parse back the same (%v)", s, cp.String(), err)
		}
	})
}

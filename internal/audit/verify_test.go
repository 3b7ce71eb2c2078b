package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

func exec(t *testing.T, db *store.DB, query string, args ...any) {
	t.Helper()
	if _, err := db.Exec(context.Background(), query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

// entry returns testChain's entry at chainSeq.
func entry(t *testing.T, l *Log, chainSeq int64) Entry {
	t.Helper()
	rows, err := l.db.Query(context.Background(), `SELECT `+entryColumns+` FROM audit_log WHERE chain = ? AND chain_seq = ?`, testChain, chainSeq)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	if !rows.Next() {
		t.Fatalf("no entry %d in chain %d (%v)", chainSeq, testChain, rows.Err())
	}
	e, err := scanEntry(rows)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func insert(t *testing.T, db *store.DB, e Entry) {
	t.Helper()
	exec(t, db, `INSERT INTO audit_log (`+entryColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.Seq, e.Chain, e.ChainSeq, e.At.UnixMilli(), e.ActorKind, e.ActorID, e.Action, e.TargetKind, e.TargetID, e.IP, string(e.Detail), e.PrevHash, e.Hash)
}

// forge is what someone with database access but without the head would
// append: a well-formed, correctly linked and hashed entry after last.
func forge(last Entry) Entry {
	e := last
	e.Seq, e.ChainSeq, e.PrevHash = last.Seq+1000, last.ChainSeq+1, last.Hash
	e.Action, e.Detail = "customer.pii_revealed", json.RawMessage(`{"field":"phone"}`)
	e.Hash = chainHash(e)
	return e
}

// swap exchanges column col of testChain's entries a and b.
func swap(t *testing.T, db *store.DB, col string, a, b int64) {
	t.Helper()
	where := ` WHERE chain = ` + fmt.Sprint(testChain) + ` AND chain_seq = ?`
	if col == "chain_seq" {
		exec(t, db, `UPDATE audit_log SET chain_seq = -1`+where, a)
		exec(t, db, `UPDATE audit_log SET chain_seq = ?`+where, a, b)
		exec(t, db, `UPDATE audit_log SET chain_seq = ? WHERE chain = ? AND chain_seq = -1`, b, testChain)
		return
	}
	// seq is the primary key: park one row on a free value first.
	var sa, sb int64
	if err := db.QueryRow(context.Background(), `SELECT seq FROM audit_log`+where, a).Scan(&sa); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(context.Background(), `SELECT seq FROM audit_log`+where, b).Scan(&sb); err != nil {
		t.Fatal(err)
	}
	exec(t, db, `UPDATE audit_log SET seq = -1 WHERE seq = ?`, sa)
	exec(t, db, `UPDATE audit_log SET seq = ? WHERE seq = ?`, sa, sb)
	exec(t, db, `UPDATE audit_log SET seq = ? WHERE seq = -1`, sb)
}

func TestVerifyFindsTampering(t *testing.T) {
	const n = 5
	tests := []struct {
		name     string
		tamper   func(t *testing.T, db *store.DB, l *Log)
		firstBad int64
		// chain and checked, when not the usual testChain and firstBad-1
		chain   int
		checked int64
	}{
		{"change a middle entry's action", func(t *testing.T, db *store.DB, l *Log) {
			exec(t, db, `UPDATE audit_log SET action = 'ticket.deleted' WHERE chain_seq = 3`)
		}, 3, 0, 0},
		{"change a middle entry's detail", func(t *testing.T, db *store.DB, l *Log) {
			exec(t, db, `UPDATE audit_log SET detail = '{"i":30}' WHERE chain_seq = 3`)
		}, 3, 0, 0},
		{"change a middle entry's time", func(t *testing.T, db *store.DB, l *Log) {
			exec(t, db, `UPDATE audit_log SET at = at - 1 WHERE chain_seq = 3`)
		}, 3, 0, 0},
		{"rewrite a middle entry and its hash", func(t *testing.T, db *store.DB, l *Log) {
			e := entry(t, l, 3)
			e.ActorID = "8"
			exec(t, db, `UPDATE audit_log SET actor_id = ?, hash = ? WHERE chain_seq = 3`, e.ActorID, chainHash(e))
		}, 4, 0, 0},
		{"swap two entries", func(t *testing.T, db *store.DB, l *Log) {
			swap(t, db, "chain_seq", 2, 3)
		}, 2, 0, 0},
		{"swap two entries and rehash both", func(t *testing.T, db *store.DB, l *Log) {
			e2, e3 := entry(t, l, 2), entry(t, l, 3)
			e2.ChainSeq, e3.ChainSeq = 3, 2
			swap(t, db, "chain_seq", 2, 3)
			exec(t, db, `UPDATE audit_log SET hash = ? WHERE chain_seq = 2`, chainHash(e3))
			exec(t, db, `UPDATE audit_log SET hash = ? WHERE chain_seq = 3`, chainHash(e2))
		}, 2, 0, 0},
		{"swap two entries' places in the listing", func(t *testing.T, db *store.DB, l *Log) {
			swap(t, db, "seq", 2, 3)
		}, 3, 0, 0},
		{"move an entry to another chain", func(t *testing.T, db *store.DB, l *Log) {
			exec(t, db, `UPDATE audit_log SET chain = ? WHERE chain_seq = 3`, testChain+1)
		}, 3, 0, 0},
		{"move an entry out of the chains", func(t *testing.T, db *store.DB, l *Log) {
			exec(t, db, `UPDATE audit_log SET chain = ? WHERE chain_seq = 3`, Chains+1)
		}, 3, Chains + 1, 0},
		{"delete a middle entry", func(t *testing.T, db *store.DB, l *Log) {
			exec(t, db, `DELETE FROM audit_log WHERE chain_seq = 3`)
		}, 3, 0, 0},
		{"delete the first entry", func(t *testing.T, db *store.DB, l *Log) {
			exec(t, db, `DELETE FROM audit_log WHERE chain_seq = 1`)
		}, 1, 0, 0},
		{"delete the last entry", func(t *testing.T, db *store.DB, l *Log) {
			exec(t, db, `DELETE FROM audit_log WHERE chain_seq = ?`, n)
		}, n, 0, 0},
		{"delete every entry", func(t *testing.T, db *store.DB, l *Log) {
			exec(t, db, `DELETE FROM audit_log`)
		}, 1, 0, 0},
		{"append a forged entry", func(t *testing.T, db *store.DB, l *Log) {
			insert(t, db, forge(entry(t, l, n)))
		}, n + 1, 0, 0},
		{"append a forged entry with a made-up hash and move the head", func(t *testing.T, db *store.DB, l *Log) {
			e := forge(entry(t, l, n))
			e.Hash = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
			insert(t, db, e)
			exec(t, db, `UPDATE audit_chains SET seq = ?, hash = ? WHERE chain = ?`, e.ChainSeq, e.Hash, testChain)
		}, n + 1, 0, 0},
		{"insert a forged entry before the first", func(t *testing.T, db *store.DB, l *Log) {
			e := entry(t, l, 1)
			e.Seq, e.ChainSeq = 0, 0
			insert(t, db, e)
		}, 1, 0, 0},
		{"change the head's hash", func(t *testing.T, db *store.DB, l *Log) {
			exec(t, db, `UPDATE audit_chains SET hash = 'x' WHERE chain = ?`, testChain)
		}, n, 0, 0},
		{"remove the head", func(t *testing.T, db *store.DB, l *Log) {
			exec(t, db, `DELETE FROM audit_chains WHERE chain = ?`, testChain)
		}, n + 1, 0, 0},
		{"remove an empty chain's head", func(t *testing.T, db *store.DB, l *Log) {
			exec(t, db, `DELETE FROM audit_chains WHERE chain = ?`, testChain+2)
		}, 1, testChain + 2, n},
		{"add a chain", func(t *testing.T, db *store.DB, l *Log) {
			exec(t, db, `INSERT INTO audit_chains (chain, seq, hash) VALUES (?, 0, '')`, Chains+1)
		}, 1, Chains + 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, db *store.DB) {
				l := seed(t, db, n)
				mustVerify(t, l, Report{OK: true, Checked: n})
				tt.tamper(t, db, l)
				rep, err := l.Verify(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				want := Report{Chain: testChain, FirstBad: tt.firstBad, Checked: tt.firstBad - 1}
				if tt.chain != 0 {
					want.Chain, want.Checked = tt.chain, tt.checked
				}
				if rep.OK || rep.Chain != want.Chain || rep.FirstBad != want.FirstBad || rep.Problem == "" || rep.Checked != want.Checked {
					t.Fatalf("Verify = %+v, want not OK, chain %d, first_bad %d, checked %d", rep, want.Chain, want.FirstBad, want.Checked)
				}
				t.Logf("problem: %s", rep.Problem)
			})
		})
	}
}

func TestVerifyEmptyLog(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		mustVerify(t, New(db), Report{OK: true})
	})
}

// With entries spread over many chains, Verify counts them all and names
// the chain it finds tampered.
func TestVerifyManyChains(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		l := New(db)
		ctx := WithActor(context.Background(), agent7)
		const n = 200
		for i := range n {
			record(t, ctx, l, "ticket.viewed", "ticket", fmt.Sprint(i), nil)
		}
		mustVerify(t, l, Report{OK: true, Checked: n})
		var chain int
		var count int64
		if err := db.QueryRow(ctx, `SELECT chain, COUNT(*) FROM audit_log GROUP BY chain ORDER BY COUNT(*) DESC, chain LIMIT 1`).Scan(&chain, &count); err != nil {
			t.Fatal(err)
		}
		if count < 2 {
			t.Fatalf("the fullest chain holds %d entries", count)
		}
		exec(t, db, `UPDATE audit_log SET target_id = 'x' WHERE chain = ? AND chain_seq = 2`, chain)
		rep, err := l.Verify(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if rep.OK || rep.Chain != chain || rep.FirstBad != 2 || rep.Checked >= n {
			t.Fatalf("Verify = %+v, want not OK in chain %d at 2", rep, chain)
		}
	})
}

// A transaction's entries all go to one chain, so a transaction never holds
// one head while waiting for another.
func TestRecordKeepsATransactionOnOneChain(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		l := New(db)
		ctx := WithActor(context.Background(), agent7)
		for range 5 {
			err := db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
				for i := range 3 {
					if err := l.Record(ctx, "ticket.viewed", "ticket", fmt.Sprint(i), nil); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		if db.Dialect == store.Postgres {
			// Three entries of one transaction share one connection's chain.
			got := all(t, l)
			for i := 0; i+2 < len(got); i += 3 {
				if got[i].Chain != got[i+1].Chain || got[i].Chain != got[i+2].Chain {
					t.Fatalf("one transaction wrote to chains %d, %d, %d", got[i].Chain, got[i+1].Chain, got[i+2].Chain)
				}
			}
		}
		mustVerify(t, l, Report{OK: true, Checked: 15})
	})
}

// Verify must not mistake entries appended while it walks for tampering.
func TestVerifyWhileWriting(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		l := seed(t, db, 2*verifyBatch)
		ctx, cancel := context.WithCancel(WithActor(context.Background(), agent7))
		done := make(chan error, 1)
		go func() {
			for ctx.Err() == nil {
				if err := l.Record(ctx, "ticket.viewed", "ticket", "1", nil); err != nil && ctx.Err() == nil {
					done <- err
					return
				}
			}
			done <- nil
		}()
		for range 5 {
			rep, err := l.Verify(context.Background())
			if err != nil || !rep.OK {
				cancel()
				t.Fatalf("Verify during writes = %+v, %v", rep, err)
			}
		}
		cancel()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	})
}

// legacyHashes are the hashes the single-chain format (before migration
// 0009) gave legacyEntry(1..3), computed with that version's code; the
// chain-0 entries the migration keeps must still verify against them.
var legacyHashes = []string{
	"0a46985325a2de6c516ec0351f396613647d1dfdf0c9aae37b9168c5ba09cf43",
	"4bd553c627840812c4d0a8f962bb4eeb998c53abefeddbffc9830ff73d8f6221",
	"8e12de78750edd13c8c361db0fee81e79ff2ece1d5525e0f1beea37eafcf49f2",
}

func legacyEntry(i int64, prev string) Entry {
	return Entry{Seq: i, ChainSeq: i, At: time.UnixMilli(1763900000000 + i*1000).UTC(), ActorKind: "agent", ActorID: "7", Action: "ticket.viewed",
		TargetKind: "ticket", TargetID: fmt.Sprint(i), IP: "203.0.113.9", Detail: json.RawMessage(fmt.Sprintf(`{"i":%d}`, i)), PrevHash: prev}
}

// legacySchema is the audit schema of migration 0001, before 0009.
const legacySchema = `CREATE TABLE audit_log (seq BIGINT PRIMARY KEY, at BIGINT NOT NULL, actor_kind TEXT NOT NULL, actor_id TEXT NOT NULL,
	action TEXT NOT NULL, target_kind TEXT NOT NULL, target_id TEXT NOT NULL, ip TEXT NOT NULL, detail TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL)`

func TestMigrationKeepsOldEntriesVerifiable(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		// Back to the schema before 0009, with a chain the old code wrote.
		exec(t, db, `DROP TABLE audit_log`)
		exec(t, db, `DROP TABLE audit_chains`)
		exec(t, db, legacySchema)
		exec(t, db, `CREATE TABLE audit_head (id INTEGER PRIMARY KEY, seq BIGINT NOT NULL, hash TEXT NOT NULL)`)
		exec(t, db, `DROP INDEX idempotency_keys_created`)
		exec(t, db, `DELETE FROM schema_migrations WHERE version = 9`)
		prev := ""
		for i, want := range legacyHashes {
			e := legacyEntry(int64(i+1), prev)
			if got := chainHash(e); got != want {
				t.Fatalf("legacy entry %d: hash %s, want %s", i+1, got, want)
			}
			exec(t, db, `INSERT INTO audit_log (seq, at, actor_kind, actor_id, action, target_kind, target_id, ip, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				e.Seq, e.At.UnixMilli(), e.ActorKind, e.ActorID, e.Action, e.TargetKind, e.TargetID, e.IP, string(e.Detail), e.PrevHash, want)
			prev = want
		}
		exec(t, db, `INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?)`, len(legacyHashes), prev)

		if n, err := db.Migrate(ctx); err != nil || n != 1 {
			t.Fatalf("Migrate = %d, %v; want 0009 applied", n, err)
		}
		l := pinned(db)
		mustVerify(t, l, Report{OK: true, Checked: 3})
		record(t, WithActor(ctx, agent7), l, "ticket.viewed", "ticket", "4", nil)
		mustVerify(t, l, Report{OK: true, Checked: 4})
		got := all(t, l)
		if len(got) != 4 || got[3].Seq != 1 || got[3].Chain != 0 || got[3].ChainSeq != 1 || got[3].Hash != legacyHashes[0] ||
			got[0].Seq != 4 || got[0].Chain != testChain || got[0].ChainSeq != 1 {
			t.Fatalf("entries after the migration: %+v", got)
		}

		exec(t, db, `UPDATE audit_log SET actor_id = '8' WHERE chain = 0 AND chain_seq = 2`)
		rep, err := l.Verify(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if rep.OK || rep.Chain != 0 || rep.FirstBad != 2 || rep.Checked != 1 {
			t.Fatalf("Verify after editing an old entry = %+v", rep)
		}
	})
}

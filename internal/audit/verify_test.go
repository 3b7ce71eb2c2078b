package audit

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/web"
)

func exec(t *testing.T, db *store.DB, query string, args ...any) {
	t.Helper()
	if _, err := db.Exec(context.Background(), query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

func entry(t *testing.T, l *Log, seq int64) Entry {
	t.Helper()
	got, _, err := l.List(context.Background(), Filter{}, web.Page{Cursor: seq + 1, Limit: 1})
	if err != nil || len(got) != 1 || got[0].Seq != seq {
		t.Fatalf("entry %d: %+v, %v", seq, got, err)
	}
	return got[0]
}

func insert(t *testing.T, db *store.DB, e Entry) {
	t.Helper()
	exec(t, db, `INSERT INTO audit_log (`+entryColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.Seq, e.At.UnixMilli(), e.ActorKind, e.ActorID, e.Action, e.TargetKind, e.TargetID, e.IP, string(e.Detail), e.PrevHash, e.Hash)
}

// forge is what someone with database access but without the head would
// append: a well-formed, correctly linked and hashed entry after last.
func forge(last Entry) Entry {
	e := last
	e.Seq, e.PrevHash = last.Seq+1, last.Hash
	e.Action, e.Detail = "customer.pii_revealed", json.RawMessage(`{"field":"phone"}`)
	e.Hash = chainHash(e)
	return e
}

func TestVerifyFindsTampering(t *testing.T) {
	const n = 5
	tests := []struct {
		name     string
		tamper   func(t *testing.T, db *store.DB, l *Log)
		firstBad int64
	}{
		{"change a middle entry's action", func(t *testing.T, db *store.DB, l *Log) {
			exec(t, db, `UPDATE audit_log SET action = 'ticket.deleted' WHERE seq = 3`)
		}, 3},
		{"change a middle entry's detail", func(t *testing.T, db *store.DB, l *Log) {
			exec(t, db, `UPDATE audit_log SET detail = '{"i":30}' WHERE seq = 3`)
		}, 3},
		{"change a middle entry's time", func(t *testing.T, db *store.DB, l *Log) {
			exec(t, db, `UPDATE audit_log SET at = at - 1 WHERE seq = 3`)
		}, 3},
		{"rewrite a middle entry and its hash", func(t *testing.T, db *store.DB, l *Log) {
			e := entry(t, l, 3)
			e.ActorID = "8"
			exec(t, db, `UPDATE audit_log SET actor_id = ?, hash = ? WHERE seq = 3`, e.ActorID, chainHash(e))
		}, 4},
		{"delete a middle entry", func(t *testing.T, db *store.DB, l *Log) {
			exec(t, db, `DELETE FROM audit_log WHERE seq = 3`)
		}, 3},
		{"delete the first entry", func(t *testing.T, db *store.DB, l *Log) {
			exec(t, db, `DELETE FROM audit_log WHERE seq = 1`)
		}, 1},
		{"delete the last entry", func(t *testing.T, db *store.DB, l *Log) {
			exec(t, db, `DELETE FROM audit_log WHERE seq = ?`, n)
		}, n},
		{"delete every entry", func(t *testing.T, db *store.DB, l *Log) {
			exec(t, db, `DELETE FROM audit_log`)
		}, 1},
		{"append a forged entry", func(t *testing.T, db *store.DB, l *Log) {
			insert(t, db, forge(entry(t, l, n)))
		}, n + 1},
		{"append a forged entry with a made-up hash and move the head", func(t *testing.T, db *store.DB, l *Log) {
			e := forge(entry(t, l, n))
			e.Hash = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
			insert(t, db, e)
			exec(t, db, `UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1`, e.Seq, e.Hash)
		}, n + 1},
		{"insert a forged entry before the first", func(t *testing.T, db *store.DB, l *Log) {
			e := entry(t, l, 1)
			e.Seq = 0
			insert(t, db, e)
		}, 1},
		{"change the head's hash", func(t *testing.T, db *store.DB, l *Log) {
			exec(t, db, `UPDATE audit_head SET hash = 'x' WHERE id = 1`)
		}, n},
		{"remove the head", func(t *testing.T, db *store.DB, l *Log) {
			exec(t, db, `DELETE FROM audit_head`)
		}, n + 1},
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
				if rep.OK || rep.FirstBad != tt.firstBad || rep.Problem == "" || rep.Checked != tt.firstBad-1 {
					t.Fatalf("Verify = %+v, want not OK, first_bad %d, checked %d", rep, tt.firstBad, tt.firstBad-1)
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

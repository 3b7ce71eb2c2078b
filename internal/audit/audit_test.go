package audit

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/web"
)

var agent7 = Actor{Kind: ActorAgent, ID: "7", IP: "203.0.113.9"}

func record(t *testing.T, ctx context.Context, l *Log, action, targetKind, targetID string, detail any) {
	t.Helper()
	if err := l.Record(ctx, action, targetKind, targetID, detail); err != nil {
		t.Fatalf("Record %s: %v", action, err)
	}
}

// testChain is the chain pinned logs write to.
const testChain = 5

// pinned is a log whose entries all go to testChain, so that tests can
// name entries by their place in it.
func pinned(db *store.DB) *Log {
	l := New(db)
	l.pin = testChain
	return l
}

// seed records n entries by agent 7 on tickets 1..n, in testChain.
func seed(t *testing.T, db *store.DB, n int) *Log {
	t.Helper()
	l := pinned(db)
	ctx := WithActor(context.Background(), agent7)
	for i := 1; i <= n; i++ {
		record(t, ctx, l, "ticket.viewed", "ticket", fmt.Sprint(i), map[string]int{"i": i})
	}
	return l
}

func head(t *testing.T, db *store.DB, chain int) (int64, string) {
	t.Helper()
	var seq int64
	var hash string
	if err := db.QueryRow(context.Background(), `SELECT seq, hash FROM audit_chains WHERE chain = ?`, chain).Scan(&seq, &hash); err != nil {
		t.Fatal(err)
	}
	return seq, hash
}

func all(t *testing.T, l *Log) []Entry {
	t.Helper()
	entries, _, err := l.List(context.Background(), Filter{}, web.Page{Limit: MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	return entries
}

func mustVerify(t *testing.T, l *Log, want Report) {
	t.Helper()
	rep, err := l.Verify(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// The checkpoint is a function of every hash; checkpoint_test.go checks it.
	if diff := cmp.Diff(want, rep, cmpopts.IgnoreFields(Report{}, "Checkpoint")); diff != "" {
		t.Fatalf("Verify (-want +got):\n%s", diff)
	}
}

func TestActorFrom(t *testing.T) {
	if got, want := ActorFrom(context.Background()), (Actor{Kind: "system", ID: "system"}); got != want {
		t.Errorf("ActorFrom(empty) = %+v, want %+v", got, want)
	}
	if got := ActorFrom(WithActor(context.Background(), agent7)); got != agent7 {
		t.Errorf("ActorFrom = %+v, want %+v", got, agent7)
	}
}

func TestRecordJoinsTransactionAndChains(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		l := pinned(db)
		ctx := WithActor(context.Background(), agent7)
		start := time.Now().Add(-time.Second)
		record(t, ctx, l, "agent.signed_in", "agent", "7", nil)
		record(t, ctx, l, "customer.pii_revealed", "customer", "42", map[string]any{"field": "email", "ticket": 9})
		record(t, context.Background(), l, "ticket.closed", "ticket", "9", nil)
		seq, hash := head(t, db, testChain)

		boom := errors.New("boom")
		err := db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
			record(t, ctx, l, "ticket.deleted", "ticket", "9", nil)
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("Tx = %v, want boom", err)
		}
		if s, h := head(t, db, testChain); s != seq || h != hash {
			t.Fatalf("head after rollback = %d %s, want %d %s", s, h, seq, hash)
		}
		err = db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
			return l.Record(ctx, "ticket.reopened", "ticket", "9", nil)
		})
		if err != nil {
			t.Fatal(err)
		}

		got := all(t, l)
		actions := make([]string, len(got))
		for i, e := range got {
			actions[i] = e.Action
		}
		want := []string{"ticket.reopened", "ticket.closed", "customer.pii_revealed", "agent.signed_in"}
		if diff := cmp.Diff(want, actions); diff != "" {
			t.Fatalf("actions (-want +got):\n%s", diff)
		}
		pii := got[2]
		if pii.Seq != 2 || pii.Chain != testChain || pii.ChainSeq != 2 || pii.ActorKind != "agent" || pii.ActorID != "7" || pii.IP != agent7.IP ||
			pii.TargetKind != "customer" || pii.TargetID != "42" || string(pii.Detail) != `{"field":"email","ticket":9}` {
			t.Errorf("entry 2 = %+v", pii)
		}
		if pii.At.Before(start) || pii.At.After(time.Now()) {
			t.Errorf("entry 2 at %v, want about now", pii.At)
		}
		if got[1].ActorKind != "system" || string(got[3].Detail) != "{}" {
			t.Errorf("system entry %+v, first entry detail %s", got[1], got[3].Detail)
		}
		if got[3].PrevHash != "" || got[2].PrevHash != got[3].Hash || len(got[3].Hash) != 64 {
			t.Errorf("chain does not link: %+v", got)
		}
		mustVerify(t, l, Report{OK: true, Checked: 4})
	})
}

func TestRecordRefusesBadInput(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		l := New(db)
		ctx := context.Background()
		if err := l.Record(ctx, "x.y", "t", "1", []int{1}); err == nil {
			t.Error("Record with an array detail succeeded")
		}
		if err := l.Record(WithActor(ctx, Actor{Kind: "robot", ID: "1"}), "x.y", "t", "1", nil); err == nil {
			t.Error("Record by an unknown actor kind succeeded")
		}
		// Invalid UTF-8 and NUL are stored (replaced), not refused.
		record(t, WithActor(ctx, Actor{Kind: ActorAPI, ID: "k\xff\x00"}), l, "x.y", "t", "1", nil)
		if got := all(t, l); len(got) != 1 || got[0].ActorID != "k\uFFFD\uFFFD" {
			t.Fatalf("entries = %+v", got)
		}
		mustVerify(t, l, Report{OK: true, Checked: 1})
	})
}

func TestCanonicalDetail(t *testing.T) {
	type change struct {
		Role *string `json:"role,omitempty"`
		Name string  `json:"name"`
	}
	var nilMap map[string]any
	tests := []struct {
		in   any
		want string
	}{
		{nil, `{}`},
		{nilMap, `{}`},
		{map[string]any{"b": 1, "a": []int{2}}, `{"a":[2],"b":1}`},
		{json.RawMessage(`{ "z": 1, "a": {"y": 2, "x": 1} }`), `{"a":{"x":1,"y":2},"z":1}`},
		{change{Name: "Ana <ops>"}, `{"name":"Ana <ops>"}`},
		{map[string]int64{"big": 1<<62 + 1}, `{"big":4611686018427387905}`},
	}
	for _, tt := range tests {
		got, err := canonicalDetail(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("canonicalDetail(%#v) = %s, %v; want %s", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []any{"text", 3, []string{"a"}, func() {}} {
		if got, err := canonicalDetail(bad); err == nil {
			t.Errorf("canonicalDetail(%T) = %s, want an error", bad, got)
		}
	}
}

func TestChainHashSeparatesFields(t *testing.T) {
	base := Entry{Chain: 1, ChainSeq: 1, ActorID: "ab", Action: "c", Detail: json.RawMessage("{}")}
	tests := []struct {
		name   string
		change func(e *Entry)
	}{
		{"a byte moved between fields", func(e *Entry) { e.ActorID, e.Action = "a", "bc" }},
		{"another chain", func(e *Entry) { e.Chain = 2 }},
		{"the closed chain", func(e *Entry) { e.Chain = 0 }},
		{"another place", func(e *Entry) { e.ChainSeq = 2 }},
	}
	for _, tt := range tests {
		e := base
		tt.change(&e)
		if chainHash(e) == chainHash(base) {
			t.Errorf("%s: same hash", tt.name)
		}
	}
	// The global seq is the listing's, not the chain's: Verify checks it
	// grows along a chain instead.
	e := base
	e.Seq = 99
	if chainHash(e) != chainHash(base) {
		t.Error("the global seq changed the hash")
	}
}

func TestConcurrentRecord(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		l := New(db)
		const writers, each = 8, 25
		var wg sync.WaitGroup
		errc := make(chan error, writers*each)
		for w := range writers {
			wg.Go(func() {
				ctx := WithActor(context.Background(), Actor{Kind: ActorAgent, ID: fmt.Sprint(w)})
				for i := range each {
					errc <- l.Record(ctx, "ticket.viewed", "ticket", fmt.Sprint(i), nil)
				}
			})
		}
		wg.Wait()
		close(errc)
		for err := range errc {
			if err != nil {
				t.Fatal(err)
			}
		}
		mustVerify(t, l, Report{OK: true, Checked: writers * each})
		var sum int64
		if err := db.QueryRow(context.Background(), `SELECT SUM(seq) FROM audit_chains`).Scan(&sum); err != nil {
			t.Fatal(err)
		}
		if sum != writers*each {
			t.Fatalf("heads sum to %d, want %d", sum, writers*each)
		}
		var chains int
		if err := db.QueryRow(context.Background(), `SELECT COUNT(DISTINCT chain) FROM audit_log`).Scan(&chains); err != nil {
			t.Fatal(err)
		}
		if chains < 2 {
			t.Fatalf("%d concurrent writers used %d chain(s)", writers, chains)
		}
		for w := range writers {
			got, _, err := l.List(context.Background(), Filter{ActorID: fmt.Sprint(w)}, web.Page{Limit: MaxLimit})
			if err != nil || len(got) != each {
				t.Fatalf("writer %d: %d entries, %v; want %d", w, len(got), err, each)
			}
		}
	})
}

func TestListFiltersAndPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		l := New(db)
		bg := context.Background()
		a1 := WithActor(bg, Actor{Kind: ActorAgent, ID: "1"})
		a2 := WithActor(bg, Actor{Kind: ActorAgent, ID: "2"})
		record(t, a1, l, "ticket.viewed", "ticket", "10", nil)          // 1
		record(t, a1, l, "ticket.viewed", "ticket", "11", nil)          // 2
		record(t, a1, l, "customer.pii_revealed", "customer", "5", nil) // 3
		record(t, a2, l, "ticket.viewed", "ticket", "10", nil)          // 4
		record(t, a2, l, "agent.signed_in", "agent", "2", nil)          // 5
		record(t, bg, l, "ticket.closed", "ticket", "10", nil)          // 6

		tests := []struct {
			name     string
			f        Filter
			page     web.Page
			want     []int64
			wantNext int64
		}{
			{"everything", Filter{}, web.Page{}, []int64{6, 5, 4, 3, 2, 1}, 0},
			{"target", Filter{TargetKind: "ticket", TargetID: "10"}, web.Page{}, []int64{6, 4, 1}, 0},
			{"actor", Filter{ActorKind: "agent", ActorID: "1"}, web.Page{}, []int64{3, 2, 1}, 0},
			{"system", Filter{ActorKind: "system"}, web.Page{}, []int64{6}, 0},
			{"action and actor", Filter{Action: "ticket.viewed", ActorID: "2"}, web.Page{}, []int64{4}, 0},
			{"no match", Filter{Action: "ticket.merged"}, web.Page{}, []int64{}, 0},
			{"first page", Filter{TargetKind: "ticket"}, web.Page{Limit: 2}, []int64{6, 4}, 4},
			{"last page, exactly full", Filter{TargetKind: "ticket"}, web.Page{Cursor: 4, Limit: 2}, []int64{2, 1}, 0},
			{"middle page", Filter{}, web.Page{Cursor: 5, Limit: 2}, []int64{4, 3}, 3},
		}
		for _, tt := range tests {
			got, next, err := l.List(bg, tt.f, tt.page)
			if err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			seqs := make([]int64, len(got))
			for i, e := range got {
				seqs[i] = e.Seq
			}
			if diff := cmp.Diff(tt.want, seqs); diff != "" || next != tt.wantNext {
				t.Errorf("%s: next %d (want %d), seqs (-want +got):\n%s", tt.name, next, tt.wantNext, diff)
			}
		}
		if _, _, err := l.List(bg, Filter{ActorKind: "robot"}, web.Page{}); !errs.Is(err, errs.Invalid) {
			t.Errorf("List by unknown actor kind: %v, want invalid", err)
		}
	})
}

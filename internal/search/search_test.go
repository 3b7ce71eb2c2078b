package search

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/chain"
	"github.com/groundcrew/groundcrew/internal/seal"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// Known-valid values: the Bitcoin genesis coinbase TxID, the BIP 173
// example address and the EIP-55 examples.
const (
	btcTxID    = "4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b"
	bech32     = "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4"
	evmMixed   = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
	evmLowered = "5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"
)

func testIndex(t testing.TB, keys ...seal.Key) *Index {
	t.Helper()
	reg, err := chain.LoadRegistry("")
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) == 0 {
		keys = []seal.Key{{ID: "k1", Bytes: bytes.Repeat([]byte{7}, seal.KeySize)}}
	}
	ring, err := seal.New(keys...)
	if err != nil {
		t.Fatal(err)
	}
	return New(ring.Derive(Purpose), reg)
}

func TestEntities(t *testing.T) {
	x := testIndex(t)
	for _, c := range []struct {
		text string
		want []Entity
	}{
		{"Hi, I sent it (txid " + btcTxID + ") to " + bech32 + ".", []Entity{{KindChain, btcTxID}, {KindChain, strings.ToLower(bech32)}}},
		{"my address: " + evmMixed + ", e-mail <Ana.Lima@Example.COM>.", []Entity{{KindChain, evmLowered}, {KindEmail, "ana.lima@example.com"}}},
		{"0x" + strings.ToUpper(btcTxID), []Entity{{KindChain, btcTxID}}},
		{"the same twice: " + btcTxID + " " + btcTxID, []Entity{{KindChain, btcTxID}}},
		{"no entity: order 123456, user @ana, a@b, 0xdeadbeef", nil},
		{"转账哈希：" + btcTxID + "。谢谢", []Entity{{KindChain, btcTxID}}},
	} {
		if diff := cmp.Diff(c.want, x.Entities(c.text)); diff != "" {
			t.Errorf("Entities(%q) (-want +got):\n%s", c.text, diff)
		}
	}
}

func TestQuery(t *testing.T) {
	x := testIndex(t)
	for q, want := range map[string]Entity{
		" " + strings.ToUpper(evmMixed[2:]) + " ": {},
		"0x" + strings.ToUpper(evmMixed[2:]):      {KindChain, evmLowered},
		strings.ToLower(bech32):                   {KindChain, strings.ToLower(bech32)},
		"ANA.LIMA@example.com":                    {KindEmail, "ana.lima@example.com"},
		"deposit missing":                         {},
		"12345":                                   {},
		"ana@":                                    {},
	} {
		got, ok := x.Query(q)
		if ok != (want != Entity{}) || got != want {
			t.Errorf("Query(%q) = %+v, %v; want %+v", q, got, ok, want)
		}
	}
}

// TestIndexAtIntake: tickets are found by the entities in their customer's
// messages and fields, whatever the spelling searched; the table holds no
// searched value in clear; an agent's text is not indexed; and a search
// still finds rows hashed under a key that is no longer the active one.
func TestIndexAtIntake(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		oldKey := seal.Key{ID: "old", Bytes: bytes.Repeat([]byte{1}, seal.KeySize)}
		newKey := seal.Key{ID: "new", Bytes: bytes.Repeat([]byte{2}, seal.KeySize)}
		ring, err := seal.New(oldKey)
		if err != nil {
			t.Fatal(err)
		}
		x := testIndex(t, oldKey)
		s, err := ticket.NewStore(db, audit.New(db), passThrough{}, ring)
		if err != nil {
			t.Fatal(err)
		}
		s.WithEntities(x)
		a, err := s.CreateForCustomer(ctx, ticket.NewTicket{Subject: "Deposit missing", Message: "TxID " + btcTxID, Channel: "email",
			Customer: ticket.NewCustomer{ExternalID: "u-1", Email: "Ana@Example.com"}, CustomFields: map[string]string{"address": evmMixed}})
		if err != nil {
			t.Fatal(err)
		}
		b, err := s.CreateForCustomer(ctx, ticket.NewTicket{Subject: "Withdrawal", Message: "hello", Channel: "email",
			Customer: ticket.NewCustomer{ExternalID: "u-2"}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.AppendAsCustomer(ctx, ticket.CustomerRef{ID: b.Customer.ID}, b.ID, "sent to "+bech32+" and "+btcTxID); err != nil {
			t.Fatal(err)
		}
		var agent int64
		err = db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
			agent, err = tx.InsertID(ctx, `INSERT INTO agents (email, name, role, active, created_at, updated_at) VALUES ('a@example.com', 'A', 'tier1', 1, ?, ?)`, store.Now(), store.Now())
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddMessage(ctx, ticket.Viewer{AgentID: agent, AllTeams: true}, a.ID, ticket.NewMessage{Body: "agent wrote bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"}); err != nil {
			t.Fatal(err)
		}

		rotated := testIndex(t, newKey, oldKey) // the search after a key rotation
		for q, want := range map[string][]int64{
			"ana@example.com":       {a.ID},
			"0x" + evmLowered:       {a.ID},
			btcTxID:                 {b.ID, a.ID},
			strings.ToLower(bech32): {b.ID},
			"bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq": nil,
		} {
			e, ok := rotated.Query(q)
			if !ok {
				t.Fatalf("Query(%q) found no entity", q)
			}
			got, err := rotated.Tickets(ctx, db, e)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("tickets for %q (-want +got):\n%s", q, diff)
			}
		}
		rows, err := db.Query(ctx, `SELECT digest, key_id FROM ticket_entities`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		n := 0
		for rows.Next() {
			var digest, key string
			if err := rows.Scan(&digest, &key); err != nil {
				t.Fatal(err)
			}
			n++
			if key != "old" || len(digest) != 64 || strings.Contains(digest, "ana") {
				t.Errorf("row %q under %q: want a 64-hex digest under key old", digest, key)
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		if n != 5 { // e-mail, EVM address and TxID of a; bech32 and TxID of b
			t.Errorf("%d index rows, want 5", n)
		}
	})
}

// TestIndexRidesWithTheCommit: the index's rows go with the commit, so on
// PostgreSQL a returning customer's new ticket naming a TxID takes the
// same 3 round trips as one naming none, and a message naming one the
// same 2; an entity named in the subject, the message and a follow-up is
// one row.
func TestIndexRidesWithTheCommit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		ring, err := seal.New(seal.Key{ID: "k1", Bytes: bytes.Repeat([]byte{7}, seal.KeySize)})
		if err != nil {
			t.Fatal(err)
		}
		s, err := ticket.NewStore(db, audit.New(db), passThrough{}, ring)
		if err != nil {
			t.Fatal(err)
		}
		s.WithEntities(testIndex(t))
		who := ticket.NewCustomer{ExternalID: "u-1"}
		if _, err := s.CreateForCustomer(ctx, ticket.NewTicket{Subject: "Hello", Message: "first", Channel: "api", Customer: who}); err != nil {
			t.Fatal(err)
		}
		trips := db.RoundTrips()
		tk, err := s.CreateForCustomer(ctx, ticket.NewTicket{Subject: "Deposit " + btcTxID, Message: "TxID " + btcTxID, Channel: "api", Customer: who})
		if err != nil {
			t.Fatal(err)
		}
		created := db.RoundTrips() - trips
		trips = db.RoundTrips()
		if _, err := s.AppendAsCustomer(ctx, ticket.CustomerRef{ExternalID: who.ExternalID}, tk.ID, "again: "+btcTxID); err != nil {
			t.Fatal(err)
		}
		appended := db.RoundTrips() - trips
		if want := map[store.Dialect][2]int64{store.Postgres: {3, 2}, store.SQLite: {11, 9}}[db.Dialect]; created > want[0] || appended > want[1] {
			t.Errorf("new ticket naming a TxID: %d round trips, a message naming it: %d; want at most %d and %d", created, appended, want[0], want[1])
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM ticket_entities WHERE ticket_id = ?`, tk.ID); n != 1 {
			t.Errorf("%d index rows for the ticket, want 1 (its TxID)", n)
		}
	})
}

// passThrough stands in for the guard, which the server's tests run with
// the index: here the texts are the test's own and hold no secrets.
type passThrough struct{}

func (passThrough) Inbound(state []byte, _ int64, text string) ticket.Screened {
	return ticket.Screened{Text: text, State: state}
}
func (passThrough) Outbound([]string, string) string { return "" }
func (passThrough) Warning(string, []string) string  { return "" }

func FuzzEntities(f *testing.F) {
	x := testIndex(f)
	for _, s := range []string{"txid " + btcTxID, "<a@b.io>", bech32 + "," + evmMixed, "mailto:X@Y.ZZ.", "0x", "@@@", strings.Repeat("1", 200)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		es := x.Entities(text)
		if len(es) > maxEntitiesPerText {
			t.Fatalf("%d entities from one text", len(es))
		}
		for _, e := range es {
			if e.Value == "" || (e.Kind == KindEmail && e.Value != strings.ToLower(e.Value)) {
				t.Fatalf("entity %+v from %q", e, text)
			}
			if e.Kind == KindChain && normaliseChain(e.Value) != e.Value {
				t.Fatalf("entity %+v from %q is not in normal form", e, text)
			}
			// An address found in a text is found again when searched for.
			if q, ok := x.Query(e.Value); e.Kind == KindEmail && (!ok || q != e) {
				t.Fatalf("entity %+v from %q searches as %+v, %v", e, text, q, ok)
			}
		}
	})
}

package ticket

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"slices"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/seal"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// sealTester is an agent who sees everything. Sealing does not care who
// wrote a message, and messages.author_id has no foreign key, so no agents
// row backs id 1.
var sealTester = Viewer{AgentID: 1, AllTeams: true, Notes: true}

func testKeyring(t testing.TB, ids ...string) *seal.Keyring {
	t.Helper()
	var keys []seal.Key
	for _, id := range ids {
		keys = append(keys, seal.Key{ID: id, Bytes: bytes.Repeat([]byte(id[:1]), seal.KeySize)})
	}
	k, err := seal.New(keys...)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// splitScreen redacts "part1" from the customer's earlier message when
// "part2" arrives, the way the guard cuts a seed phrase split across two
// messages: its state remembers part1 until the next customer text, and it
// records the refs it was given.
type splitScreen struct {
	passThrough
	previous []int64
}

func (s *splitScreen) Inbound(state []byte, previous int64, text string) Screened {
	s.previous = append(s.previous, previous)
	switch {
	case text == "part1":
		return Screened{Text: text, State: []byte("part1 pending"), Held: true}
	case text == "part2" && string(state) == "part1 pending":
		cut := Cut{Ref: previous, Start: 0, End: 5, Marker: "[removed 1]", First: "part1", Last: "part1"}
		return Screened{Text: "[removed 2]", Kinds: []string{"seed_phrase"}, Earlier: []Cut{cut}}
	}
	return Screened{Text: text, State: state}
}

// storedBodies are the messages.body values as the database holds them.
func (e env) storedBodies(t *testing.T) map[int64]string {
	t.Helper()
	rows, err := e.db.Query(e.ctx, `SELECT id, body FROM messages ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var body string
		if err := rows.Scan(&id, &body); err != nil {
			t.Fatal(err)
		}
		out[id] = body
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestMessageBodiesSealedAtRest(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(db)
		screen := &splitScreen{}
		e.s.screen, e.s.sealer = screen, testKeyring(t, "a")
		tk := e.create(t)
		texts := []string{ticketIn().Message, "my txid is 0xabc", "part1"}
		for _, body := range texts[1:] {
			if _, err := e.s.AppendAsCustomer(e.ctx, customerOf(tk), tk.ID, body); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := e.s.AddNote(e.ctx, sealTester, tk.ID, NewMessage{Body: "internal: looks like a phisher"}); err != nil {
			t.Fatal(err)
		}
		// The secret split across two messages: the earlier one is rewritten.
		if _, err := e.s.AppendAsCustomer(e.ctx, customerOf(tk), tk.ID, "part2"); err != nil {
			t.Fatal(err)
		}
		// The conversation state is sealed too.
		var state string
		if err := e.db.QueryRow(e.ctx, `SELECT state FROM customer_screen_state WHERE customer_id = ?`, tk.Customer.ID).Scan(&state); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(state, "gcenc:v1:a:") || strings.Contains(state, "part1") {
			t.Errorf("screen state stored as %q: not sealed", state)
		}

		got := e.get(t, everyone, tk.ID)
		var bodies []string
		for _, m := range got.Messages {
			bodies = append(bodies, m.Body)
		}
		want := []string{texts[0], texts[1], "[removed 1]", "internal: looks like a phisher", "[removed 2]"}
		if !slices.Equal(bodies, want) {
			t.Fatalf("Get bodies %q, want %q", bodies, want)
		}
		// The screen was told which message its state's last words are in.
		if last := screen.previous[len(screen.previous)-1]; last != got.Messages[2].ID {
			t.Errorf("part2 screened with previous ref %d, want part1's id %d", last, got.Messages[2].ID)
		}

		stored := e.storedBodies(t)
		if len(stored) != len(want) {
			t.Fatalf("%d rows, want %d", len(stored), len(want))
		}
		for id, body := range stored {
			if !strings.HasPrefix(body, "gcenc:v1:a:") {
				t.Errorf("message %d stored as %q: not sealed", id, body)
			}
			for _, plain := range append(want, "part1", "0xabc", "phisher", "0.1 BTC") {
				if strings.Contains(body, plain) {
					t.Errorf("message %d column holds %q in plaintext: %q", id, plain, body)
				}
			}
		}
		// Subjects stay plaintext: the inbox lists them.
		if n := e.count(t, `SELECT COUNT(*) FROM tickets WHERE subject = ?`, "Deposit not credited"); n != 1 {
			t.Errorf("subject not stored as plaintext")
		}
	})
}

func TestSealedBodyBoundToTicket(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(db)
		e.s.sealer = testKeyring(t, "a")
		one := e.create(t)
		two := e.create(t, withCustomer(NewCustomer{ExternalID: "u-2"}))
		// Someone with write access to the database moves a body to another
		// customer's ticket: it no longer opens.
		if _, err := db.Exec(e.ctx, `UPDATE messages SET ticket_id = ? WHERE ticket_id = ?`, two.ID, one.ID); err != nil {
			t.Fatal(err)
		}
		_, err := e.s.Get(e.ctx, everyone, two.ID)
		if !errors.Is(err, seal.ErrCorrupt) {
			t.Fatalf("Get after moving a body: err = %v, want seal.ErrCorrupt", err)
		}
	})
}

func TestLegacyPlaintextBodiesStillRead(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(db)
		tk := e.create(t) // written before sealing was on
		e.s.sealer = testKeyring(t, "a")
		if _, err := e.s.AddMessage(e.ctx, sealTester, tk.ID, NewMessage{Body: "sealed now"}); err != nil {
			t.Fatal(err)
		}
		got := e.get(t, everyone, tk.ID)
		if len(got.Messages) != 2 || got.Messages[0].Body != ticketIn().Message || got.Messages[1].Body != "sealed now" {
			t.Errorf("messages %+v", got.Messages)
		}
	})
}

// resealer runs on e with keys and a log the test can read.
func (e env) resealer(keys Rekeyer, log io.Writer, batch int) *Resealer {
	return &Resealer{DB: e.db, Keys: keys, Log: slog.New(slog.NewTextHandler(log, nil)), Batch: batch}
}

func TestResealAfterRotation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(db)
		a, ba := testKeyring(t, "a"), testKeyring(t, "b", "a")
		// Two plaintext rows from before sealing, then key A.
		legacy := e.create(t)
		e.s.sealer = a
		for i := range 5 {
			e.create(t, withCustomer(NewCustomer{ExternalID: "u-" + string(rune('a'+i))}))
		}
		if _, err := e.s.AddMessage(e.ctx, sealTester, legacy.ID, NewMessage{Body: "with a"}); err != nil {
			t.Fatal(err)
		}
		// One body no configured key opens.
		orphan := e.create(t, withCustomer(NewCustomer{ExternalID: "u-orphan"}))
		orphanID := int64(e.count(t, `SELECT MAX(id) FROM messages`))
		lost, _ := testKeyring(t, "z").Seal("lost", bodyAAD(orphan.ID))
		if _, err := db.Exec(e.ctx, `UPDATE messages SET body = ? WHERE id = ?`, lost, orphanID); err != nil {
			t.Fatal(err)
		}

		// Rotate: B first. A stopped run resumes where it was.
		var log bytes.Buffer
		r := e.resealer(ba, &log, 3)
		st, raw, err := r.start(e.ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		if st.Total != 8 || st.FinishedAt != 0 {
			t.Fatalf("start: %+v", st)
		}
		if st, _, err = r.step(e.ctx, st, raw); err != nil {
			t.Fatal(err)
		}
		mid, err := r.Status(e.ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !mid.Running || mid.RowsSealedWithActiveKey != 3 || mid.RowsTotal != 8 || mid.StartedAt == nil || mid.FinishedAt != nil {
			t.Errorf("status after one batch: %+v", mid)
		}
		if err := e.resealer(ba, &log, 3).Run(e.ctx); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(log.String(), "resuming") {
			t.Errorf("second run did not resume: %s", log.String())
		}
		done, err := r.Status(e.ctx)
		if err != nil {
			t.Fatal(err)
		}
		if done.Running || done.ActiveKey != "b" || done.RowsTotal != 8 || done.RowsSealedWithActiveKey != 7 || done.RowsUnreadable != 1 ||
			done.FinishedAt == nil || !done.StartedAt.Equal(*mid.StartedAt) {
			t.Errorf("status when done: %+v", done)
		}
		if !strings.Contains(log.String(), "no configured key opens") {
			t.Errorf("unreadable body not logged: %s", log.String())
		}
		for id, body := range e.storedBodies(t) {
			if id != orphanID && !strings.HasPrefix(body, "gcenc:v1:b:") {
				t.Errorf("message %d not sealed with b: %q", id, body)
			}
		}
		// Everything still reads, with B alone for the re-sealed rows.
		e.s.sealer = testKeyring(t, "b")
		if got := e.get(t, everyone, legacy.ID); got.Messages[0].Body != ticketIn().Message || got.Messages[1].Body != "with a" {
			t.Errorf("legacy ticket after re-seal: %+v", got.Messages)
		}
		// Nothing to do on the next start.
		log.Reset()
		if err := e.resealer(ba, &log, 3).Run(e.ctx); err != nil || log.Len() != 0 {
			t.Errorf("run after done: %v, log %s", err, log.String())
		}
	})
}

func TestResealStopsAndLeavesOlderNodesAlone(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(db)
		e.s.sealer = testKeyring(t, "a")
		e.create(t)
		var log bytes.Buffer
		// A cancelled context stops the job before its first batch.
		ctx, cancel := context.WithCancel(e.ctx)
		cancel()
		if err := e.resealer(testKeyring(t, "b", "a"), &log, 1).Run(ctx); !errors.Is(err, context.Canceled) {
			t.Errorf("Run with a cancelled context: %v", err)
		}
		if err := e.resealer(testKeyring(t, "b", "a"), &log, 1).Run(e.ctx); err != nil {
			t.Fatal(err)
		}
		// A node still on key A alone must not undo the rotation to B.
		log.Reset()
		if err := e.resealer(testKeyring(t, "a"), &log, 1).Run(e.ctx); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(log.String(), "not re-sealing") {
			t.Errorf("older node log: %s", log.String())
		}
		for id, body := range e.storedBodies(t) {
			if !strings.HasPrefix(body, "gcenc:v1:b:") {
				t.Errorf("message %d: %q, want it still sealed with b", id, body)
			}
		}
	})
}

func BenchmarkSealedIntake(b *testing.B) {
	for _, engine := range storetest.Engines() {
		b.Run(string(engine), func(b *testing.B) {
			for _, sealed := range []bool{false, true} {
				name := "plaintext"
				if sealed {
					name = "sealed"
				}
				b.Run(name, func(b *testing.B) {
					e := newEnv(storetest.Open(b, engine))
					if sealed {
						e.s.sealer = testKeyring(b, "a")
					}
					tk, err := e.s.CreateForCustomer(e.ctx, ticketIn())
					if err != nil {
						b.Fatal(err)
					}
					body := strings.Repeat("My deposit has not arrived. ", 8) // ~220 bytes
					b.Run("add", func(b *testing.B) {
						for b.Loop() {
							if _, err := e.s.AddMessage(e.ctx, sealTester, tk.ID, NewMessage{Body: body}); err != nil {
								b.Fatal(err)
							}
						}
					})
					b.Run("get50", func(b *testing.B) {
						small, err := e.s.CreateForCustomer(e.ctx, ticketIn(withCustomer(NewCustomer{ExternalID: "u-get"})))
						if err != nil {
							b.Fatal(err)
						}
						for range 49 {
							if _, err := e.s.AddMessage(e.ctx, sealTester, small.ID, NewMessage{Body: body}); err != nil {
								b.Fatal(err)
							}
						}
						for b.Loop() {
							if _, err := e.s.Get(e.ctx, everyone, small.ID); err != nil {
								b.Fatal(err)
							}
						}
					})
				})
			}
		})
	}
}

// BenchmarkReseal measures the re-seal job: ns/row is the time per message
// re-sealed, with the default batch of 500 rows per transaction.
func BenchmarkReseal(b *testing.B) {
	const rows = 5000
	for _, engine := range storetest.Engines() {
		b.Run(string(engine), func(b *testing.B) {
			e := newEnv(storetest.Open(b, engine))
			keys := []*seal.Keyring{testKeyring(b, "a"), testKeyring(b, "b", "a"), testKeyring(b, "a", "b")}
			e.s.sealer = keys[0]
			tk, err := e.s.CreateForCustomer(e.ctx, ticketIn())
			if err != nil {
				b.Fatal(err)
			}
			body := strings.Repeat("My deposit has not arrived. ", 8)
			err = e.db.Tx(e.ctx, func(ctx context.Context, tx *store.Tx) error {
				for range rows - 1 {
					sealed, _ := keys[0].Seal(body, bodyAAD(tk.ID))
					if _, err := tx.Exec(ctx, `INSERT INTO messages (ticket_id, author_kind, internal, body, created_at) VALUES (?, 'agent', 0, ?, ?)`,
						tk.ID, sealed, store.Now()); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
			i := 0
			for b.Loop() {
				i++
				r := e.resealer(keys[1+i%2], io.Discard, 0) // b, then a again, ...
				if err := r.Run(e.ctx); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*rows), "ns/row")
		})
	}
}

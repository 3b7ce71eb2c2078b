package ticket

import (
	"context"
	"fmt"
	"testing"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// Round trips to the database per intake call, BEGIN and COMMIT included:
// at 1,000 messages/s on two cores each one costs CPU on both sides of the
// connection (BENCHMARKS.md, "Intake cost per message"). A change that adds
// one to a customer's message must raise these on purpose.
//
// A customer's message on PostgreSQL: BEGIN with the head, the screen
// state and the new message's id; then the message, the ticket's
// counters, its place in the activity order, the next state and the
// outbox with COMMIT. SQLite (in-process,
// where a round trip is a function call) sends BEGIN, COMMIT and the four
// writes of the middle one apart. A new ticket of a known customer needs
// no head, but reads (and on PostgreSQL locks) the customer's screen
// state, which its subject continues: a phrase begun in another of their
// tickets. On PostgreSQL: BEGIN with the customer's record and state; the
// ticket's row with its first message's id; the message's writes, the
// state and the outbox with COMMIT.
var (
	appendRoundTrips = map[store.Dialect]int64{store.Postgres: 2, store.SQLite: 8}
	createRoundTrips = map[store.Dialect]int64{store.Postgres: 4, store.SQLite: 10}
)

func TestIntakeRoundTrips(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := costStore(t, db)
		ctx := context.Background()
		cost := func(fn func() error) int64 {
			t.Helper()
			before := db.RoundTrips()
			if err := fn(); err != nil {
				t.Fatal(err)
			}
			return db.RoundTrips() - before
		}
		var tk Ticket
		// The second customer's record never gets a language (the API's
		// load generator sends none): there is nothing to fill in either.
		for _, c := range []NewCustomer{{ExternalID: "cost-1", Email: "a@example.com", Name: "A", Language: "en"}, {ExternalID: "cost-2", Email: "b@example.com", Name: "B"}} {
			in := NewTicket{Subject: "Deposit missing", Message: "My USDT has not arrived", Channel: "api", Customer: c}
			cost(func() (err error) { tk, err = s.CreateForCustomer(ctx, in); return err }) // adds the customer
			n := cost(func() error { _, err := s.CreateForCustomer(ctx, in); return err })
			t.Logf("create for %s: %d round trips", c.ExternalID, n)
			if n > createRoundTrips[db.Dialect] {
				t.Errorf("known customer %s's new ticket took %d round trips, want at most %d", c.ExternalID, n, createRoundTrips[db.Dialect])
			}
		}
		me := CustomerRef{ExternalID: "cost-2"}
		for i := range 3 {
			n := cost(func() error { _, err := s.AppendAsCustomer(ctx, me, tk.ID, fmt.Sprint("any news? ", i)); return err })
			t.Logf("append: %d round trips", n)
			if n > appendRoundTrips[db.Dialect] {
				t.Errorf("message %d took %d round trips, want at most %d", i, n, appendRoundTrips[db.Dialect])
			}
		}
	})
}

// BenchmarkIntakeCost appends customer messages one at a time to 50
// tickets and reports what each costs: round trips, the test process's CPU
// (getrusage) and, on PostgreSQL, the CPU of the database's processes
// (/proc/<pid>/stat of every backend pg_stat_activity lists). Unlike
// latency, these hold still on a busy machine.
//
//	bash scripts/test.sh ./internal/ticket/ -run XXX -bench IntakeCost -benchtime 3000x
func BenchmarkIntakeCost(b *testing.B) {
	for _, engine := range storetest.Engines() {
		b.Run(string(engine), func(b *testing.B) {
			db := storetest.Open(b, engine)
			s := costStore(b, db)
			ctx := context.Background()
			var ids []int64
			for i := range 50 {
				tk, err := s.CreateForCustomer(ctx, NewTicket{Subject: "Deposit missing", Message: "My USDT has not arrived", Channel: "api",
					Customer: NewCustomer{ExternalID: fmt.Sprint("cost-", i)}})
				if err != nil {
					b.Fatal(err)
				}
				ids = append(ids, tk.ID)
			}
			reportCost(b, db, func(i int) {
				k := i % len(ids)
				if _, err := s.AppendAsCustomer(ctx, CustomerRef{ExternalID: fmt.Sprint("cost-", k)}, ids[k], "any news on my deposit?"); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

// reportCost runs op b.N times and reports its round trips, the test
// process's CPU and, on PostgreSQL, the database's CPU per op.
func reportCost(b *testing.B, db *store.DB, op func(i int)) {
	trips := db.RoundTrips()
	self, pg := storetest.CPU(b, db)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		op(i)
	}
	b.StopTimer()
	n := float64(b.N)
	b.ReportMetric(float64(db.RoundTrips()-trips)/n, "trips/op")
	self2, pg2 := storetest.CPU(b, db)
	b.ReportMetric(float64(self2-self)/n/1e3, "cpu-µs/op")
	if db.Dialect == store.Postgres {
		b.ReportMetric(float64(pg2-pg)/n/1e3, "pg-cpu-µs/op")
	}
}

// BenchmarkCreateCost opens tickets for 50 returning customers in turn
// (each has a ticket, so a screen state, already) and reports what each
// costs, as BenchmarkIntakeCost does for messages.
//
//	bash scripts/test.sh ./internal/ticket/ -run XXX -bench CreateCost -benchtime 2000x
func BenchmarkCreateCost(b *testing.B) {
	for _, engine := range storetest.Engines() {
		b.Run(string(engine), func(b *testing.B) {
			db := storetest.Open(b, engine)
			s := costStore(b, db)
			ctx := context.Background()
			open := func(i int) {
				_, err := s.CreateForCustomer(ctx, NewTicket{Subject: "Deposit missing", Message: "My USDT has not arrived", Channel: "api",
					Customer: NewCustomer{ExternalID: fmt.Sprint("cost-", i%50)}})
				if err != nil {
					b.Fatal(err)
				}
			}
			for i := range 50 {
				open(i)
			}
			reportCost(b, db, open)
		})
	}
}

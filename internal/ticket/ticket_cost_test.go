package ticket

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// Round trips to the database per intake call, BEGIN and COMMIT included:
// at 1,000 messages/s on two cores each one costs CPU on both sides of the
// connection (BENCHMARKS.md, "Intake cost per message"). A change that adds
// one to a customer's message must raise these on purpose.
//
// A customer's message on PostgreSQL: BEGIN; head and screen state; the
// message, the ticket's counters and the next state; the outbox; COMMIT.
// SQLite (in-process, where a round trip is a function call) sends the
// three writes of the middle one apart. A new ticket of a known customer
// adds the customer's and the ticket's rows and needs no head.
var (
	appendRoundTrips = map[store.Dialect]int64{store.Postgres: 5, store.SQLite: 7}
	createRoundTrips = map[store.Dialect]int64{store.Postgres: 6, store.SQLite: 8}
)

func TestIntakeRoundTrips(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s, err := NewStore(db, audit.New(db), passThrough{}, testKeyring(t, "a"))
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		cost := func(fn func() error) int64 {
			t.Helper()
			before := db.RoundTrips()
			if err := fn(); err != nil {
				t.Fatal(err)
			}
			return db.RoundTrips() - before
		}
		in := NewTicket{Subject: "Deposit missing", Message: "My USDT has not arrived", Channel: "api",
			Customer: NewCustomer{ExternalID: "cost-1", Email: "a@example.com", Name: "A", Language: "en"}}
		var tk Ticket
		cost(func() error { tk, err = s.CreateForCustomer(ctx, in); return err }) // adds the customer
		n := cost(func() error { _, err := s.CreateForCustomer(ctx, in); return err })
		t.Logf("create: %d round trips", n)
		if n > createRoundTrips[db.Dialect] {
			t.Errorf("a known customer's new ticket took %d round trips, want at most %d", n, createRoundTrips[db.Dialect])
		}
		me := CustomerRef{ExternalID: "cost-1"}
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
			s, err := NewStore(db, audit.New(db), passThrough{}, testKeyring(b, "a"))
			if err != nil {
				b.Fatal(err)
			}
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
			trips, self, pg := db.RoundTrips(), selfCPU(b), dbCPU(b, db)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				k := i % len(ids)
				if _, err := s.AppendAsCustomer(ctx, CustomerRef{ExternalID: fmt.Sprint("cost-", k)}, ids[k], "any news on my deposit?"); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			n := float64(b.N)
			b.ReportMetric(float64(db.RoundTrips()-trips)/n, "trips/op")
			b.ReportMetric(float64(selfCPU(b)-self)/n/1e3, "cpu-µs/op")
			if engine == store.Postgres {
				b.ReportMetric(float64(dbCPU(b, db)-pg)/n/1e3, "pg-cpu-µs/op")
			}
		})
	}
}

// selfCPU is the test process's user and system CPU time in nanoseconds.
func selfCPU(b *testing.B) int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// dbCPU is the CPU time in nanoseconds of the PostgreSQL processes serving
// db's database (0 on SQLite, which runs in the test process).
func dbCPU(b *testing.B, db *store.DB) int64 {
	if db.Dialect != store.Postgres {
		return 0
	}
	rows, err := db.Query(context.Background(), `SELECT pid FROM pg_stat_activity WHERE datname = current_database()`)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	var total int64
	for rows.Next() {
		var pid int
		if err := rows.Scan(&pid); err != nil {
			b.Fatal(err)
		}
		stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil {
			b.Skipf("PostgreSQL's processes are not readable here: %v", err)
		}
		f := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+2:]))
		utime, _ := strconv.ParseInt(f[11], 10, 64)
		stime, _ := strconv.ParseInt(f[12], 10, 64)
		total += (utime + stime) * 1e7 // clock ticks of 10 ms (USER_HZ is 100 on Linux)
	}
	if err := rows.Err(); err != nil {
		b.Fatal(err)
	}
	return total
}

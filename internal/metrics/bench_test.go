package metrics

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/routing"
	"github.com/groundcrew/groundcrew/internal/sla"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

func benchService(b *testing.B, engine store.Dialect) (*store.DB, *Service) {
	db := storetest.Open(b, engine)
	return db, serviceOn(db)
}

// serviceOn is a service on db with the real SLA reader and no logs.
func serviceOn(db *store.DB) *Service {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	return New(db, sla.New(db, nil, nil, nil, log), [][]byte{[]byte("bench")}, log)
}

// ticketEvents is one ticket's life as the bus carries it: created, the
// customer's message, assigned, the bot, the first reply, a follow-up and
// its answer, solved: eight events.
func ticketEvents(id int64, at time.Time, next func() int64) []store.Event {
	ev := func(topic interface{ Type() string }, off time.Duration, v any) store.Event {
		data, _ := json.Marshal(v)
		return store.Event{ID: next(), Type: topic.Type(), At: at.Add(off), Data: data}
	}
	team, agent := 1+id%10, 1+id%200
	areas := ticket.ProductAreas
	return []store.Event{
		ev(ticket.TicketCreated, 0, ticket.TicketCreatedEvent{TicketID: id, CustomerID: id, Channel: []string{"chat", "email"}[id%2],
			Priority: "normal", ProductArea: areas[id%int64(len(areas))], Language: []string{"en", "es", "ru", "tr", "vi"}[id%5], Tier: 1, TeamID: &team}),
		ev(ticket.MessageCreated, 0, ticket.MessageCreatedEvent{TicketID: id, MessageID: id * 10, AuthorKind: "customer"}),
		ev(routing.TicketAssigned, time.Second, routing.TicketAssignedEvent{TicketID: id, AgentID: agent, QueueID: 1 + id%20}),
		ev(ticket.MessageCreated, 2*time.Second, ticket.MessageCreatedEvent{TicketID: id, MessageID: id*10 + 1, AuthorKind: "bot"}),
		ev(ticket.MessageCreated, 3*time.Minute, ticket.MessageCreatedEvent{TicketID: id, MessageID: id*10 + 2, AuthorKind: "agent", AuthorID: &agent}),
		ev(ticket.MessageCreated, 5*time.Minute, ticket.MessageCreatedEvent{TicketID: id, MessageID: id*10 + 3, AuthorKind: "customer"}),
		ev(ticket.MessageCreated, 7*time.Minute, ticket.MessageCreatedEvent{TicketID: id, MessageID: id*10 + 4, AuthorKind: "agent", AuthorID: &agent}),
		ev(ticket.StatusChanged, 9*time.Minute, ticket.StatusChangedEvent{TicketID: id, From: "open", To: "solved"}),
	}
}

// BenchmarkIngest is the metrics consumer's throughput: batches of 1,000
// events (125 tickets' lives, interleaved as a busy hour would) through
// HandleEvents, surveys included. Reports events/s.
func BenchmarkIngest(b *testing.B) {
	for _, engine := range storetest.Engines() {
		b.Run(string(engine), func(b *testing.B) {
			db, svc := benchService(b, engine)
			ctx := context.Background()
			var seq, tid int64
			next := func() int64 { seq++; return seq }
			start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
			const perBatch = 1000
			batches := make([][]store.Event, 0, b.N)
			for range b.N {
				var evs []store.Event
				for len(evs) < perBatch {
					tid++
					evs = append(evs, ticketEvents(tid, start.Add(time.Duration(tid)*time.Second), next)...)
				}
				sort.Slice(evs, func(i, j int) bool { return evs[i].At.Before(evs[j].At) })
				batches = append(batches, evs)
			}
			_ = db
			b.ResetTimer()
			began := time.Now()
			n := 0
			for _, evs := range batches {
				if err := svc.HandleEvents(ctx, evs); err != nil {
					b.Fatal(err)
				}
				n += len(evs)
			}
			b.ReportMetric(float64(n)/time.Since(began).Seconds(), "events/s")
		})
	}
}

// Rollup scale of the query benchmark: a year of a desk taking 10 million
// tickets (about 100 million events) across 302 keys.
var (
	benchAgents  = 200
	benchTeams   = 10
	benchQueues  = 20
	benchIntents = 40
	benchDays    = 365
)

func benchKeys() [][2]string {
	keys := [][2]string{{"all", ""}}
	for _, c := range []string{"chat", "email", "api", "web"} {
		keys = append(keys, [2]string{"channel", c})
	}
	for _, l := range []string{"en", "zh", "es", "pt", "ru", "tr", "vi", "fr", "de", "it", "id", "ar", "uk", "pl", "ja", "ko", "th"} {
		keys = append(keys, [2]string{"language", l})
	}
	for _, a := range ticket.ProductAreas {
		keys = append(keys, [2]string{"product_area", a})
	}
	for i := 1; i <= benchQueues; i++ {
		keys = append(keys, [2]string{"queue", strconv.Itoa(i)})
	}
	for i := 1; i <= benchTeams; i++ {
		keys = append(keys, [2]string{"team", strconv.Itoa(i)})
	}
	for i := 1; i <= benchAgents; i++ {
		keys = append(keys, [2]string{"agent", strconv.Itoa(i)})
	}
	for i := 1; i <= benchIntents; i++ {
		keys = append(keys, [2]string{"intent", fmt.Sprintf("intent_%02d", i)})
	}
	return keys
}

// fillRollups writes the synthetic rollup rows directly (not through
// events): hourly and daily rows for every key, every hour of benchDays.
func fillRollups(b *testing.B, db *store.DB, end time.Time) {
	ctx := context.Background()
	keys := benchKeys()
	rng := rand.New(rand.NewPCG(1, 2))
	perHour := 10_000_000 / (365 * 24) // tickets an hour
	row := func(scale float64) Counts {
		var c Counts
		n := int64(float64(perHour) * scale * (0.5 + rng.Float64()))
		c[Created], c[Solved], c[FirstSolved], c[Replies] = n, n, n*9/10, 2*n
		c[FRTN], c[FRTMS], c[NRTN], c[NRTMS] = n, n*240_000, n, n*300_000
		c[ResMS], c[FCR], c[Reopened], c[AutoSolved], c[BotSolved], c[BotTickets] = n*3_600_000, n*7/10, n/10, n/4, n/5, n/2
		c[SLAFRTMet], c[SLAFRTBreach], c[HandleN], c[HandleMS] = n*9/10, n/10, 2*n, 2*n*200_000
		c[CSATN], c[CSATSum], c[CSATGood], c[NPSN], c[NPSPro], c[NPSDet] = n/5, n/5*4, n/6, n/20, n/40, n/80
		return c
	}
	scale := map[string]float64{"all": 1, "channel": 0.25, "language": 1.0 / 17, "product_area": 0.1, "queue": 0.05, "team": 0.1, "agent": 1.0 / 200 * 3, "intent": 1.0 / 40}
	monthly := delta{}
	insert := func(table string, bucket int64, daily bool) []any {
		args := make([]any, 0, len(keys)*(3+int(numMeasures)))
		for _, k := range keys {
			if k[0] == "agent" && !daily && rng.IntN(3) != 0 {
				// An agent works a third of the hours.
				continue
			}
			s := scale[k[0]]
			if daily {
				s *= 24
			}
			args = append(args, bucket, k[0], k[1])
			c := row(s)
			for _, v := range c {
				args = append(args, v)
			}
			if daily {
				mk := rowKey{monthOfDay(bucket), Dim(k[0]), k[1]}
				if monthly[mk] == nil {
					monthly[mk] = new(Counts)
				}
				monthly[mk].add(c)
			}
		}
		return args
	}
	width := 3 + int(numMeasures)
	write := func(tx *store.Tx, table string, args []any) error {
		for start := 0; start < len(args); start += width * maxRowsPerInsert {
			part := args[start:min(start+width*maxRowsPerInsert, len(args))]
			rows := len(part) / width
			q := "INSERT INTO " + table + " (" + upsertColumns + ") VALUES " +
				strings.TrimSuffix(strings.Repeat("("+strings.TrimSuffix(strings.Repeat("?,", width), ",")+"),", rows), ",")
			if _, err := tx.Exec(ctx, q, part...); err != nil {
				return err
			}
		}
		return nil
	}
	endHour := end.Unix() / 3600
	firstDay := endHour/24 - int64(benchDays)
	for day := firstDay; day < endHour/24; day++ {
		err := db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
			if err := write(tx, "metric_daily", insert("metric_daily", day, true)); err != nil {
				return err
			}
			for h := day * 24; h < day*24+24; h++ {
				if err := write(tx, "metric_hourly", insert("metric_hourly", h, false)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	if err := db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		return upsert(ctx, tx, "metric_monthly", sortedKeys(monthly), func(k rowKey) int64 { return k.hour }, monthly)
	}); err != nil {
		b.Fatal(err)
	}
	// 5,000 open tickets.
	err := db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		for i := range 5000 {
			st := ticketState{TicketID: int64(i + 1), CreatedAt: end.Add(-time.Duration(rng.IntN(72*3600)) * time.Second).UnixMilli(),
				Channel: "chat", QueueID: int64(1 + i%benchQueues), TeamID: int64(1 + i%benchTeams), Open: true, Status: "open"}
			if err := saveStates(ctx, tx, []*ticketState{&st}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}

// BenchmarkDashboardQueries times the queries behind each dashboard over
// a year of rollups for 10 million tickets (GROUNDCREW_BENCH_ROLLUP=1;
// generating the rows takes a minute or more). Reports p50 and p99 per
// page in ms.
func BenchmarkDashboardQueries(b *testing.B) {
	if os.Getenv("GROUNDCREW_BENCH_ROLLUP") == "" {
		b.Skip("set GROUNDCREW_BENCH_ROLLUP=1: the benchmark first writes a year of rollup rows")
	}
	for _, engine := range storetest.Engines() {
		b.Run(string(engine), func(b *testing.B) {
			db, svc := benchService(b, engine)
			if file := os.Getenv("GROUNDCREW_BENCH_SQLITE_FILE"); file != "" && engine == store.SQLite {
				// Keep the generated rows between runs (for profiling).
				var err error
				if db, err = store.Open(context.Background(), "sqlite:"+file, b.TempDir()); err != nil {
					b.Fatal(err)
				}
				defer db.Close()
				if _, err := db.Migrate(context.Background()); err != nil {
					b.Fatal(err)
				}
				svc = New(db, nil, [][]byte{[]byte("bench")}, svc.log)
			}
			end := time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)
			db.SetClock(func() time.Time { return end })
			began := time.Now()
			if storetest.Scalar[int64](b, db, `SELECT COUNT(*) FROM metric_hourly`) == 0 {
				fillRollups(b, db, end)
			}
			// As autovacuum (PostgreSQL) or a periodic ANALYZE would have.
			if _, err := db.Exec(context.Background(), `ANALYZE`); err != nil {
				b.Fatal(err)
			}
			rows := storetest.Scalar[int64](b, db, `SELECT COUNT(*) FROM metric_hourly`)
			b.Logf("%s: %d hourly rows, %d daily, written in %s", engine, rows, storetest.Scalar[int64](b, db, `SELECT COUNT(*) FROM metric_daily`), time.Since(began).Round(time.Second))
			ctx := context.Background()
			period := func(d time.Duration) Period {
				p, err := NewPeriod(end.Add(-d), end)
				if err != nil {
					b.Fatal(err)
				}
				return p
			}
			// The dashboards' own period choices (whole days).
			preset := func(key string) Period {
				p, _, err := (&HTTP{}).periodOf(end, key, "", "")
				if err != nil {
					b.Fatal(err)
				}
				return p
			}
			year, err := NewPeriod(end.Truncate(24*time.Hour).AddDate(-1, 0, 1), end.Truncate(24*time.Hour).Add(24*time.Hour))
			if err != nil {
				b.Fatal(err)
			}
			// What each page and the API read, as the handlers call it.
			reads := []struct {
				name string
				run  func() error
			}{
				{"overview today", func() error { return overview(ctx, svc, preset("today")) }},
				{"overview 7 days", func() error { return overview(ctx, svc, preset("7d")) }},
				{"overview 30 days", func() error { return overview(ctx, svc, preset("30d")) }},
				{"overview 90 days", func() error { return overview(ctx, svc, preset("90d")) }},
				{"overview a year", func() error { return overview(ctx, svc, year) }},
				{"team 30 days", func() error { return teamPage(ctx, svc, "3", preset("30d")) }},
				{"team a year", func() error { return teamPage(ctx, svc, "3", year) }},
				{"agent 30 days", func() error { return agentPage(ctx, svc, "17", preset("30d")) }},
				{"agent a year", func() error { return agentPage(ctx, svc, "17", year) }},
				{"wallboard", func() error {
					_, err := svc.Totals(ctx, DimAll, "", period(12*time.Hour))
					if err == nil {
						_, err = svc.Backlogs(ctx, DimQueue)
					}
					return err
				}},
				{"API summary 30 days to noon", func() error {
					_, err := svc.Totals(ctx, DimAll, "", period(30*24*time.Hour))
					return err
				}},
				{"API drivers 90 days", func() error {
					_, err := svc.TopDrivers(ctx, DimProductArea, preset("90d"), 10)
					if err == nil {
						_, err = svc.TopDrivers(ctx, DimIntent, preset("90d"), 10)
					}
					return err
				}},
				{"API breakdown by agent, 5 years", func() error {
					_, err := svc.Breakdown(ctx, DimAgent, period(MaxPeriod))
					return err
				}},
			}
			// Each read in three situations: a refresh with nothing new
			// since the last read; after the consumer committed a batch of
			// the current hour; after a late batch, one writing 40 days
			// back (a replay, a consumer catching up). The write is not
			// timed.
			ticketKeys := [][2]string{{"all", ""}, {"channel", "chat"}, {"language", "en"}, {"product_area", "withdrawals"},
				{"queue", "1"}, {"team", "3"}, {"agent", "17"}, {"intent", "intent_01"}}
			write := func(at time.Time) func() {
				return func() {
					if err := svc.AddCounts(ctx, at, ticketKeys, Counts{Created: 1, Solved: 1, Replies: 2}); err != nil {
						b.Fatal(err)
					}
				}
			}
			situations := []struct {
				name string
				prep func()
			}{{"refresh", func() {}}, {"current batch", write(end)}, {"late batch", write(end.AddDate(0, 0, -40))}}
			b.ResetTimer()
			for _, sit := range situations {
				for _, rd := range reads {
					if err := rd.run(); err != nil { // the first read fills what a refresh keeps
						b.Fatal(err)
					}
					var took []time.Duration
					var cpu time.Duration
					for range max(b.N, 50) {
						sit.prep()
						cpu0, t0 := processCPU(b), time.Now()
						if err := rd.run(); err != nil {
							b.Fatal(err)
						}
						took = append(took, time.Since(t0))
						cpu += processCPU(b) - cpu0
					}
					cpu /= time.Duration(len(took))
					sort.Slice(took, func(i, j int) bool { return took[i] < took[j] })
					p50, p99 := took[len(took)/2], took[len(took)*99/100]
					name := rd.name + ", " + sit.name
					b.Logf("%s %-46s p50 %6.1f ms  p99 %6.1f ms  cpu %5.2f ms/read  (%d runs)", engine, name, ms(p50), ms(p99), ms(cpu), len(took))
					b.ReportMetric(ms(p99), strings.ReplaceAll(name, " ", "_")+"_p99_ms")
				}
			}
		})
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// processCPU is the user and system CPU time this process has used (on
// PostgreSQL the server's own time is not in it). On a shared machine it
// is the better guide to what a read costs than the wall clock.
func processCPU(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// overview runs the queries of the manager overview page.
func overview(ctx context.Context, s *Service, p Period) error {
	_, err := s.Overview(ctx, p)
	return err
}

// teamPage runs what /dashboards/teams/{id} reads: the team's figures,
// series and backlog, and the breakdown by agent.
func teamPage(ctx context.Context, s *Service, team string, p Period) error {
	if _, err := s.Totals(ctx, DimTeam, team, p); err != nil {
		return err
	}
	if _, err := s.Series(ctx, DimTeam, team, p); err != nil {
		return err
	}
	if _, err := s.Backlogs(ctx, DimTeam); err != nil {
		return err
	}
	_, err := s.Breakdown(ctx, DimAgent, p)
	return err
}

// agentPage runs what /dashboards/agents/{id} reads.
func agentPage(ctx context.Context, s *Service, agent string, p Period) error {
	if _, err := s.Totals(ctx, DimAgent, agent, p); err != nil {
		return err
	}
	if _, err := s.Series(ctx, DimAgent, agent, p); err != nil {
		return err
	}
	_, err := s.Backlogs(ctx, DimAgent)
	return err
}

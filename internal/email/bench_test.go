package email

import (
	"fmt"
	"net/smtp"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// BenchmarkInboundSMTP: mails per second accepted into tickets over real
// SMTP sessions (8 senders, one connection per mail, as mail servers
// deliver), with the guard and sealing on. Half the mails open tickets,
// half reply to them.
//
//	go test ./internal/email/ -run XXX -bench InboundSMTP -benchtime 2000x
func BenchmarkInboundSMTP(b *testing.B) {
	eachEngine(b, func(b *testing.B, db *store.DB) {
		e := newEnv(b, db)
		addr := e.listen()
		var n atomic.Int64
		b.ResetTimer()
		start := time.Now()
		var wg sync.WaitGroup
		errs := make(chan error, 8)
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					i := n.Add(1)
					if i > int64(b.N) {
						return
					}
					from := fmt.Sprintf("c%d@example.com", i/2)
					hdr := fmt.Sprintf("From: %s\nMessage-ID: <b%d@example.com>\nSubject: Withdrawal %d pending\n", from, i, i)
					if i%2 == 0 {
						from = fmt.Sprintf("c%d@example.com", (i-1)/2)
						hdr = fmt.Sprintf("From: %s\nMessage-ID: <b%d@example.com>\nIn-Reply-To: <b%d@example.com>\nSubject: Re: Withdrawal\n", from, i, i-1)
					}
					raw := crlf(hdr + "\nMy withdrawal of 0.5 BTC to bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq has been pending for 3 hours.\n\nOn Mon, Ana wrote:\n> earlier text\n")
					if err := smtp.SendMail(addr, nil, from, []string{"support@exchange.test"}, raw); err != nil {
						errs <- err
						return
					}
				}
			}()
		}
		wg.Wait()
		elapsed := time.Since(start)
		close(errs)
		for err := range errs {
			b.Fatal(err)
		}
		b.ReportMetric(float64(b.N)/elapsed.Seconds(), "mails/s")
	})
}

// BenchmarkOutboundLatency: from the agent's reply committed to the mail
// accepted by the relay (a go-smtp sink): the consumer's compose and
// queue, then the send. The bus hop before the consumer is measured in
// internal/bus (BenchmarkRelayLatency).
//
//	go test ./internal/email/ -run XXX -bench OutboundLatency -benchtime 300x
func BenchmarkOutboundLatency(b *testing.B) {
	eachEngine(b, func(b *testing.B, db *store.DB) {
		e := newEnv(b, db)
		out, err := e.svc.Receive(e.ctx, crlf("From: lee@example.net\nMessage-ID: <l@example.net>\nSubject: Card\n\nMy card payment failed.\n"), "bench")
		if err != nil {
			b.Fatal(err)
		}
		agent := addAgent(b, db, "ana@exchange.test")
		v := ticket.Viewer{AgentID: agent, AllTeams: true}
		lat := make([]time.Duration, 0, b.N)
		var seen int64
		b.ResetTimer()
		for i := range b.N {
			start := time.Now()
			if _, err := e.tickets.AddMessage(e.ctx, v, out.TicketID, ticket.NewMessage{Body: fmt.Sprintf("Reply %d: we are checking with the card processor.", i)}); err != nil {
				b.Fatal(err)
			}
			evs, err := bus.Pending(e.ctx, db, 100000)
			if err != nil {
				b.Fatal(err)
			}
			evs = slices.DeleteFunc(evs, func(ev store.Event) bool { return ev.ID <= seen })
			seen = evs[len(evs)-1].ID
			if err := e.svc.HandleEvents(e.ctx, evs); err != nil {
				b.Fatal(err)
			}
			if n, err := e.svc.SendQueued(e.ctx); err != nil || n != 1 {
				b.Fatalf("sent %d: %v", n, err)
			}
			lat = append(lat, time.Since(start))
		}
		b.StopTimer()
		slices.Sort(lat)
		b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
		b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
		if got := len(e.sink.mails()); got != b.N {
			b.Fatalf("relay got %d mails, want %d", got, b.N)
		}
	})
}

// eachEngine runs a benchmark on SQLite, and on PostgreSQL when a server
// is named (storetest.Open skips it otherwise).
func eachEngine(b *testing.B, fn func(b *testing.B, db *store.DB)) {
	for _, engine := range storetest.Engines() {
		b.Run(string(engine), func(b *testing.B) { fn(b, storetest.Open(b, engine)) })
	}
}

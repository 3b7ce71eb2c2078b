package webhook

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// BenchmarkDeliveries measures signed deliveries per second from the
// database queue to a local receiver that answers 204 at once, on SQLite
// and PostgreSQL, with 1 and 8 subscriptions (each subscription's deliveries go in order,
// one at a time; different subscriptions go in parallel). Queueing (the
// consumer's fan-out) is timed separately as queue/s.
//
//	go test ./internal/webhook -run XXX -bench Deliveries -benchtime 5000x
func BenchmarkDeliveries(b *testing.B) {
	for _, engine := range storetest.Engines() {
		for _, subs := range []int{1, 8} {
			b.Run(fmt.Sprintf("%s/subscriptions=%d", engine, subs), func(b *testing.B) { benchDeliveries(b, engine, subs) })
		}
	}
}

func benchDeliveries(b *testing.B, engine store.Dialect, subs int) {
	e := newEnv(b, storetest.Open(b, engine), func(c *Config) { c.Timeout = 10 * time.Second })
	var got atomic.Int64
	rcv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		got.Add(1)
		w.WriteHeader(http.StatusNoContent)
	}))
	b.Cleanup(rcv.Close)
	for range subs {
		e.subscribe(rcv.URL, ScopeMetadata, "ticket.created")
	}
	data, err := json.Marshal(ticket.TicketCreatedEvent{TicketID: 1, CustomerID: 1, Channel: "chat", Priority: "normal", ProductArea: "other", Language: "en", Tier: 1})
	if err != nil {
		b.Fatal(err)
	}
	events := (b.N + subs - 1) / subs
	queueStart := time.Now()
	for first := 0; first < events; first += 500 {
		var batch []store.Event
		for id := first; id < min(first+500, events); id++ {
			batch = append(batch, store.Event{ID: int64(id + 1), Type: "ticket.created", At: start, Data: data})
		}
		if err := e.svc.HandleEvents(e.ctx, batch); err != nil {
			b.Fatal(err)
		}
	}
	queued := time.Since(queueStart)
	b.ResetTimer()
	n, err := e.svc.DeliverDue(e.ctx)
	if err != nil {
		b.Fatal(err)
	}
	b.StopTimer()
	if n != events*subs || got.Load() != int64(n) {
		b.Fatalf("%d attempts, %d received; want %d", n, got.Load(), events*subs)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "deliveries/s")
	b.ReportMetric(float64(events*subs)/queued.Seconds(), "queued/s")
}

package risk

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/exchange"
	"github.com/groundcrew/groundcrew/internal/exchange/exchangehttp"
	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// BenchmarkHandleEvents: one signed request of one event each, through
// the handler (signature, parse, store, outreach decision), for 1,000
// customers in turn, on SQLite. Reports events a second.
func BenchmarkHandleEvents(b *testing.B) {
	db := storetest.Open(b, store.SQLite)
	e := newEnv(b, db)
	kinds := exchange.RiskKinds
	i := 0
	b.ResetTimer()
	start := time.Now()
	for b.Loop() {
		i++
		ev := e.event("bench-"+strconv.Itoa(i), kinds[i%len(kinds)], "u-b"+strconv.Itoa(i%1000))
		if ev.Kind == exchange.RiskWithdrawalAddress || ev.Kind == exchange.RiskLargeWithdrawal || ev.Kind == exchange.RiskFlaggedWithdrawal {
			ev.Network, ev.Asset, ev.Amount, ev.Address = "tron", "USDT", "5000", "TXYZ1234567890abcdefghijklmnopqrs"
		}
		body := batch(b, []exchange.RiskEvent{ev})
		req := httptest.NewRequest("POST", EventsPath, bytes.NewReader(body))
		exchangehttp.Sign(req, testKeyID, testSecret, body, e.clock.Now())
		w := httptest.NewRecorder()
		if err := e.svc.HandleEvents(w, req); err != nil || w.Code != http.StatusAccepted {
			b.Fatalf("%v %d %s", err, w.Code, w.Body)
		}
	}
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "events/s")
}

// BenchmarkWasntMe: "This wasn't me" on a fresh alert, to a frozen
// sandbox account and an open security ticket (with the real ticket
// store), on SQLite.
func BenchmarkWasntMe(b *testing.B) {
	db := storetest.Open(b, store.SQLite)
	e := newEnv(b, db)
	users := []string{sandbox.UserMaria, sandbox.UserLiWei, sandbox.UserJordan, sandbox.UserAyse, sandbox.UserAn, sandbox.UserOlena}
	n := 0
	var took []time.Duration
	for b.Loop() {
		b.StopTimer()
		n++
		e.clock.Advance(25 * time.Hour) // a new window and a new day: a new alert
		res, err := e.svc.Accept(e.ctx, []exchange.RiskEvent{e.event("w-"+strconv.Itoa(n), exchange.RiskLargeWithdrawal, users[n%len(users)])})
		if err != nil || len(res.Opened) != 1 {
			b.Fatalf("%v %+v", err, res)
		}
		tok := e.svc.Token(res.Opened[0], "email", e.clock.Now().Add(time.Hour))
		b.StartTimer()
		t := time.Now()
		if _, err := e.svc.WasntMe(e.ctx, tok); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(t))
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)*99/100].Microseconds())/1000, "p99-ms")
}

// BenchmarkHandleEventsBatch: as BenchmarkHandleEvents, 100 events a
// request (the contract's largest batch).
func BenchmarkHandleEventsBatch(b *testing.B) {
	db := storetest.Open(b, store.SQLite)
	e := newEnv(b, db)
	i := 0
	start := time.Now()
	for b.Loop() {
		var evs []exchange.RiskEvent
		for range MaxBatch {
			i++
			evs = append(evs, e.event("bench-"+strconv.Itoa(i), exchange.RiskNewDeviceSignIn, "u-b"+strconv.Itoa(i%1000)))
		}
		body := batch(b, evs)
		req := httptest.NewRequest("POST", EventsPath, bytes.NewReader(body))
		exchangehttp.Sign(req, testKeyID, testSecret, body, e.clock.Now())
		w := httptest.NewRecorder()
		if err := e.svc.HandleEvents(w, req); err != nil || w.Code != http.StatusAccepted {
			b.Fatalf("%v %d %s", err, w.Code, w.Body)
		}
	}
	b.ReportMetric(float64(b.N*MaxBatch)/time.Since(start).Seconds(), "events/s")
}

package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
	"github.com/groundcrew/groundcrew/internal/ticket"
)

// BenchmarkLiveTicketLatency is the time from a customer's message posted
// through the API to its arrival on an open ticket page's live channel
// (commit, outbox relay, NATS, Subscribe, the page's read), one at a time,
// on SQLite and the embedded NATS. It reports the median and the 99th
// percentile.
func BenchmarkLiveTicketLatency(b *testing.B) {
	cfg := Config{DataDir: b.TempDir(), Database: storetest.DSN(b, store.SQLite), AdminPassword: "test-admin-password", AdminToken: testAdminToken}
	app, err := Open(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(app.Handler())
	defer app.Close()
	defer srv.Close()
	post := func(path string, body any, out any) {
		raw, _ := json.Marshal(body)
		req, _ := http.NewRequest("POST", srv.URL+path, bytes.NewReader(raw))
		req.Header.Set("Authorization", "Bearer "+testAdminToken)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusCreated {
			b.Fatalf("POST %s: %d", path, resp.StatusCode)
		}
		if out != nil {
			if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
				b.Fatal(err)
			}
		}
	}
	var tk ticket.Ticket
	post("/api/v1/tickets", newTicketBody("bench"), &tk)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", fmt.Sprintf("%s/live/tickets/%d?after=0", srv.URL, tk.ID), nil)
	req.Header.Set("Authorization", "Bearer "+testAdminToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	arrived := make(chan string, 16)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		event := ""
		for sc.Scan() {
			line := sc.Text()
			if strings.HasPrefix(line, "event: ") {
				event = line[7:]
			}
			if strings.HasPrefix(line, "data: ") && event == "message" {
				arrived <- line[6:]
			}
		}
	}()
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		// Letters, not digits: the guard would take numbered messages for a
		// code sent in parts, and cut them.
		body := "still waiting " + letters(i)
		start := time.Now()
		post(fmt.Sprintf("/api/v1/tickets/%d/customer-messages", tk.ID), customerMessage("u-bench", body), nil)
		for got := ""; !strings.Contains(got, `"body":"`+body+`"`); {
			select {
			case got = <-arrived:
			case <-time.After(10 * time.Second):
				b.Fatalf("message %d did not arrive", i)
			}
		}
		lat = append(lat, time.Since(start))
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
}

// letters spells n in the letters q, x, y and z.
func letters(n int) string {
	out := []byte{'q'}
	for ; n > 0; n /= 4 {
		out = append(out, "qxyz"[n%4])
	}
	return string(out)
}

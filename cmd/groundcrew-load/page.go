package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Page mode: -customers clients GET one public page (-path, e.g. /status)
// for -duration, at -rate requests/s in total on an open-loop schedule (or
// as fast as they can), and the report says how many succeeded, the rate
// reached and the latency percentiles. No token: the page is public.

// PageReport is the outcome of a page run.
type PageReport struct {
	Path      string        `json:"path"`
	Requests  int64         `json:"requests"`
	OK        int64         `json:"ok"`
	Failed    int64         `json:"failed"`
	Unsent    int64         `json:"unsent"` // scheduled sends that were late by more than a second and skipped
	PerSecond float64       `json:"per_second"`
	Elapsed   time.Duration `json:"elapsed_ns"`
	Latency   LatencyMS     `json:"latency_ms"`
	Statuses  map[int]int64 `json:"statuses"`
}

func runPage(ctx context.Context, cfg Config, path string, asJSON bool, stdout, stderr io.Writer) int {
	if cfg.Customers < 1 || cfg.Duration <= 0 || cfg.Rate < 0 || !strings.HasPrefix(path, "/") {
		fmt.Fprintln(stderr, "groundcrew-load: page mode needs -customers ≥ 1, a positive -duration, -rate ≥ 0 and a -path starting with /")
		return 2
	}
	target := strings.TrimRight(cfg.URL, "/") + path
	client := &http.Client{Timeout: cfg.Timeout, Transport: &http.Transport{MaxIdleConnsPerHost: cfg.Customers, MaxConnsPerHost: cfg.Customers}}
	start := time.Now()
	end := start.Add(cfg.Duration)
	var next atomic.Int64 // the next scheduled send, for -rate
	var unsent atomic.Int64
	interval := time.Duration(0)
	if cfg.Rate > 0 {
		interval = time.Duration(float64(time.Second) / cfg.Rate)
	}
	var mu sync.Mutex
	rep := &PageReport{Path: path, Statuses: map[int]int64{}}
	var lat []time.Duration
	var wg sync.WaitGroup
	for range cfg.Customers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			codes := map[int]int64{}
			var failed int64
			for ctx.Err() == nil {
				at := time.Now()
				if interval > 0 {
					at = start.Add(time.Duration(next.Add(1)-1) * interval)
					if time.Since(at) > time.Second {
						unsent.Add(1)
						continue
					}
					time.Sleep(time.Until(at))
				}
				if !at.Before(end) {
					break
				}
				sent := time.Now()
				resp, err := client.Get(target)
				if err != nil {
					failed++
					continue
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				codes[resp.StatusCode]++
				mine = append(mine, time.Since(sent))
			}
			mu.Lock()
			defer mu.Unlock()
			lat = append(lat, mine...)
			rep.Failed += failed
			for c, n := range codes {
				rep.Statuses[c] += n
			}
		}()
	}
	wg.Wait()
	rep.Elapsed = time.Since(start)
	rep.Unsent = unsent.Load()
	rep.OK = rep.Statuses[http.StatusOK]
	rep.Requests = int64(len(lat)) + rep.Failed
	rep.PerSecond = float64(rep.OK) / rep.Elapsed.Seconds()
	rep.Latency = summarize(lat)
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		_ = enc.Encode(rep)
	} else {
		fmt.Fprintf(stdout, "GET %s: %d requests in %.1fs, %d OK (%.0f/s), %d failed, %d unsent\nlatency ms: p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f\nstatuses: %v\n",
			path, rep.Requests, rep.Elapsed.Seconds(), rep.OK, rep.PerSecond, rep.Failed, rep.Unsent,
			rep.Latency.P50, rep.Latency.P90, rep.Latency.P99, rep.Latency.P999, rep.Latency.Max, rep.Statuses)
	}
	if rep.Failed > 0 || rep.OK < rep.Requests {
		return 1
	}
	return 0
}

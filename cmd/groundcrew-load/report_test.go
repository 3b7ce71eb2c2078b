package main

import (
	"strings"
	"testing"
	"time"
)

func TestPercentile(t *testing.T) {
	seq := func(n int) []time.Duration { // 1..n ms
		s := make([]time.Duration, n)
		for i := range s {
			s[i] = time.Duration(i+1) * time.Millisecond
		}
		return s
	}
	ms := time.Millisecond
	for _, tc := range []struct {
		name   string
		sorted []time.Duration
		p      float64
		want   time.Duration
	}{
		{"empty", nil, 50, 0},
		{"one value", []time.Duration{7 * ms}, 50, 7 * ms},
		{"one value max", []time.Duration{7 * ms}, 100, 7 * ms},
		{"p50 of 1..10", seq(10), 50, 5 * ms},
		{"p90 of 1..10", seq(10), 90, 9 * ms},
		{"p99 of 1..10 rounds up", seq(10), 99, 10 * ms},
		{"p100 is max", seq(10), 100, 10 * ms},
		{"tiny p is min", seq(10), 0.1, 1 * ms},
		{"p50 of 1..4 is lower middle", seq(4), 50, 2 * ms},
		{"p99.9 of 1..1000 is exact rank", seq(1000), 99.9, 999 * ms},
		{"p99.9 of 1..1001", seq(1001), 99.9, 1000 * ms},
		{"p99 of 1..100", seq(100), 99, 99 * ms},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := percentile(tc.sorted, tc.p); got != tc.want {
				t.Errorf("percentile(%d values, %g) = %v, want %v", len(tc.sorted), tc.p, got, tc.want)
			}
		})
	}
}

func TestSummarizeSorts(t *testing.T) {
	lat := []time.Duration{3 * time.Millisecond, 1 * time.Millisecond, 2500 * time.Microsecond}
	got := summarize(lat)
	want := LatencyMS{Count: 3, P50: 2.5, P90: 3, P99: 3, P999: 3, Max: 3}
	if got != want {
		t.Errorf("summarize = %+v, want %+v", got, want)
	}
}

// TestReport: the report adds the kinds up, computes throughput from the
// elapsed time, copies the rejections, and prints every figure.
func TestReport(t *testing.T) {
	ms := time.Millisecond
	s := &Stats{
		Sent:     [numKinds]int64{KindCreate: 3, KindMessage: 5},
		Accepted: [numKinds]int64{KindCreate: 2, KindMessage: 4},
		Rejected: map[int]int64{429: 1, 500: 1},
		Canceled: 1,
		Latency:  [numKinds][]time.Duration{KindCreate: {4 * ms, 2 * ms, 3 * ms}, KindMessage: {1 * ms, 9 * ms, 5 * ms, 6 * ms, 7 * ms}},
		Samples:  []string{"connection refused"},
	}
	cfg := Config{URL: "http://x", Customers: 2, Duration: 2 * time.Second, Rate: 5, MessagesPerTicket: 3}
	r := newReport(cfg, s, 2*time.Second, 2)
	s.Rejected[503] = 9 // the report keeps its own copy
	if r.Sent != 8 || r.Accepted != 6 || r.Throughput != 3 || r.Unsent != 2 || r.ElapsedS != 2 || len(r.Rejected) != 2 {
		t.Errorf("report %+v", r)
	}
	if want := (LatencyMS{Count: 8, P50: 4, P90: 9, P99: 9, P999: 9, Max: 9}); r.Overall.Latency != want {
		t.Errorf("overall latency %+v, want %+v", r.Overall.Latency, want)
	}
	r.Verify = &VerifyReport{Tickets: 2, Messages: 6, Lost: 1, Samples: []string{"ticket 9: lost message 3"}}
	var b strings.Builder
	r.WriteText(&b)
	want := `target      http://x  customers=2 duration=2s rate=5/s messages-per-ticket=3
elapsed     2.000s
requests    8 sent, 6 accepted, 2 rejected, 0 errors, 1 canceled
rejected    429: 1, 500: 1
unsent      2 (due by the -rate schedule but every customer was busy)
throughput  3.0 accepted messages/s
latency ms                    count       p50       p90       p99     p99.9       max
            create ticket         3     3.000     4.000     4.000     4.000     4.000
            add message           5     6.000     9.000     9.000     9.000     9.000
            overall               8     4.000     9.000     9.000     9.000     9.000
error       connection refused
verify      2 tickets, 6 acknowledged messages, 1 lost, 0 unverified
            ticket 9: lost message 3
`
	if b.String() != want {
		t.Errorf("text report:\n%s\nwant:\n%s", b.String(), want)
	}
}

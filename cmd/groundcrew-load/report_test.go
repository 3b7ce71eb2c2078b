package main

import (
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

package cputime

import (
	"runtime"
	"testing"
	"time"
)

// TestClocksAdvance: spinning on the thread moves both clocks forward.
func TestClocksAdvance(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	t0, okT := Thread()
	p0, okP := Process()
	if !okT || !okP {
		t.Skip("no CPU clocks on this system")
	}
	x := 0
	for i := range 20_000_000 {
		x ^= i
	}
	t1, _ := Thread()
	p1, _ := Process()
	if t1 <= t0 || p1 <= p0 || p1-p0 < (t1-t0)*9/10 {
		t.Errorf("thread %v -> %v, process %v -> %v (x %d)", t0, t1, p0, p1, x)
	}
}

// TestTimesReport: percentiles come from the sorted samples.
func TestTimesReport(t *testing.T) {
	var s Times
	for i := 100; i >= 1; i-- {
		s.Wall = append(s.Wall, time.Duration(i)*time.Millisecond)
	}
	want := "wall p50 51ms, p99 100ms, max 100ms (100 calls)"
	if got := s.Report(); got != want {
		t.Errorf("Report() = %q, want %q", got, want)
	}
	s.Measure(Process, func() {})
	if len(s.Wall) != 101 {
		t.Errorf("Measure recorded %d wall samples, want 101", len(s.Wall))
	}
}

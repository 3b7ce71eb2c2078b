package cputime

import (
	"fmt"
	"slices"
	"time"
)

// Times collects the wall and CPU time of repeated calls, for percentiles.
type Times struct {
	Wall, CPU []time.Duration
}

// Measure runs f once and records its wall time and its CPU time by clock
// (Thread, with the goroutine locked to its thread, or Process); the CPU
// time is left out where the clock cannot be read.
func (s *Times) Measure(clock func() (time.Duration, bool), f func()) {
	c0, okCPU := clock()
	start := time.Now()
	f()
	s.Wall = append(s.Wall, time.Since(start))
	if c1, ok := clock(); ok && okCPU {
		s.CPU = append(s.CPU, c1-c0)
	}
}

// Report sorts the samples and gives the 50th and 99th percentiles and the
// maximum of each kind.
func (s *Times) Report() string {
	out := ""
	for _, m := range []struct {
		name string
		d    []time.Duration
	}{{"wall", s.Wall}, {"CPU", s.CPU}} {
		if len(m.d) == 0 {
			continue
		}
		slices.Sort(m.d)
		k := len(m.d)
		if out != "" {
			out += "; "
		}
		out += fmt.Sprintf("%s p50 %v, p99 %v, max %v (%d calls)", m.name, m.d[k/2], m.d[k*99/100], m.d[k-1], k)
	}
	return out
}

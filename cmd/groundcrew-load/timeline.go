package main

import (
	"bufio"
	"fmt"
	"os"
	"runtime/pprof"
	"time"
)

// writeTimeline writes every measured sample as "kind send_µs latency_µs",
// before report sorts the latencies (which would part them from their
// sends).
func (r *widgetRun) writeTimeline(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("timeline: %w", err)
	}
	w := bufio.NewWriter(f)
	r.mu.Lock()
	writeSamples(w, "ack", r.ackFrom, r.acks)
	writeSamples(w, "live", r.live.from, r.live.lat)
	writeSamples(w, "page", r.page.from, r.page.lat)
	r.mu.Unlock()
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("timeline: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("timeline: %w", err)
	}
	return nil
}

func writeSamples(w *bufio.Writer, kind string, from []time.Time, lat []time.Duration) {
	for i, at := range from {
		fmt.Fprintf(w, "%s %d %d\n", kind, at.UnixMicro(), lat[i].Microseconds())
	}
}

// startProfile profiles the generator's CPU into path until stop.
func startProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

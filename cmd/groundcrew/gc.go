package main

import (
	"log/slog"
	"os"
	"runtime/debug"
)

// The node's garbage collector, unless GOGC or GOMEMLIMIT says otherwise.
// At 10,000 widget sockets and 2,000 messages a second the heap holds
// ~240 MB live and Go's default (GOGC=100) collects every ~2 s; each
// cycle's mark phase takes a quarter of the cores for 0.2-0.5 s, which a
// node near its CPU budget pays in queueing (BENCHMARKS, widget17 and
// widget18). GOGC=200 spaces the cycles about twice as far apart; the
// memory limit makes the collector work harder before the runtime's
// memory passes it, so that resident memory stays under 1 GB there.
const (
	defaultGCPercent   = 200
	defaultMemoryLimit = 768 << 20
)

// gcRuntime is what applyGCDefaults sets (runtime/debug, or a test's fake).
type gcRuntime struct {
	getenv         func(string) string
	setGCPercent   func(int) int
	setMemoryLimit func(int64) int64
}

// applyGCDefaults sets the defaults above where the environment leaves
// them to Go (an empty variable counts as unset, as the runtime reads it).
func applyGCDefaults(rt gcRuntime, log *slog.Logger) {
	if rt.getenv("GOGC") == "" {
		rt.setGCPercent(defaultGCPercent)
	}
	if rt.getenv("GOMEMLIMIT") == "" {
		rt.setMemoryLimit(defaultMemoryLimit)
	}
	// A negative limit reads the limit without changing it.
	log.Debug("garbage collector", "gogc_env", rt.getenv("GOGC"), "memory_limit", rt.setMemoryLimit(-1))
}

func runtimeGC() gcRuntime {
	return gcRuntime{getenv: os.Getenv, setGCPercent: debug.SetGCPercent, setMemoryLimit: debug.SetMemoryLimit}
}

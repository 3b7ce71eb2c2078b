// Package cputime reads CPU time for the measurements in BENCHMARKS.md: on
// a machine shared with other work, one call's wall time says more about
// the neighbours than about the call.
package cputime

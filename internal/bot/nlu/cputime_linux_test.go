//go:build linux

package nlu

import (
	"time"

	"golang.org/x/sys/unix"
)

// threadCPU is the calling thread's CPU time so far, to the nanosecond
// (the caller locks its goroutine to the thread). On a machine shared with
// other work, one analysis's wall time says more about the neighbours than
// about it.
func threadCPU() (time.Duration, bool) {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_THREAD_CPUTIME_ID, &ts); err != nil {
		return 0, false
	}
	return time.Duration(ts.Nano()), true
}

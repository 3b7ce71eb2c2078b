//go:build linux

package cputime

import (
	"time"

	"golang.org/x/sys/unix"
)

// Thread is the calling thread's CPU time so far, to the nanosecond (the
// caller locks its goroutine to the thread); false where it cannot be read.
func Thread() (time.Duration, bool) { return clock(unix.CLOCK_THREAD_CPUTIME_ID) }

// Process is the whole process's CPU time so far, every thread's (the
// garbage collector's and other goroutines' included).
func Process() (time.Duration, bool) { return clock(unix.CLOCK_PROCESS_CPUTIME_ID) }

func clock(id int32) (time.Duration, bool) {
	var ts unix.Timespec
	if err := unix.ClockGettime(id, &ts); err != nil {
		return 0, false
	}
	return time.Duration(ts.Nano()), true
}

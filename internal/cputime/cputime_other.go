//go:build !linux

package cputime

import "time"

// Thread is not measured on this system.
func Thread() (time.Duration, bool) { return 0, false }

// Process is not measured on this system.
func Process() (time.Duration, bool) { return 0, false }

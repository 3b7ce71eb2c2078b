//go:build !linux

package nlu

import "time"

func threadCPU() (time.Duration, bool) { return 0, false }

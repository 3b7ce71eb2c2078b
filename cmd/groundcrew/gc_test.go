package main

import (
	"io"
	"log/slog"
	"testing"
)

func TestGCDefaultsYieldToTheEnvironment(t *testing.T) {
	cases := []struct {
		name           string
		env            map[string]string
		percent, limit int64 // what the node sets; 0: left to Go
	}{
		{"neither set", nil, defaultGCPercent, defaultMemoryLimit},
		{"GOGC set", map[string]string{"GOGC": "100"}, 0, defaultMemoryLimit},
		{"GOGC off", map[string]string{"GOGC": "off"}, 0, defaultMemoryLimit},
		{"GOMEMLIMIT set", map[string]string{"GOMEMLIMIT": "4GiB"}, defaultGCPercent, 0},
		{"both set", map[string]string{"GOGC": "50", "GOMEMLIMIT": "2GiB"}, 0, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var percent, limit int64
			rt := gcRuntime{
				getenv:       func(k string) string { return c.env[k] },
				setGCPercent: func(p int) int { percent = int64(p); return 100 },
				setMemoryLimit: func(l int64) int64 {
					if l >= 0 {
						limit = l
					}
					return limit
				},
			}
			applyGCDefaults(rt, slog.New(slog.NewTextHandler(io.Discard, nil)))
			if percent != c.percent || limit != c.limit {
				t.Errorf("set GOGC %d and memory limit %d; want %d and %d", percent, limit, c.percent, c.limit)
			}
		})
	}
}

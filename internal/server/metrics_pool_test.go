package server

import (
	"net/http/httptest"
	"regexp"
	"strconv"
	"testing"

	"github.com/groundcrew/groundcrew/internal/store"
)

// TestMetricsShowWritePoolWaits: /metrics carries the write pool's
// statistics, among them how long callers waited for a connection, a
// queue that statement timings do not show (on SQLite the one writer's).
func TestMetricsShowWritePoolWaits(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, store.SQLite, false)
	ta.do("GET", "/api/v1/me", "", nil, nil)
	req := httptest.NewRequest("GET", "/metrics", nil)
	req.RemoteAddr = "127.0.0.1:5000"
	rec := httptest.NewRecorder()
	ta.Handler().ServeHTTP(rec, req)
	body := rec.Body.String()
	for _, name := range []string{"go_sql_wait_duration_seconds_total", "go_sql_max_open_connections"} {
		m := regexp.MustCompile(`(?m)^` + name + `\{db_name="write"\} (\S+)$`).FindStringSubmatch(body)
		if m == nil {
			t.Errorf("/metrics (%d) has no %s of the write pool", rec.Code, name)
			continue
		}
		if _, err := strconv.ParseFloat(m[1], 64); err != nil {
			t.Errorf("%s = %q: %v", name, m[1], err)
		}
	}
	if m := regexp.MustCompile(`(?m)^go_sql_max_open_connections\{db_name="write"\} (\S+)$`).FindStringSubmatch(body); m != nil && m[1] != "1" {
		t.Errorf("SQLite's write pool shows %s connections at most, want its one writer", m[1])
	}
}

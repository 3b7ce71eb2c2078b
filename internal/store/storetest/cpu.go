package storetest

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/groundcrew/groundcrew/internal/store"
)

// CPU returns the CPU time, in nanoseconds, that this process and the
// PostgreSQL processes serving db's database have used so far (database is
// 0 on SQLite, which runs in this process). Benchmarks report the
// difference per operation: unlike latency, it holds still on a busy
// machine. A PostgreSQL whose processes cannot be read skips tb.
func CPU(tb testing.TB, db *store.DB) (self, database int64) {
	tb.Helper()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatal(err)
	}
	self = ru.Utime.Nano() + ru.Stime.Nano()
	if db.Dialect != store.Postgres {
		return self, 0
	}
	rows, err := db.Query(context.Background(), `SELECT pid FROM pg_stat_activity WHERE datname = current_database()`)
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var pid int
		if err := rows.Scan(&pid); err != nil {
			tb.Fatal(err)
		}
		stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil {
			tb.Skipf("PostgreSQL's processes are not readable here: %v", err)
		}
		f := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+2:]))
		utime, _ := strconv.ParseInt(f[11], 10, 64)
		stime, _ := strconv.ParseInt(f[12], 10, 64)
		database += (utime + stime) * 1e7 // clock ticks of 10 ms (USER_HZ is 100 on Linux)
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	return self, database
}

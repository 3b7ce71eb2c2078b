package diagnose_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/chain/diagnose"
	"github.com/groundcrew/groundcrew/internal/exchange/sandbox"
)

// BenchmarkDiagnose runs the demo scenarios against the sandbox exchange and
// chains, so the figure is diagnosis's own time: no node round trips. It
// reports the 99th percentile as well as the mean.
func BenchmarkDiagnose(b *testing.B) {
	d, _ := newDiagnoser(b)
	scenarios := sandbox.Scenarios()
	times := make([]time.Duration, 0, b.N)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sc := scenarios[i%len(scenarios)]
		start := time.Now()
		if _, err := d.Diagnose(ctx, diagnose.Request{TxID: sc.TxID, Address: sc.Address, UserID: sc.UserID, Language: "de"}); err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)*99/100].Microseconds()), "p99-µs")
}

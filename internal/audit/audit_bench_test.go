package audit

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// BenchmarkRecordParallel is many agents viewing tickets at once: each
// operation is a transaction that reads and records one audited action, as
// a ticket view does. "one-chain" pins every entry to one chain, which is
// how the log worked before it had several (one head row for all);
// "per-connection" is the default.
//
//	bash scripts/test.sh ./internal/audit/ -run XXX -bench RecordParallel -cpu 1,2 -count 3
func BenchmarkRecordParallel(b *testing.B) {
	for _, engine := range storetest.Engines() {
		for _, mode := range []string{"one-chain", "per-connection"} {
			b.Run(fmt.Sprintf("%s/%s", engine, mode), func(b *testing.B) {
				db := storetest.Open(b, engine)
				l := New(db)
				if mode == "one-chain" {
					l.pin = 1
				}
				var n atomic.Int64
				b.SetParallelism(8) // 8 goroutines per CPU, like concurrent requests
				b.ResetTimer()
				b.RunParallel(func(pb *testing.PB) {
					ctx := WithActor(context.Background(), agent7)
					for pb.Next() {
						id := n.Add(1)
						err := db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
							var one int
							if err := tx.QueryRow(ctx, `SELECT 1`).Scan(&one); err != nil {
								return err
							}
							return l.Record(ctx, "ticket.viewed", "ticket", fmt.Sprint(id), map[string]int64{"customer_id": id})
						})
						if err != nil {
							b.Error(err)
							return
						}
					}
				})
				b.StopTimer()
				rep, err := l.Verify(context.Background())
				if err != nil || !rep.OK || rep.Checked != n.Load() {
					b.Fatalf("Verify = %+v, %v; want %d entries intact", rep, err, n.Load())
				}
			})
		}
	}
}

package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// BenchmarkTxEmit is one transaction with one row written and n events
// emitted, the shape of intake (a message: 1 event; a new ticket: 2; a
// reopening reply: 2; a redaction: 3-4).
func BenchmarkTxEmit(b *testing.B) {
	payload := map[string]any{"ticket_id": 12345, "message_id": 67890, "customer_id": 4242, "author_kind": "customer",
		"sealed_body": "v1:a:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}
	for _, engine := range storetest.Engines() {
		b.Run(string(engine), func(b *testing.B) {
			db := storetest.Open(b, engine)
			ctx := context.Background()
			for _, n := range []int{1, 2, 4, 16} {
				b.Run(fmt.Sprintf("events=%d", n), func(b *testing.B) {
					i := 0
					for b.Loop() {
						i++
						err := db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
							if _, err := tx.Exec(ctx, `INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value`,
								fmt.Sprint("bench", i%100), "v"); err != nil {
								return err
							}
							for range n {
								if err := tx.Emit(ctx, "bench.happened", payload); err != nil {
									return err
								}
							}
							return nil
						})
						if err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		})
	}
}

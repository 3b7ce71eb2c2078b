package ticket

import (
	"context"
	"fmt"
	"testing"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// BenchmarkIntake measures the store half of intake: creating tickets and
// appending customer messages from parallel goroutines, on each engine.
func BenchmarkIntake(b *testing.B) {
	for _, engine := range storetest.Engines() {
		b.Run(string(engine), func(b *testing.B) {
			db := storetest.Open(b, engine)
			s := costStore(b, db)
			ctx := context.Background()
			b.Run("create", func(b *testing.B) {
				n := 0
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						n++
						in := NewTicket{Subject: "Deposit missing", Message: "My USDT has not arrived", Channel: "api",
							Customer: NewCustomer{ExternalID: fmt.Sprintf("bench-%d", n%500)}}
						if _, err := s.CreateForCustomer(ctx, in); err != nil {
							b.Fatal(err)
						}
					}
				})
			})
			t, err := s.CreateForCustomer(ctx, NewTicket{Subject: "x", Message: "y", Channel: "chat", Customer: NewCustomer{ExternalID: "bench"}})
			if err != nil {
				b.Fatal(err)
			}
			b.Run("message", func(b *testing.B) {
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						if _, err := s.AppendAsCustomer(ctx, CustomerRef{ExternalID: "bench"}, t.ID, "any news?"); err != nil {
							b.Fatal(err)
						}
					}
				})
			})
		})
	}
}

// costStore is the store the intake benchmarks and cost tests measure: no
// guard in the way (passThrough), one sealing key.
func costStore(tb testing.TB, db *store.DB) *Store {
	tb.Helper()
	s, err := NewStore(db, audit.New(db), passThrough{}, testKeyring(tb, "a"))
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

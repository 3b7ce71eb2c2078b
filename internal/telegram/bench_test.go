package telegram_test

import (
	"context"
	"testing"

	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// BenchmarkUpdates measures updates accepted into tickets per second, with
// the guard and sealing on: each update is a text in one of 100 chats (a
// new ticket on a chat's first text, a message on it after).
//
//	go test -run xxx -bench Updates ./internal/telegram/
func BenchmarkUpdates(b *testing.B) {
	for _, engine := range storetest.Engines() {
		b.Run(string(engine), func(b *testing.B) {
			db := storetest.Open(b, engine)
			e := newEnv(b, db)
			db.SetClock(nil)
			ctx := context.Background()
			raws := make([][]byte, b.N)
			for i := range raws {
				raws[i] = e.fake.Text(int64(1000+i%100), "en", "My deposit of 0.5 BTC has not arrived after two hours, please check")
			}
			b.ResetTimer()
			for _, raw := range raws {
				if err := e.bot.HandleUpdate(ctx, raw); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "updates/s")
		})
	}
}

package bus

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// TestGatheredConsumersCrashMidBatch: three durable consumers whose
// batches share transactions (OnceBatch through store.DB.GatherTx), one of
// which fails some batches after it has written (a crash mid-batch). Its
// failed batches come back and are applied then; the others' batches,
// rolled back with it when they shared its transaction, are applied once;
// and on SQLite batches did share transactions.
func TestGatheredConsumersCrashMidBatch(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		b, err := Start(ctx, "", t.TempDir(), silent)
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()

		consumers := []string{"steady-a", "crashy", "steady-b"}
		for _, c := range consumers {
			if _, err := db.Exec(ctx, `INSERT INTO settings (name, value) VALUES (?, '0')`, "applied-"+c); err != nil {
				t.Fatal(err)
			}
		}
		var mu sync.Mutex
		crashes := 0
		for _, c := range consumers {
			err := b.ConsumeBatch(ctx, c, SubjectPrefix+">", 16, func(ctx context.Context, evs []store.Event) error {
				return OnceBatch(ctx, db, c, evs, func(ctx context.Context, tx *store.Tx, fresh []store.Event) error {
					// Applied: the counter moves by the batch, in the transaction.
					if _, err := tx.Exec(ctx, `UPDATE settings SET value = CAST(CAST(value AS INTEGER) + ? AS TEXT) WHERE name = ?`,
						len(fresh), "applied-"+c); err != nil {
						return err
					}
					mu.Lock()
					defer mu.Unlock()
					if c == "crashy" && crashes < 6 && fresh[0].ID%3 == 0 {
						crashes++
						return errors.New("crashed after writing")
					}
					return nil
				})
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		batches0, calls0 := db.GatherStats()

		const total = 300
		for i := int64(1); i <= total; i += 10 { // in bursts, as a relay publishes
			if err := b.PublishBatch(ctx, events(seq(i, i+9)...)); err != nil {
				t.Fatal(err)
			}
		}
		applied := func(c string) int {
			var v string
			if err := db.QueryRow(ctx, `SELECT value FROM settings WHERE name = ?`, "applied-"+c).Scan(&v); err != nil {
				t.Fatal(err)
			}
			n, err := strconv.Atoi(v)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		deadline := time.Now().Add(60 * time.Second)
		for time.Now().Before(deadline) && (applied("steady-a") < total || applied("crashy") < total || applied("steady-b") < total) {
			time.Sleep(50 * time.Millisecond)
		}
		time.Sleep(300 * time.Millisecond) // a double would land now
		for _, c := range consumers {
			if n := applied(c); n != total {
				t.Errorf("%s applied %d events, want each of %d once", c, n, total)
			}
			var claimed int
			if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM consumed_events WHERE consumer = ?`, c).Scan(&claimed); err != nil {
				t.Fatal(err)
			}
			if claimed != total {
				t.Errorf("%s claimed %d events, want %d", c, claimed, total)
			}
		}
		mu.Lock()
		if crashes == 0 {
			t.Error("crashy never failed a batch: the test tested nothing")
		}
		mu.Unlock()
		// SQLite's one writer runs one shared transaction at a time, so
		// batches ready together share it; PostgreSQL runs four at once
		// and three consumers need not share.
		batches, calls := db.GatherStats()
		if db.Dialect == store.SQLite && calls-calls0 <= batches-batches0 {
			t.Errorf("%d consumer batches in %d transactions: none shared one", calls-calls0, batches-batches0)
		}
	})
}

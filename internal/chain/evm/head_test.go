package evm

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/chain"
	"github.com/groundcrew/groundcrew/internal/status"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// TestHeadAndStallWatchAgainstAnvil: Head reads anvil's tip, and the
// status page's watcher, on a test clock, reports blocks that stop coming
// as an incident on the network and resolves it when a block comes.
func TestHeadAndStallWatchAgainstAnvil(t *testing.T) {
	n := startAnvil(t, 31337)
	c, err := New(Config{Network: "ethereum", URL: n.url, ChainID: 31337})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	h0, err := c.Head(ctx)
	if err != nil {
		t.Fatal(err)
	}
	n.call("evm_mine", nil)
	h1, err := c.Head(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if h1.Height != h0.Height+1 || h1.Behind != 0 || h1.Time.Before(h0.Time) || h1.Time.IsZero() {
		t.Fatalf("heads %+v then %+v", h0, h1)
	}

	storetest.Each(t, func(t *testing.T, db *store.DB) {
		clock := store.NewFakeClock(time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC))
		db.SetClock(clock.Now)
		svc := status.New(status.Config{DB: db, Audit: audit.New(db), Networks: []status.Network{{ID: "ethereum", Name: "Ethereum", Symbol: "ETH"}},
			Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
		w := &status.Watcher{Status: svc, Clients: []chain.HeadReader{c}, Now: clock.Now,
			BlockTime: map[string]time.Duration{"ethereum": 12 * time.Second}}
		w.Check(ctx)
		if _, ok := svc.OpenIncidentFor("ethereum", "", ""); ok {
			t.Fatal("an incident before any stall")
		}
		clock.Advance(time.Minute) // anvil mines only on demand: the tip stands still
		w.Check(ctx)
		if _, ok := svc.OpenIncidentFor("ethereum", "", ""); ok {
			t.Fatal("a minute without a block is not a stall yet")
		}
		clock.Advance(2 * time.Minute)
		w.Check(ctx)
		in, ok := svc.OpenIncidentFor("ethereum", "ETH", "")
		if !ok || in.Source != "watch:ethereum:stalled" || in.Impact != status.DepositsDelayed {
			t.Fatalf("after 3 minutes without a block: %v %+v", ok, in)
		}
		w.Check(ctx) // still stalled: still one incident
		if got := storetest.Scalar[int64](t, db, `SELECT COUNT(*) FROM status_incidents`); got != 1 {
			t.Fatalf("%d incidents", got)
		}
		n.call("evm_mine", nil)
		w.Check(ctx)
		if _, ok := svc.OpenIncidentFor("ethereum", "", ""); ok {
			t.Fatal("still open after a new block")
		}
	})
}

package status

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/audit"
	"github.com/groundcrew/groundcrew/internal/bus"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// TestNodesAgree: two nodes on one database and one bus each cache the
// page; an incident opened and resolved on one shows on the other through
// the bus, without the other reading the database on a page view.
func TestNodesAgree(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx, cancel := context.WithCancel(context.Background())
		quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
		b, err := bus.Start(ctx, "", t.TempDir(), quiet)
		if err != nil {
			t.Fatal(err)
		}
		relay := &bus.Relay{DB: db, Publisher: b, Log: quiet, Poll: 10 * time.Millisecond}
		done := make(chan struct{})
		go func() { _ = relay.Run(ctx); close(done) }()
		defer func() { cancel(); <-done; b.Close() }()
		node := func() *Service {
			s := New(Config{DB: db, Audit: audit.New(db), Networks: testNetworks, Log: quiet})
			if err := s.Start(ctx, b); err != nil {
				t.Fatal(err)
			}
			return s
		}
		a, other := node(), node()
		if other.Current(ctx).Overall() != Operational {
			t.Fatal("not operational at first")
		}
		in, err := a.Open(ctx, NewIncident{Impact: WithdrawalsSuspended, Components: []string{"network:bitcoin"}, Titles: en("BTC withdrawals paused"), Bodies: en("b")})
		if err != nil {
			t.Fatal(err)
		}
		waitUntil(t, "the other node shows the incident", func() bool { return other.Current(ctx).Overall() == WithdrawalsSuspended })
		if _, err := a.Resolve(ctx, in.ID, NewUpdate{Bodies: en("ok")}); err != nil {
			t.Fatal(err)
		}
		waitUntil(t, "the other node shows it resolved", func() bool {
			sn := other.Current(ctx)
			return sn.Overall() == Operational && len(sn.Recent) == 1
		})
	})
}

func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting: %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

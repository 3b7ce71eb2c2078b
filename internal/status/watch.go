package status

import (
	"context"
	"sync"
	"time"

	"github.com/groundcrew/groundcrew/internal/chain"
)

// Watcher reads each chain client's tip and reports to the status page
// when a network's blocks stall (the tip has not moved for StallAfter
// block times) or the exchange's node is behind (it knows of more than
// MaxBehind blocks it has not processed). A node that cannot be reached is
// logged, not reported: that is our outage, not the network's.
type Watcher struct {
	Status  *Service
	Clients []chain.HeadReader
	// BlockTime is each network's average block time (the registry's).
	BlockTime map[string]time.Duration
	Now       func() time.Time // the test clock in tests
	// StallAfter is how many block times without a new block make a
	// stall; at least MinStall. Default 10.
	StallAfter int
	MinStall   time.Duration // default 2 minutes
	MaxBehind  int64         // default 6 blocks

	mu   sync.Mutex
	seen map[string]tip
}

type tip struct {
	height int64
	since  time.Time // when this height was first seen
}

func (w *Watcher) stallLimit(network string) time.Duration {
	n := w.StallAfter
	if n <= 0 {
		n = 10
	}
	min := w.MinStall
	if min <= 0 {
		min = 2 * time.Minute
	}
	return max(time.Duration(n)*w.BlockTime[network], min)
}

// Check reads every client once and reports what changed.
func (w *Watcher) Check(ctx context.Context) {
	for _, c := range w.Clients {
		if err := w.checkOne(ctx, c); err != nil {
			w.Status.log.Warn("status watcher", "network", c.Network(), "err", err)
		}
	}
}

func (w *Watcher) checkOne(ctx context.Context, c chain.HeadReader) error {
	network := c.Network()
	h, err := c.Head(ctx)
	if err != nil {
		return err
	}
	now := w.Now()
	w.mu.Lock()
	if w.seen == nil {
		w.seen = map[string]tip{}
	}
	last, ok := w.seen[network]
	if !ok || h.Height != last.height {
		last = tip{height: h.Height, since: now}
		w.seen[network] = last
	}
	w.mu.Unlock()
	maxBehind := w.MaxBehind
	if maxBehind <= 0 {
		maxBehind = 6
	}
	stalled := now.Sub(last.since) >= w.stallLimit(network)
	return w.Status.reportChanges(ctx, []Report{
		{Source: "watch:" + network + ":stalled", Network: network, Impact: DepositsDelayed, Problem: stalled},
		{Source: "watch:" + network + ":behind", Network: network, Impact: DepositsDelayed, Problem: h.Behind > maxBehind},
	})
}

// Run checks every interval until ctx ends.
func (w *Watcher) Run(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		w.Check(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

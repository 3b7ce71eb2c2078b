package server

import (
	"context"
	"time"
)

// PruneEvery is how often a node deletes expired sessions, sign-in
// enrolments and old sign-in throttle rows. Every node prunes; the deletes
// are idempotent, so two nodes pruning at once only repeat each other.
const PruneEvery = 10 * time.Minute

// startPrune runs the auth prune loop until ctx ends.
func (a *App) startPrune(ctx context.Context) {
	a.wg.Add(1)
	go func() {
		defer a.wg.Done()
		t := time.NewTicker(PruneEvery)
		defer t.Stop()
		for {
			if n, err := a.auth.Prune(ctx); err != nil && ctx.Err() == nil {
				a.log.Warn("prune sessions", "err", err)
			} else if n > 0 {
				a.log.Debug("pruned expired sessions and sign-in rows", "rows", n)
			}
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
}

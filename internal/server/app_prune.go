package server

import (
	"context"
	"log/slog"
	"time"
)

// PruneEvery is how often a node deletes what has expired: sessions,
// sign-in enrolments and throttle rows, and old Idempotency-Keys. Every
// node prunes; the deletes are idempotent, so two nodes pruning at once
// only repeat each other. (The bus tables are pruned by the active relay.)
const PruneEvery = 10 * time.Minute

// startPrune prunes at start and then every PruneEvery until ctx ends.
func (a *App) startPrune(ctx context.Context) {
	a.wg.Add(1)
	go func() {
		defer a.wg.Done()
		t := time.NewTicker(PruneEvery)
		defer t.Stop()
		for {
			a.pruneOnce(ctx)
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
}

func (a *App) pruneOnce(ctx context.Context) {
	if n, err := a.auth.Prune(ctx); err != nil && ctx.Err() == nil {
		a.log.Warn("prune sessions", "err", err)
	} else if n > 0 {
		a.log.Log(ctx, slog.LevelDebug, "pruned expired sessions and sign-in rows", "rows", n)
	}
	if n, err := PruneIdempotencyKeys(ctx, a.db, a.cfg.IdempotencyRetention); err != nil && ctx.Err() == nil {
		a.log.Warn("prune idempotency keys", "err", err)
	} else if n > 0 {
		a.log.Log(ctx, slog.LevelDebug, "pruned idempotency keys", "rows", n, "retention", a.cfg.IdempotencyRetention)
	}
}

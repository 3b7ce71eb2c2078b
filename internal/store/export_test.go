package store

import (
	"context"
	"time"
)

// SetBeforeCommit makes g run fn before each batch's COMMIT (fn's error
// fails the batch), for tests that break a batch in the middle.
func SetBeforeCommit(g *Group, fn func(ctx context.Context, tx *Tx) error) { g.beforeCommit = fn }

// PreparedInTx counts the statements tx prepared for queries it repeated.
func PreparedInTx(tx *Tx) int {
	n := 0
	for _, r := range tx.repeats {
		if r.stmt != nil {
			n++
		}
	}
	return n
}

// SetPatience makes g's background calls (PatientTx) wait up to d for
// company, as GatherTx's do on SQLite.
func SetPatience(g *Group, d time.Duration) { g.patience = d }

// PatientTx makes a background writer's call of g, as GatherTx does.
func PatientTx(ctx context.Context, g *Group, key int64, fn func(ctx context.Context, tx *Tx) error) error {
	return g.tx(ctx, key, fn, true)
}

// Queued is how many calls wait in g's queue, the batch being gathered
// included.
func Queued(g *Group) int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.queue)
}

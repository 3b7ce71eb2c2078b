package store

import "context"

// SetBeforeCommit makes g run fn before each batch's COMMIT (fn's error
// fails the batch), for tests that break a batch in the middle.
func SetBeforeCommit(g *Group, fn func(ctx context.Context, tx *Tx) error) { g.beforeCommit = fn }

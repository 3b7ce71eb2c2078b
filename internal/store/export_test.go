package store

import "context"

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

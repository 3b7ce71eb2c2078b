package store_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// A statement a transaction runs again is prepared once on SQLite (the
// demo's history is many INSERTs of one text in one transaction), writes
// what each run was given, and goes with the transaction: a rolled-back
// one leaves nothing, and the next transaction runs the same text.
func TestRepeatedStatementInATransaction(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		// Each text is new to the shared cache, which prepares what a
		// transaction ran only after it.
		run := func(insert, prefix string, n int, fail error) error {
			return db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
				for i := range n {
					if _, err := tx.Exec(ctx, insert, fmt.Sprintf("%s%d", prefix, i), fmt.Sprint(i*i)); err != nil {
						return err
					}
				}
				want := map[store.Dialect]int{store.SQLite: 1, store.Postgres: 0}[db.Dialect]
				if got := store.PreparedInTx(tx); got != want {
					t.Errorf("%s: %d statements prepared in the transaction, want %d", prefix, got, want)
				}
				return fail
			})
		}
		if err := run(`INSERT INTO settings (name, value) VALUES (?, ?)`, "kept", 5, nil); err != nil {
			t.Fatal(err)
		}
		undo := errors.New("undo")
		if err := run(`INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING`, "undone", 3, undo); !errors.Is(err, undo) {
			t.Fatalf("rolled-back transaction: %v", err)
		}
		if err := db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
			_, err := tx.Exec(ctx, `INSERT INTO settings (name, value) VALUES (?, ?)`, "after", "x")
			return err
		}); err != nil {
			t.Fatalf("the same statement in the next transaction: %v", err)
		}
		rows, err := db.Query(ctx, `SELECT name, value FROM settings
			WHERE name = 'after' OR name LIKE 'kept%' OR name LIKE 'undone%' ORDER BY name`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var got []string
		for rows.Next() {
			var name, value string
			if err := rows.Scan(&name, &value); err != nil {
				t.Fatal(err)
			}
			got = append(got, name+"="+value)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		want := []string{"after=x", "kept0=0", "kept1=1", "kept2=4", "kept3=9", "kept4=16"}
		if !slices.Equal(got, want) {
			t.Errorf("settings %q, want %q", got, want)
		}
	})
}

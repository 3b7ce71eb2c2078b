package store_test

import (
	"context"
	"testing"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

func TestSettings(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if v, found, err := db.Setting(ctx, "test.colour"); err != nil || found || v != "" {
			t.Fatalf("unset setting: %q %v %v", v, found, err)
		}
		err := db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
			added, err := tx.AddSetting(ctx, "test.colour", "blue")
			if err != nil || !added {
				t.Fatalf("first add: %v %v", added, err)
			}
			added, err = tx.AddSetting(ctx, "test.colour", "red")
			if err != nil || added {
				t.Fatalf("second add must keep the first value: %v %v", added, err)
			}
			// Read inside the transaction, through both ways in.
			if v, found, err := tx.Setting(ctx, "test.colour"); err != nil || !found || v != "blue" {
				t.Fatalf("tx read: %q %v %v", v, found, err)
			}
			if v, _, err := db.Setting(ctx, "test.colour"); err != nil || v != "blue" {
				t.Fatalf("db read with the tx's ctx: %q %v", v, err)
			}
			return tx.PutSetting(ctx, "test.colour", "green")
		})
		if err != nil {
			t.Fatal(err)
		}
		if v, found, err := db.Setting(ctx, "test.colour"); err != nil || !found || v != "green" {
			t.Fatalf("after put: %q %v %v", v, found, err)
		}
		err = db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
			return tx.PutSetting(ctx, "test.other", "x")
		})
		if err != nil {
			t.Fatal(err)
		}
		if n := storetest.Scalar[int](t, db, `SELECT COUNT(*) FROM settings WHERE name LIKE 'test.%'`); n != 2 {
			t.Fatalf("rows: %d, want 2", n)
		}
	})
}

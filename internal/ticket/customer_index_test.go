package ticket

import (
	"context"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/store/storetest"
)

// TestCustomerByExternalIDUsesItsIndex: finding a customer by the
// exchange's user id goes through the unique index on external_id, which
// leaves out the empty id, instead of reading every customer (once per new
// chat conversation, with thousands of visitors). PostgreSQL is asked for
// the generic plan it switches to for a prepared statement, which knows
// nothing of the parameter's value.
func TestCustomerByExternalIDUsesItsIndex(t *testing.T) {
	queries := map[string]string{
		"upsert":  `SELECT id FROM customers WHERE ` + byExternalID,
		"by user": `SELECT t.id FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE ` + first(customerWhere(CustomerRef{ExternalID: "u"})),
	}
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		for name, q := range queries {
			var plan string
			err := db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
				if db.Dialect == store.SQLite {
					plan = explain(ctx, t, tx, `EXPLAIN QUERY PLAN `+q, "u-1")
					return nil
				}
				for _, set := range []string{`SET LOCAL enable_seqscan = off`, `SET LOCAL plan_cache_mode = force_generic_plan`,
					`PREPARE by_user (text) AS ` + strings.Replace(q, "?", "$1", 1)} {
					if _, err := tx.Exec(ctx, set); err != nil {
						return err
					}
				}
				plan = explain(ctx, t, tx, `EXPLAIN EXECUTE by_user ('u-1')`)
				_, err := tx.Exec(ctx, `DEALLOCATE by_user`)
				return err
			})
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if !strings.Contains(plan, "customers_external_id") {
				t.Errorf("%s: the plan does not use customers_external_id:\n%s", name, plan)
			}
		}
	})
}

func first(s string, _ any) string { return s }

// explain returns every line of a query plan, joined.
func explain(ctx context.Context, t *testing.T, tx *store.Tx, q string, args ...any) string {
	t.Helper()
	rows, err := tx.Query(ctx, q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		for _, v := range vals {
			switch v := v.(type) {
			case string:
				lines = append(lines, v)
			case []byte:
				lines = append(lines, string(v))
			}
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return strings.Join(lines, "\n")
}

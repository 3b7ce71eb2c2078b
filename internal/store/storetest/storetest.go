// Package storetest gives tests a freshly migrated real database: SQLite
// always, and PostgreSQL too when GROUNDCREW_TEST_POSTGRES names a server.
//
// Without that server the PostgreSQL half of each test skips with a line
// saying so; with CI set it fails instead, so a CI run cannot be green
// having tested one engine.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/groundcrew/groundcrew/internal/store"
)

// EnvPostgres names the PostgreSQL server tests may create schemas on.
const EnvPostgres = "GROUNDCREW_TEST_POSTGRES"

// Each runs fn as a subtest once per available engine, each time with a new,
// migrated, empty database that is removed when the subtest ends.
func Each(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	for _, engine := range Engines() {
		t.Run(string(engine), func(t *testing.T) {
			fn(t, Open(t, engine))
		})
	}
}

// Engines lists the engines every test runs on. Opening PostgreSQL without
// a server skips the test, or fails it under CI (see DSN).
func Engines() []store.Dialect {
	return []store.Dialect{store.SQLite, store.Postgres}
}

// EnvCI is set (to anything) by CI systems; there a missing dependency is a
// broken set-up, not a reason to skip.
const EnvCI = "CI"

// missingPostgres skips t, or fails it under CI, for want of a server.
func missingPostgres(t testing.TB) {
	t.Helper()
	if os.Getenv(EnvCI) != "" {
		t.Fatalf("PostgreSQL half not run: %s is not set and CI is (CI must test both engines; scripts/test.sh starts a server)", EnvPostgres)
	}
	t.Skipf("PostgreSQL half skipped: %s is not set (scripts/test.sh starts a server)", EnvPostgres)
}

// Open returns a new migrated database on the given engine.
func Open(t testing.TB, engine store.Dialect) *store.DB {
	t.Helper()
	dsn := DSN(t, engine)
	db, err := store.Open(context.Background(), dsn, t.TempDir())
	if err != nil {
		t.Fatalf("open %s: %v", engine, err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(context.Background()); err != nil {
		t.Fatalf("migrate %s: %v", engine, err)
	}
	return db
}

// OpenAt returns a new database on engine migrated up to version only,
// for tests of a later migration on rows written before it (Migrate
// applies the rest).
func OpenAt(t testing.TB, engine store.Dialect, version int) *store.DB {
	t.Helper()
	dsn := "sqlite:" + t.TempDir() + "/old.db"
	if engine == store.Postgres {
		base := os.Getenv(EnvPostgres)
		if base == "" {
			missingPostgres(t)
		}
		var drop func()
		var err error
		if dsn, drop, err = createPostgres(base, ""); err != nil {
			t.Fatalf("postgres: %v", err)
		}
		t.Cleanup(drop)
	}
	db, err := store.Open(context.Background(), dsn, t.TempDir())
	if err != nil {
		t.Fatalf("open %s: %v", engine, err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.MigrateTo(context.Background(), version); err != nil {
		t.Fatalf("migrate %s to %d: %v", engine, version, err)
	}
	return db
}

// DSN returns the address of a new database on engine with no rows. It is
// a copy of a database that this build's migrations already made (migrating
// costs seconds under the race detector or on a busy PostgreSQL, and every
// test would pay it): on SQLite a copied file, on PostgreSQL a database
// cloned from a template on the shared test server, dropped at cleanup.
func DSN(t testing.TB, engine store.Dialect) string {
	t.Helper()
	if engine == store.SQLite {
		path := t.TempDir() + "/test.db"
		if err := copyMigratedSQLite(path); err != nil {
			t.Fatalf("sqlite: %v", err)
		}
		return "sqlite:" + path
	}
	base := os.Getenv(EnvPostgres)
	if base == "" {
		missingPostgres(t)
	}
	dsn, drop, err := cloneMigratedPostgres(base)
	if err != nil {
		t.Fatalf("postgres: %v", err)
	}
	t.Cleanup(drop)
	return dsn
}

// copyMigratedSQLite writes a migrated, empty SQLite database to path. The
// first test process to need one for this set of migrations makes it in the
// temporary folder; the others copy it.
func copyMigratedSQLite(path string) error {
	digest, err := store.MigrationsDigest()
	if err != nil {
		return err
	}
	template := filepath.Join(os.TempDir(), "groundcrew-test-"+digest+".db")
	body, err := os.ReadFile(template)
	if errors.Is(err, fs.ErrNotExist) {
		if err := makeMigratedSQLite(template); err != nil {
			return err
		}
		body, err = os.ReadFile(template)
	}
	if err != nil {
		return fmt.Errorf("migrated template: %w", err)
	}
	return os.WriteFile(path, body, 0o600)
}

// makeMigratedSQLite migrates a database in a scratch folder and moves a
// single-file copy of it (no WAL beside it) to template in one rename, so a
// process running alongside never reads half a file.
func makeMigratedSQLite(template string) error {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "groundcrew-template-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	db, err := store.Open(ctx, "sqlite:"+dir+"/m.db", dir)
	if err != nil {
		return fmt.Errorf("migrated template: %w", err)
	}
	if _, err := db.Migrate(ctx); err != nil {
		db.Close()
		return fmt.Errorf("migrated template: %w", err)
	}
	db.Close()
	raw, err := sql.Open("sqlite", dir+"/m.db")
	if err != nil {
		return err
	}
	defer raw.Close()
	if _, err := raw.Exec(`VACUUM INTO ?`, dir+"/copy.db"); err != nil {
		return fmt.Errorf("migrated template: vacuum: %w", err)
	}
	return os.Rename(dir+"/copy.db", template)
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// Scalar runs a query that returns one row of one column and returns that
// value, failing t if it cannot be read: a check such as "COUNT(*) is 0"
// must not pass because the query failed and left its variable at zero.
func Scalar[T any](t testing.TB, db *store.DB, query string, args ...any) T {
	t.Helper()
	var v T
	if err := db.QueryRow(context.Background(), query, args...).Scan(&v); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return v
}

// IDs runs a query that returns one integer column and returns its values
// as a set, failing t if any row cannot be read.
func IDs(t testing.TB, db *store.DB, query string, args ...any) map[int64]bool {
	t.Helper()
	rows, err := db.Query(context.Background(), query, args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	ids, err := store.ScanIDs(rows)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	out := map[int64]bool{}
	for _, id := range ids {
		out[id] = true
	}
	return out
}

// Dump returns every value of every row of table as text, one row a line:
// what a copy of the database would show of it, for tests that check that
// a secret is nowhere in a table. It fails t if a row cannot be read.
func Dump(t testing.TB, db *store.DB, table string) string {
	t.Helper()
	rows, err := db.Query(context.Background(), `SELECT * FROM `+table)
	if err != nil {
		t.Fatalf("dump %s: %v", table, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatalf("dump %s: %v", table, err)
	}
	var out []byte
	vals := make([]sql.NullString, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatalf("dump %s: %v", table, err)
		}
		for i, v := range vals {
			out = fmt.Appendf(out, "%s=%s\t", cols[i], v.String)
		}
		out = append(out, '\n')
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("dump %s: %v", table, err)
	}
	return string(out)
}

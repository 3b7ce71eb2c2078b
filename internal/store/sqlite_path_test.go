package store_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/groundcrew/groundcrew/internal/store"
)

// TestSQLitePathIsTakenLiterally: a database path with characters that
// mean something in a file: URI ('#' starts a fragment, '?' a query, '%'
// an escape) opens that very file. Read as a URI, "/srv/a#2/db" opened
// "/srv/a", a file outside the data folder that another node (or test,
// named "demo#01") shares: its settings then belonged to someone else's
// keys, and start-up failed on the customer identity secret. SQLite only:
// PostgreSQL takes no path.
func TestSQLitePathIsTakenLiterally(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	for _, dir := range []string{"plain", "demo#01", "what?x=1", "100%25", "a b"} {
		t.Run(dir, func(t *testing.T) {
			path := filepath.Join(root, dir, "groundcrew.db")
			db, err := store.Open(ctx, "sqlite:"+path, filepath.Dir(path))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			if err := db.Close(); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(path); err != nil {
				t.Fatalf("the database is not at %s: %v", path, err)
			}
		})
	}
	// Nothing was written beside the folders, where a path cut at '#'
	// or '?' (or with %25 decoded) would have put it.
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() {
			t.Errorf("stray file %s in %s", e.Name(), root)
		}
	}
}

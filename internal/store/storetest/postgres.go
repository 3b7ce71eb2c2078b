package storetest

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"sync"

	"github.com/groundcrew/groundcrew/internal/store"
)

// templateLock is the advisory lock under which one test process builds
// the PostgreSQL template while the others, go test running packages side
// by side, wait for it.
const templateLock = 7_461_202_612

// cloneMigratedPostgres creates a database on the server at base as a copy
// of the migrated template and returns its address and a func that drops it.
func cloneMigratedPostgres(base string) (string, func(), error) {
	template, err := ensurePostgresTemplate(base)
	if err != nil {
		return "", nil, err
	}
	// FILE_COPY (PostgreSQL 15 and later) copies the template's files in
	// one go: a fraction of a second where the default block-by-block
	// copy took seconds on a busy server and migrating took longer still.
	return createPostgres(base, " TEMPLATE "+template+" STRATEGY FILE_COPY")
}

// createPostgres creates a database on the server at base (options follow
// CREATE DATABASE name) and returns its address and a func that drops it.
func createPostgres(base, options string) (string, func(), error) {
	admin, err := sql.Open("pgx", base)
	if err != nil {
		return "", nil, err
	}
	defer admin.Close()
	name := "t_" + randomHex(8)
	if _, err := admin.Exec("CREATE DATABASE " + name + options); err != nil {
		return "", nil, fmt.Errorf("create database: %w", err)
	}
	drop := func() {
		admin, err := sql.Open("pgx", base)
		if err != nil {
			return
		}
		defer admin.Close()
		// FORCE: a test that failed half-way may leave a connection open.
		_, _ = admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
	}
	dsn, err := withDatabase(base, name)
	if err != nil {
		drop()
		return "", nil, err
	}
	return dsn, drop, nil
}

// templateOnce remembers the template once this process made or found it;
// a failed attempt is retried by the next test rather than remembered.
var templateOnce struct {
	sync.Mutex
	name string
}

// ensurePostgresTemplate returns the name of the template database for this
// build's migrations, migrating it first if no process has yet. It is built
// under another name and renamed when complete, so a run that stopped
// half-way never leaves a template that looks ready.
func ensurePostgresTemplate(base string) (string, error) {
	templateOnce.Lock()
	defer templateOnce.Unlock()
	if templateOnce.name != "" {
		return templateOnce.name, nil
	}
	digest, err := store.MigrationsDigest()
	if err != nil {
		return "", err
	}
	name := "gc_template_" + digest
	ctx := context.Background()
	admin, err := sql.Open("pgx", base)
	if err != nil {
		return "", err
	}
	defer admin.Close()
	conn, err := admin.Conn(ctx) // the advisory lock belongs to one session
	if err != nil {
		return "", fmt.Errorf("template: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, templateLock); err != nil {
		return "", fmt.Errorf("template: lock: %w", err)
	}
	// Closing the session would unlock it too; this only says so sooner.
	defer func() { _, _ = conn.ExecContext(ctx, `SELECT pg_advisory_unlock($1)`, templateLock) }()
	var exists bool
	if err := conn.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&exists); err != nil {
		return "", fmt.Errorf("template: %w", err)
	}
	if !exists {
		if err := buildPostgresTemplate(ctx, conn, base, name); err != nil {
			return "", err
		}
	}
	templateOnce.name = name
	return name, nil
}

// buildPostgresTemplate migrates a new database and renames it to name.
func buildPostgresTemplate(ctx context.Context, conn *sql.Conn, base, name string) error {
	scratch := "gc_building_" + randomHex(6)
	if _, err := conn.ExecContext(ctx, "CREATE DATABASE "+scratch); err != nil {
		return fmt.Errorf("template: %w", err)
	}
	dsn, err := withDatabase(base, scratch)
	if err != nil {
		return err
	}
	db, err := store.Open(ctx, dsn, "")
	if err != nil {
		return fmt.Errorf("template: %w", err)
	}
	_, err = db.Migrate(ctx)
	db.Close() // a template must have no sessions when it is copied
	if err != nil {
		return fmt.Errorf("template: migrate: %w", err)
	}
	if _, err := conn.ExecContext(ctx, "ALTER DATABASE "+scratch+" RENAME TO "+name); err != nil {
		return fmt.Errorf("template: %w", err)
	}
	return nil
}

// withDatabase is base with its database name replaced.
func withDatabase(base, name string) (string, error) {
	u, err := url.Parse(base)
	if err != nil {
		return "", fmt.Errorf("%s: %w", EnvPostgres, err)
	}
	u.Path = "/" + name
	return u.String(), nil
}

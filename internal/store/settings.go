package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// The settings table holds one text value per name for the packages that
// keep a single installation-wide setting (the TOTP policy, the recovery
// team, the sealed identity secret, ...). Each package owns its names and
// the value's format; these helpers only read and write rows.

type rowQuerier interface {
	QueryRow(ctx context.Context, query string, args ...any) *sql.Row
}

// Setting reads the value stored under name (inside the transaction ctx
// carries, if any); found is false when there is none.
func (db *DB) Setting(ctx context.Context, name string) (value string, found bool, err error) {
	return readSetting(ctx, db, name)
}

// Setting reads the value stored under name within tx.
func (tx *Tx) Setting(ctx context.Context, name string) (value string, found bool, err error) {
	return readSetting(ctx, tx, name)
}

func readSetting(ctx context.Context, q rowQuerier, name string) (string, bool, error) {
	var value string
	err := q.QueryRow(ctx, `SELECT value FROM settings WHERE name = ?`, name).Scan(&value)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("read setting %s: %w", name, err)
	}
	return value, true, nil
}

// PutSetting stores value under name, replacing any value there.
func (tx *Tx) PutSetting(ctx context.Context, name, value string) error {
	_, err := tx.Exec(ctx, `INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value`, name, value)
	if err != nil {
		return fmt.Errorf("put setting %s: %w", name, err)
	}
	return nil
}

// AddSetting stores value under name unless a value is there already
// (another node may have stored one first); added says which.
func (tx *Tx) AddSetting(ctx context.Context, name, value string) (added bool, err error) {
	res, err := tx.Exec(ctx, `INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING`, name, value)
	if err != nil {
		return false, fmt.Errorf("add setting %s: %w", name, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("add setting %s: %w", name, err)
	}
	return n == 1, nil
}

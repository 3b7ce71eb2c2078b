package attach

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
)

// Blobs keeps files' bytes (already sealed) under a key. Every node must
// reach the same blobs: the database does by default; an S3-compatible
// store fits the same three methods.
type Blobs interface {
	Put(ctx context.Context, key string, data []byte) error
	Get(ctx context.Context, key string) ([]byte, error)
	Delete(ctx context.Context, key string) error
}

// DBBlobs keeps blobs in the attachment_blobs table.
type DBBlobs struct{ DB *store.DB }

func (b DBBlobs) Put(ctx context.Context, key string, data []byte) error {
	if _, err := b.DB.Exec(ctx, `INSERT INTO attachment_blobs (blob_key, data, created_at) VALUES (?, ?, ?)`,
		key, string(data), b.DB.Now()); err != nil {
		return fmt.Errorf("put blob: %w", err)
	}
	return nil
}

func (b DBBlobs) Get(ctx context.Context, key string) ([]byte, error) {
	var data string
	err := b.DB.QueryRow(ctx, `SELECT data FROM attachment_blobs WHERE blob_key = ?`, key).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.E(errs.NotFound, "the file's contents are missing")
	}
	if err != nil {
		return nil, fmt.Errorf("get blob: %w", err)
	}
	return []byte(data), nil
}

func (b DBBlobs) Delete(ctx context.Context, key string) error {
	if _, err := b.DB.Exec(ctx, `DELETE FROM attachment_blobs WHERE blob_key = ?`, key); err != nil {
		return fmt.Errorf("delete blob: %w", err)
	}
	return nil
}

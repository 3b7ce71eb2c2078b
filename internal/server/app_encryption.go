package server

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"

	"github.com/groundcrew/groundcrew/internal/seal"
	"github.com/groundcrew/groundcrew/internal/store"
	"github.com/groundcrew/groundcrew/internal/web"
)

// KeysFile is the key list's name in the data folder when no keys are configured.
const KeysFile = "encryption.keys"

// openKeyring builds the keyring that seals message bodies: from
// GROUNDCREW_ENCRYPTION_KEYS, from the file GROUNDCREW_ENCRYPTION_KEYS_FILE
// names, or else from encryption.keys in the data folder, which the first
// start creates with one random key. The keys are never kept in the
// database: whoever has a dump of it must not be able to read the bodies.
func (a *App) openKeyring() (*seal.Keyring, error) {
	switch {
	case a.cfg.EncryptionKeys != "":
		k, err := seal.Parse(a.cfg.EncryptionKeys)
		if err != nil {
			return nil, fmt.Errorf("config: GROUNDCREW_ENCRYPTION_KEYS: %w", err)
		}
		return k, nil
	case a.cfg.EncryptionKeysFile != "":
		b, err := os.ReadFile(a.cfg.EncryptionKeysFile)
		if err != nil {
			return nil, fmt.Errorf("config: GROUNDCREW_ENCRYPTION_KEYS_FILE: %w", err)
		}
		k, err := seal.Parse(string(b))
		if err != nil {
			return nil, fmt.Errorf("config: GROUNDCREW_ENCRYPTION_KEYS_FILE %s: %w", a.cfg.EncryptionKeysFile, err)
		}
		return k, nil
	}
	path := filepath.Join(a.cfg.DataDir, KeysFile)
	k, created, err := seal.LoadOrCreate(path)
	if err != nil {
		return nil, err
	}
	if created {
		a.log.Info("created the message-body encryption key; back it up apart from the database", "file", path, "key", k.Active())
	}
	if fi, err := os.Stat(path); err == nil && fi.Mode().Perm()&0o077 != 0 {
		a.log.Warn("the encryption key file is readable by others; chmod 600 it", "file", path, "mode", fi.Mode().Perm().String())
	}
	if a.db.Dialect == store.Postgres {
		a.log.Warn("message bodies are sealed with a key from this node's data folder; with more than one node, give all of them the same GROUNDCREW_ENCRYPTION_KEYS", "file", path)
	}
	return k, nil
}

// startReseal runs the re-seal job in the background until it is done or
// the app closes; after a key rotation it re-seals the older bodies.
func (a *App) startReseal(bg context.Context) {
	a.wg.Add(1)
	go func() {
		defer a.wg.Done()
		_ = a.reseal.Run(bg)
	}()
}

// sealStoredSecrets seals with the active key the agents' TOTP secrets and
// the automation webhook secrets that an older version left in plain text
// or an older key sealed, before any request reads them. A failure is
// logged, not fatal: the rows that do not open stay as they were and the
// rest still sign in and sign webhooks.
func (a *App) sealStoredSecrets(ctx context.Context) {
	for _, job := range []struct {
		what string
		run  func(context.Context) (int, error)
	}{
		{"agents' TOTP secrets", a.auth.SealTOTPSecrets},
		{"automation webhook secrets", a.automation.Service.SealSecrets},
	} {
		n, err := job.run(ctx)
		if err != nil {
			a.log.Warn("sealing stored secrets with the active key", "what", job.what, "sealed", n, "err", err)
		} else if n > 0 {
			a.log.Info("sealed stored secrets with the active key", "what", job.what, "sealed", n, "key", a.keys.Active())
		}
	}
}

// handleEncryption reports how far message bodies are sealed with the active key.
func (a *App) handleEncryption(w http.ResponseWriter, r *http.Request) error {
	st, err := a.reseal.Status(r.Context())
	if err != nil {
		return err
	}
	return web.JSON(w, http.StatusOK, st)
}

// idempotencyAAD binds a stored idempotent response to its caller and key.
func idempotencyAAD(principal, key string) string {
	return "idempotency_keys.response:" + principal + ":" + key
}

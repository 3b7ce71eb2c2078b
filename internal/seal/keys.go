package seal

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Parse reads a key list: "id:base64key" entries separated by commas or
// new lines, the active key first. Blank lines and lines starting with '#'
// are ignored. Errors name the key id, never the key.
func Parse(spec string) (*Keyring, error) {
	var keys []Key
	for _, line := range strings.Split(spec, "\n") {
		if t := strings.TrimSpace(line); t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		for _, entry := range strings.Split(line, ",") {
			entry = strings.TrimSpace(entry)
			if entry == "" {
				continue
			}
			id, b64, ok := strings.Cut(entry, ":")
			if !ok {
				return nil, fmt.Errorf("seal: key list entry %d: want id:base64key", len(keys)+1)
			}
			id = strings.TrimSpace(id)
			raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(b64))
			if err != nil {
				return nil, fmt.Errorf("seal: key %q: not standard base64", id)
			}
			keys = append(keys, Key{ID: id, Bytes: raw})
		}
	}
	if len(keys) == 0 {
		return nil, errors.New("seal: the key list is empty; want id:base64key[,id:base64key...]")
	}
	return New(keys...)
}

// NewKeyLine makes a random key and returns it as a key-list entry
// "id:base64key" whose id is "k" and eight random hex digits.
func NewKeyLine() (string, error) {
	var b [KeySize + 4]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("seal: new key: %w", err)
	}
	return "k" + hex.EncodeToString(b[KeySize:]) + ":" + base64.StdEncoding.EncodeToString(b[:KeySize]), nil
}

// LoadOrCreate reads the key list in the file at path, or, when there is no
// such file, writes one with a new random key (mode 0600, created only if it
// does not exist) and returns that. created tells which happened.
func LoadOrCreate(path string) (k *Keyring, created bool, err error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		switch cerr := create(path); {
		case cerr == nil:
			created = true
		case !errors.Is(cerr, fs.ErrExist): // another process may just have made it
			return nil, false, cerr
		}
		b, err = os.ReadFile(path)
	}
	if err != nil {
		return nil, false, fmt.Errorf("seal: read keys: %w", err)
	}
	if k, err = Parse(string(b)); err != nil {
		return nil, false, fmt.Errorf("%s: %w", path, err)
	}
	return k, created, nil
}

const keyFileHeader = `# Groundcrew message-body encryption keys: id:base64(32 bytes), one a line.
# The first key seals new messages; keep older keys below it until
# /admin/encryption says every message is sealed with the first one.
# Back this file up apart from database dumps: without it, bodies are lost.
`

func create(path string) error {
	line, err := NewKeyLine()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("seal: create keys: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("seal: create keys: %w", err)
	}
	_, err = f.WriteString(keyFileHeader + line + "\n")
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(path)
		return fmt.Errorf("seal: create keys: %w", err)
	}
	return nil
}

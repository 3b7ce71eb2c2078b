// Package seal encrypts text at rest with AES-256-GCM under a keyring of
// named keys. A sealed value describes itself,
//
//	gcenc:v1:<key id>:<base64(nonce || ciphertext+tag)>
//
// so that values sealed with an older key stay readable while the keyring
// holds that key, and a background job can find and re-seal them after the
// active key changes. Text without the prefix is legacy plaintext (written
// before encryption was on) and Open returns it unchanged.
//
// Every Seal and Open takes additional data (AAD): text that is not stored
// with the value but must be the same when it is opened, such as the table,
// column and owner of the row. A value copied to another place then fails to
// open instead of being shown there.
package seal

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Prefix starts every sealed value.
const Prefix = "gcenc:v1:"

// KeySize is the length of an AES-256 key in bytes.
const KeySize = 32

var (
	// ErrUnknownKey means a value was sealed with a key the keyring lacks.
	ErrUnknownKey = errors.New("unknown encryption key")
	// ErrCorrupt means a value could not be opened: it was changed, or it
	// was sealed with another key of the same id or for another row.
	ErrCorrupt = errors.New("sealed value does not open")
)

var keyIDPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$`)

// Keyring holds the keys values are sealed and opened with. The first key is
// the active one: Seal uses it; Open uses whichever key a value names.
// A Keyring is safe for concurrent use and never exposes its key bytes.
type Keyring struct {
	ids    []string // active first
	aead   map[string]cipher.AEAD
	derive map[string][]byte // per key: HMAC-SHA256(key, "groundcrew derive v1"), the root of Derive
}

// Key is one named key for New.
type Key struct {
	ID    string
	Bytes []byte // KeySize bytes
}

// New returns a keyring whose active key is the first one.
func New(keys ...Key) (*Keyring, error) {
	if len(keys) == 0 {
		return nil, errors.New("seal: no keys")
	}
	k := &Keyring{aead: map[string]cipher.AEAD{}, derive: map[string][]byte{}}
	for _, key := range keys {
		if !keyIDPattern.MatchString(key.ID) {
			return nil, fmt.Errorf("seal: key id %q: use 1 to 32 letters, digits, '.', '_' or '-', starting with a letter or digit", key.ID)
		}
		if _, dup := k.aead[key.ID]; dup {
			return nil, fmt.Errorf("seal: key id %q is listed twice", key.ID)
		}
		if len(key.Bytes) != KeySize {
			return nil, fmt.Errorf("seal: key %q is %d bytes; AES-256 needs %d (base64 of 32 random bytes, e.g. `openssl rand -base64 32`)", key.ID, len(key.Bytes), KeySize)
		}
		block, err := aes.NewCipher(key.Bytes)
		if err != nil {
			return nil, fmt.Errorf("seal: key %q: %w", key.ID, err)
		}
		gcm, err := cipher.NewGCM(block)
		if err != nil {
			return nil, fmt.Errorf("seal: key %q: %w", key.ID, err)
		}
		k.ids = append(k.ids, key.ID)
		k.aead[key.ID] = gcm
		root := hmac.New(sha256.New, key.Bytes)
		root.Write([]byte("groundcrew derive v1"))
		k.derive[key.ID] = root.Sum(nil)
	}
	return k, nil
}

// Active is the id of the key Seal uses.
func (k *Keyring) Active() string { return k.ids[0] }

// IDs lists the key ids, the active one first.
func (k *Keyring) IDs() []string { return slices.Clone(k.ids) }

// ActivePrefix is how every value sealed with the active key starts.
func (k *Keyring) ActivePrefix() string { return Prefix + k.ids[0] + ":" }

// SealedWithActive reports whether stored was sealed with the active key
// (and so needs no re-sealing after a rotation).
func (k *Keyring) SealedWithActive(stored string) bool {
	return strings.HasPrefix(stored, k.ActivePrefix())
}

// Derived is a key derived from one of the keyring's keys for one purpose.
type Derived struct {
	ID    string // the id of the key it was derived from
	Bytes []byte // 32 bytes
}

// Derive returns, for each key (the active one first), a 32-byte key for
// purpose (such as "blind-index"), so that other uses of the keyring (a
// keyed hash of an e-mail address, say) never use the sealing keys
// themselves, and one purpose's keys say nothing of another's. The same
// key and purpose always derive the same bytes.
func (k *Keyring) Derive(purpose string) []Derived {
	out := make([]Derived, len(k.ids))
	for i, id := range k.ids {
		m := hmac.New(sha256.New, k.derive[id])
		m.Write([]byte(purpose))
		out[i] = Derived{ID: id, Bytes: m.Sum(nil)}
	}
	return out
}

// Seal encrypts plaintext with the active key, bound to aad.
func (k *Keyring) Seal(plaintext, aad string) (string, error) {
	id := k.ids[0]
	gcm := k.aead[id]
	buf := make([]byte, gcm.NonceSize(), gcm.NonceSize()+len(plaintext)+gcm.Overhead())
	if _, err := rand.Read(buf); err != nil {
		return "", fmt.Errorf("seal: nonce: %w", err)
	}
	buf = gcm.Seal(buf, buf, []byte(plaintext), []byte(aad))
	var b strings.Builder
	b.Grow(len(Prefix) + len(id) + 1 + base64.StdEncoding.EncodedLen(len(buf)))
	b.WriteString(Prefix)
	b.WriteString(id)
	b.WriteByte(':')
	b.WriteString(base64.StdEncoding.EncodeToString(buf))
	return b.String(), nil
}

// Open decrypts a value from Seal with the key it names and the same aad.
// A value without the prefix is legacy plaintext and comes back unchanged.
func (k *Keyring) Open(stored, aad string) (string, error) {
	if !IsSealed(stored) {
		return stored, nil
	}
	id, data, ok := strings.Cut(stored[len(Prefix):], ":")
	if !ok {
		return "", fmt.Errorf("seal: %w: no key id", ErrCorrupt)
	}
	gcm, ok := k.aead[id]
	if !ok {
		return "", fmt.Errorf("seal: value sealed with key %q, which is not configured (keys: %s): %w; keep old keys after the active one until re-sealing finishes",
			id, strings.Join(k.ids, ", "), ErrUnknownKey)
	}
	raw, err := base64.StdEncoding.DecodeString(data)
	if err != nil {
		return "", fmt.Errorf("seal: key %q: %w: bad base64", id, ErrCorrupt)
	}
	if len(raw) < gcm.NonceSize()+gcm.Overhead() {
		return "", fmt.Errorf("seal: key %q: %w: too short", id, ErrCorrupt)
	}
	n := gcm.NonceSize()
	plain, err := gcm.Open(raw[n:n], raw[:n], raw[n:], []byte(aad)) // in place
	if err != nil {
		return "", fmt.Errorf("seal: key %q: %w: authentication failed (changed, moved to another row, or another key with this id)", id, ErrCorrupt)
	}
	return string(plain), nil
}

// IsSealed reports whether stored is a sealed value rather than plaintext.
func IsSealed(stored string) bool { return strings.HasPrefix(stored, Prefix) }

// KeyID is the id of the key stored was sealed with; ok is false for plaintext.
func KeyID(stored string) (id string, ok bool) {
	if !IsSealed(stored) {
		return "", false
	}
	id, _, ok = strings.Cut(stored[len(Prefix):], ":")
	return id, ok
}

package telegram

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/store"
)

// A deep-link token is what follows /start: Telegram allows at most 64
// characters of A-Z, a-z, 0-9, _ and - there
// (https://core.telegram.org/bots/features#deep-linking). It is
// base64url(id 9 bytes | expiry 8 bytes, Unix seconds | HMAC-SHA256 of
// both, first 16 bytes): 44 characters. The row under id names the
// exchange user and makes the token single use.
const (
	linkIDLen  = 9
	linkMACLen = 16
	linkLen    = linkIDLen + 8 + linkMACLen
	// LinkTTL is how long a deep link works.
	LinkTTL = 15 * time.Minute
)

// Links issues and redeems deep-link tokens.
type Links struct {
	db  *store.DB
	key []byte
}

// NewLinks returns the token store; key signs the tokens.
func NewLinks(db *store.DB, key []byte) *Links { return &Links{db: db, key: key} }

func (l *Links) mac(b []byte) []byte {
	m := hmac.New(sha256.New, l.key)
	m.Write(b)
	return m.Sum(nil)[:linkMACLen]
}

// Issue makes a deep link to exchange user externalID for the holder of
// an identity token whose OnceKey is tokenKey (valid until tokenExpires).
// Whatever claims it carries, such a token buys one link: a leaked copy
// presented again is a Conflict, and the link it bought lives LinkTTL.
func (l *Links) Issue(ctx context.Context, externalID, tokenKey string, tokenExpires time.Time) (string, time.Time, error) {
	if tokenKey == "" {
		return "", time.Time{}, errors.New("issue link: no identity token key to spend")
	}
	if externalID == "" || len(externalID) > 200 {
		return "", time.Time{}, errs.Field("external_id", "external_id must be 1-200 characters")
	}
	b := make([]byte, linkLen)
	if _, err := rand.Read(b[:linkIDLen]); err != nil {
		return "", time.Time{}, fmt.Errorf("issue link: %w", err)
	}
	exp := l.db.Clock()().Add(LinkTTL).Truncate(time.Second)
	binary.BigEndian.PutUint64(b[linkIDLen:], uint64(exp.Unix()))
	copy(b[linkIDLen+8:], l.mac(b[:linkIDLen+8]))
	err := l.db.Tx(ctx, func(ctx context.Context, tx *store.Tx) error {
		if err := useToken(ctx, tx, tokenKey, tokenExpires); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO telegram_links (id, external_id, expires_at) VALUES (?, ?, ?)`,
			hex.EncodeToString(b[:linkIDLen]), externalID, exp.UnixMilli())
		return err
	})
	if err != nil {
		return "", time.Time{}, fmt.Errorf("issue link: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), exp, nil
}

// useToken records the identity token with key tokenID as spent until it
// expires, or is a Conflict when it was spent before. Uses past their
// token's expiry are dropped on the way: the signer refuses those tokens.
func useToken(ctx context.Context, tx *store.Tx, tokenID string, expires time.Time) error {
	if _, err := tx.Exec(ctx, `DELETE FROM telegram_token_uses WHERE expires_at < ?`, tx.Now()); err != nil {
		return err
	}
	sum := sha256.Sum256([]byte(tokenID))
	res, err := tx.Exec(ctx, `INSERT INTO telegram_token_uses (jti_hash, expires_at) VALUES (?, ?) ON CONFLICT (jti_hash) DO NOTHING`,
		hex.EncodeToString(sum[:]), expires.UnixMilli())
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return errors.Join(err, errs.E(errs.Conflict, "this identity token was used for a Telegram link already; sign in on the exchange again for a new one"))
	}
	return nil
}

// Redeem checks token and uses it up for chatID, returning the exchange
// user it links. A forged, expired or used token is Unauthorized.
func (l *Links) Redeem(ctx context.Context, tx *store.Tx, token string, chatID int64) (string, error) {
	bad := errs.E(errs.Unauthorized, "this link is not valid; open the Telegram link again from the exchange's website or app")
	b, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil || len(b) != linkLen {
		return "", bad
	}
	if !hmac.Equal(b[linkIDLen+8:], l.mac(b[:linkIDLen+8])) {
		return "", bad
	}
	exp := int64(binary.BigEndian.Uint64(b[linkIDLen:]))
	now := tx.Now()
	if exp*1000 <= now {
		return "", errs.E(errs.Unauthorized, "this link has expired; open a new one from the exchange's website or app")
	}
	id := hex.EncodeToString(b[:linkIDLen])
	res, err := tx.Exec(ctx, `UPDATE telegram_links SET used_at = ?, chat_id = ? WHERE id = ? AND used_at IS NULL AND expires_at > ?`,
		now, chatID, id, now)
	if err != nil {
		return "", fmt.Errorf("redeem link: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return "", errors.Join(err, errs.E(errs.Unauthorized, "this link was used already; open a new one from the exchange's website or app"))
	}
	var user string
	if err := tx.QueryRow(ctx, `SELECT external_id FROM telegram_links WHERE id = ?`, id).Scan(&user); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return "", bad
		}
		return "", fmt.Errorf("redeem link: %w", err)
	}
	return user, nil
}

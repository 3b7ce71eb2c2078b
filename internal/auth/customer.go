package auth

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
)

// CustomerIdentity is a customer signed in through the exchange (level L1):
// the exchange signs who the user is, and Groundcrew checks the signature.
type CustomerIdentity struct {
	UserID  string    `json:"sub"`
	Expires time.Time `json:"-"`
}

type identityClaims struct {
	Sub string `json:"sub"`
	Exp int64  `json:"exp"`
}

// IdentitySigner signs and checks customer identity tokens:
// base64url(claims JSON) "." base64url(HMAC-SHA256(secret, claims part)).
// The exchange holds the same secret and signs tokens for its signed-in users.
type IdentitySigner struct {
	Secret []byte
}

// MaxIdentityLifetime bounds how far in the future a token may expire.
const MaxIdentityLifetime = 24 * time.Hour

// Sign returns a token for userID that expires after ttl.
func (s IdentitySigner) Sign(userID string, ttl time.Duration) string {
	claims, _ := json.Marshal(identityClaims{Sub: userID, Exp: time.Now().Add(ttl).Unix()})
	part := base64.RawURLEncoding.EncodeToString(claims)
	return part + "." + base64.RawURLEncoding.EncodeToString(s.mac(part))
}

func (s IdentitySigner) mac(part string) []byte {
	m := hmac.New(sha256.New, s.Secret)
	m.Write([]byte(part))
	return m.Sum(nil)
}

// Verify checks a token's signature and expiry.
func (s IdentitySigner) Verify(token string) (CustomerIdentity, error) {
	bad := errs.E(errs.Unauthorized, "the identity token is not valid; sign in on the exchange again")
	if len(s.Secret) == 0 || len(token) > 2048 {
		return CustomerIdentity{}, bad
	}
	part, sig, ok := strings.Cut(token, ".")
	if !ok {
		return CustomerIdentity{}, bad
	}
	got, err := base64.RawURLEncoding.DecodeString(sig)
	if err != nil || !hmac.Equal(got, s.mac(part)) {
		return CustomerIdentity{}, bad
	}
	raw, err := base64.RawURLEncoding.DecodeString(part)
	if err != nil {
		return CustomerIdentity{}, bad
	}
	var c identityClaims
	if err := json.Unmarshal(raw, &c); err != nil || c.Sub == "" || len(c.Sub) > 200 {
		return CustomerIdentity{}, bad
	}
	exp := time.Unix(c.Exp, 0)
	now := time.Now()
	if !exp.After(now) {
		return CustomerIdentity{}, errs.E(errs.Unauthorized, "the identity token has expired; sign in on the exchange again")
	}
	if exp.After(now.Add(MaxIdentityLifetime)) {
		return CustomerIdentity{}, bad
	}
	return CustomerIdentity{UserID: c.Sub, Expires: exp}, nil
}

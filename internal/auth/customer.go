package auth

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"strings"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
)

// CustomerIdentity is a customer signed in through the exchange: the
// exchange signs who the user is (level L1) and, right after the user
// confirmed a fresh 2FA or e-mail code, when that was (level L2).
type CustomerIdentity struct {
	UserID  string    `json:"sub"`
	Expires time.Time `json:"-"`
	// Level is L1, or L2 while AuthTime is within StepUpWindow.
	Level Level `json:"-"`
	// AuthTime is when the user confirmed the code; zero for a plain sign-in.
	// A token whose AuthTime is older than StepUpWindow is still a valid L1
	// identity, but VerifyStepUp refuses it.
	AuthTime time.Time `json:"-"`
	// Nonce is the step-up request's nonce that the exchange signed into its
	// answer: it binds the token to the one request it completes.
	Nonce string `json:"-"`
	// Name, Email, Phone (the phone_number claim: the number the exchange
	// has on record), TokenID (jti) and IssuedAt come with JWT tokens only.
	Name     string    `json:"-"`
	Email    string    `json:"-"`
	Phone    string    `json:"-"`
	TokenID  string    `json:"-"`
	IssuedAt time.Time `json:"-"`
	// signature is the token's decoded signature (hex): the HMAC over what
	// was signed, so one token, however its base64 is spelled, has one.
	signature string
}

// OnceKey names this token for a use that must happen once (a Telegram
// link): its jti when the exchange sets one, else its signature, which
// every token has. A copy of the token has the same key; a token signed
// for another user, or at another time, has another.
func (id CustomerIdentity) OnceKey() string {
	if id.TokenID != "" {
		return "jti:" + id.TokenID
	}
	return "sig:" + id.signature
}

// identityClaims is the token's JSON. Lvl and AuthTime are optional: a token
// without them (every token before levels existed) is an L1 sign-in.
type identityClaims struct {
	Sub      string `json:"sub"`
	Exp      int64  `json:"exp"`
	Lvl      int    `json:"lvl,omitempty"`
	AuthTime int64  `json:"auth_time,omitempty"`
	Nonce    string `json:"nonce,omitempty"`
}

// IdentitySigner signs and checks customer identity tokens:
// base64url(claims JSON) "." base64url(HMAC-SHA256(secret, claims part)).
// The exchange holds the same secret and signs tokens for its signed-in users.
type IdentitySigner struct {
	Secret []byte
	// MaxLife bounds the life of a token that signs a customer in
	// (VerifySignIn); 0 is DefaultSignInLife.
	MaxLife time.Duration
}

// MaxIdentityLifetime bounds how far in the future a token may expire.
const MaxIdentityLifetime = 24 * time.Hour

// Sign returns an L1 token for userID that expires after ttl.
func (s IdentitySigner) Sign(userID string, ttl time.Duration) string {
	return s.sign(identityClaims{Sub: userID, Exp: time.Now().Add(ttl).Unix()})
}

// SignStepUp returns an L2 token for userID, who confirmed a fresh 2FA or
// e-mail code at authTime in answer to the step-up request whose nonce
// Groundcrew sent; the token expires after ttl, and counts as L2 only until
// authTime + StepUpWindow.
func (s IdentitySigner) SignStepUp(userID string, authTime time.Time, ttl time.Duration, nonce string) string {
	return s.sign(identityClaims{Sub: userID, Exp: time.Now().Add(ttl).Unix(), Lvl: int(L2), AuthTime: authTime.Unix(), Nonce: nonce})
}

// MaxNonce bounds a token's nonce claim.
const MaxNonce = 128

func (s IdentitySigner) sign(c identityClaims) string {
	claims, _ := json.Marshal(c)
	part := base64.RawURLEncoding.EncodeToString(claims)
	return part + "." + base64.RawURLEncoding.EncodeToString(s.mac(part))
}

func (s IdentitySigner) mac(part string) []byte {
	m := hmac.New(sha256.New, s.Secret)
	m.Write([]byte(part))
	return m.Sum(nil)
}

// Verify checks a token's signature, expiry and level. A token that claims
// L2 with an auth_time older than StepUpWindow is an L1 identity.
func (s IdentitySigner) Verify(token string) (CustomerIdentity, error) {
	bad := errs.E(errs.Unauthorized, "the identity token is not valid; sign in on the exchange again")
	if len(s.Secret) == 0 || len(token) > 2048 {
		return CustomerIdentity{}, bad
	}
	if isJWT(token) {
		return s.verifyJWT(token, time.Now())
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
	if err := json.Unmarshal(raw, &c); err != nil || c.Sub == "" || len(c.Sub) > 200 || len(c.Nonce) > MaxNonce || !plainClaims(c.Sub, c.Nonce) {
		return CustomerIdentity{}, bad
	}
	exp := time.Unix(c.Exp, 0)
	now := time.Now()
	if !exp.After(now) {
		return CustomerIdentity{}, &errs.Error{Kind: errs.Unauthorized, Msg: "the identity token has expired; sign in on the exchange again", Err: ErrIdentityExpired}
	}
	if exp.After(now.Add(MaxIdentityLifetime)) {
		return CustomerIdentity{}, bad
	}
	id := CustomerIdentity{UserID: c.Sub, Expires: exp, Level: L1, Nonce: c.Nonce, signature: hex.EncodeToString(got)}
	if err := applyLevel(&id, c.Lvl, c.AuthTime, now, bad); err != nil {
		return CustomerIdentity{}, err
	}
	return id, nil
}

// VerifyStepUp is Verify for the exchange's answer to a step-up: it accepts
// only a token whose step-up is fresh (L2).
func (s IdentitySigner) VerifyStepUp(token string) (CustomerIdentity, error) {
	id, err := s.Verify(token)
	switch {
	case err != nil:
		return CustomerIdentity{}, err
	case id.AuthTime.IsZero():
		return CustomerIdentity{}, errs.E(errs.Unauthorized, "this identity token carries no step-up; confirm it is you with a fresh 2FA or e-mail code on the exchange")
	case id.Level < L2:
		return CustomerIdentity{}, errs.E(errs.Unauthorized, "the 2FA or e-mail code was confirmed more than %d minutes ago; confirm again on the exchange",
			int(StepUpWindow.Minutes()))
	}
	return id, nil
}

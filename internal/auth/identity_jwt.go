package auth

import (
	"encoding/hex"
	"errors"
	"net/mail"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/golang-jwt/jwt/v5"

	"github.com/groundcrew/groundcrew/internal/errs"
)

// The exchange may sign its users' identity as a standard JWT (RFC 7519),
// the scheme Intercom and Zendesk messaging use, so that any JWT library
// makes one: HS256 with the identity secret, claims sub, exp, iat and
// optionally name, email, lvl, auth_time, nonce and jti. Verify accepts it
// beside the older two-part token.

// ErrIdentityExpired is the cause of the Unauthorized error for an identity
// token whose expiry has passed, so that callers can say so.
var ErrIdentityExpired = errors.New("identity token expired")

// identityLeeway is the clock skew allowed on exp, iat and nbf.
const identityLeeway = time.Minute

// jwtClaims is a JWT identity token's claims.
type jwtClaims struct {
	jwt.RegisteredClaims
	Name     string `json:"name,omitempty"`
	Email    string `json:"email,omitempty"`
	Lvl      int    `json:"lvl,omitempty"`
	AuthTime int64  `json:"auth_time,omitempty"`
	Nonce    string `json:"nonce,omitempty"`
	// Phone is OpenID Connect's phone_number claim: the number the exchange
	// has on record for the user, which Groundcrew may then trust to match
	// their calls (a number a customer types proves nothing).
	Phone string `json:"phone_number,omitempty"`
}

// isJWT tells a JWT (header.claims.signature) from the two-part token.
func isJWT(token string) bool { return strings.Count(token, ".") == 2 }

// verifyJWT checks a JWT identity token: HS256 only (the algorithm is
// pinned, so "none" and RS256 tokens, or an HS256 token made with a public
// key, are refused), a signature by s.Secret, exp and iat present, iat not
// in the future, and a lifetime of at most MaxIdentityLifetime.
func (s IdentitySigner) verifyJWT(token string, now time.Time) (CustomerIdentity, error) {
	bad := errs.E(errs.Unauthorized, "the identity token is not valid; sign in on the exchange again")
	var c jwtClaims
	p := jwt.NewParser(jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}), jwt.WithLeeway(identityLeeway),
		jwt.WithExpirationRequired(), jwt.WithIssuedAt(), jwt.WithTimeFunc(func() time.Time { return now }))
	tok, err := p.ParseWithClaims(token, &c, func(*jwt.Token) (any, error) { return s.Secret, nil })
	switch {
	case errors.Is(err, jwt.ErrTokenExpired) && !errors.Is(err, jwt.ErrTokenSignatureInvalid):
		return CustomerIdentity{}, &errs.Error{Kind: errs.Unauthorized, Msg: "the identity token has expired; sign in on the exchange again", Err: ErrIdentityExpired}
	case err != nil:
		return CustomerIdentity{}, &errs.Error{Kind: errs.Unauthorized, Msg: bad.Error(), Err: err}
	}
	if c.IssuedAt == nil || c.ExpiresAt == nil || c.Subject == "" || len(c.Subject) > 200 ||
		len(c.Nonce) > MaxNonce || len(c.Name) > 200 || len(c.ID) > 200 || len(c.Phone) > 40 ||
		c.ExpiresAt.Sub(c.IssuedAt.Time) > MaxIdentityLifetime || c.ExpiresAt.After(now.Add(MaxIdentityLifetime)) {
		return CustomerIdentity{}, bad
	}
	if !plainClaims(c.Subject, c.Name, c.Email, c.Nonce, c.ID, c.Phone) {
		return CustomerIdentity{}, bad
	}
	if c.Email != "" {
		if a, err := mail.ParseAddress(c.Email); err != nil || a.Address != c.Email || len(c.Email) > 254 {
			return CustomerIdentity{}, bad
		}
	}
	id := CustomerIdentity{UserID: c.Subject, Expires: c.ExpiresAt.Time, Level: L1, Nonce: c.Nonce,
		Name: strings.TrimSpace(c.Name), Email: strings.ToLower(c.Email), Phone: c.Phone, TokenID: c.ID, IssuedAt: c.IssuedAt.Time,
		signature: hex.EncodeToString(tok.Signature)}
	return id, applyLevel(&id, c.Lvl, c.AuthTime, now, bad)
}

// plainClaims reports whether every claim is valid UTF-8 without control
// characters. The exchange signs user ids and names, never NUL or a raw
// byte; such a claim would be refused by every store it reaches (a widget
// session failing as an internal error), so the token is not valid.
func plainClaims(claims ...string) bool {
	for _, c := range claims {
		if !utf8.ValidString(c) || strings.ContainsFunc(c, unicode.IsControl) {
			return false
		}
	}
	return true
}

// applyLevel sets id's level from the lvl and auth_time claims: absent or 1
// is a sign-in; 2 is a step-up while auth_time is fresh.
func applyLevel(id *CustomerIdentity, lvl int, authTime int64, now time.Time, bad error) error {
	switch Level(lvl) {
	case L0, L1: // absent or explicit: a signed identity is a sign-in; auth_time is ignored
	case L2:
		at := time.Unix(authTime, 0)
		if authTime <= 0 || at.After(now.Add(maxClockSkew)) {
			return bad
		}
		id.AuthTime = at
		if now.Sub(at) <= StepUpWindow {
			id.Level = L2
		}
	default:
		return bad
	}
	return nil
}

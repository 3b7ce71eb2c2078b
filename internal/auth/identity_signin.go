package auth

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/groundcrew/groundcrew/internal/errs"
)

// A token the exchange hands over for a sign-in (a page's ?identity=, an
// API intake's customer.identity, a Telegram link) must be short-lived,
// like the widget's: a copy that leaks through a log, a proxy or the
// browser's history is then soon worth nothing. The widget refreshes its
// token; a page signed in by a link keeps its own cookie (CustomerPageLife).

// DefaultSignInLife is IdentitySigner.MaxLife's default.
const DefaultSignInLife = 10 * time.Minute

// CustomerPageLife is how long a customer page stays signed in after the
// exchange's link signed it in; after that the exchange's link signs in
// again.
const CustomerPageLife = time.Hour

// ErrIdentityTooLong is the cause of the Unauthorized error for a sign-in
// token that lives longer than IdentitySigner.MaxLife.
var ErrIdentityTooLong = errors.New("identity token lives too long")

// ErrIdentityReplayed is the cause of the Unauthorized error for a sign-in
// link's token presented a second time.
var ErrIdentityReplayed = errors.New("identity token used already")

// SignInLife is the longest life a sign-in token may have.
func (s IdentitySigner) SignInLife() time.Duration {
	if s.MaxLife > 0 {
		return s.MaxLife
	}
	return DefaultSignInLife
}

// VerifySignIn is Verify for a token that signs a customer in: its life
// (exp - iat; for the two-part token, which has no iat, exp - now) is at
// most SignInLife.
func (s IdentitySigner) VerifySignIn(token string) (CustomerIdentity, error) {
	id, err := s.Verify(token)
	if err != nil {
		return id, err
	}
	from := id.IssuedAt
	if from.IsZero() {
		from = time.Now()
	}
	if life := s.SignInLife(); id.Expires.Sub(from) > life+identityLeeway {
		return CustomerIdentity{}, &errs.Error{Kind: errs.Unauthorized, Err: ErrIdentityTooLong,
			Msg: fmt.Sprintf("the identity token lives longer than %d minutes; the exchange signs a fresh one for each sign-in", int(life.Minutes()))}
	}
	return id, nil
}

// SpendSignIn records that id's token signed a customer in from a link,
// until it expires: the same token presented again (the link replayed from
// a history or a log) is Unauthorized.
func (v *Verifications) SpendSignIn(ctx context.Context, id CustomerIdentity) error {
	sum := sha256.Sum256([]byte(id.OnceKey()))
	now := v.db.Clock()()
	if _, err := v.db.Exec(ctx, `DELETE FROM identity_token_uses WHERE expires_at < ?`, now.UnixMilli()); err != nil {
		return fmt.Errorf("spend sign-in token: %w", err)
	}
	res, err := v.db.Exec(ctx, `INSERT INTO identity_token_uses (key_hash, expires_at) VALUES (?, ?) ON CONFLICT (key_hash) DO NOTHING`,
		hex.EncodeToString(sum[:]), id.Expires.Add(identityLeeway).UnixMilli())
	if err != nil {
		return fmt.Errorf("spend sign-in token: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("spend sign-in token: %w", err)
	} else if n != 1 {
		return &errs.Error{Kind: errs.Unauthorized, Err: ErrIdentityReplayed,
			Msg: "this sign-in link was used already; open it again from the exchange"}
	}
	return nil
}

// SignInLink signs in the customer of a link's token: VerifySignIn, then
// SpendSignIn, so a token signs in once. It returns the token the page's
// cookie keeps instead (SignPage, for CustomerPageLife) and its identity.
// Every customer page that takes an exchange's token in its URL (the
// deposit pages, step-up, the help center's My requests, the callback
// form) signs in through here.
func (v *Verifications) SignInLink(ctx context.Context, token string) (string, CustomerIdentity, error) {
	id, err := v.signer.VerifySignIn(token)
	if err != nil {
		return "", CustomerIdentity{}, err
	}
	if err := v.SpendSignIn(ctx, id); err != nil {
		return "", CustomerIdentity{}, err
	}
	page := v.signer.SignPage(id, CustomerPageLife)
	pid, err := v.signer.Verify(page)
	if err != nil {
		return "", CustomerIdentity{}, fmt.Errorf("sign in from link: %w", err)
	}
	return page, pid, nil
}

// SignPage is Groundcrew's own L1 token for id's user, for a page's cookie:
// a JWT that keeps what the exchange vouched for (name, e-mail, the
// phone_number that matches calls to the user) and lives ttl. It never
// carries a step-up: L2 belongs to the one request it completed.
func (s IdentitySigner) SignPage(id CustomerIdentity, ttl time.Duration) string {
	now := time.Now()
	c := jwtClaims{RegisteredClaims: jwt.RegisteredClaims{Subject: id.UserID, IssuedAt: jwt.NewNumericDate(now), ExpiresAt: jwt.NewNumericDate(now.Add(ttl))},
		Name: id.Name, Email: id.Email, Phone: id.Phone}
	tok, err := jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString(s.Secret)
	if err != nil {
		// HS256 fails only without a key, and Verify refuses every token then.
		return ""
	}
	return tok
}

package auth

import (
	"encoding/base64"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/groundcrew/groundcrew/internal/errs"
)

func signJWT(t testing.TB, m jwt.SigningMethod, secret string, c jwt.MapClaims) string {
	t.Helper()
	s, err := jwt.NewWithClaims(m, c).SignedString([]byte(secret))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestVerifyJWT: the exchange's JWT identity tokens, good and bad. The
// socket tests in internal/chat cover the same through the widget.
func TestVerifyJWT(t *testing.T) {
	s := IdentitySigner{Secret: []byte("exchange-shared-secret")}
	now := time.Now()
	base := func(extra jwt.MapClaims) jwt.MapClaims {
		c := jwt.MapClaims{"sub": "u-1", "iat": now.Unix(), "exp": now.Add(time.Hour).Unix()}
		for k, v := range extra {
			c[k] = v
		}
		return c
	}
	good := signJWT(t, jwt.SigningMethodHS256, "exchange-shared-secret", base(jwt.MapClaims{"name": " Ana ", "email": "Ana@Example.com", "jti": "j1", "phone_number": "+34 600 123 456"}))
	id, err := s.Verify(good)
	if err != nil || id.UserID != "u-1" || id.Level != L1 || id.Name != "Ana" || id.Email != "ana@example.com" || id.TokenID != "j1" || id.Phone != "+34 600 123 456" {
		t.Fatalf("Verify(good) = %+v, %v", id, err)
	}
	stepUp := signJWT(t, jwt.SigningMethodHS256, "exchange-shared-secret", base(jwt.MapClaims{"lvl": 2, "auth_time": now.Unix(), "nonce": "n-1"}))
	if id, err := s.VerifyStepUp(stepUp); err != nil || id.Level != L2 || id.Nonce != "n-1" {
		t.Fatalf("VerifyStepUp = %+v, %v", id, err)
	}
	skewed := signJWT(t, jwt.SigningMethodHS256, "exchange-shared-secret", base(jwt.MapClaims{"iat": now.Add(30 * time.Second).Unix()}))
	if _, err := s.Verify(skewed); err != nil {
		t.Fatalf("an iat 30 s ahead (within the skew): %v", err)
	}
	none := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"none","typ":"JWT"}`)) + "." + strings.Split(good, ".")[1] + "."
	bad := map[string]string{
		"other secret": signJWT(t, jwt.SigningMethodHS256, "attacker", base(nil)),
		"HS512":        signJWT(t, jwt.SigningMethodHS512, "exchange-shared-secret", base(nil)),
		"alg none":     none,
		"future iat":   signJWT(t, jwt.SigningMethodHS256, "exchange-shared-secret", base(jwt.MapClaims{"iat": now.Add(5 * time.Minute).Unix()})),
		"no iat":       signJWT(t, jwt.SigningMethodHS256, "exchange-shared-secret", jwt.MapClaims{"sub": "u", "exp": now.Add(time.Hour).Unix()}),
		"no exp":       signJWT(t, jwt.SigningMethodHS256, "exchange-shared-secret", jwt.MapClaims{"sub": "u", "iat": now.Unix()}),
		"long-lived":   signJWT(t, jwt.SigningMethodHS256, "exchange-shared-secret", base(jwt.MapClaims{"exp": now.Add(25 * time.Hour).Unix()})),
		"nbf ahead":    signJWT(t, jwt.SigningMethodHS256, "exchange-shared-secret", base(jwt.MapClaims{"nbf": now.Add(time.Hour).Unix()})),
		"sub a number": signJWT(t, jwt.SigningMethodHS256, "exchange-shared-secret", base(jwt.MapClaims{"sub": 42})),
		"lvl 2 stale":  signJWT(t, jwt.SigningMethodHS256, "exchange-shared-secret", base(jwt.MapClaims{"lvl": 2})),
		"long phone":   signJWT(t, jwt.SigningMethodHS256, "exchange-shared-secret", base(jwt.MapClaims{"phone_number": strings.Repeat("1", 41)})),
		// Claims no store would keep: before, a NUL in sub passed here and
		// failed the widget session as an internal error.
		"NUL in sub":       signJWT(t, jwt.SigningMethodHS256, "exchange-shared-secret", base(jwt.MapClaims{"sub": "u-1\x00"})),
		"NUL in name":      signJWT(t, jwt.SigningMethodHS256, "exchange-shared-secret", base(jwt.MapClaims{"name": "An\x00a"})),
		"newline in jti":   signJWT(t, jwt.SigningMethodHS256, "exchange-shared-secret", base(jwt.MapClaims{"jti": "j\n1"})),
		"control in nonce": signJWT(t, jwt.SigningMethodHS256, "exchange-shared-secret", base(jwt.MapClaims{"nonce": "n\x7f"})),
		"two-part NUL sub": s.sign(identityClaims{Sub: "u-1\x00", Exp: now.Add(time.Hour).Unix()}),
	}
	for name, tok := range bad {
		if _, err := s.Verify(tok); !errs.Is(err, errs.Unauthorized) || errors.Is(err, ErrIdentityExpired) {
			t.Errorf("%s: Verify = %v, want Unauthorized, not expired", name, err)
		}
	}
	expired := signJWT(t, jwt.SigningMethodHS256, "exchange-shared-secret", base(jwt.MapClaims{"iat": now.Add(-3 * time.Hour).Unix(), "exp": now.Add(-2 * time.Minute).Unix()}))
	if _, err := s.Verify(expired); !errors.Is(err, ErrIdentityExpired) {
		t.Errorf("expired: %v", err)
	}
	forgedExpired := signJWT(t, jwt.SigningMethodHS256, "attacker", base(jwt.MapClaims{"exp": now.Add(-2 * time.Minute).Unix()}))
	if _, err := s.Verify(forgedExpired); errors.Is(err, ErrIdentityExpired) {
		t.Error("a forged expired token was reported as expired, not as forged")
	}
}

// FuzzVerifyJWT: no JWT-shaped input panics, and none is accepted without
// a subject or at a level it does not prove.
func FuzzVerifyJWT(f *testing.F) {
	s := IdentitySigner{Secret: []byte("k")}
	now := time.Now()
	f.Add(signJWT(f, jwt.SigningMethodHS256, "k", jwt.MapClaims{"sub": "u", "iat": now.Unix(), "exp": now.Add(time.Hour).Unix()}))
	f.Add(signJWT(f, jwt.SigningMethodHS256, "k", jwt.MapClaims{"sub": "u", "iat": now.Unix(), "exp": now.Add(time.Hour).Unix(), "lvl": 2, "auth_time": now.Unix()}))
	f.Add(signJWT(f, jwt.SigningMethodHS384, "k", jwt.MapClaims{"sub": "u"}))
	f.Add("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1In0.")
	f.Add("..")
	f.Add("a.b.c")
	f.Fuzz(func(t *testing.T, tok string) {
		id, err := s.Verify(tok)
		if err == nil && (id.UserID == "" || id.Level < L1 || id.Level > L2 || id.IssuedAt.IsZero() && isJWT(tok)) {
			t.Fatalf("accepted %q as %+v", tok, id)
		}
	})
}

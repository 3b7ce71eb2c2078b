package auth

import (
	"errors"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// TestVerifySignIn: a sign-in token lives at most MaxLife (exp - iat, or
// exp - now for the two-part token), whatever its jti.
func TestVerifySignIn(t *testing.T) {
	const secret = "exchange-shared-secret"
	s := IdentitySigner{Secret: []byte(secret), MaxLife: 10 * time.Minute}
	now := time.Now()
	jwtFor := func(iat time.Time, life time.Duration, jti string) string {
		c := jwt.MapClaims{"sub": "u-1", "iat": iat.Unix(), "exp": iat.Add(life).Unix()}
		if jti != "" {
			c["jti"] = jti
		}
		return signJWT(t, jwt.SigningMethodHS256, secret, c)
	}
	cases := []struct {
		name, token string
		tooLong     bool
	}{
		{"two-part, 5 minutes", s.Sign("u-1", 5*time.Minute), false},
		{"two-part, an hour", s.Sign("u-1", time.Hour), true},
		{"JWT, 10 minutes", jwtFor(now, 10*time.Minute, ""), false},
		{"JWT, an hour", jwtFor(now, time.Hour, ""), true},
		{"JWT with a jti, an hour", jwtFor(now, time.Hour, "j-1"), true},
		{"JWT issued 20 minutes ago for 30", jwtFor(now.Add(-20*time.Minute), 30*time.Minute, ""), true},
	}
	for _, c := range cases {
		id, err := s.VerifySignIn(c.token)
		switch {
		case c.tooLong && !errors.Is(err, ErrIdentityTooLong):
			t.Errorf("%s: err %v, want ErrIdentityTooLong", c.name, err)
		case !c.tooLong && (err != nil || id.UserID != "u-1"):
			t.Errorf("%s: %q, %v; want u-1 signed in", c.name, id.UserID, err)
		}
	}
	if _, err := (IdentitySigner{Secret: []byte(secret)}).VerifySignIn(s.Sign("u-1", 20*time.Minute)); !errors.Is(err, ErrIdentityTooLong) {
		t.Errorf("no MaxLife: a 20-minute token gives %v, want the 10-minute default to refuse it", err)
	}
}

// TestSignPage: the page's own token keeps what the exchange vouched for
// (the phone number that matches calls, name, e-mail), lives the page's
// hour, is never a step-up, and cannot sign in as a link.
func TestSignPage(t *testing.T) {
	s := IdentitySigner{Secret: []byte("page-test-secret-0123456789abcdef")}
	page := s.SignPage(CustomerIdentity{UserID: "u-1", Name: "Ana Lima", Email: "ana@example.com", Phone: "+442079460123", Level: L2}, CustomerPageLife)
	id, err := s.Verify(page)
	if err != nil {
		t.Fatal(err)
	}
	if id.UserID != "u-1" || id.Name != "Ana Lima" || id.Email != "ana@example.com" || id.Phone != "+442079460123" || id.Level != L1 ||
		time.Until(id.Expires) < CustomerPageLife-time.Minute || time.Until(id.Expires) > CustomerPageLife {
		t.Errorf("page identity %+v", id)
	}
	if _, err := s.VerifySignIn(page); !errors.Is(err, ErrIdentityTooLong) {
		t.Errorf("the page's token signs in as a link: %v", err)
	}
}

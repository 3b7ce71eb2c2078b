package auth

import (
	"strings"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
)

func TestIdentitySigner(t *testing.T) {
	s := IdentitySigner{Secret: []byte("exchange-shared-secret")}
	good := s.Sign("user-42", time.Hour)
	id, err := s.Verify(good)
	if err != nil || id.UserID != "user-42" {
		t.Fatalf("Verify(good) = %+v, %v", id, err)
	}
	part, _, _ := strings.Cut(good, ".")
	forged := IdentitySigner{Secret: []byte("attacker")}.Sign("user-42", time.Hour)
	cases := map[string]string{
		"expired":        s.Sign("user-42", -time.Minute),
		"too long-lived": s.Sign("user-42", 48*time.Hour),
		"other secret":   forged,
		"no signature":   part,
		"tampered":       strings.Replace(good, part, IdentitySigner{Secret: []byte("x")}.Sign("admin", time.Hour)[:len(part)], 1),
		"empty":          "",
		"garbage":        "!!!.???",
	}
	for name, tok := range cases {
		if _, err := s.Verify(tok); !errs.Is(err, errs.Unauthorized) {
			t.Errorf("%s: Verify = %v, want Unauthorized", name, err)
		}
	}
	if _, err := (IdentitySigner{}).Verify(good); err == nil {
		t.Error("a signer without a secret accepted a token")
	}
}

func FuzzIdentityVerify(f *testing.F) {
	s := IdentitySigner{Secret: []byte("k")}
	f.Add(s.Sign("u", time.Hour))
	f.Add(s.SignStepUp("u", time.Now(), time.Hour, "n"))
	f.Add(s.sign(identityClaims{Sub: "u", Exp: time.Now().Add(time.Hour).Unix(), Lvl: 7}))
	f.Add("a.b")
	f.Add(".")
	f.Fuzz(func(t *testing.T, tok string) {
		id, err := s.Verify(tok)
		if err == nil && id.UserID == "" {
			t.Fatal("accepted a token without a subject")
		}
		if err == nil && (id.Level < L1 || id.Level > L2 || id.Level == L2 && time.Since(id.AuthTime) > StepUpWindow) {
			t.Fatalf("accepted a token at level %s (auth_time %v)", id.Level, id.AuthTime)
		}
	})
}

// TestIdentityLevels: old tokens are L1; an L2 token is L2 only while its
// auth_time is fresh; malformed levels are refused as not valid.
func TestIdentityLevels(t *testing.T) {
	s := IdentitySigner{Secret: []byte("exchange-shared-secret")}
	now := time.Now()
	exp := now.Add(time.Hour).Unix()
	claims := func(c identityClaims) string { return s.sign(c) }
	cases := []struct {
		name      string
		token     string
		level     Level  // when valid
		bad       bool   // Verify refuses it
		stepUpErr string // VerifyStepUp refuses it with this, when not bad
	}{
		{"old token without lvl", s.Sign("u-1", time.Hour), L1, false, "carries no step-up"},
		{"explicit lvl 1", claims(identityClaims{Sub: "u-1", Exp: exp, Lvl: 1}), L1, false, "carries no step-up"},
		{"lvl 1 with auth_time", claims(identityClaims{Sub: "u-1", Exp: exp, Lvl: 1, AuthTime: now.Unix()}), L1, false, "carries no step-up"},
		{"fresh step-up", s.SignStepUp("u-1", now, time.Hour, "n"), L2, false, ""},
		{"step-up 14 minutes ago", s.SignStepUp("u-1", now.Add(-14*time.Minute), time.Hour, "n"), L2, false, ""},
		{"stale step-up", s.SignStepUp("u-1", now.Add(-16*time.Minute), time.Hour, "n"), L1, false, "more than 15 minutes ago"},
		{"lvl 2 without auth_time", claims(identityClaims{Sub: "u-1", Exp: exp, Lvl: 2}), 0, true, ""},
		{"auth_time in the future", s.SignStepUp("u-1", now.Add(10*time.Minute), time.Hour, "n"), 0, true, ""},
		{"unknown lvl 3", claims(identityClaims{Sub: "u-1", Exp: exp, Lvl: 3, AuthTime: now.Unix()}), 0, true, ""},
		{"negative lvl", claims(identityClaims{Sub: "u-1", Exp: exp, Lvl: -1}), 0, true, ""},
		{"expired step-up", s.SignStepUp("u-1", now, -time.Second, "n"), 0, true, ""},
		{"forged step-up", IdentitySigner{Secret: []byte("attacker")}.SignStepUp("u-1", now, time.Hour, "n"), 0, true, ""},
		{"nonce too long", s.SignStepUp("u-1", now, time.Hour, strings.Repeat("n", MaxNonce+1)), 0, true, ""},
	}
	if id, err := s.VerifyStepUp(s.SignStepUp("u-1", now, time.Hour, "request-nonce")); err != nil || id.Nonce != "request-nonce" {
		t.Errorf("VerifyStepUp = %+v, %v; want the nonce the exchange signed", id, err)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			id, err := s.Verify(c.token)
			if c.bad {
				if !errs.Is(err, errs.Unauthorized) {
					t.Fatalf("Verify = %+v, %v; want Unauthorized", id, err)
				}
				if _, err := s.VerifyStepUp(c.token); !errs.Is(err, errs.Unauthorized) {
					t.Fatalf("VerifyStepUp = %v; want Unauthorized", err)
				}
				return
			}
			if err != nil || id.Level != c.level || id.UserID != "u-1" {
				t.Fatalf("Verify = %+v, %v; want %s", id, err, c.level)
			}
			_, err = s.VerifyStepUp(c.token)
			switch {
			case c.stepUpErr == "" && err != nil:
				t.Fatalf("VerifyStepUp = %v; want it accepted", err)
			case c.stepUpErr != "" && (!errs.Is(err, errs.Unauthorized) || !strings.Contains(err.Error(), c.stepUpErr)):
				t.Fatalf("VerifyStepUp = %v; want Unauthorized mentioning %q", err, c.stepUpErr)
			}
		})
	}
}

func TestNeedLevelNamesLevelAndWayThere(t *testing.T) {
	err := NeedLevel("A two-factor reset", L2, L1)
	if !errs.Is(err, errs.Forbidden) {
		t.Fatalf("NeedLevel = %v, want Forbidden", err)
	}
	for _, want := range []string{"A two-factor reset needs customer verification level L2", "fresh 2FA or e-mail code", "the customer is at L1", "step-up"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q lacks %q", err, want)
		}
	}
}

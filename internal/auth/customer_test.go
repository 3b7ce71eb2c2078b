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
	f.Add("a.b")
	f.Add(".")
	f.Fuzz(func(t *testing.T, tok string) {
		id, err := s.Verify(tok)
		if err == nil && id.UserID == "" {
			t.Fatal("accepted a token without a subject")
		}
	})
}

package auth

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/crypto/argon2"
)

// testPassword is the password of every agent the builders make.
const testPassword = "correct horse battery staple"

// cheapHash is an argon2id hash in HashPassword's format but with the
// smallest parameters. CheckPassword takes the parameters from the hash (as
// it must, to accept hashes made under older settings), so agents seeded
// with it sign in in microseconds and the tests stay fast.
// The package's tests sign agents in many times; the full hashing cost
// would only slow them (TestHashPasswordRoundTrip checks the parameters written).
func init() { PasswordHashing = Argon2Params{Time: 1, MemoryKiB: 1024, Threads: 1} }

func cheapHash(password string) string {
	salt := []byte("0123456789abcdef")
	key := argon2.IDKey([]byte(password), salt, 1, 8, 1, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=8,t=1,p=1$%s$%s", argon2.Version, b64.EncodeToString(salt), b64.EncodeToString(key))
}

func TestHashPasswordRoundTrip(t *testing.T) {
	h, err := HashPassword(testPassword)
	if err != nil {
		t.Fatal(err)
	}
	wantPrefix := fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$", argon2.Version, PasswordHashing.MemoryKiB, PasswordHashing.Time, PasswordHashing.Threads)
	if !strings.HasPrefix(h, wantPrefix) {
		t.Errorf("hash %q does not start with %q", h, wantPrefix)
	}
	if strings.Contains(h, testPassword) {
		t.Errorf("hash %q contains the password", h)
	}
	if !CheckPassword(h, testPassword) {
		t.Error("CheckPassword(hash, right password) = false")
	}
	if CheckPassword(h, testPassword+"!") {
		t.Error("CheckPassword(hash, wrong password) = true")
	}
	h2, err := HashPassword(testPassword)
	if err != nil {
		t.Fatal(err)
	}
	if h2 == h {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
}

func TestCheckPasswordMalformed(t *testing.T) {
	good := cheapHash(testPassword)
	parts := strings.Split(good, "$") // "", "argon2id", "v=19", params, salt, key
	with := func(i int, v string) string {
		p := append([]string(nil), parts...)
		p[i] = v
		return strings.Join(p, "$")
	}
	cases := []struct {
		name, hash string
		want       bool
	}{
		{"well-formed control", good, true},
		{"empty", "", false},
		{"plain text", testPassword, false},
		{"bcrypt", "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy", false},
		{"argon2i", with(1, "argon2i"), false},
		{"too few parts", strings.Join(parts[:5], "$"), false},
		{"too many parts", good + "$extra", false},
		{"params garbage", with(3, "m=lots"), false},
		{"params empty", with(3, ""), false},
		{"zero rounds", with(3, "m=8,t=0,p=1"), false},
		{"too many rounds", with(3, "m=8,t=17,p=1"), false},
		{"zero threads", with(3, "m=8,t=1,p=0"), false},
		{"threads overflow", with(3, "m=8,t=1,p=300"), false},
		{"negative memory", with(3, "m=-8,t=1,p=1"), false},
		{"too much memory", with(3, "m=1048577,t=1,p=1"), false},
		{"salt not base64", with(4, "!!!"), false},
		{"key not base64", with(5, "~~~"), false},
		{"empty key", with(5, ""), false},
		{"different key", with(5, base64.RawStdEncoding.EncodeToString(make([]byte, argonKeyLen))), false},
		{"short key", with(5, base64.RawStdEncoding.EncodeToString([]byte{1})), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("CheckPassword(%q) panicked: %v", c.hash, r)
				}
			}()
			if got := CheckPassword(c.hash, testPassword); got != c.want {
				t.Errorf("CheckPassword(%q) = %v, want %v", c.hash, got, c.want)
			}
		})
	}
}

func TestTokenDigestIsSHA256Hex(t *testing.T) {
	tok := NewToken("gct_")
	if !strings.HasPrefix(tok, "gct_") || len(tok) < 40 {
		t.Fatalf("NewToken = %q", tok)
	}
	if NewToken("gct_") == tok {
		t.Error("two tokens are equal")
	}
	sum := sha256.Sum256([]byte(tok))
	if got, want := TokenDigest(tok), hex.EncodeToString(sum[:]); got != want {
		t.Errorf("TokenDigest = %q, want %q", got, want)
	}
}

// TestDummyHashCostsTheSame: an unknown e-mail is checked against a hash
// with the same argon2id cost as a real one, so that it takes as long.
func TestDummyHashCostsTheSame(t *testing.T) {
	real, err := HashPassword("some password here")
	if err != nil {
		t.Fatal(err)
	}
	params := func(h string) string {
		parts := strings.Split(h, "$")
		if len(parts) != 6 {
			t.Fatalf("hash %q is not in the PHC format", h)
		}
		return strings.Join(parts[:4], "$")
	}
	if params(dummyHash()) != params(real) {
		t.Errorf("dummy hash parameters %q, a real hash's %q", params(dummyHash()), params(real))
	}
	if CheckPassword(dummyHash(), "") || CheckPassword(dummyHash(), "some password here") {
		t.Error("the dummy hash accepts a password")
	}
}

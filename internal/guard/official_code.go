package guard

import (
	"crypto/rand"
	"strings"
)

// An agent's verification code is public: agents quote it so that customers
// can check, on the verification page, that they are talking to a real
// agent. It reads "GC-7K3M-9XQ2": eight characters of Crockford's base32
// (no I, L, O or U), 40 bits, so that it survives being read out on the
// phone and retyped. Parsing forgives case, spaces, dashes and the letters
// people type for digits (O for 0, I and L for 1).

// codeAlphabet is Crockford's base32.
const codeAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// codePrefix starts every verification code.
const codePrefix = "GC-"

// NewVerificationCode returns a fresh random agent verification code.
func NewVerificationCode() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	out := []byte(codePrefix + "XXXX-XXXX")
	j := len(codePrefix)
	for i, v := range b {
		if i == 4 {
			j++ // the dash
		}
		out[j] = codeAlphabet[v&31]
		j++
	}
	return string(out)
}

// ParseVerificationCode returns the canonical form of something typed as
// a verification code. It wants the "GC" prefix or a separator between the
// two groups, so that an ordinary eight-letter word is not taken for one.
func ParseVerificationCode(s string) (string, bool) {
	s = strings.ToUpper(strings.TrimSpace(s))
	prefixed := false
	if rest, ok := strings.CutPrefix(s, "GC"); ok {
		s, prefixed = rest, true
	}
	var digits []byte
	separated := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '-' || c == ' ' || c == '.' || c == '_':
			if len(digits) == 4 {
				separated = true
			} else if len(digits) != 0 {
				return "", false
			}
			continue
		case c == 'O':
			c = '0'
		case c == 'I' || c == 'L':
			c = '1'
		case strings.IndexByte(codeAlphabet, c) < 0:
			return "", false
		}
		digits = append(digits, c)
		if len(digits) > 8 {
			return "", false
		}
	}
	if len(digits) != 8 || !(prefixed || separated) {
		return "", false
	}
	return codePrefix + string(digits[:4]) + "-" + string(digits[4:]), true
}

// Package phone is phone support through the exchange's telephony
// provider, whichever it is: a signed call-events webhook turns calls into
// tickets (channel "phone") with a call log, missed calls and customers'
// requests into callback tasks, and callers are matched to customers by
// number.
package phone

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/groundcrew/groundcrew/internal/errs"
)

// Normalize returns number in E.164 ("+" and 8 to 15 digits), dropping
// spaces, dashes, dots and brackets; "00" counts as "+".
func Normalize(number string) (string, error) {
	var b strings.Builder
	s := strings.TrimSpace(number)
	if strings.HasPrefix(s, "00") {
		s = "+" + s[2:]
	}
	if !strings.HasPrefix(s, "+") {
		return "", errs.Field("number", "the number must be in international form, starting with + and the country code")
	}
	b.WriteByte('+')
	for _, r := range s[1:] {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '-' || r == '.' || r == '(' || r == ')':
		default:
			return "", errs.Field("number", "the number may hold only digits, spaces, dashes, dots and brackets")
		}
		if b.Len() > 16 {
			return "", errs.Field("number", "the number is longer than 15 digits")
		}
	}
	if n := b.Len() - 1; n < 8 || b.String()[1] == '0' {
		return "", errs.Field("number", "the number must have 8 to 15 digits after + and start with the country code")
	}
	return b.String(), nil
}

// Mask shows a number the way agents see personal data: the country code's
// first digits and the last two, "+44 ••• ••• 12".
func Mask(number string) string {
	if len(number) < 6 {
		return "•••"
	}
	return number[:3] + " ••• ••• " + number[len(number)-2:]
}

// callerRef is the customer a number that no exchange user is known by
// writes as: a digest, so the number itself is not the customer's id.
func callerRef(number string) string {
	sum := sha256.Sum256([]byte("groundcrew phone caller " + number))
	return "phone:" + hex.EncodeToString(sum[:10])
}

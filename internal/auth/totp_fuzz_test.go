package auth

import (
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"
)

// FuzzTOTPStep: whatever a caller sends as a code, totpStep either refuses
// it or names a step within one of now whose code it is.
func FuzzTOTPStep(f *testing.F) {
	const secret = "JBSWY3DPEHPK3PXP"
	now := time.Date(2026, 12, 4, 12, 0, 10, 0, time.UTC)
	current, _ := totp.GenerateCode(secret, now)
	for _, seed := range []string{current, " " + current + " ", "", "000000", "12345", "1234567", "١٢٣٤٥٦", "12 456", "\x00\x00\x00\x00\x00\x00"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, code string) {
		step := totpStep(secret, code, now)
		if step == -1 {
			return
		}
		if d := step - now.Unix()/totpPeriod; d < -1 || d > 1 {
			t.Fatalf("code %q matched step %d, %d steps from now", code, step, d)
		}
		want, err := totp.GenerateCodeCustom(secret, time.Unix(step*totpPeriod, 0), totpOpts)
		if err != nil || strings.TrimSpace(code) != want {
			t.Fatalf("code %q matched step %d, whose code is %q", code, step, want)
		}
	})
}

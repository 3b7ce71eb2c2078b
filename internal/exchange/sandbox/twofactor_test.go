package sandbox

import (
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"github.com/groundcrew/groundcrew/internal/errs"
)

func TestStepUpCodes(t *testing.T) {
	x, c := newSandbox(t)
	cases := []struct {
		user, method string
		refused      string // a Conflict mentioning this; "" when the user may step up
	}{
		{UserMaria, StepUpTOTP, ""},
		{UserJordan, StepUpEmail, ""}, // no 2FA: the exchange e-mails a code
		{UserAyse, StepUpTOTP, ""},    // a settings lock does not stop a sign-in check
		{UserKarim, "", "frozen"},
	}
	for _, tc := range cases {
		t.Run(tc.user, func(t *testing.T) {
			code, method, err := x.DemoStepUpCode(tc.user)
			if tc.refused != "" {
				wantKind(t, err, errs.Conflict, tc.refused)
				_, err = x.CheckStepUpCode(tc.user, "000000")
				wantKind(t, err, errs.Conflict, tc.refused)
				return
			}
			if err != nil || method != tc.method || len(code) != 6 {
				t.Fatalf("DemoStepUpCode = %q, %q, %v; want a 6-digit %s code", code, method, err, tc.method)
			}
			if want, _ := totp.GenerateCodeCustom(totpSecret(tc.user), c.t, totpOpts); code != want {
				t.Fatalf("code %q, want the TOTP %q", code, want)
			}
			at, err := x.CheckStepUpCode(tc.user, code)
			if err != nil || !at.Equal(c.t) {
				t.Fatalf("CheckStepUpCode(current) = %v, %v", at, err)
			}
			wrong := "000000"
			if code == wrong {
				wrong = "111111"
			}
			for _, bad := range []string{wrong, "", "12345", "abcdef", code + "0"} {
				if _, err := x.CheckStepUpCode(tc.user, bad); !errs.Is(err, errs.Unauthorized) {
					t.Errorf("CheckStepUpCode(%q) = %v, want Unauthorized", bad, err)
				}
			}
			// A code is good for its 30-second step and the next; not after.
			c.t = c.t.Add(30 * time.Second)
			if _, err := x.CheckStepUpCode(tc.user, code); err != nil {
				t.Errorf("the previous step's code: %v, want it accepted", err)
			}
			c.t = c.t.Add(60 * time.Second)
			if _, err := x.CheckStepUpCode(tc.user, code); !errs.Is(err, errs.Unauthorized) {
				t.Errorf("a 90-second-old code: %v, want Unauthorized", err)
			}
		})
	}
	if _, _, err := x.DemoStepUpCode("u-9999"); !errs.Is(err, errs.NotFound) {
		t.Errorf("unknown user: %v, want NotFound", err)
	}
	// Each user has their own secret.
	if totpSecret(UserMaria) == totpSecret(UserAyse) {
		t.Error("two users share a 2FA secret")
	}
	if n := len(x.Users()); n != 7 {
		t.Errorf("Users() lists %d users, want the 7 demo users", n)
	}
}

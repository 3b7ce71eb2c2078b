package sandbox

import (
	"crypto/sha256"
	"encoding/base32"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"github.com/groundcrew/groundcrew/internal/errs"
	"github.com/groundcrew/groundcrew/internal/exchange"
)

// The sandbox simulates the exchange's own step-up: a user proves it is
// them with a fresh code before support may act on their account. Users
// with 2FA confirm their authenticator code; the others a code the
// exchange "e-mails" them. Both are TOTP codes from a per-user secret
// derived from the user id, so a demo page can show the current one. Real
// exchanges never let anyone see a user's code; this is demo data only.

var totpOpts = totp.ValidateOpts{Period: 30, Skew: 1, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

// Step-up methods.
const (
	StepUpTOTP  = "2fa"   // the user's authenticator app
	StepUpEmail = "email" // a code sent to the user's e-mail address
)

// totpSecret is userID's demo secret (base32, 160 bits).
func totpSecret(userID string) string {
	sum := sha256.Sum256([]byte("groundcrew sandbox 2fa/" + userID))
	return base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(sum[:20])
}

// stepUpUser is the user who may step up, and how; the caller holds mu.
func (x *Exchange) stepUpUser(userID string) (*exchange.User, string, error) {
	u, err := x.user(userID)
	if err != nil {
		return nil, "", err
	}
	if u.State == exchange.StateFrozen {
		return nil, "", errs.E(errs.Conflict, "the account is frozen (%s); sign-ins and confirmations are blocked until the security team lifts it", u.StateReason)
	}
	if u.TwoFactorEnabled {
		return u, StepUpTOTP, nil
	}
	return u, StepUpEmail, nil
}

// DemoStepUpCode is the user's current step-up code and how they would get
// it (StepUpTOTP or StepUpEmail). Only demo pages show it.
func (x *Exchange) DemoStepUpCode(userID string) (code, method string, err error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if _, method, err = x.stepUpUser(userID); err != nil {
		return "", "", err
	}
	code, err = totp.GenerateCodeCustom(totpSecret(userID), x.now(), totpOpts)
	if err != nil {
		return "", "", err
	}
	return code, method, nil
}

// CheckStepUpCode confirms the user's step-up code and returns when it was
// confirmed; a wrong code is Unauthorized.
func (x *Exchange) CheckStepUpCode(userID, code string) (time.Time, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if _, _, err := x.stepUpUser(userID); err != nil {
		return time.Time{}, err
	}
	now := x.now()
	ok, err := totp.ValidateCustom(code, totpSecret(userID), now, totpOpts)
	if err != nil || !ok {
		return time.Time{}, errs.E(errs.Unauthorized, "that code is not right or has expired; enter the current 6-digit code")
	}
	return now, nil
}

// Users lists the sandbox's users in seed order, as callers see them; demo
// pages offer to sign in as each.
func (x *Exchange) Users() []exchange.User {
	x.mu.Lock()
	defer x.mu.Unlock()
	out := make([]exchange.User, 0, len(x.userOrder))
	for _, id := range x.userOrder {
		out = append(out, x.view(x.users[id]))
	}
	return out
}

package exchange

import (
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/groundcrew/groundcrew/internal/errs"
)

// RiskKind is what happened on an account, as the exchange's risk engine
// reports it to support (POST /exchange/v1/risk-events, see openapi.json).
type RiskKind string

// The risk events support reacts to.
const (
	RiskSignInFailures    RiskKind = "sign_in_failures"    // a burst of failed sign-ins; Count says how many
	RiskNewDeviceSignIn   RiskKind = "new_device_sign_in"  // a sign-in from a device or country not seen before
	RiskPasswordChanged   RiskKind = "password_changed"    //
	RiskTwoFactorReset    RiskKind = "two_factor_reset"    //
	RiskTwoFactorDisabled RiskKind = "two_factor_disabled" //
	RiskWithdrawalAddress RiskKind = "withdrawal_address_added"
	RiskAPIKeyCreated     RiskKind = "api_key_created"
	RiskLargeWithdrawal   RiskKind = "large_withdrawal"
	RiskFlaggedWithdrawal RiskKind = "withdrawal_to_flagged_address"
	RiskAccountFrozen     RiskKind = "account_frozen" // by the exchange's risk engine
)

// RiskKinds lists every kind, in the order pages show them.
var RiskKinds = []RiskKind{RiskSignInFailures, RiskNewDeviceSignIn, RiskPasswordChanged, RiskTwoFactorReset,
	RiskTwoFactorDisabled, RiskWithdrawalAddress, RiskAPIKeyCreated, RiskLargeWithdrawal, RiskFlaggedWithdrawal, RiskAccountFrozen}

// Limits of a risk event.
const (
	MaxRiskEventID = 64
	MaxRiskText    = 200 // device, reason
	MaxRiskCount   = 1_000_000
)

// RiskEvent is one event of the exchange's risk engine about one user.
// ID is the exchange's own, unique per event: support stores each id once.
type RiskEvent struct {
	ID      string    `json:"id"`
	Kind    RiskKind  `json:"kind"`
	UserID  string    `json:"user_id"`
	At      time.Time `json:"at"`
	Device  string    `json:"device,omitempty"`  // "iPhone 15, Safari"
	IP      string    `json:"ip,omitempty"`      //
	Country string    `json:"country,omitempty"` // ISO 3166-1 alpha-2
	Count   int       `json:"count,omitempty"`   // sign_in_failures: how many
	Network string    `json:"network,omitempty"` // withdrawals and addresses
	Asset   string    `json:"asset,omitempty"`
	Amount  string    `json:"amount,omitempty"` // decimal string
	Address string    `json:"address,omitempty"`
	Reason  string    `json:"reason,omitempty"` // account_frozen, flagged address: why
}

// Validate checks an event's fields (not its time: the receiver knows its
// clock). Errors are errs.Invalid naming the field.
func (e *RiskEvent) Validate() error {
	if !riskID(e.ID) {
		return errs.Field("id", "id must be 1 to %d letters, digits, '.', '_', ':' or '-'", MaxRiskEventID)
	}
	if !slices.Contains(RiskKinds, e.Kind) {
		return errs.Field("kind", "kind must be one of %v, not %q", RiskKinds, e.Kind)
	}
	if err := CheckText("user_id", e.UserID, MaxID); err != nil {
		return err
	}
	if e.At.IsZero() {
		return errs.Field("at", "at (RFC 3339) is required")
	}
	for _, f := range []struct{ name, v string }{{"device", e.Device}, {"ip", e.IP}, {"reason", e.Reason}, {"asset", e.Asset}} {
		if f.v != "" {
			if err := CheckText(f.name, f.v, MaxRiskText); err != nil {
				return err
			}
		}
	}
	if e.Country != "" && (len(e.Country) != 2 || strings.ToUpper(e.Country) != e.Country || !isLetters(e.Country)) {
		return errs.Field("country", "country must be two capital letters (ISO 3166-1 alpha-2)")
	}
	if e.Count < 0 || e.Count > MaxRiskCount {
		return errs.Field("count", "count must be 0 to %d", MaxRiskCount)
	}
	if e.Network != "" && !slices.Contains(Networks, e.Network) {
		return errs.Field("network", "network %q is not one the exchange lists", e.Network)
	}
	if e.Address != "" {
		if err := CheckText("address", e.Address, MaxAddress); err != nil {
			return err
		}
	}
	if e.Amount != "" && !decimal(e.Amount) {
		return errs.Field("amount", "amount must be a decimal number such as \"1.25\"")
	}
	switch e.Kind {
	case RiskLargeWithdrawal, RiskFlaggedWithdrawal:
		if e.Asset == "" || e.Amount == "" {
			return errs.Field("amount", "a withdrawal event needs asset and amount")
		}
	case RiskWithdrawalAddress:
		if e.Address == "" {
			return errs.Field("address", "a withdrawal address event needs the address")
		}
	}
	return nil
}

func riskID(s string) bool {
	if s == "" || len(s) > MaxRiskEventID {
		return false
	}
	for _, c := range []byte(s) {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == ':' || c == '-') {
			return false
		}
	}
	return true
}

func isLetters(s string) bool {
	return !strings.ContainsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) || r > 'Z' })
}

// decimal: digits, at most one point, at most 40 bytes.
func decimal(s string) bool {
	if len(s) > 40 || s == "" || s == "." {
		return false
	}
	dot := false
	for _, c := range s {
		switch {
		case c == '.' && !dot:
			dot = true
		case c < '0' || c > '9':
			return false
		}
	}
	return true
}

package exchange

import (
	"slices"
	"strings"
	"unicode"

	"github.com/groundcrew/groundcrew/internal/errs"
)

// Networks are the network ids the exchange speaks of.
var Networks = []string{
	"bitcoin", "ethereum", "bsc", "polygon", "arbitrum", "optimism", "base", "avalanche-c",
	"tron", "solana", "xrp", "stellar", "cosmos", "ton", "litecoin", "dogecoin", "bitcoin-cash", "cardano",
}

// SharedAddressNetworks are the networks where every user deposits to one
// exchange address and the memo (destination tag) says whose deposit it is.
var SharedAddressNetworks = []string{"xrp", "stellar", "cosmos", "ton"}

// EVMNetworks share one address format (and, at most exchanges, one address per user).
var EVMNetworks = []string{"ethereum", "bsc", "polygon", "arbitrum", "optimism", "base", "avalanche-c"}

// Limits on what callers may send.
const (
	MaxID         = 128 // user ids, ticket refs, idempotency keys
	MaxReason     = 500
	MaxAddress    = 128
	MaxMemo       = 128
	MaxTxID       = 128
	DefaultLogins = 20
	MaxLogins     = 100
)

// IsSharedAddressNetwork reports whether network uses a shared address plus memo.
func IsSharedAddressNetwork(network string) bool {
	return slices.Contains(SharedAddressNetworks, network)
}

// IsEVM reports whether network uses Ethereum-style addresses.
func IsEVM(network string) bool { return slices.Contains(EVMNetworks, network) }

// LoginLimit turns a caller's limit into the one served: below 1 means the
// default, above MaxLogins means MaxLogins. Both implementations use it so
// they agree.
func LoginLimit(limit int) int {
	switch {
	case limit < 1:
		return DefaultLogins
	case limit > MaxLogins:
		return MaxLogins
	}
	return limit
}

// CheckNetwork refuses a network id the exchange does not know.
func CheckNetwork(network string) error {
	if network == "" {
		return errs.Field("network", "network is required")
	}
	if !slices.Contains(Networks, network) {
		return errs.Field("network", "unknown network %q", clip(network))
	}
	return nil
}

// CheckText refuses an empty, over-long or control-character value of field.
func CheckText(field, value string, max int) error {
	if strings.TrimSpace(value) == "" {
		return errs.Field(field, "%s is required", field)
	}
	if len(value) > max {
		return errs.Field(field, "%s is longer than %d bytes", field, max)
	}
	if strings.ContainsFunc(value, unicode.IsControl) {
		return errs.Field(field, "%s contains control characters", field)
	}
	return nil
}

// CheckMemo is CheckText for an optional memo.
func CheckMemo(memo string) error {
	if memo == "" {
		return nil
	}
	return CheckText("memo", memo, MaxMemo)
}

// CheckAmount refuses anything but a positive plain decimal ("12", "0.0005").
func CheckAmount(field, amount string) error {
	whole, frac, dot := strings.Cut(amount, ".")
	digits := func(s string) bool {
		return s != "" && !strings.ContainsFunc(s, func(r rune) bool { return r < '0' || r > '9' })
	}
	if len(amount) > 80 || !digits(whole) || (dot && !digits(frac)) {
		return errs.Field(field, "%s must be a plain decimal such as 12.5", field)
	}
	if strings.Trim(whole+frac, "0") == "" {
		return errs.Field(field, "%s must be more than zero", field)
	}
	return nil
}

// Validate checks a credit request's shape; the exchange checks the rest.
func (r CreditRequest) Validate() error {
	if err := CheckNetwork(r.Network); err != nil {
		return err
	}
	for _, f := range []struct{ name, value string }{
		{"txid", r.TxID}, {"user_id", r.UserID}, {"asset", r.Asset},
		{"ticket_ref", r.TicketRef}, {"idempotency_key", r.IdempotencyKey},
	} {
		if err := CheckText(f.name, f.value, MaxID); err != nil {
			return err
		}
	}
	return CheckAmount("amount", r.Amount)
}

// Validate checks a return request's shape; the exchange checks the rest.
func (r ReturnRequest) Validate() error {
	if err := CheckNetwork(r.Network); err != nil {
		return err
	}
	for _, f := range []struct{ name, value string }{
		{"txid", r.TxID}, {"user_id", r.UserID}, {"asset", r.Asset},
		{"ticket_ref", r.TicketRef}, {"idempotency_key", r.IdempotencyKey},
	} {
		if err := CheckText(f.name, f.value, MaxID); err != nil {
			return err
		}
	}
	if err := CheckText("to_address", r.ToAddress, MaxAddress); err != nil {
		return err
	}
	if len(r.Contract) > MaxAddress {
		return errs.Field("contract", "contract is longer than %d characters", MaxAddress)
	}
	return CheckAmount("amount", r.Amount)
}

// clip keeps echoed input short in messages.
func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

package sandbox

import (
	"math/big"
	"strings"

	"github.com/groundcrew/groundcrew/internal/errs"
)

// toUnits turns a decimal amount ("0.0005") into base units, refusing more
// fraction digits than the asset has.
func toUnits(amount string, decimals int) (*big.Int, error) {
	whole, frac, _ := strings.Cut(amount, ".")
	frac = strings.TrimRight(frac, "0")
	if len(frac) > decimals {
		return nil, errs.Field("amount", "amount has more than %d decimal places", decimals)
	}
	n, ok := new(big.Int).SetString(whole+frac+strings.Repeat("0", decimals-len(frac)), 10)
	if !ok {
		return nil, errs.Field("amount", "amount must be a plain decimal such as 12.5")
	}
	return n, nil
}

// fromUnits renders base units as a decimal amount with no trailing zeros.
func fromUnits(units *big.Int, decimals int) string {
	s := units.String()
	if decimals == 0 {
		return s
	}
	if len(s) <= decimals {
		s = strings.Repeat("0", decimals-len(s)+1) + s
	}
	whole, frac := s[:len(s)-decimals], strings.TrimRight(s[len(s)-decimals:], "0")
	if frac == "" {
		return whole
	}
	return whole + "." + frac
}

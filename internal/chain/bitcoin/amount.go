package bitcoin

import (
	"encoding/json"
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// baseUnitsPerCoin is 10^8: satoshi per BTC, and the same for the other
// chains this client serves (litoshi per LTC, koinu per DOGE, satoshi per BCH).
var baseUnitsPerCoin = big.NewRat(100_000_000, 1)

// maxAmountDigits bounds the numbers amountToBase accepts. Dogecoin's supply
// in koinu already passes int64, so amounts are big integers; 40 digits is
// far beyond any real amount and keeps hostile input cheap.
const maxAmountDigits = 40

// amountToBase converts a coin amount as the node wrote it in JSON ("0.1",
// "50", "1e-08", "20999999.99999999") to base units as a decimal string,
// exactly: the text is parsed as a rational number, never as a float. An
// amount that is not a whole number of base units is an error.
//
// btcd writes amounts as float64s in Go's shortest round-trip form; for any
// whole number of satoshi that form is the exact decimal, so nothing is lost.
func amountToBase(n json.Number) (string, error) {
	s := string(n)
	if s == "" {
		return "", fmt.Errorf("amount: empty")
	}
	if len(s) > maxAmountDigits+8 || !isDecimal(s) {
		return "", fmt.Errorf("amount %.20q: not a decimal number", s)
	}
	// big.Rat.SetString takes exponents of any size; keep them small.
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		exp, err := strconv.Atoi(strings.TrimPrefix(s[i+1:], "+"))
		if err != nil || exp > maxAmountDigits || exp < -maxAmountDigits {
			return "", fmt.Errorf("amount %q: exponent out of range", s)
		}
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return "", fmt.Errorf("amount %q: not a number", s)
	}
	if r.Sign() < 0 {
		return "", fmt.Errorf("amount %q: negative", s)
	}
	r.Mul(r, baseUnitsPerCoin)
	if !r.IsInt() {
		return "", fmt.Errorf("amount %q: not a whole number of base units", s)
	}
	return r.Num().String(), nil
}

// isDecimal reports whether s is a JSON number: -?digits(.digits)?([eE][+-]?digits)?
func isDecimal(s string) bool {
	digits := func(i int) int { // index after the run of digits starting at i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return i
	}
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	j := digits(i)
	if j == i {
		return false
	}
	i = j
	if i < len(s) && s[i] == '.' {
		j = digits(i + 1)
		if j == i+1 {
			return false
		}
		i = j
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		j = digits(i)
		if j == i {
			return false
		}
		i = j
	}
	return i == len(s)
}

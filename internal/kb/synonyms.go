package kb

import (
	"strings"
	"unicode"
)

// Crypto synonyms: a query naming one member of a group also looks for the
// others (with a lower weight). Lower-case; matched as whole words.
var synonymGroups = [][]string{
	{"2fa", "two-factor", "two factor", "authenticator", "google authenticator", "otp", "mfa"},
	{"memo", "tag", "destination tag", "payment id", "comment"},
	{"seed phrase", "recovery phrase", "mnemonic", "secret phrase", "private key"},
	{"kyc", "identity verification", "verify identity", "id verification"},
	{"withdrawal", "withdraw", "cash out", "send out"},
	{"deposit", "top up", "fund", "receive"},
	{"fee", "fees", "gas", "network fee"},
	{"p2p", "peer-to-peer", "otc"},
	{"hacked", "compromised", "stolen", "unauthorized"},
	{"locked", "frozen", "disabled", "suspended", "blocked"},
	{"phishing", "scam", "fake"},
	{"staking", "stake", "earn", "savings"},
	{"liquidation", "liquidated", "margin call"},
	{"txid", "transaction hash", "tx hash", "hash"},
	{"network", "chain", "blockchain"},
	{"api key", "api keys", "api"},
	{"password", "passcode", "login"},
	{"phone", "device", "mobile"},
	{"2фа", "двухфакторная", "аутентификатор"},
	{"мемо", "тег"},
}

// synonymsOf returns the other members of every group the text names.
func synonymsOf(text string) string {
	t := " " + strings.Join(strings.FieldsFunc(strings.ToLower(text), notWordRune), " ") + " "
	var out []string
	for _, g := range synonymGroups {
		hit := -1
		for i, w := range g {
			if strings.Contains(t, " "+w+" ") {
				hit = i
				break
			}
		}
		if hit < 0 {
			continue
		}
		for i, w := range g {
			if i != hit {
				out = append(out, w)
			}
		}
	}
	return strings.Join(out, " ")
}

func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' }

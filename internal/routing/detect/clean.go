package detect

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tickers are symbols support messages carry in every language; they are
// English-looking words that say nothing about the writer's language. Only
// those that are no ordinary word in any language are listed ("sol", "ton",
// "tag" and "try" are words); other tickers go when written in capitals.
var tickers = map[string]bool{
	"usdt": true, "usdc": true, "btc": true, "eth": true, "bnb": true, "trx": true,
	"xrp": true, "doge": true, "busd": true, "fdusd": true, "ltc": true, "matic": true,
	"avax": true, "shib": true, "trc": true, "erc": true, "bep": true, "kyc": true,
	"txid": true, "txhash": true, "uid": true, "apy": true, "apr": true, "otp": true,
}

// tokens returns the lowercase words of text that can say which language it
// is in: URLs, e-mail addresses, anything with a digit (amounts, TxIDs,
// addresses, TRC20), long alphanumeric runs, tickers and acronyms are gone,
// and emoji and punctuation split words. Inverted Spanish marks survive as
// their own tokens because they are a language feature.
func tokens(text string) []string {
	fields := strings.Fields(splitScripts(text))
	caps := mostlyCaps(fields)
	out := make([]string, 0, len(fields))
	for _, f := range fields {
		if strings.ContainsAny(f, arabiziDigits) {
			// Arabizi keeps its digits: "sa7b" is a word, not an amount.
			if w := strings.ToLower(strings.TrimFunc(f, notAlnum)); isArabizi(w) {
				out = append(out, w)
				continue
			}
		}
		if dropField(f) {
			continue
		}
		out = appendWords(out, f, caps)
	}
	return out
}

func notAlnum(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

// dropField reports whether a whitespace-separated field is a machine string.
func dropField(f string) bool {
	if strings.Contains(f, "://") || strings.HasPrefix(strings.ToLower(f), "www.") {
		return true
	}
	if at := strings.IndexByte(f, '@'); at > 0 && strings.IndexByte(f[at:], '.') > 0 {
		return true
	}
	ascii := 0
	for i := 0; i < len(f); i++ {
		c := f[i]
		if c >= '0' && c <= '9' {
			return true
		}
		if c < utf8.RuneSelf && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			ascii++
		}
	}
	// Base58 addresses and hashes without digits are rare but long.
	return ascii >= 25
}

// appendWords splits a field into words at anything that is not a letter,
// a combining mark or an inner apostrophe, and keeps the ones that count.
func appendWords(out []string, f string, caps bool) []string {
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := strings.Trim(f[start:end], "'")
		start = -1
		if w == "" || isTicker(w, caps) {
			return
		}
		out = append(out, cyrillicLookalikes(lower(w)))
	}
	for i, r := range f {
		switch {
		case r == '¿' || r == '¡':
			flush(i)
			out = append(out, string(r))
		case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
			if start < 0 {
				start = i
			}
		case r == '\'' || r == '’':
			if start < 0 {
				continue
			}
		default:
			flush(i)
		}
	}
	flush(len(f))
	return out
}

// isTicker reports tickers and all-caps acronyms (unless the whole message
// is shouted, when capitals say nothing).
func isTicker(w string, caps bool) bool {
	allCaps := len(w) >= 2
	for i := 0; i < len(w); i++ {
		if w[i] < 'A' || w[i] > 'Z' {
			allCaps = false
			break
		}
	}
	switch {
	case tickers[strings.ToLower(w)]:
		return true
	default:
		return allCaps && !caps && len(w) <= 6
	}
}

// mostlyCaps reports whether most Latin words are written in capitals.
func mostlyCaps(fields []string) bool {
	upper, words := 0, 0
	for _, f := range fields {
		letters, caps := 0, 0
		for _, r := range f {
			if r < 'A' || r > 'z' {
				continue
			}
			letters++
			if r <= 'Z' {
				caps++
			}
		}
		if letters >= 2 {
			words++
			if caps == letters {
				upper++
			}
		}
	}
	return words >= 3 && upper*2 > words
}

// lower lowercases with the Turkish dotted capital I folded to a plain i and
// the typographic apostrophe made plain, so word lists need one spelling.
func lower(w string) string {
	w = strings.ReplaceAll(w, "’", "'")
	if strings.ContainsRune(w, 'İ') {
		w = strings.ReplaceAll(w, "İ", "i")
	}
	return strings.ToLower(w)
}

// latinInCyrillic maps the Latin letters people type inside Cyrillic
// words to the Cyrillic letters they look like: a Russian keyboard has
// no і, so Ukrainians write "пiдходить" with a Latin i.
var latinInCyrillic = strings.NewReplacer("i", "і", "a", "а", "e", "е", "o", "о", "p", "р", "c", "с", "x", "х", "y", "у")

// cyrillicLookalikes rewrites the Latin letters of a word that is
// otherwise Cyrillic; other words come back as they are.
func cyrillicLookalikes(w string) string {
	cyr, lat := 0, 0
	for _, r := range w {
		switch {
		case r >= 'a' && r <= 'z':
			lat++
		case r >= 0x400 && r <= 0x4FF:
			cyr++
		}
	}
	if cyr == 0 || lat == 0 || lat >= cyr {
		return w
	}
	return latinInCyrillic.Replace(w)
}

// splitScripts puts a space wherever Latin letters or digits meet letters
// of another script: Chinese, Japanese and Thai write "转到TXYZ…但是" without
// spaces, and the address must drop without taking the words with it.
func splitScripts(text string) string {
	var b strings.Builder
	last := 0 // 1 Latin or digit, 2 another script
	changed, afterCyrillic := false, false
	for _, r := range text {
		class := 0
		switch {
		case afterCyrillic && strings.ContainsRune("iaeopcxy", r):
			class = 2 // a look-alike inside a Cyrillic word (cyrillicLookalikes)
		case r < 0x250 && (unicode.IsLetter(r) || unicode.IsDigit(r)) || r >= 0x1E00 && r <= 0x1EFF:
			class = 1
		case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
			class = 2
		case r == ' ' || r == '\t' || r == '\n':
			last = 0
		}
		afterCyrillic = r >= 0x400 && r <= 0x4FF || afterCyrillic && class == 2
		if class != 0 && last != 0 && class != last {
			b.WriteByte(' ')
			changed = true
		}
		if class != 0 {
			last = class
		}
		b.WriteRune(r)
	}
	if !changed {
		return text
	}
	return b.String()
}

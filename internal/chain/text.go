package chain

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Pasted addresses arrive with invisible characters (from chat apps, PDFs,
// or on purpose) and with look-alike letters from other scripts (address
// poisoning). Invisible ones are removed and reported; look-alikes are only
// reported, because "fixing" them could turn a scam address into a valid one
// that is not the one the customer meant.

type runeAt struct {
	r   rune
	pos int // 1-based character position in the input
}

// isInvisible: format characters (zero-width space/joiners, BOM, word
// joiner, bidi marks and embeddings) and the few blank-looking letters and
// marks used to hide text.
func isInvisible(r rune) bool {
	switch {
	case unicode.Is(unicode.Cf, r):
		return true
	case r >= 0xFE00 && r <= 0xFE0F, r >= 0xE0100 && r <= 0xE01EF: // variation selectors
		return true
	}
	switch r {
	case 0x034F, 0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800:
		return true
	}
	return false
}

func invisibleChars(s string) []runeAt {
	var out []runeAt
	pos := 0
	for _, r := range s {
		pos++
		if isInvisible(r) {
			out = append(out, runeAt{r, pos})
		}
	}
	return out
}

// confusables maps letters of other scripts to the Latin letter they
// imitate. Fullwidth and mathematical forms are caught by NFKC instead.
var confusables = map[rune]rune{
	// Cyrillic
	'а': 'a', 'в': 'B', 'е': 'e', 'о': 'o', 'р': 'p', 'с': 'c', 'у': 'y', 'х': 'x', 'ѕ': 's', 'і': 'i',
	'ј': 'j', 'ԁ': 'd', 'һ': 'h', 'ԛ': 'q', 'ԝ': 'w', 'ӏ': 'l', 'к': 'k', 'м': 'M', 'н': 'H', 'т': 'T',
	'А': 'A', 'В': 'B', 'Е': 'E', 'К': 'K', 'М': 'M', 'Н': 'H', 'О': 'O', 'Р': 'P', 'С': 'C', 'Т': 'T',
	'Х': 'X', 'У': 'Y', 'Ѕ': 'S', 'І': 'I', 'Ј': 'J', 'Ԛ': 'Q', 'Ԝ': 'W', 'Ӏ': 'I', 'Ү': 'Y', 'З': '3',
	// Greek
	'ο': 'o', 'α': 'a', 'ν': 'v', 'ρ': 'p', 'ι': 'i', 'κ': 'k', 'υ': 'u', 'χ': 'x', 'ϲ': 'c', 'ϳ': 'j',
	'Α': 'A', 'Β': 'B', 'Ε': 'E', 'Ζ': 'Z', 'Η': 'H', 'Ι': 'I', 'Κ': 'K', 'Μ': 'M', 'Ν': 'N', 'Ο': 'O',
	'Ρ': 'P', 'Τ': 'T', 'Υ': 'Y', 'Χ': 'X', 'Ϲ': 'C', 'Ϳ': 'J',
	// Armenian and Latin look-alikes
	'օ': 'o', 'ս': 'u', 'ո': 'n', 'հ': 'h', 'ı': 'i', 'ɑ': 'a', 'ɡ': 'g', 'ℓ': 'l',
}

type homoglyph struct {
	runeAt
	looksLike rune
}

// homoglyphs lists the characters of s that imitate an ASCII letter or digit.
func homoglyphs(s string) []homoglyph {
	var out []homoglyph
	pos := 0
	for _, r := range s {
		pos++
		if r < utf8.RuneSelf {
			continue
		}
		if l, ok := confusables[r]; ok {
			out = append(out, homoglyph{runeAt{r, pos}, l})
			continue
		}
		// Fullwidth, mathematical, circled and similar compatibility forms.
		if k := norm.NFKC.String(string(r)); len(k) == 1 && isASCIIAlnum(k[0]) {
			out = append(out, homoglyph{runeAt{r, pos}, rune(k[0])})
		}
	}
	return out
}

func isASCIIAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func scriptOf(r rune) string {
	for _, s := range []struct {
		name  string
		table *unicode.RangeTable
	}{{"Cyrillic", unicode.Cyrillic}, {"Greek", unicode.Greek}, {"Armenian", unicode.Armenian}} {
		if unicode.Is(s.table, r) {
			return s.name
		}
	}
	if r >= 0xFF00 && r <= 0xFFEF {
		return "fullwidth"
	}
	return "look-alike"
}

// describeRunes lists up to three characters by code point and position.
func describeRunes(rs []runeAt) string {
	var parts []string
	for i, r := range rs {
		if i == 3 {
			parts = append(parts, fmt.Sprintf("and %d more", len(rs)-3))
			break
		}
		parts = append(parts, fmt.Sprintf("U+%04X at position %d", r.r, r.pos))
	}
	return strings.Join(parts, ", ")
}

func describeHomoglyphs(hs []homoglyph) string {
	var parts []string
	for i, h := range hs {
		if i == 3 {
			parts = append(parts, fmt.Sprintf("and %d more", len(hs)-3))
			break
		}
		parts = append(parts, fmt.Sprintf("%q (U+%04X, %s) at position %d looks like %q", h.r, h.r, scriptOf(h.r), h.pos, h.looksLike))
	}
	return strings.Join(parts, ", ")
}

// suspiciousChars explains why s, which should be an address or TxID, can
// not be one because of its characters; "" when every character is ASCII.
func suspiciousChars(s string) string {
	if bad := invisibleChars(s); len(bad) > 0 {
		return "contains an invisible character (" + describeRunes(bad) + "); copy it again from the source"
	}
	if hs := homoglyphs(s); len(hs) > 0 {
		return "contains characters from another alphabet that imitate Latin ones: " + describeHomoglyphs(hs)
	}
	pos := 0
	for _, r := range s {
		pos++
		if r >= utf8.RuneSelf || unicode.IsSpace(r) || unicode.IsControl(r) {
			return fmt.Sprintf("contains %q at position %d, which never appears in one", r, pos)
		}
	}
	return ""
}

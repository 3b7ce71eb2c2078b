package guard

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// RedactExcerpt returns what an audit record may keep of a message that
// was held back: the text with every secret the Detector finds in it (seed
// phrases, private keys, labelled passwords and codes) replaced by its
// marker, control characters other than line breaks turned into spaces,
// and cut to at most max runes on a rune boundary, with "…" at the end
// when something was cut. max <= 0 means no limit. Invalid UTF-8 becomes
// U+FFFD.
func (d *Detector) RedactExcerpt(text string, max int) string {
	text = strings.ToValidUTF8(text, "\uFFFD")
	red := d.Scan(text).Redacted
	red = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, red)
	if max <= 0 || utf8.RuneCountInString(red) <= max {
		return red
	}
	if max == 1 {
		return "…"
	}
	// Keep max-1 runes and the ellipsis. A marker cut in half would read
	// like a secret's start, so a cut inside one drops the whole marker.
	cut := 0
	for range max - 1 {
		_, size := utf8.DecodeRuneInString(red[cut:])
		cut += size
	}
	if open := strings.LastIndexByte(red[:cut], '['); open >= 0 && !strings.Contains(red[open:cut], "]") && isMarkerAt(red[open:]) {
		cut = open
	}
	return strings.TrimRight(red[:cut], " ") + "…"
}

// isMarkerAt reports whether s starts with one of the markers.
func isMarkerAt(s string) bool {
	for _, m := range markers {
		if strings.HasPrefix(s, m) {
			return true
		}
	}
	return strings.HasPrefix(s, Marker(""))
}

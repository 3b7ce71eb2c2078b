package guard

import (
	"strings"

	"golang.org/x/net/html/atom"
)

// An agent's reply may carry markup ("Draft zebrafrog <b>bold</b>"). The
// reader folds non-letters to spaces, so a tag became a word of its own
// ("b", "i", "li"), and a one-letter word is chat shorthand in requests
// ("b gửi mk"): the tags, not the text, made the reader refuse. The reader
// reads the text between the tags; the rules read the text as it is.

// readerView is the text the learned reader scores: links and the tags
// of HTML elements blanked.
func readerView(norm string) string {
	return maskTags(maskLinks(norm))
}

// maskTags blanks "<b>", "</li>", "<a href=…>": a "<", an optional "/",
// the name of an HTML element, and the rest of the tag up to ">" on the
// same line. Anything else with "<" ("a < b", "<3") is left as it is.
func maskTags(s string) string {
	if !strings.Contains(s, "<") {
		return s
	}
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); i++ {
		if s[i] != '<' {
			continue
		}
		if end := tagEnd(s, i); end > 0 {
			b.WriteString(s[last:i])
			b.WriteString(" ")
			last = end
			i = end - 1
		}
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// tagEnd returns the end of the element tag that opens at s[i] ('<'),
// or 0 if none does.
func tagEnd(s string, i int) int {
	j := i + 1
	if j < len(s) && s[j] == '/' {
		j++
	}
	n := j
	for n < len(s) && (s[n] >= 'a' && s[n] <= 'z' || s[n] >= 'A' && s[n] <= 'Z' || n > j && s[n] >= '0' && s[n] <= '9') {
		n++
	}
	if n == j || atom.Lookup([]byte(strings.ToLower(s[j:n]))) == 0 {
		return 0
	}
	close := strings.IndexAny(s[n:], ">\n<")
	if close < 0 || s[n+close] != '>' || n+close-i > 512 {
		return 0
	}
	if next := s[n]; next != '>' && next != ' ' && next != '/' && next != '\t' {
		return 0 // "<bold>"-like words that only start with an element's name
	}
	return n + close + 1
}

package guard

import (
	"strings"
	"unicode"
)

// Quoted speech, for the learned reader. A warning often quotes the scam
// it warns of ("Scammers write 'just send your private key'. Never do."),
// and the words inside the quote read like a request. The reader keeps
// the words of a long quote apart from the agent's own words, so that
// what the agent asks and what the agent reports someone else asking
// carry separate weights, in every language alike: the quotation marks
// are the structure, not the vocabulary.

// minQuoteWords is how long a quote must be to be read apart: a quoted
// button or menu name ("tap 'Backup'") is the agent's own instruction.
const minQuoteWords = 4

// quoteSplit returns the normalised text with the contents of its long
// quotes blanked out, and those contents joined; ok is false when the
// text has no long quote or nothing of substance outside its quotes (a
// message that is all quote is read as it is).
func quoteSplit(norm string) (outside, inside string, ok bool) {
	var out, in strings.Builder
	last := 0
	for _, s := range quoteSpans(norm) { // the marks included
		if countWords(norm[s[0]:s[1]]) < minQuoteWords {
			continue
		}
		out.WriteString(norm[last:s[0]])
		out.WriteString(" ")
		in.WriteString(norm[s[0]:s[1]])
		in.WriteString(" ")
		last = s[1]
	}
	if last == 0 {
		return "", "", false
	}
	out.WriteString(norm[last:])
	if countWords(out.String()) < 2 {
		return "", "", false
	}
	return out.String(), in.String(), true
}

// countWords counts words: the runs of letters, marks and digits between
// spaces and punctuation, and in a script written without spaces one word
// for about as many letters as its words have (two in Chinese, three in
// Japanese kana, six in Thai).
func countWords(s string) int {
	n := 0
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) }) {
		var han, kana, thai int
		for _, r := range f {
			switch {
			case unicode.Is(unicode.Han, r):
				han++
			case unicode.In(r, unicode.Hiragana, unicode.Katakana):
				kana++
			case unicode.Is(unicode.Thai, r):
				thai++
			}
		}
		n += max(1, (han+1)/2+(kana+1)/3+(thai+3)/6)
	}
	return n
}

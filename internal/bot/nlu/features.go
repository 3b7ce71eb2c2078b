package nlu

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Features are the classifier's view of a text: its words, their
// diacritic-free forms, word pairs and character n-grams inside words
// (which carry stems across inflections and typos), character n-grams over
// runs of scripts written without spaces, and one feature per entity kind;
// the analyser adds the order of magnitude of the largest sum (sumTags).
// They are the same at training and at analysis time.

// unspaced reports whether r belongs to a script written without spaces
// between words, where character n-grams stand in for words.
func unspaced(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai)
}

// foldMarks removes combining marks after decomposition: "é" → "e",
// "ş" → "s", "ё" → "е", and writes the few letters that do not decompose
// as customers without the keyboard do ("ı" → "i", "ł" → "l", "đ" → "d"). (The norm
// forms are safe for concurrent use; a transform.Chain is not.)
func foldMarks(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	d := norm.NFD.String(s)
	var b strings.Builder
	b.Grow(len(d))
	for _, r := range d {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'ı': // Turkish dotless i, typed as i without a Turkish keyboard
			b.WriteByte('i')
		case r == 'ł' || r == 'Ł':
			b.WriteByte('l')
		case r == 'đ' || r == 'Đ':
			b.WriteByte('d')
		case r == 'ß':
			b.WriteString("ss")
		default:
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(b.String())
}

// words splits lowercased text into runs of letters (digits dropped: they
// are amounts and ids, which the entity features cover); a run changes when
// the script switches between spaced and unspaced.
func words(text string) []string {
	var out []string
	var b strings.Builder
	lastUnspaced := false
	flush := func() {
		if b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
		}
	}
	for _, r := range text {
		if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) && !unicode.Is(unicode.Mc, r) {
			flush()
			continue
		}
		u := unspaced(r)
		if b.Len() > 0 && u != lastUnspaced {
			flush()
		}
		lastUnspaced = u
		b.WriteRune(unicode.ToLower(r))
	}
	flush()
	return out
}

// featureSet returns the distinct features of text, whose entity spans
// have already been blanked out, plus the entity kinds found, in the
// order they first occur: training sums weights in this order, and a
// map's order would make two trainings on the same phrases differ.
func featureSet(text string, kinds []string) []string {
	seen := make(map[string]struct{}, 64)
	out := make([]string, 0, 64)
	add := func(f string) {
		if _, ok := seen[f]; !ok {
			seen[f] = struct{}{}
			out = append(out, f)
		}
	}
	ws := words(text)
	prev := ""
	for _, w := range ws {
		rs := []rune(w)
		if unspaced(rs[0]) {
			charGrams(rs, 1, 3, "c", add)
			prev = ""
			continue
		}
		f := foldMarks(w)
		add("w:" + f)
		if f != w {
			add("w:" + w)
		}
		if prev != "" {
			add("b:" + prev + "_" + f)
		}
		prev = f
		padded := []rune(" " + f + " ")
		lo := 3
		if unicode.Is(unicode.Hangul, rs[0]) {
			lo = 2 // a Korean syllable is a few letters: pairs of syllables carry stems
		}
		charGrams(padded, lo, 5, "g", add)
	}
	for _, k := range kinds {
		add("e:" + k)
	}
	return out
}

// charGrams adds the n-grams of rs for n in [lo, hi].
func charGrams(rs []rune, lo, hi int, tag string, add func(string)) {
	for n := lo; n <= hi; n++ {
		for i := 0; i+n <= len(rs); i++ {
			add(tag + string(rs[i:i+n]))
		}
	}
}

// blankEntities replaces the entity spans in text with spaces and returns
// the kinds found, so a TxID's letters do not become words.
func blankEntities(text string, es []Entity) (string, []string) {
	if len(es) == 0 {
		return text, nil
	}
	b := []byte(text)
	kinds := make([]string, 0, len(es))
	for _, e := range es {
		for i := e.Start; i < e.End && i < len(b); i++ {
			b[i] = ' '
		}
		if e.Kind == EntityTxID || e.Kind == EntityAddress || e.Kind == EntityOrder || e.Kind == EntityAmount {
			kinds = append(kinds, e.Kind)
		}
	}
	return string(b), kinds
}

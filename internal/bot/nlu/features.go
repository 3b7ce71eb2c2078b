package nlu

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Features are the classifier's view of a text: its words, their
// diacritic-free forms, word pairs and character n-grams inside words
// (which carry stems across inflections and typos), character n-grams over
// runs of scripts written without spaces, and one feature per entity kind.
// They are the same at training and at analysis time.

// unspaced reports whether r belongs to a script written without spaces
// between words, where character n-grams stand in for words.
func unspaced(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai)
}

// stripMarks removes combining marks after decomposition: "é" → "e",
// "ş" → "s", "ё" → "е". Customers often type without them. A chain keeps
// state while it runs, so each call makes its own (one shared chain
// panicked under concurrent analyses).
func stripMarks() transform.Transformer {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}

func foldMarks(s string) string {
	out, _, err := transform.String(stripMarks(), s)
	if err != nil {
		return s
	}
	return out
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
// have already been blanked out, plus the entity kinds found.
func featureSet(text string, kinds []string) []string {
	seen := make(map[string]struct{}, 64)
	add := func(f string) { seen[f] = struct{}{} }
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
		charGrams(padded, 3, 5, "g", add)
	}
	for _, k := range kinds {
		add("e:" + k)
	}
	out := make([]string, 0, len(seen))
	for f := range seen {
		out = append(out, f)
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

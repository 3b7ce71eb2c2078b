package guard

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// script is the writing system of a run of letters. A word never mixes
// them, so a change of script ends a token.
type script uint8

const (
	scOther    script = iota // Latin, Cyrillic, Greek, Arabic and the rest
	scHan                    // Chinese characters: each one is a word of the Chinese lists
	scHiragana               // the Japanese list is written in hiragana
	scKatakana
	scHangul
	scThai
)

// token is a maximal run of letters (and the marks on them) in the
// original text, with its normalized key and what the word lists say of it.
type token struct {
	start, end int // byte span in the original text
	ks, ke     int // span of the key in the scratch key buffer
	runes      int
	script     script
	zwJoin     bool // only zero-width characters separate it from the previous token
	weak       bool // matched a word at edit distance 1 but too short to trust: counts only inside a run
	typo       bool // matched a word at edit distance 1 only
	afterLabel bool // a numbering label ("a)", "iv.", "一、") was dropped before it
	e          entry
}

func classOf(r rune) script {
	switch {
	case r >= 0x0E00 && r <= 0x0E7F:
		return scThai
	case r < 0x2E80:
		return scOther
	case unicode.Is(unicode.Han, r):
		return scHan
	case unicode.Is(unicode.Hiragana, r):
		return scHiragana
	case unicode.Is(unicode.Katakana, r):
		return scKatakana
	case unicode.Is(unicode.Hangul, r):
		return scHangul
	}
	return scOther
}

// tokenize splits text into letter runs. Everything that is not a letter
// (spaces, digits, punctuation, emoji) separates words; zero-width
// characters separate them too, but are remembered so that a word broken
// by one can be put back together.
func (s *scanner) tokenize() {
	text := s.text
	keys := &s.keys
	toks := s.toks[:0]
	if cap(toks) < len(text)/5+1 {
		toks = make([]token, 0, len(text)/5+1)
	}
	in := false
	var cur token
	latin := false
	pendingZW := false
	end := func() {
		if in {
			cur.ke = len(*keys)
			toks = append(toks, cur)
			in = false
		}
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r < utf8.RuneSelf && !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') {
			end()
			pendingZW = false
			i += size
			continue
		}
		if isZeroWidth(r) {
			if in {
				end()
				pendingZW = true
			}
			i += size
			continue
		}
		letter := r < utf8.RuneSelf || unicode.IsLetter(r)
		// U+FFFD inside a word is kept as part of it: one published list
		// word holds two (see listAliases).
		mark := !letter && (unicode.In(r, unicode.Mn, unicode.Mc, unicode.Me) || r == utf8.RuneError && size == 3)
		if !letter && !mark {
			end()
			pendingZW = false
			i += size
			continue
		}
		if mark && !in {
			i += size
			continue
		}
		cls := cur.script
		if letter {
			cls = classOf(r)
			if r == 0x30FC || r == 0x30FB { // prolonged sound mark, middle dot: keep the current script
				if in {
					cls = cur.script
				}
			}
		}
		if in && cls != cur.script {
			end()
		}
		if !in {
			cur = token{start: i, ks: len(*keys), script: cls, zwJoin: pendingZW}
			pendingZW = false
			latin = false
			in = true
		}
		*keys, latin = appendRuneKey(*keys, text[i:i+size], r, latin)
		cur.end = i + size
		cur.runes++
		i += size
	}
	end()
	s.toks = toks
}

// classify looks every token up in the word lists, joins words that
// zero-width characters split, and finds the words inside runs of letters
// written without spaces (Japanese, Korean, or Latin words glued together).
func (s *scanner) classify() {
	s.joinHyphenBreaks()
	s.dropLabels()
	lx := s.d.lex
	toks := s.toks
	keys := &s.keys
	for i := range toks {
		t := &toks[i]
		if t.script == scHan && t.runes > 1 {
			continue // a group of Chinese characters: see chinese.go
		}
		if e, ok := lx.lookup((*keys)[t.ks:t.ke]); ok {
			t.e = e
			continue
		}
		if t.script == scOther && t.runes >= 4 {
			if e, ok := lx.lookupTypo((*keys)[t.ks:t.ke], 4); ok {
				t.e, t.typo = e, true
				// A four-letter word one letter off a list word is too
				// common in prose to count on its own.
				t.weak = t.runes < 5
			}
		}
	}
	// Rejoin words broken by zero-width characters: "aban\u200bdon".
	out := toks[:0]
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if len(out) > 0 && t.zwJoin {
			p := &out[len(out)-1]
			if (p.e.mask == 0 || t.e.mask == 0 || p.weak || t.weak) && p.ke == t.ks {
				if e, ok := lx.lookup((*keys)[p.ks:t.ke]); ok {
					p.end, p.ke, p.runes, p.e, p.weak = t.end, t.ke, p.runes+t.runes, e, false
					continue
				}
			}
		}
		out = append(out, t)
	}
	toks = out
	// Segment long unknown runs of letters into words.
	var res []token
	for i, t := range toks {
		if t.e.mask == 0 && t.script != scHan && t.script != scThai && t.script != scKatakana && t.runes >= minSegmentRunes(t.script) {
			if parts := s.segment(t); len(parts) >= 2 {
				if res == nil {
					res = append(make([]token, 0, len(toks)+len(parts)), toks[:i]...)
				}
				res = append(res, parts...)
				continue
			}
		}
		if res != nil {
			res = append(res, t)
		}
	}
	if res != nil {
		toks = res
	}
	s.toks = toks
}

// joinHyphenBreaks joins two tokens when a hyphen at the end of a line
// splits one word ("вбли-\nзи", as OCR and narrow notes apps break words)
// and the halves make a list word that neither is alone. It runs before
// the labels go: a half may look like one ("ва-\nгон").
func (s *scanner) joinHyphenBreaks() {
	out := s.toks[:0]
	for _, t := range s.toks {
		if n := len(out); n > 0 && s.hyphenBreak(out[n-1], t) {
			p := &out[n-1]
			p.end, p.ke, p.runes = t.end, t.ke, p.runes+t.runes
			continue
		}
		out = append(out, t)
	}
	s.toks = out
}

// hyphenBreak reports whether p and t are halves of one list word broken
// by a hyphen and a line break.
func (s *scanner) hyphenBreak(p, t token) bool {
	if p.ke != t.ks || p.script != t.script {
		return false
	}
	g, ok := strings.CutPrefix(strings.TrimLeft(s.text[p.end:t.start], " \t"), "-")
	if !ok || !strings.Contains(g, "\n") || strings.TrimSpace(g) != "" {
		return false
	}
	lx := s.d.lex
	if _, ok := lx.lookup(s.keys[p.ks:t.ke]); !ok {
		return false
	}
	_, first := lx.lookup(s.keys[p.ks:p.ke])
	_, second := lx.lookup(s.keys[t.ks:t.ke])
	return !first || !second
}

// runeTypo reads an unknown Cyrillic or hiragana word that sits in a
// run of list words as the Russian or Japanese list word it is one edit
// from: a letter OCR doubled or dropped, a voicing mark misread. It is
// asked only there (runs), never of every word, so that prose keeps its
// words out of the conversation's state. A Cyrillic one stays weak (it
// counts inside a run, one or two a phrase): Russian inflects by one
// letter ("митинга"). A kana word of four or more is trusted as a Latin
// one of five is; a shorter one stays weak.
func (s *scanner) runeTypo(t *token) bool {
	if t.e.mask != 0 || t.runes < 3 || (t.script != scOther && t.script != scHiragana) {
		return false
	}
	e, ok := s.d.lex.lookupRuneTypo(s.keys[t.ks:t.ke], 3)
	if !ok {
		return false
	}
	t.e, t.typo = e, true
	t.weak = t.script == scOther || t.runes < 4
	return true
}

func minSegmentRunes(s script) int {
	switch s {
	case scHiragana, scHangul:
		return 4
	}
	return 20
}

// segment splits one run of letters into list words, covering all of it
// (a long kana run: all but a few runes at its ends) with as few words as
// possible, or returns nil. It works on the key, whose rune boundaries are
// mapped back to the original text.
func (s *scanner) segment(t token) []token {
	key := s.keys[t.ks:t.ke]
	// Boundaries in the key that start an original rune, and where that
	// rune starts in the text. Recomputed here because segmentation is rare.
	var kb, ob []int
	latin := false
	var scratch []byte
	text := s.text
	for i := t.start; i < t.end; {
		r, size := utf8.DecodeRuneInString(text[i:])
		kb = append(kb, len(scratch))
		ob = append(ob, i)
		scratch, latin = appendRuneKey(scratch, text[i:i+size], r, latin)
		i += size
	}
	if string(scratch) != string(key) {
		return nil
	}
	kb = append(kb, len(scratch))
	ob = append(ob, t.end)
	n := len(kb) - 1
	// Kana typed by hand glue the particles of the sentence to a phrase
	// ("…シードは<words>です"): a long hiragana run may leave a few runes
	// at either end out of the cover. Short runs must be covered whole,
	// since prose splits into short list words all too easily.
	lead, tail := 0, 0
	if t.script == scHiragana && n >= gluedKanaRunes {
		lead, tail = maxKanaLead, maxKanaTail
	}
	// The fewest runes left out first.
	for cut := 0; cut <= lead+tail; cut++ {
		for p := max(0, cut-tail); p <= min(cut, lead); p++ {
			if parts := s.cover(t, key, kb, ob, p, n-(cut-p)); parts != nil {
				return parts
			}
		}
	}
	return nil
}

// Glued kana: a run this long may leave a particle before the phrase
// ("は", "とは") and a sentence ending after it ("です", "でしょうか") out of
// its cover.
const (
	gluedKanaRunes = 24
	maxKanaLead    = 3
	maxKanaTail    = 6
)

// cover splits runes [p, q) of token t into as few list words as possible
// and returns them with the runes before p and from q on as tokens of no
// list, or nil when they cannot be covered.
func (s *scanner) cover(t token, key []byte, kb, ob []int, p, q int) []token {
	d := s.d
	const inf = 1 << 30
	best := make([]int, q+1)
	from := make([]int, q+1)
	for i := range best {
		best[i] = inf
	}
	best[p] = 0
	maxRunes := d.lex.maxRunes + 2
	for j := p + 1; j <= q; j++ {
		for i := max(p, j-maxRunes); i < j; i++ {
			if best[i] == inf || best[i]+1 >= best[j] {
				continue
			}
			if _, ok := d.lex.keys[string(key[kb[i]:kb[j]])]; ok {
				best[j], from[j] = best[i]+1, i
			}
		}
	}
	if best[q] == inf {
		return nil
	}
	plain := func(i, j int) token {
		return token{start: ob[i], end: ob[j], ks: t.ks + kb[i], ke: t.ks + kb[j], runes: j - i, script: t.script}
	}
	var parts []token
	if p > 0 {
		parts = append(parts, plain(0, p))
	}
	words := make([]token, best[q])
	for j, k := q, best[q]-1; j > p; j, k = from[j], k-1 {
		i := from[j]
		e, _ := d.lex.lookup(key[kb[i]:kb[j]])
		words[k] = plain(i, j)
		words[k].e = e
	}
	parts = append(parts, words...)
	if n := len(kb) - 1; q < n {
		parts = append(parts, plain(q, n))
	}
	return parts
}

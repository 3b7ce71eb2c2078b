package guard

import (
	"unicode/utf8"
)

// findCorrection finds a phrase whose word a later text corrects: "sorry,
// the 5th is X, not Y". The earlier text's words stand in the state with
// the wrong word at place N (a word in no list is a filler there); when
// the latest text names N and a list word X, and the phrase with X at N
// passes its checksum, the phrase and X are cut. The checksum is what
// makes this safe: at most three words are tried at one place of a run
// that stands on its own, so a run that is no phrase passes about one
// time in sixteen for each, and only where eleven list words of one list
// already stand in a row before a short message with a number.
func (s *scanner) findCorrection() {
	from := s.leadFrom
	// A correction is a short message of its own.
	if from <= 0 || from >= len(s.text) || len(s.text)-from > 160 || s.tokensIn(from, len(s.text)) > 12 {
		return
	}
	// It names a word or two, not a phrase of its own (a numbered list).
	words := 0
	for _, t := range s.toks {
		if t.start >= from && t.e.mask&bip39Mask != 0 {
			words++
		}
	}
	if words > 3 {
		return
	}
	n := placeNamed(s.text[from:])
	if n < 1 || n > 24 {
		return
	}
	for j := range s.toks {
		if s.toks[j].start < from {
			continue
		}
		e, ok := s.listWordIn(j)
		if !ok {
			continue
		}
		for id := range listID(numBIP39) {
			if e.mask&(1<<id) != 0 && s.correctWindow(id, n, j, e.idx[id]) {
				return
			}
		}
	}
}

// placeNamed is the first number of 1 to 24 in text ("5번은", "the 5th"), or 0.
func placeNamed(text string) int {
	v, digits := 0, 0
	for _, r := range text + " " {
		if r >= '0' && r <= '9' {
			v, digits = v*10+int(r-'0'), digits+1
			continue
		}
		if digits > 0 && digits <= 2 && v >= 1 && v <= 24 {
			return v
		}
		v, digits = 0, 0
	}
	return 0
}

// listWordIn is the list entry of token j, or of its longest head of two
// or more syllables when it is Korean or Japanese with a particle after
// the word ("퇴직금예요", "なまいきです").
func (s *scanner) listWordIn(j int) (entry, bool) {
	t := s.toks[j]
	if t.e.mask != 0 && !t.typo {
		return t.e, true
	}
	if t.script != scHangul && t.script != scHiragana {
		return entry{}, false
	}
	word := s.text[t.start:t.end]
	var key []byte
	for end := len(word); end > 0; {
		_, size := utf8.DecodeLastRuneInString(word[:end])
		end -= size
		if utf8.RuneCountInString(word[:end]) < 2 {
			break
		}
		key = appendKey(key[:0], word[:end])
		if e, ok := s.d.lex.lookup(key); ok {
			return e, true
		}
	}
	return entry{}, false
}

// correctWindow looks in the earlier texts for a window of a phrase's
// length whose words are list id's but for place n (any word there), and
// which passes the checksum with v at n. It records the window and token
// j, the corrected word, and reports whether it found one.
func (s *scanner) correctWindow(id listID, n, j int, v int16) bool {
	var earlier []int
	for i := range s.toks {
		if s.toks[i].end <= s.leadFrom {
			earlier = append(earlier, i)
		}
	}
	for _, l := range []int{24, 21, 18, 15, 12} {
		if n > l {
			continue
		}
		// The state keeps no word in no list before a text's first list
		// word: a wrong first word leaves the window one short.
		for _, k := range []int{l, l - 1} {
			if k < l && n != 1 {
				break
			}
			for a := 0; a+k <= len(earlier); a++ {
				w := earlier[a : a+k]
				if s.correctedPhrase(id, w, n-1, v, k < l) {
					s.add(hit{Finding: Finding{Kind: KindSeedPhrase, Start: s.toks[w[0]].start, End: s.toks[w[k-1]].end, Confidence: High}, rank: rankVerified})
					s.add(hit{Finding: Finding{Kind: KindSeedPhrase, Start: s.toks[j].start, End: s.toks[j].end, Confidence: High}, rank: rankVerified})
					return true
				}
			}
		}
	}
	return false
}

// correctedPhrase reports whether tokens w, one after another with only
// what may separate a phrase's words between them, are list id's words
// but for place p, and pass the checksum with v at p.
//
// With first, the words of w are the phrase's second on, and v its first:
// w must then start its text or follow a word in no list.
func (s *scanner) correctedPhrase(id listID, w []int, p int, v int16, first bool) bool {
	var buf [24]int16
	idx := buf[:0]
	if first {
		if b := w[0] - 1; b >= 0 && s.toks[b].e.mask&(1<<id) != 0 && s.gapOK(b, w[0]) {
			return false
		}
		idx, p = append(idx, v), len(w)+1 // no place in w is replaced
	}
	for k, t := range w {
		if k > 0 && (w[k-1]+1 != t || !s.gapOK(w[k-1], t)) {
			return false
		}
		switch {
		case k == p:
			idx = append(idx, v)
		case s.toks[t].e.mask&(1<<id) != 0 && s.toks[t].e.idx[id] >= 0:
			idx = append(idx, s.toks[t].e.idx[id])
		default:
			return false
		}
	}
	if !bip39Valid(idx) || !s.wholeRun(id, w) {
		return false
	}
	if first {
		return true
	}
	// A wrong word that is a list word is one the customer names again
	// ("…, not Y"); a word in no list the state no longer holds.
	if wrong := s.toks[w[p]]; wrong.e.mask&(1<<id) != 0 && !s.namedLater(s.keys[wrong.ks:wrong.ke]) {
		return false
	}
	// The words as they stand must not pass already: then nothing was
	// corrected, and the run was found as it is.
	orig := s.toks[w[p]].e
	return orig.mask&(1<<id) == 0 || !bip39Valid(append(idx[:p:p], append([]int16{orig.idx[id]}, idx[p+1:]...)...))
}

// wholeRun reports whether w is a run of its own: no word of list id
// stands right before or after it.
func (s *scanner) wholeRun(id listID, w []int) bool {
	in := func(j int) bool { return s.toks[j].e.mask&(1<<id) != 0 }
	if b := w[0] - 1; b >= 0 && in(b) && s.gapOK(b, w[0]) {
		return false
	}
	a := w[len(w)-1] + 1
	return a >= len(s.toks) || s.toks[a].start >= s.leadFrom || !in(a) || !s.gapOK(a-1, a)
}

// namedLater reports whether the latest text holds a token with key.
func (s *scanner) namedLater(key []byte) bool {
	for _, t := range s.toks {
		if t.start >= s.leadFrom && string(s.keys[t.ks:t.ke]) == string(key) {
			return true
		}
	}
	return false
}

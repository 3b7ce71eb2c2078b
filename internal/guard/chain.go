package guard

import (
	"slices"
	"strings"
)

// A customer who pastes half a phrase, writes a line ("wait, here is the
// rest") and pastes the other half has still sent the phrase. chains joins
// runs of list words that stand on lines of their own (or in messages of
// their own) across a bounded gap of other words, and keeps the join only
// when the words together pass the list's checksum: a sentence between
// two halves is common, a checksum-valid join of ordinary lines is not.

const (
	minPiece     = 3  // words of a clean piece that may be part of a phrase
	maxGapTokens = 30 // words between two halves
)

// piece is a run of list words: its words are pieceWords[from:to].
type piece struct{ from, to int }

// chains tries joins of consecutive pieces of list id. A piece takes part
// from and to the points where its lines start or end ("clean points"):
// the words around a sentence on the same line belong to the sentence.
func (s *scanner) chains(id listID) {
	type span struct {
		p      spanWords
		points []int // clean points: k means before words[k]; len(words) the end
	}
	var ps []span
	for _, pc := range s.pieces {
		p := spanWords{words: s.pieceWords[pc.from:pc.to]}
		var pts []int
		for k := range len(p.words) + 1 {
			switch {
			case k == 0 && s.cleanBefore(p.words[0]),
				k == len(p.words) && s.cleanAfter(p.words[k-1]),
				k > 0 && k < len(p.words) && lineBreak(s.text[s.toks[p.words[k-1]].end:s.toks[p.words[k]].start]):
				pts = append(pts, k)
			}
		}
		if len(pts) >= 2 && pts[len(pts)-1]-pts[0] >= minPiece {
			ps = append(ps, span{p, pts})
		}
	}
	if len(ps) < 2 {
		return
	}
	lengths, check := s.phraseLengths(id)
	var idx []int16
	words := func(p span, from, to int) []int { return p.p.words[p.points[from]:p.points[to]] }
	// try checks one join: parts of the outer pieces and the middle ones whole.
	try := func(parts [][]int) bool {
		total := 0
		for _, p := range parts {
			total += len(p)
		}
		if !slices.Contains(lengths, total) {
			return false
		}
		idx = idx[:0]
		for _, p := range parts {
			for _, w := range p {
				idx = append(idx, max(s.toks[w].e.idx[id], 0))
			}
		}
		if !check(idx) {
			return false
		}
		for _, p := range parts {
			s.addChain(id, p)
		}
		return true
	}
	for i := range ps {
		first := ps[i]
		var middle [][]int
		for j := i + 1; j < len(ps); j++ {
			prev := ps[j-1]
			from := prev.p.words[prev.points[len(prev.points)-1]-1]
			to := ps[j].p.words[ps[j].points[0]]
			if to-from-1 > maxGapTokens {
				break
			}
			last := ps[j]
			// The outer pieces may start and end at their clean points, so
			// that a stray line or clause of list words ("sorry,", "thanks")
			// is left out: the inner edge at one of the two nearest to the
			// gap, the outer edge at any; each part keeps minPiece words.
			nf, nl := len(first.points), len(last.points)
			inner := 0
			for _, m := range middle {
				inner += len(m)
			}
		outer:
			for ei := nf - 1; ei >= max(1, nf-2); ei-- {
				for si := 0; si < min(2, nl-1); si++ {
					// From the inner edges outwards, while a phrase still fits.
					for ai := ei - 1; ai >= 0 && first.points[ei]-first.points[ai]+inner <= 33; ai-- {
						for bi := si + 1; bi < nl && first.points[ei]-first.points[ai]+inner+last.points[bi]-last.points[si] <= 33; bi++ {
							fw, lw := words(first, ai, ei), words(last, si, bi)
							if len(fw) < minPiece || len(lw) < minPiece || !slices.Contains(lengths, len(fw)+inner+len(lw)) {
								continue
							}
							parts := append(append([][]int{fw}, middle...), lw)
							if try(parts) {
								break outer
							}
						}
					}
				}
			}
			middle = append(middle, words(last, 0, nl-1))
			if inner+len(middle[len(middle)-1]) > 33 {
				break
			}
		}
	}
}

type spanWords struct{ words []int }

// addChain records the words of one piece of a joined phrase.
func (s *scanner) addChain(id listID, words []int) {
	kind := KindSeedPhrase
	switch id {
	case listSLIP39:
		kind = KindSLIP39
	case listMonero:
		kind = KindMonero
	}
	s.add(hit{Finding: Finding{Kind: kind, Start: s.toks[words[0]].start, End: s.toks[words[len(words)-1]].end}, rank: rankVerified})
}

// phraseLengths are the lengths a phrase of list id can have, and the
// check its words must pass.
func (s *scanner) phraseLengths(id listID) ([]int, func([]int16) bool) {
	switch id {
	case listSLIP39:
		return []int{20, 33}, rs1024Valid
	case listMonero:
		return []int{13, 25}, s.moneroValid
	}
	return []int{12, 15, 18, 21, 24}, bip39Valid
}

// cleanBefore reports whether token i starts a line of list words: nothing
// but a line break, a colon or the start of the text before it, back to the
// previous token.
func (s *scanner) cleanBefore(i int) bool {
	from := 0
	if i > 0 {
		from = s.toks[i-1].end
	}
	if from == 0 || lineBreak(s.text[from:s.toks[i].start]) {
		return true
	}
	// "and abandon ability able": a connector that starts the line.
	if t := s.toks[i-1]; t.e.mask == 0 && connectors[string(s.keys[t.ks:t.ke])] {
		return i-1 == 0 || lineBreak(s.text[s.toks[i-2].end:t.start])
	}
	return false
}

// connectors start a line that goes on with what came before, or join the
// last word of a list ("…, answer and flame"). One-letter ones ("y", "e",
// "i") are left out: "I" is everywhere in English.
var connectors = setOf("and", "then", "also", "plus", "next", "и", "ещё", "еще", "ve", "et", "und", "oraz", "và", "va", "dan", "lalu")

// cleanAfter reports whether token i ends a line of list words.
func (s *scanner) cleanAfter(i int) bool {
	to := len(s.text)
	if i+1 < len(s.toks) {
		to = s.toks[i+1].start
	}
	return to == len(s.text) || lineBreak(s.text[s.toks[i].end:to])
}

// lineBreak reports whether a gap ends a line or a clause: a line break,
// a colon, or the punctuation that ends a greeting or a sentence ("Hi,
// abandon ability …").
func lineBreak(gap string) bool {
	return strings.ContainsAny(gap, "\n\r:：,.;!?，。；！？")
}

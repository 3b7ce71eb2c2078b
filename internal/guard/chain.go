package guard

import "strings"

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

// piece is a run of list words: its first and last token and its words.
type piece struct {
	first, last int
	words       []int
}

// chains tries joins of consecutive pieces of list id. A piece takes part
// from and to the points where its lines start or end ("clean points"):
// the words around a sentence on the same line belong to the sentence.
func (s *scanner) chains(id listID) {
	type span struct {
		p      piece
		points []int // clean points: k means before words[k]; len(words) the end
	}
	var ps []span
	for _, p := range s.pieces {
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
	for i := range ps {
		first := ps[i]
		lastI := first.points[len(first.points)-1]
		middle := 0
		for j := i + 1; j < len(ps); j++ {
			prev := ps[j-1]
			from := prev.p.words[prev.points[len(prev.points)-1]-1]
			to := ps[j].p.words[ps[j].points[0]]
			if to-from-1 > maxGapTokens {
				break
			}
			last := ps[j]
			firstJ := last.points[0]
			// The outer pieces may start (end) at any of their clean points,
			// so that a stray line of list words ("thanks") can be left out;
			// each part keeps at least minPiece words.
			for _, a := range first.points[:len(first.points)-1] {
				for _, b := range last.points[1:] {
					total := (lastI - a) + middle + (b - firstJ)
					if lastI-a < minPiece || b-firstJ < minPiece || !containsInt(lengths, total) {
						continue
					}
					idx = idx[:0]
					add := func(words []int) {
						for _, w := range words {
							idx = append(idx, max(s.toks[w].e.idx[id], 0))
						}
					}
					add(first.p.words[a:lastI])
					for _, m := range ps[i+1 : j] {
						add(m.p.words[m.points[0]:m.points[len(m.points)-1]])
					}
					add(last.p.words[firstJ:b])
					if !check(idx) {
						continue
					}
					s.addChain(id, first.p.words[a:lastI])
					for _, m := range ps[i+1 : j] {
						s.addChain(id, m.p.words[m.points[0]:m.points[len(m.points)-1]])
					}
					s.addChain(id, last.p.words[firstJ:b])
				}
			}
			middle += last.points[len(last.points)-1] - firstJ // as a middle piece it counts whole
			if middle > 33 {
				break
			}
		}
	}
}

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

func containsInt(xs []int, v int) bool {
	for _, x := range xs {
		if x == v {
			return true
		}
	}
	return false
}

// cleanBefore reports whether token i starts a line of list words: nothing
// but a line break, a colon or the start of the text before it, back to the
// previous token.
func (s *scanner) cleanBefore(i int) bool {
	from := 0
	if i > 0 {
		from = s.toks[i-1].end
	}
	return from == 0 || lineBreak(s.text[from:s.toks[i].start])
}

// cleanAfter reports whether token i ends a line of list words.
func (s *scanner) cleanAfter(i int) bool {
	to := len(s.text)
	if i+1 < len(s.toks) {
		to = s.toks[i+1].start
	}
	return to == len(s.text) || lineBreak(s.text[s.toks[i].end:to])
}

func lineBreak(gap string) bool {
	return strings.ContainsAny(gap, "\n\r:：")
}

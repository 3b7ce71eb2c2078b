package guard

import "strings"

// A customer who pastes half a phrase, writes a line ("wait, here is the
// rest") and pastes the other half has still sent the phrase. chains joins
// runs of list words that stand on lines of their own (or in messages of
// their own) across a bounded gap of other words, and keeps the join only
// when the words together pass the list's checksum: a sentence between
// two halves is common, a checksum-valid join of ordinary lines is not.

const (
	minPiece     = 2  // words in a run that may be half of a phrase
	maxGapTokens = 30 // words between two halves
)

// piece is a run of list words: its first and last token and its words.
type piece struct {
	first, last int
	words       []int
}

// chains tries joins of consecutive pieces of list id.
func (s *scanner) chains(id listID) {
	ps := s.pieces
	if len(ps) < 2 {
		return
	}
	lengths, check := s.phraseLengths(id)
	for i := range ps {
		if !s.cleanBefore(ps[i].first) || !s.cleanAfter(ps[i].last) {
			continue
		}
		total := len(ps[i].words)
		for j := i + 1; j < len(ps); j++ {
			if ps[j].first-ps[j-1].last-1 > maxGapTokens || !s.cleanBefore(ps[j].first) || !s.cleanAfter(ps[j].last) {
				break
			}
			total += len(ps[j].words)
			if total > 33 {
				break
			}
			if !containsInt(lengths, total) {
				continue
			}
			var idx []int16
			for _, p := range ps[i : j+1] {
				for _, w := range p.words {
					idx = append(idx, max(s.toks[w].e.idx[id], 0))
				}
			}
			if !check(idx) {
				continue
			}
			kind := KindSeedPhrase
			switch id {
			case listSLIP39:
				kind = KindSLIP39
			case listMonero:
				kind = KindMonero
			}
			for _, p := range ps[i : j+1] {
				s.add(hit{Finding: Finding{Kind: kind, Start: s.toks[p.first].start, End: s.toks[p.last].end}, rank: rankVerified})
			}
		}
	}
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

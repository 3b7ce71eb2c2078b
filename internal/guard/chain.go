package guard

import (
	"slices"
	"strings"
	"unicode"
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
	minSoft      = 4  // words of each part of a join that prose touches
	maxSoftGap   = 30 // words between the two parts of such a join: a sentence or two
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
	s.softJoins(id)
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
	var all []int
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
		idx, all = idx[:0], all[:0]
		for _, p := range parts {
			for _, w := range p {
				idx = append(idx, max(s.toks[w].e.idx[id], 0))
				all = append(all, w)
			}
		}
		if !s.checkReadings(all, id, idx, check) || !s.varied(all) {
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

// softJoins joins two neighbouring runs that prose touches on the inner
// side ("the first six are abandon … ability. I'll find the rest. ok the
// rest is able …"). The checksum alone would pass one random pair in
// sixteen, so more is asked: two runs only, each of minSoft words or more
// and whole on the inner side, and at most maxSoftGap words between. The
// outer side may start or end at a clean point ("six: abandon …").
func (s *scanner) softJoins(id listID) {
	if len(s.pieces) < 2 {
		return
	}
	s.softTriples(id)
	lengths, check := s.phraseLengths(id)
	var idx []int16
	for i := 0; i+1 < len(s.pieces); i++ {
		a := s.softTrim(s.pieceWords[s.pieces[i].from:s.pieces[i].to])
		b := s.softTrim(s.pieceWords[s.pieces[i+1].from:s.pieces[i+1].to])
		if len(a) < minSoft || len(b) < minSoft || b[0]-a[len(a)-1]-1 > maxSoftGap {
			continue
		}
		// The outer edges: the run's, a line start or end in it, or past
		// the words there that only a typo makes list words.
		starts, ends := s.cleanStarts(a), s.cleanEnds(b)
		if k := s.typoLead(a); k > 0 && k < len(a) {
			starts = append(starts, k)
		}
		if k := s.typoTail(b); k > 0 && k < len(b) {
			ends = append(ends, len(b)-k)
		}
		// A soft inner edge may hold one word of the prose that touches it
		// ("… and then comes abandon …": "comes" is one letter off a word).
		ta, tb := 0, 0
		if !s.cleanAfter(a[len(a)-1]) {
			ta = 1
		}
		if !s.cleanBefore(b[0]) {
			tb = 1
		}
		done := false
		for k := range (ta + 1) * (tb + 1) {
			for _, x := range starts {
				for _, y := range ends {
					fw, lw := a[x:len(a)-k%(ta+1)], b[k/(ta+1):y]
					if y < k/(ta+1) || x > len(a)-k%(ta+1) {
						continue
					}
					if done || len(fw) < minSoft || len(lw) < minSoft || !slices.Contains(lengths, len(fw)+len(lw)) || !s.oneLine(fw) || !s.oneLine(lw) {
						continue
					}
					idx = idx[:0]
					both := append(fw[:len(fw):len(fw)], lw...)
					for _, w := range both {
						idx = append(idx, max(s.toks[w].e.idx[id], 0))
					}
					if s.checkReadings(both, id, idx, check) && s.varied(both) {
						s.addChain(id, fw)
						s.addChain(id, lw)
						done = true
					}
				}
			}
		}
	}
}

// softTriples joins three consecutive runs on one line each: a phrase
// typed in groups with a few words of the customer's between them ("first
// … and after that … and last …"). The outer parts are the words of the
// outer runs nearest the middle, since the customer's lead-in may itself
// hold list words ("first"); as in softJoins, each inner edge may hold one
// word of the prose that touches it ("that" is a list word). Each part
// has minSoft words or more, and the three together pass the checksum.
func (s *scanner) softTriples(id listID) {
	lengths, check := s.phraseLengths(id)
	var idx []int16
	part := func(i int) []int { return s.pieceWords[s.pieces[i].from:s.pieces[i].to] }
	for i := 0; i+2 < len(s.pieces); i++ {
		s.triple(id, s.softTrim(part(i)), part(i+1), s.softTrim(part(i+2)), lengths, check, &idx)
	}
	// The customer's words between two groups may be list words by a typo
	// ("luego vienen": "juego", "viento"), so that the two groups read as
	// one run; such a run is two groups when its neighbour is the third.
	for i := range s.pieces {
		p := part(i)
		for _, gap := range s.typoGaps(p) {
			head, tail := p[:gap[0]], p[gap[1]:]
			if i+1 < len(s.pieces) {
				s.triple(id, s.softTrim(head), tail, s.softTrim(part(i+1)), lengths, check, &idx)
			}
			if i > 0 {
				s.triple(id, s.softTrim(part(i-1)), head, s.softTrim(tail), lengths, check, &idx)
			}
		}
	}
}

// typoGaps lists the stretches [from, to) of one or two typo-only list
// words inside a run with minSoft words or more on each side.
func (s *scanner) typoGaps(words []int) [][2]int {
	var out [][2]int
	for k := minSoft; k < len(words)-minSoft; k++ {
		if !s.toks[words[k]].typo || s.toks[words[k-1]].typo {
			continue
		}
		to := k + 1
		for to < len(words) && s.toks[words[to]].typo {
			to++
		}
		if to-k <= 2 && len(words)-to >= minSoft {
			out = append(out, [2]int{k, to})
		}
	}
	return out
}

// triple tries the parts a, b, c of a phrase in three groups, the longest
// phrase first.
func (s *scanner) triple(id listID, a, b, c []int, lengths []int, check func([]int16) bool, idx *[]int16) {
	if len(a) < minSoft || len(b) < minSoft || len(c) < minSoft ||
		b[0]-a[len(a)-1]-1 > maxSoftGap || c[0]-b[len(b)-1]-1 > maxSoftGap || !s.oneLine(b) {
		return
	}
	// edge is how many words an inner edge may give up to the prose.
	edge := func(clean bool) int {
		if clean {
			return 0
		}
		return 1
	}
	ea, sb, eb, sc := edge(s.cleanAfter(a[len(a)-1])), edge(s.cleanBefore(b[0])), edge(s.cleanAfter(b[len(b)-1])), edge(s.cleanBefore(c[0]))
	// The longest phrase first, whatever the edges: a shorter window of a
	// long one may pass the check by chance and leave the rest.
	for _, n := range slices.Backward(lengths) {
		for k := range 1 << 4 {
			da, db, dc, dd := k&1, k>>1&1, k>>2&1, k>>3&1
			if da > ea || db > sb || dc > eb || dd > sc {
				continue
			}
			if s.tryTriple(id, a[:len(a)-da], b[db:len(b)-dc], c[dd:], n, check, idx) {
				return
			}
		}
	}
}

// tryTriple looks for a phrase of n words made of a suffix of a, all of b
// and a prefix of c, and records its parts when one passes the check.
func (s *scanner) tryTriple(id listID, a, b, c []int, n int, check func([]int16) bool, idx *[]int16) bool {
	if len(b) < minSoft {
		return false
	}
	for x := len(a) - minSoft; x >= 0; x-- {
		y := n - (len(a) - x) - len(b)
		if y < minSoft || y > len(c) {
			continue
		}
		fw, lw := a[x:], c[:y]
		if !s.oneLine(fw) || !s.oneLine(lw) {
			continue
		}
		all := slices.Concat(fw, b, lw)
		*idx = (*idx)[:0]
		for _, w := range all {
			*idx = append(*idx, max(s.toks[w].e.idx[id], 0))
		}
		if s.checkReadings(all, id, *idx, check) && s.varied(all) {
			s.addChain(id, fw)
			s.addChain(id, b)
			s.addChain(id, lw)
			return true
		}
	}
	return false
}

// softTrim drops the words at a run's soft edges that only a typo makes
// list words ("reads", "thanks"): next to prose, they are prose.
func (s *scanner) softTrim(words []int) []int {
	if !s.cleanBefore(words[0]) {
		words = words[s.typoLead(words):]
	}
	if len(words) > 0 && !s.cleanAfter(words[len(words)-1]) {
		words = words[:len(words)-s.typoTail(words)]
	}
	return words
}

// oneLine reports whether the words stand on one line. Each part of a
// soft join must: one-word replies piled over many messages are ordinary
// chat, and chains joins lines only at clean points.
func (s *scanner) oneLine(words []int) bool {
	for k := 1; k < len(words); k++ {
		if strings.ContainsAny(s.text[s.toks[words[k-1]].end:s.toks[words[k]].start], "\n\r") {
			return false
		}
	}
	return true
}

// typoLead and typoTail count the typo-only list words a run starts or
// ends with.
func (s *scanner) typoLead(words []int) int {
	k := 0
	for k < len(words) && s.toks[words[k]].typo {
		k++
	}
	return k
}

func (s *scanner) typoTail(words []int) int {
	k := 0
	for k < len(words) && s.toks[words[len(words)-1-k]].typo {
		k++
	}
	return k
}

// cleanStarts are the word positions of a run where a part may start on
// its outer side: the run's start and every line or clause start in it.
func (s *scanner) cleanStarts(words []int) []int {
	out := []int{0}
	for k := 1; k < len(words); k++ {
		if lineBreak(s.text[s.toks[words[k-1]].end:s.toks[words[k]].start]) {
			out = append(out, k)
		}
	}
	return out
}

// cleanEnds are the positions where a part may end: the run's end and
// every line or clause end in it.
func (s *scanner) cleanEnds(words []int) []int {
	out := []int{len(words)}
	for k := len(words) - 1; k > 0; k-- {
		if lineBreak(s.text[s.toks[words[k-1]].end:s.toks[words[k]].start]) {
			out = append(out, k)
		}
	}
	return out
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

// cleanBefore reports whether token i starts a line of list words: nothing
// but a line break, a colon or the start of the text before it, back to the
// previous token.
func (s *scanner) cleanBefore(i int) bool {
	from := 0
	if i > 0 {
		from = s.toks[i-1].end
	}
	if from == 0 || lineBreak(s.text[from:s.toks[i].start]) || s.scriptChange(s.toks[i-1], s.toks[i]) || s.numbered(i) {
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
var connectors = setOf("and", "then", "also", "plus", "next", "и", "ещё", "еще", "ve", "et", "und", "oraz", "và", "va", "dan", "lalu", "ثم", "sonra", "dann", "puis", "luego", "depois", "poi", "потом", "потім", "potem", "rồi")

// cleanAfter reports whether token i ends a line of list words.
func (s *scanner) cleanAfter(i int) bool {
	to := len(s.text)
	if i+1 < len(s.toks) {
		to = s.toks[i+1].start
	}
	return to == len(s.text) || lineBreak(s.text[s.toks[i].end:to]) || s.scriptChange(s.toks[i], s.toks[i+1]) || s.numbered(i+1)
}

// numbered reports whether token i follows a number or a numbering label
// ("10번 abandon", "7) abandon"): a numbered item starts there.
func (s *scanner) numbered(i int) bool {
	if s.toks[i].afterLabel {
		return true
	}
	from := 0
	if i > 0 {
		from = s.toks[i-1].end
	}
	return strings.IndexFunc(s.text[from:s.toks[i].start], unicode.IsDigit) >= 0
}

// lineBreak reports whether a gap ends a line or a clause: a line break,
// a colon, or the punctuation that ends a greeting or a sentence ("Hi,
// abandon ability …").
func lineBreak(gap string) bool {
	return strings.ContainsAny(gap, "\n\r:：,.;!?，。；！？")
}

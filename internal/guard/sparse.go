package guard

import (
	"slices"
	"strings"
	"unicode"
)

// A customer who types a phrase into a chat a word or two at a time talks
// between the pieces ("wait is it case sensitive?", "sorry my kid is
// yelling"), puts the first words in the name field that autofill offered,
// or the last ones in the subject. The scanner joins pieces of minPiece
// words or more (chains); sparseJoin joins shorter ones across texts, from
// what the conversation state keeps of each list word: whether it stands
// alone in its text or on a line of its own (a pure piece), or starts or
// ends its text with chatter on the other side (an edge piece). Chatter
// holds no place. A join must pass the list's checksum, and more is asked
// than of a run: every pure piece between its ends belongs to it but for
// one short reply (a customer pasting does not leave out a word they sent
// on its own), at most two weak pieces (short edge pieces), at most
// sparseGap words between pieces, no word twice, no word a list word only
// by a typo, no edge piece of everyday words ("can you explain more this
// month"). Ordinary chat answers with a list word now and then ("deposit",
// "same problem"), but seldom eight different ones a few words apart whose
// words, read in order, pass a checksum.

const (
	sparseGap    = 12   // words of chatter between two pieces of a sparse join
	sparseWeak   = 2    // edge pieces shorter than minSoft words in one join
	sparseTrials = 256  // checksums tried for one text at most
	sparseSteps  = 4096 // joins extended for one text at most
	sparseLong   = 6    // list words in a row of the latest text that a head may join (sparse_head.go)
)

// sparsePart is a piece of list words of one text: items[from:to].
type sparsePart struct {
	from, to int
	ref      int64
	pure     bool // alone in its text, on a line of its own, or redacted already
	must     bool // pure, no word of it a list word only by a typo, not all everyday words
	usable   bool // pure, or at an edge of its text
	pending  bool // holds a word of the latest text
}

// sparseParts splits the state's items into pieces: words of one text
// with no other word between them.
func (c *Conversation) sparseParts() []sparsePart {
	var ps []sparsePart
	for i := 0; i < len(c.items); {
		j := i + 1
		for j < len(c.items) && c.items[j].gap == 0 && c.items[j].ref == c.items[i].ref && c.items[j].done == c.items[i].done {
			j++
		}
		first, last := c.items[i], c.items[j-1]
		p := sparsePart{from: i, to: j, ref: first.ref}
		startClean, endClean := first.lead || first.edgeBefore, last.trail || last.edgeAfter
		p.pure = first.done || startClean && endClean
		p.usable = p.pure || first.lead || last.trail
		for _, it := range c.items[i:j] {
			p.pending = p.pending || it.ref == PendingRef
		}
		ps = append(ps, p)
		i = j
	}
	return ps
}

// sparseJoin looks for a phrase made of short pieces that ends in the
// latest text, and returns which items it covers.
func (d *Detector) sparseJoin(c *Conversation) []bool {
	ps := c.sparseParts()
	if len(ps) < 2 || !slices.ContainsFunc(ps, func(p sparsePart) bool { return p.pending && p.usable }) {
		return nil
	}
	// pos[k]: item k's place in the conversation's words.
	pos := make([]int, len(c.items))
	for k, it := range c.items {
		if k > 0 {
			pos[k] = pos[k-1] + 1 + it.gap
		}
	}
	if !reachable(ps, pos) {
		return d.headJoin(c, ps)
	}
	j := &joiner{c: c, ps: ps, pos: pos, s: d.itemScanner(c)}
	if j.s == nil {
		return nil
	}
	for k := range ps {
		p := &ps[k]
		p.must = p.pure
		prose := 0
		for w := p.from; w < p.to; w++ {
			t := j.s.toks[w]
			p.must = p.must && (!t.typo || c.items[w].done)
			if proseWords[string(j.s.keys[t.ks:t.ke])] {
				prose++
			}
		}
		// "hello", "thank you", "okay" on their own are chat more often
		// than a piece: such a piece may join, but need not.
		p.must = p.must && (prose < p.to-p.from || c.items[p.from].done)
	}
	j.prepare()
	// Joins with fewer weak pieces first: once a phrase is complete, its
	// own pieces pass before a mix of them and the chat.
	chosen := make([]span, 0, 24)
	for budget := range sparseWeak + 1 {
		j.budget = budget
		for e := len(ps) - 1; e >= 0; e-- {
			if !ps[e].pending || !ps[e].usable {
				continue
			}
			for _, v := range j.vars[e] {
				if j.take(v) && j.from(e, append(chosen[:0], v), v.to-v.from, v.weak, 0) {
					return j.cut
				}
				j.drop(v)
			}
		}
	}
	return d.headJoin(c, ps)
}

// prepare works out once what every join of this text reads: each word's
// key (the same number for the same word), each part's variants, and how
// many words the usable parts up to each one hold within reach.
func (j *joiner) prepare() {
	ids := map[string]int{}
	j.key = make([]int, len(j.c.items))
	for w := range j.c.items {
		t := j.s.toks[w]
		k := string(j.s.keys[t.ks:t.ke])
		if _, ok := ids[k]; !ok {
			ids[k] = len(ids)
		}
		j.key[w] = ids[k]
	}
	j.used = make([]bool, len(ids))
	j.vars = make([][]span, len(j.ps))
	j.reach = make([]int, len(j.ps))
	prev := -1
	for k, p := range j.ps {
		if !p.usable {
			continue
		}
		j.vars[k] = j.variants(k)
		j.reach[k] = p.to - p.from
		if prev >= 0 && j.pos[p.from]-j.pos[j.ps[prev].to-1]-1 <= sparseGap {
			j.reach[k] += j.reach[prev]
		}
		prev = k
	}
}

// take marks the words of v as used by the join, unless one of them is
// already (a phrase with a word twice is one in thirty; chat that answers
// "deposit" again and again is common).
func (j *joiner) take(v span) bool {
	for w := v.from; w < v.to; w++ {
		if j.used[j.key[w]] {
			for u := v.from; u < w; u++ {
				j.used[j.key[u]] = false
			}
			return false
		}
		j.used[j.key[w]] = true
	}
	return true
}

func (j *joiner) drop(v span) {
	for w := v.from; w < v.to; w++ {
		j.used[j.key[w]] = false
	}
}

// span is the words of part k that a join takes: items[from:to]. weak:
// the piece is short and chat touches it, or it is everyday words only,
// or it lost a list word at a clean edge.
type span struct{ k, from, to, weak int }

// variants are the ways part k may enter a join: whole, or without words
// at its edges. A clean edge (its text's start or end, a line's) may lose
// up to two words that only a typo makes list words ("hola", "perdón"
// beside the pieces are chat), or, in a piece of three words or more, one
// list word ("… sorry?"), which makes the piece weak; an edge that chat
// touches may lose up to three words of any kind ("and the other words
// abandon …", "… about can you recover it"). An edge piece keeps two
// words at least: a single list word that starts or ends a chatty message
// is part of the chat.
func (j *joiner) variants(k int) []span {
	p := j.ps[k]
	first, last := j.c.items[p.from], j.c.items[p.to-1]
	lead, leadReal := j.trimmable(p.from, 1, p.to, first.lead || first.edgeBefore)
	tail, tailReal := j.trimmable(p.to-1, -1, p.from-1, last.trail || last.edgeAfter)
	least := 1
	if !p.must {
		least = 2
	}
	weak := 0
	if !p.must && (!p.pure || p.to-p.from < minSoft) {
		weak = 1
	}
	j.spans = j.spans[:0]
	for a := 0; a <= lead; a++ {
		for b := 0; b <= tail; b++ {
			v := span{k, p.from + a, p.to - b, weak}
			if v.to-v.from < least {
				continue
			}
			if a > 0 && leadReal || b > 0 && tailReal {
				v.weak = 1
			}
			if !p.pure && v.to-v.from >= minSoft {
				v.weak = 0 // a long run at a text's edge: "and the rest abandon ability …"
			}
			if j.fit(v) {
				j.spans = append(j.spans, v)
			}
		}
	}
	return slices.Clone(j.spans)
}

// fit reports whether v may be part of a phrase at all: no word of it a
// list word only by a typo (chat is full of near misses: "hello",
// "still"), and, for an edge piece, not a piece of the everyday words the
// lists hold ("can", "you", "this": "can you explain more this month").
func (j *joiner) fit(v span) bool {
	prose := 0
	for w := v.from; w < v.to; w++ {
		if j.c.items[w].done {
			continue
		}
		t := j.s.toks[w]
		if t.typo || t.e.mask&bip39Mask == 0 {
			return false
		}
		if proseWords[string(j.s.keys[t.ks:t.ke])] {
			prose++
		}
	}
	return j.ps[v.k].pure || prose <= 1 && 2*prose <= v.to-v.from
}

// trimmable counts the words from item w on (in steps of dir, up to stop)
// that an edge may lose, and whether one of them is a list word spelled
// right at a clean edge: see variants.
func (j *joiner) trimmable(w, dir, stop int, clean bool) (int, bool) {
	if !clean {
		return min(3, (stop-w)*dir), false
	}
	n := 0
	for ; w != stop && n < 2; w += dir {
		t := j.s.toks[w]
		if j.c.items[w].done || !t.typo && t.e.mask != 0 {
			break
		}
		n++
	}
	if n == 0 && (stop-w)*dir >= minPiece && !j.c.items[w].done {
		return 1, true
	}
	return n, false
}

// reachable reports whether a latest usable piece reaches back to twelve
// words of usable pieces, sparseGap words apart at most: ordinary chat,
// whose list words lie sentences apart, ends here before any word is
// looked up again.
func reachable(ps []sparsePart, pos []int) bool {
	for e := len(ps) - 1; e >= 0 && ps[e].pending; e-- {
		if !ps[e].usable {
			continue
		}
		words, cur := ps[e].to-ps[e].from, e
		for k := e - 1; k >= 0 && words < 12; k-- {
			if pos[ps[cur].from]-pos[ps[k].to-1]-1 > sparseGap {
				break
			}
			if ps[k].usable {
				words, cur = words+ps[k].to-ps[k].from, k
			}
		}
		if words >= 12 {
			return true
		}
	}
	return false
}

// itemScanner tokenizes the state's words, one token each, so that their
// list indexes and typo readings can be checked; nil if a word does not
// read as one token.
func (d *Detector) itemScanner(c *Conversation) *scanner {
	var b strings.Builder
	for _, it := range c.items {
		b.WriteString(it.word)
		b.WriteByte('\n')
	}
	s := &scanner{d: d, text: b.String()}
	s.keys = make([]byte, 0, b.Len()+16)
	s.tokenize()
	s.classify()
	if len(s.toks) != len(c.items) {
		return nil
	}
	return s
}

type joiner struct {
	c      *Conversation
	ps     []sparsePart
	pos    []int
	s      *scanner
	trials int
	steps  int // joins extended, in all passes
	cut    []bool
	idx    []int16
	words  []int
	spans  []span
	budget int      // weak pieces a join may take in this pass
	key    []int    // each item's word, numbered
	used   []bool   // words (by key) in the join being built
	vars   [][]span // each usable part's variants
	reach  []int    // words of usable parts within reach, back from each
}

// from extends a join whose earliest part is chosen[len-1] backwards, and
// tries it as it stands; chosen lists parts latest first.
func (j *joiner) from(cur int, chosen []span, total, weak, skips int) bool {
	if j.steps++; total > 24 || weak > j.budget || j.trials >= sparseTrials || j.steps > sparseSteps {
		return false
	}
	if len(chosen) >= 2 && j.try(chosen, total) {
		return true
	}
	for k := cur - 1; k >= 0; k-- {
		p := j.ps[k]
		if j.pos[j.ps[cur].from]-j.pos[p.to-1]-1 > sparseGap {
			return false
		}
		if !p.usable {
			continue
		}
		if total+j.reach[k] < 12 {
			return false // not enough words left behind k for a phrase
		}
		for _, v := range j.vars[k] {
			if !j.take(v) {
				continue
			}
			if j.from(k, append(chosen, v), total+v.to-v.from, weak+v.weak, skips) {
				return true
			}
			j.drop(v)
		}
		if p.must {
			// A word sent on its own belongs to the phrase, but for one
			// short reply made of list words ("almost there").
			if skips > 0 || p.to-p.from > 2 {
				return false
			}
			skips++
		}
	}
	return false
}

// try checks the chosen parts (latest first) as a phrase, in their order
// and, when they come from two texts and are all of minPiece words or
// more, with the later text's words first (the end of a phrase in the
// subject, its start in the body).
func (j *joiner) try(chosen []span, total int) bool {
	if !slices.Contains([]int{12, 15, 18, 21, 24}, total) {
		return false
	}
	order := slices.Clone(chosen)
	slices.Reverse(order)
	if j.check(order) {
		return true
	}
	refs, short := 0, false
	for i, v := range order {
		if i == 0 || j.ps[order[i-1].k].ref != j.ps[v.k].ref {
			refs++
		}
		short = short || v.to-v.from < minPiece
	}
	if refs != 2 || short {
		return false
	}
	split := slices.IndexFunc(order, func(v span) bool { return j.ps[v.k].ref != j.ps[order[0].k].ref })
	return j.check(append(slices.Clone(order[split:]), order[:split]...))
}

// check tries the words of the parts, in order, against each BIP-39 list
// that holds them all, and marks them to cut when one passes.
func (j *joiner) check(order []span) bool {
	j.words = j.words[:0]
	for _, v := range order {
		for w := v.from; w < v.to; w++ {
			j.words = append(j.words, w)
		}
	}
	mask, fresh, done := bip39Mask, 0, 0
	for _, w := range j.words {
		if j.c.items[w].done {
			done++
		} else {
			fresh++
		}
		mask &= j.s.toks[w].e.mask
	}
	// Words already cut hold a phrase found before; joining them to a
	// short text ("Live chat", the subject) would let a shorter window of
	// them pass by chance. The rest of a phrase is a piece of its own.
	if mask == 0 || fresh == 0 || done > 0 && fresh < minPiece {
		return false
	}
	j.trials++
	for id := range listID(numBIP39) {
		if mask&(1<<id) == 0 {
			continue
		}
		j.idx = j.idx[:0]
		for _, w := range j.words {
			j.idx = append(j.idx, max(j.s.toks[w].e.idx[id], 0))
		}
		if j.s.checkReadings(j.words, id, j.idx, bip39Valid) {
			j.cut = make([]bool, len(j.c.items))
			for _, w := range j.words {
				j.cut[w] = true
			}
			return true
		}
	}
	return false
}

// hardBreak reports whether a gap ends a line or holds a label's colon or
// a number: the edge of a piece, where a comma inside a sentence is not.
func hardBreak(gap string) bool {
	return strings.ContainsAny(gap, "\n\r:：") || strings.IndexFunc(gap, unicode.IsDigit) >= 0
}

// applySparse cuts the items a sparse join covers: those of the latest
// text from res.Redacted, the others by res.Cuts.
func (c *Conversation) applySparse(res *Result, cut []bool) {
	cuts := c.cutItems(cut, nil, make([][2]int, len(c.items)))
	var own []Cut
	for _, k := range cuts {
		if k.Ref == PendingRef {
			own = append(own, k)
			continue
		}
		res.Cuts = append(res.Cuts, k)
	}
	slices.SortFunc(own, func(a, b Cut) int { return b.Start - a.Start })
	for _, k := range own {
		if k.Start >= 0 && k.Start <= k.End && k.End <= len(res.Redacted) {
			res.Redacted = res.Redacted[:k.Start] + k.Marker + res.Redacted[k.End:]
		}
	}
	if len(cuts) > 0 && !slices.Contains(res.Kinds, KindSeedPhrase) {
		res.Kinds = append(res.Kinds, KindSeedPhrase)
		slices.Sort(res.Kinds)
	}
}

package guard

import (
	"slices"
	"strings"
)

// A customer who starts a phrase in the subject ("Wallet restore - affair
// dinosaur attack") or types its first words as tags, and pastes the rest
// into the message after a lead-in ("see the subject for the first
// three, rest here: …"), leaves the two parts further apart than a sparse
// join reaches, and the message's part inside a sentence. headJoin joins
// the short piece that ends the text before the latest to a long run of
// the latest text: the run holds sparseLong list words or more, the join
// takes a window of it that completes a phrase's length, and the words
// must pass the checksum. A ticket stores its tags sorted, so a head made
// of one-word lines in alphabetical order is tried in its other orders.

const (
	headMax = 5 // words of the head: a subject's tail or a few tags
)

// headJoin returns which items a head-and-run join covers, or nil.
func (d *Detector) headJoin(c *Conversation, ps []sparsePart) []bool {
	// The latest text's long runs, and the piece that ends the text before.
	head := -1
	for k := len(ps) - 1; k >= 0; k-- {
		if !ps[k].pending {
			head = k
			break
		}
	}
	if head < 0 {
		return nil
	}
	h := ps[head]
	n := h.to - h.from
	if n > headMax || !c.items[h.to-1].trail || c.items[h.from].done {
		return nil
	}
	var runs []int
	for k := head + 1; k < len(ps); k++ {
		if ps[k].pending && ps[k].to-ps[k].from >= sparseLong {
			runs = append(runs, k)
		}
	}
	if len(runs) == 0 {
		return nil
	}
	j := &joiner{c: c, ps: ps, s: d.itemScanner(c)}
	if j.s == nil {
		return nil
	}
	// The head may lose up to two words at its start, the subject's own
	// ("Wallet restore - affair dinosaur attack").
	var heads [][]span
	for a := 0; a <= min(2, n-1); a++ {
		heads = append(heads, []span{{head, h.from + a, h.to, 0}})
	}
	if n >= 2 && n <= 4 && j.sortedLines(h) {
		heads = append(heads, j.lineOrders(head)...)
	}
	for _, r := range runs {
		p := ps[r]
		for _, hd := range heads {
			hn := 0
			for _, v := range hd {
				hn += v.to - v.from
			}
			for _, total := range []int{12, 15, 18, 24} {
				m := total - hn
				if m < sparseLong || m > p.to-p.from {
					continue
				}
				for from := p.from; from+m <= p.to; from++ {
					run := span{r, from, from + m, 0}
					if !j.runFits(run) {
						continue
					}
					if j.trials >= sparseTrials {
						return nil
					}
					if j.check(append(slices.Clone(hd), run)) {
						return j.cut
					}
				}
			}
		}
	}
	return nil
}

// sortedLines reports a piece whose words stand one a line, in
// alphabetical order: the way a ticket stores tags.
func (j *joiner) sortedLines(p sparsePart) bool {
	for w := p.from + 1; w < p.to; w++ {
		prev, cur := j.c.items[w-1], j.c.items[w]
		if !cur.brkAfter && !cur.brkBefore || strings.ToLower(prev.word) > strings.ToLower(cur.word) {
			return false
		}
	}
	return true
}

// lineOrders lists the orders of piece k's words, one span a word.
func (j *joiner) lineOrders(k int) [][]span {
	p := j.ps[k]
	words := make([]span, 0, p.to-p.from)
	for w := p.from; w < p.to; w++ {
		words = append(words, span{k, w, w + 1, 0})
	}
	var out [][]span
	var walk func(i int)
	walk = func(i int) {
		if i == len(words) {
			out = append(out, slices.Clone(words))
			return
		}
		for x := i; x < len(words); x++ {
			words[i], words[x] = words[x], words[i]
			walk(i + 1)
			words[i], words[x] = words[x], words[i]
		}
	}
	walk(0)
	return out
}

// runFits reports a window of a long run that may be part of a phrase: no
// word a list word only by a typo, and everyday words ("please", "since",
// "very") no more than a third of it. A phrase drawn at random holds some,
// and the checksum and the run's length carry the rest of the proof.
func (j *joiner) runFits(v span) bool {
	prose := 0
	for w := v.from; w < v.to; w++ {
		t := j.s.toks[w]
		if j.c.items[w].done || t.typo || t.e.mask&bip39Mask == 0 {
			return false
		}
		if proseWords[string(j.s.keys[t.ks:t.ke])] {
			prose++
		}
	}
	return 3*prose <= v.to-v.from
}

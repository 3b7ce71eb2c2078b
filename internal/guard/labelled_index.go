package guard

import (
	"slices"
	"strings"
)

// labelIndex finds a list of labels in a text in one pass. Searching the
// text once per label cost a fifth of a scan with a customer's full
// rolling state (some 700 bytes, 130 password and 2FA labels).
type labelIndex struct {
	labels  []string
	byFirst [256][]int // the labels, by position in labels, that start with the byte
	// pairs has a bit for each label's first two bytes: most places in a
	// text start none, and one test rejects them.
	pairs [1 << 16 / 64]uint64
}

// labelAt is an occurrence of labels[label] at byte pos.
type labelAt struct{ label, pos int }

func newLabelIndex(labels []string) *labelIndex {
	x := &labelIndex{labels: labels}
	for k, lb := range labels {
		if len(lb) < 2 {
			panic("guard: a label of less than two bytes: " + lb)
		}
		x.byFirst[lb[0]] = append(x.byFirst[lb[0]], k)
		p := uint16(lb[0])<<8 | uint16(lb[1])
		x.pairs[p/64] |= 1 << (p % 64)
	}
	return x
}

// find returns the occurrences of the labels in l, label by label in the
// list's order and left to right, each starting after the end of the one
// before it: what searching l for each label in turn, from the end of
// the last match, returns.
func (x *labelIndex) find(l string) []labelAt {
	var all []labelAt
	for i := 0; i+1 < len(l); i++ {
		if p := uint16(l[i])<<8 | uint16(l[i+1]); x.pairs[p/64]&(1<<(p%64)) == 0 {
			continue
		}
		for _, k := range x.byFirst[l[i]] {
			if strings.HasPrefix(l[i:], x.labels[k]) {
				all = append(all, labelAt{k, i})
			}
		}
	}
	if len(all) == 0 {
		return nil
	}
	slices.SortStableFunc(all, func(a, b labelAt) int { return a.label - b.label })
	out := all[:0]
	end := -1 // where the kept occurrence of the current label ends
	for i, at := range all {
		if i == 0 || at.label != all[i-1].label {
			end = -1
		}
		if at.pos >= end {
			out = append(out, at)
			end = at.pos + len(x.labels[at.label])
		}
	}
	return out
}

var (
	passwordIndex = newLabelIndex(pwLabelTexts())
	otpIndex      = newLabelIndex(otpLabels)
)

func pwLabelTexts() []string {
	out := make([]string, len(passwordLabels))
	for i, lb := range passwordLabels {
		out[i] = lb.text
	}
	return out
}

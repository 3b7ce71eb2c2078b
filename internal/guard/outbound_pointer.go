package guard

import (
	"strings"
	"unicode"
)

// A bare number after the writer's numbered messages about public things
// ("Thanks, I checked order 10.", then "and 11") points at the next of
// those things. The learned reader saw bare numbers almost only as the
// next word of a phrase asked one at a time, so it scores "and 11" near
// 1 whatever came before; the rules know whether anything before named a
// secret, and when nothing did the number has nothing secret to point at.

// bareNumber is a message of one number and at most one other word
// ("11", "and 11", "#11?", "reply 11"); a second number is a range ("13
// to 24"), a position word or a secret's name is more than a pointer.
func bareNumber(a *analysis) bool {
	var words, numbers int
	for _, f := range strings.FieldsFunc(a.n.Text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		words++
		if strings.IndexFunc(f, func(r rune) bool { return !unicode.IsDigit(r) }) < 0 {
			numbers++
		}
	}
	if numbers != 1 || words > 2 || countWords(a.n.Text) > 2 || a.wordAsk || a.bareFollow {
		return false
	}
	for i := range a.clauses {
		c := &a.clauses[i]
		if c.reviewSecret() != 0 || c.wordNoun || c.ordinal || c.request != 0 {
			return false
		}
	}
	return true
}

// quietNumbered reports earlier messages of which none named a secret or
// spoke of a phrase's words or a code, warnings included, and the last of
// which holds a number: the numbering a bare number continues.
func quietNumbered(previous []*analysis) bool {
	if len(previous) == 0 {
		return false
	}
	for _, pa := range previous {
		if pa.seedCtx || pa.codeCtx || pa.wordAsk || pa.bareFollow {
			return false
		}
		for i := range pa.clauses {
			if pa.clauses[i].reviewSecret() != 0 {
				return false
			}
		}
	}
	last := previous[len(previous)-1].n.Text
	return strings.IndexFunc(last, unicode.IsDigit) >= 0
}

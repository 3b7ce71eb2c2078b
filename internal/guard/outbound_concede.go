package guard

// A warning turned into permission: "we always say never share your
// words, and that's right, but this is the official recovery channel, you
// may type them here". The negation belongs to the warning's clause; after
// the turn the writer grants the very act the warning forbade, so the
// warned secret is what is asked. Read clause by clause, the warning is
// negated and the permission names nothing, and the message passed.

// concededAsks marks the clause that grants permission after a turn
// ("but", "this time") that follows a negated clause naming a secret, in
// the same sentence or the next one. A safe or own place ("but you may
// write it on paper"), a condition, a scam frame or what the customer
// shows on a screenshot keeps the rule out.
func (a *analysis) concededAsks() {
	cl := a.clauses
	for w := range cl {
		cls, ok := warnedSecret(&cl[w])
		if !ok {
			continue
		}
		for j := w + 1; j < len(cl) && cl[j].sent <= cl[w].sent+1; j++ {
			if !cl[j].marks.has(revConcede) {
				continue
			}
			if k := a.permitFrom(j); k >= 0 && cl[k].request == 0 {
				cl[k].request = cls
				a.sure = true // the reader reads a warning; the rule reads the turn
			}
			break
		}
	}
}

// warnedSecret: the secret a negated clause warns about ("don't share
// your seed phrase", "never tell anyone the words").
func warnedSecret(c *clause) (secretClass, bool) {
	if !c.negated || c.frame != nil || c.past != nil {
		return 0, false
	}
	switch {
	case c.secret != nil && c.secret.e.class == classWeak:
		return classCode, true
	case c.secret != nil:
		return c.secret.e.class, true
	case c.wordNoun:
		return classSeed, true // "the words" a customer is warned about are the phrase's
	}
	return 0, false
}

// permitFrom finds, from the turn's clause j to the end of the next
// sentence, the clause that grants permission; -1 if a clause on the way
// points somewhere safe, conditions, frames or names what else to send.
func (a *analysis) permitFrom(j int) int {
	cl := a.clauses
	for k := j; k < len(cl) && cl[k].sent <= cl[j].sent+1; k++ {
		c := &cl[k]
		if c.safe || c.ownPlace || c.site || c.cond && a.outsidePermit(c, isCond) || c.frame != nil || c.past != nil || c.predSent || c.media || c.messenger || c.notVerb {
			return -1
		}
		if c.marks.has(revPermit) && !(c.negated && a.outsidePermit(c, isNeg)) {
			return k
		}
	}
	return -1
}

// outsidePermit: a word of the kind is found in the clause outside its
// permission; "no problem", "sem medo" and "không sao" carry a negation,
// and Spanish "sí puedes" folds to "si", a condition.
func (a *analysis) outsidePermit(c *clause, kind func(*vocabEntry) bool) bool {
	ms := intentMatcher().find(a.n.Text[c.start:c.end])
	for _, m := range ms {
		if kind(m.e) && !insidePermit(ms, m) {
			return true
		}
	}
	return false
}

func isNeg(e *vocabEntry) bool  { return e.cat == catNeg }
func isCond(e *vocabEntry) bool { return e.cat == catConj && e.class == flagCond }

// insidePermit: the match is part of a permit phrase.
func insidePermit(ms []phraseMatch, in phraseMatch) bool {
	for _, m := range ms {
		if m.e.cat == catReview && m.e.class == revPermit && m.start <= in.start && in.end <= m.end {
			return true
		}
	}
	return false
}

package guard

import (
	"strings"
	"unicode/utf8"
)

// How far a clause's words reach: which hints make "the words" or "the
// phrase" a seed phrase's, which words of another language only look
// like ours, and which clause openings continue the clause before.

// seedWords stands for "the words" that the sentence shows to be a seed
// phrase's.
var seedWords = vocabEntry{cat: catSecret, class: classSeed, text: "words"}

// hintedWords makes "the words" a seed phrase when the clause or one next
// to it in the sentence says where they come from: "the words you wrote
// down", "слова, которые вы записали", "the words on your backup card",
// "the words of your wallet". Words of an error message or a button stay
// words.
func (a *analysis) hintedWords() {
	cl := a.clauses
	for i := range cl {
		c := &cl[i]
		if !c.wordNoun && c.phraseNoun == nil || c.notSeedHint || c.secret != nil && secretRank(c.secret.e.class) >= 2 {
			continue
		}
		hint := c.seedHint
		if !c.wordNoun {
			// "la frase" hints at itself: a bare phrase needs another
			// hint in its own clause, the sheet it is written on or the
			// writing of it, and nothing else named in its sentence.
			hint = c.otherHint() && !a.sentenceHas(c.sent, func(o *clause) bool { return o.notSeedHint })
		}
		for _, j := range []int{i - 1, i + 1} {
			if c.wordNoun && j >= 0 && j < len(cl) && cl[j].sent == c.sent && cl[j].seedHint && !cl[j].notSeedHint {
				hint = true
			}
		}
		if !hint {
			continue
		}
		w := c.lastWordNoun
		if w == nil {
			w = c.phraseNoun // "the sheet where you wrote the phrase"
		}
		c.secret = &phraseMatch{start: w.start, end: w.end, e: &seedWords}
	}
}

// otherHint reports a seed hint in the clause other than its bare
// phrase's own name ("frase" is both), long enough not to be a short
// word of another language ("thẻ", a card, folds to "the").
func (c *clause) otherHint() bool {
	for _, h := range c.hints {
		if p := c.phraseNoun; (p == nil || h.end <= p.start || h.start >= p.end) && utf8.RuneCountInString(h.e.text) >= 4 {
			return true
		}
	}
	return false
}

// sentenceHas reports a clause of sentence sent for which f holds.
func (a *analysis) sentenceHas(sent int, f func(*clause) bool) bool {
	for i := range a.clauses {
		if a.clauses[i].sent == sent && f(&a.clauses[i]) {
			return true
		}
	}
	return false
}

// vietNumbers are Vietnamese numbers that fold to words of other
// languages: "hai" (Italian "you have"), "ba", "nam", "sau", "tam".
var vietNumbers = map[string]bool{"hai": true, "ba": true, "bon": true, "nam": true, "sau": true, "bay": true, "tam": true, "mot": true}

// vietnamese reports text written with a letter only Vietnamese uses.
func vietnamese(text string) bool {
	for _, r := range text {
		switch {
		case r >= 0x1EA0 && r <= 0x1EF9, strings.ContainsRune("ăĂđĐơƠưƯ", r):
			return true
		}
	}
	return false
}

// portuguese reports text written in Portuguese by letters and words no
// other of the 17 languages writes: "ã" and "õ" outside Vietnamese,
// "você", "ção", "senha" (password). It tells the Portuguese "no" (in
// the) from the Spanish negation.
func portuguese(text string) bool {
	t := strings.ToLower(text)
	if strings.ContainsAny(t, "ãõ") && !vietnamese(text) {
		return true
	}
	for _, w := range []string{"você", "ção", "ções", "obrigad", "senha", "dinheiro"} {
		if strings.Contains(t, w) {
			return true
		}
	}
	return false
}

// opensWithAnd reports a clause whose first word is "and" in one of the
// languages.
func opensWithAnd(t string) bool {
	f := strings.Fields(t)
	return len(f) > 0 && andWords[strings.Trim(f[0], ",")]
}

// digitRuns counts the numbers of one or two digits in t: positions of
// words, not a phone or an order number.
func digitRuns(t string) int {
	n, run := 0, 0
	for _, r := range t + " " {
		if r >= '0' && r <= '9' {
			run++
			continue
		}
		if run > 0 && run <= 2 {
			n++
		}
		run = 0
	}
	return n
}

// ownPlaceCarries reads "Abre MetaMask y escribe las 12 palabras": a
// clause joined by "and" to one that opens the customer's own wallet,
// with no destination of its own, types into that wallet.
func (a *analysis) ownPlaceCarries() {
	cl := a.clauses
	for i := 1; i < len(cl); i++ {
		if c := &cl[i]; cl[i-1].sent == c.sent && cl[i-1].ownPlace && !c.chat && !c.toMe && !c.link && opensWithAnd(a.n.Text[c.start:c.end]) {
			c.ownPlace = true
		}
	}
}

// countedBefore reports a count just before p: a number in digits, a
// Vietnamese number, or "mấy", "các", "những" (some, the).
func countedBefore(s string, p int) bool {
	before := strings.TrimRight(s[:p], " ")
	w := before[strings.LastIndexByte(before, ' ')+1:]
	if w == "" {
		return false
	}
	if digitRuns(w) > 0 || vietNumbers[w] {
		return true
	}
	switch w {
	case "may", "cac", "nhung", "muoi", "hai muoi":
		return true
	}
	return false
}

// orWords are "or" in the 17 languages.
var orWords = map[string]bool{"or": true, "ou": true, "oder": true, "или": true, "або": true, "чи": true, "veya": true, "hoặc": true, "hoac": true, "atau": true, "lub": true, "albo": true, "czy": true, "或": true, "或者": true, "または": true, "또는": true, "أو": true, "او": true, "หรือ": true, "oppure": true, "né": true, "ni": true, "nem": true}

// opensWithOr reports a clause whose first word is "or" in one of the
// languages (scripts without spaces: the clause starts with it).
func opensWithOr(t string) bool {
	t = strings.TrimSpace(t)
	f := strings.Fields(t)
	if len(f) > 0 && orWords[strings.Trim(f[0], ",")] {
		return true
	}
	for _, w := range []string{"或者", "或", "または", "또는", "หรือ"} {
		if strings.HasPrefix(t, w) {
			return true
		}
	}
	return false
}

// coordination reads clauses joined by "and" or "or": "Scammers pretend
// to be us and ask you to type your words on a website" (the scam's
// description goes on), "we will never call you for a code or ask for a
// photo of your phrase" (the negation goes on).
func (a *analysis) coordination() {
	cl := a.clauses
	// "Scammers pretend to be us and ask you to type your words on a
	// website": a clause joined by "and" to one that describes a scam
	// shares its subject, and so its description.
	for i := 1; i < len(cl); i++ {
		p, c := &cl[i-1], &cl[i]
		if p.sent == c.sent && p.frame != nil && c.frame == nil && p.frameSuppresses() && opensWithAnd(a.n.Text[c.start:c.end]) {
			c.frame = p.frame
		}
	}
	// "We will never call you for a code or ask for a photo of your
	// phrase": a clause joined by "or" to a negated one shares its
	// negation.
	for i := 1; i < len(cl); i++ {
		if cl[i-1].sent == cl[i].sent && cl[i-1].negated && opensWithOr(a.n.Text[cl[i].start:cl[i].end]) {
			cl[i].negated = true
		}
	}
}

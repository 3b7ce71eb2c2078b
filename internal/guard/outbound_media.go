package guard

// A secret leaves the customer's device as surely in a picture as in
// words: "take a photo of the sheet with your phrase and send it here",
// "send me a screenshot of the backup screen". mediaAsks reads a clause
// that names a photo, screenshot or scan of a secret, with a verb of
// handing it over in that clause or a later one of the same sentence.
func (a *analysis) mediaAsks() {
	cl := a.clauses
	for i := range cl {
		c := &cl[i]
		if !c.media || c.request != 0 || c.negated || c.frame != nil || c.past != nil || c.predSent || c.cond || c.harm {
			continue
		}
		cls := a.pictured(i)
		if cls == 0 {
			continue
		}
		for j := i; j < len(cl) && cl[j].sent == c.sent; j++ {
			p := &cl[j]
			if p.negated || p.frame != nil || p.past != nil || p.predSent || p.cond {
				break
			}
			if p.handsOver() {
				c.request = cls
				break
			}
		}
	}
}

// pictured is the class of the secret a picture named in clause i shows:
// one named in that clause, or in the next clause of the sentence when
// that clause has no verb of its own ("a photo of | the sheet with the
// words"). A bare "code" or "2FA" is no secret in a picture: "a
// screenshot of the 2FA settings" shows a page.
func (a *analysis) pictured(i int) secretClass {
	cl := a.clauses
	for _, j := range []int{i, i + 1} {
		if j >= len(cl) || cl[j].sent != cl[i].sent || j > i && (!cl[j].verbless() || cl[j].secret == nil || !listItemAdj(a.n.Text[cl[j].start:cl[j].secret.start], true)) {
			continue
		}
		if s := cl[j].secret; s != nil && s.e.class != classWeak && !cl[j].negated && cl[j].frame == nil {
			return s.e.class
		}
	}
	return 0
}

// handsOver reports a clause with a plain verb of handing over, or a verb
// of typing into this conversation.
func (c *clause) handsOver() bool {
	if c.transfer != nil && c.transfer.e.class&flagFrame == 0 && c.transfer.e.class&flagStrongOnly == 0 {
		return true
	}
	return c.entry != nil && (c.chat || c.toMe) || c.transfer != nil && (c.chat || c.toMe)
}

// messengerAsks reads "add me on Telegram and send the phrase there", "me
// chama no WhatsApp que lá você me passa as palavras": moving the
// conversation to another app to hand over "the phrase" or "the words"
// names a seed phrase's without saying whose. A clause with a plain verb
// of handing over and a bare phrase or words, in a sentence that names a
// messaging app, asks for a seed phrase.
func (a *analysis) messengerAsks() {
	cl := a.clauses
	for i := range cl {
		c := &cl[i]
		if c.request != 0 || c.secret != nil || !c.wordNoun && c.phraseNoun == nil || c.notSeedHint || c.negated || c.frame != nil || c.past != nil || c.predSent || c.cond || !c.handsOver() {
			continue
		}
		if a.sentenceHas(c.sent, func(o *clause) bool { return o.messenger && !o.negated && o.frame == nil }) {
			c.request = classSeed
		}
	}
}

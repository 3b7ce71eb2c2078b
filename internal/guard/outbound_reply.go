package guard

// A reply is a message of this conversation: "reply to this e-mail with
// the code you received", "balas pesan ini dengan frasa pemulihan",
// "répondez à cet e-mail en y recopiant le code". replyAsks reads a verb
// of replying followed, in its clause or a later one of the same
// sentence, by what the reply is to carry and then a secret. A bare
// "code" counts here: a code put into a reply is handed over.
func (a *analysis) replyAsks() {
	cl := a.clauses
	for i := range cl {
		r := &cl[i]
		if r.reply == nil || r.negated || r.frame != nil || r.past != nil || r.predSent || r.cond {
			continue
		}
		for j := i; j < len(cl) && cl[j].sent == r.sent; j++ {
			c := &cl[j]
			if j > i && (c.negated || c.frame != nil || c.past != nil || c.cond || !c.verbless() && c.entry == nil) {
				break
			}
			if c.request != 0 || c.secret == nil || c.negated || c.link || c.safe {
				continue
			}
			from := c.start
			if j == i {
				from = r.reply.end
			}
			if j == i && c.secret.start < r.reply.start {
				from = c.start // the verb after its object: "koduyla yanıtlayın"
			}
			if carriedBy(a.n.Text, c, from) {
				cls := c.secret.e.class
				if cls == classWeak {
					cls = classCode
				}
				c.request = cls
			}
		}
	}
}

// carriedBy reports a "with" after from and just before the clause's
// secret, with nothing but a determiner or one adjective between ("with
// the code", not "with your questions about 2FA codes").
func carriedBy(s string, c *clause, from int) bool {
	for _, w := range c.replyWith {
		if w.start >= from && w.end <= c.secret.start && c.secret.start-w.end <= 24 && listItemAdj(s[w.end:c.secret.start], true) {
			return true
		}
		// "doğrulama koduyla yanıtlayın": a suffix on the secret's word.
		if w.e.infix && w.start >= c.secret.start && w.start <= c.secret.end+4 && c.reply != nil && c.reply.start >= w.end {
			return true
		}
	}
	return false
}

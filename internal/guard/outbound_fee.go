package guard

import "strings"

// A parcel held for a small fee, a fine or an unpaid bill, "paid" at a
// link where the customer types the card's details and the one-time code
// the bank sends: the code and the card leave the customer's hands for a
// stranger's page as surely as if they were sent to the writer. The
// rules read "enter the code" into a page as typing it in, which asks
// nobody (own()); these messages ask for it by where they send it. A
// refund "paid out" there is the same trap, and so is a login to online
// banking or to a public e-ID in place of the card: what is typed there
// opens the customer's bank account or identity.

// feeAsks marks a clause that has the customer type a card's code, a
// one-time code or a password at a link, in a message that names a
// charge owed, a payment or a refund, a card or a bank's or public
// e-ID's login, and a link (a written address or the word "link"), and
// nothing in the sentence warns, conditions or negates it.
func (a *analysis) feeAsks() {
	cl := a.clauses
	var fee, card, link bool
	for i := range cl {
		if cl[i].site || cl[i].ownPlace {
			return // "on the checkout page", "in your bank's app": the customer's own or the exchange's
		}
		// A charge named in a warning ("don't open links about a tax
		// refund") is no charge of this message; one with a threat
		// ("late fees if unpaid") still is.
		fee = fee || cl[i].fee && !a.warnsIn(cl[i].sent)
		card = card || cl[i].cardData || cl[i].bankLogin || cl[i].secret != nil && cl[i].secret.e.class == classCard
		link = link || cl[i].link || cl[i].linkWord || hasAddress(a.n.Text[cl[i].start:cl[i].end])
	}
	if !link || !fee || !card {
		return
	}
	for i := range cl {
		c := &cl[i]
		if c.request != 0 || c.secret == nil || !feeSecret(c.secret.e.class) || !a.plainSentence(c.sent) {
			continue
		}
		if c.safe || c.marks.has(revSelf) {
			continue // "type it yourself at turkiye.gov.tr": the customer alone, at the real site
		}
		// Typed in by its own verb or another clause's ("Zapłać ...,
		// podając dane karty i kod"), or the next item of the card's
		// data ("com o cartão e o código 3D Secure").
		// A login's password is typed by signing in with it ("sign in
		// with your online banking password and the code").
		if c.entry == nil && !c.cardData && !c.bankLogin && !a.entryInSentence(i) && !(i > 0 && cl[i-1].sent == c.sent && (cl[i-1].cardData || cl[i-1].bankLogin)) {
			continue
		}
		cls := c.secret.e.class
		if cls == classWeak {
			cls = classCode
		}
		c.request = cls
	}
}

// feeSecret: what a payment page asks for beyond the card's number.
func feeSecret(cls secretClass) bool {
	return cls == classCard || cls == classCode || cls == classWeak || cls == classPassword
}

// plainSentence: no clause of the sentence negates, conditions, warns or
// describes ("if a text asks you to pay a fee ...", "scammers ask for").
func (a *analysis) plainSentence(sent int) bool {
	for i := range a.clauses {
		c := &a.clauses[i]
		if c.sent != sent {
			continue
		}
		if c.negated || c.frame != nil || c.past != nil || c.cond || c.predSent || c.harm || c.avoid != nil {
			return false
		}
	}
	return true
}

// warnsIn: a clause of the sentence negates or calls something a scam
// (a third party named, "the court says", warns of nothing).
func (a *analysis) warnsIn(sent int) bool {
	for i := range a.clauses {
		c := &a.clauses[i]
		if c.sent == sent && (c.negated && !c.threat || c.predSent || c.avoid != nil) {
			return true
		}
	}
	return false
}

// entryInSentence: another clause of the sentence has a verb of typing
// in ("pay at the link, entering your card and the code").
func (a *analysis) entryInSentence(i int) bool {
	for j := range a.clauses {
		if a.clauses[j].sent == a.clauses[i].sent && a.clauses[j].entry != nil {
			return true
		}
	}
	return false
}

// hasAddress reports a written web address of any top-level domain
// ("evri-redeliver.co.uk", "cdek-oplata.ru"): letters or digits, a dot,
// two to six letters ending the word. The rules' own link test knows a
// few endings only.
func hasAddress(s string) bool {
	for _, w := range strings.Fields(s) {
		w = strings.TrimRight(w, ".,;:!?)")
		host, _, _ := strings.Cut(w, "/")
		dot := strings.LastIndexByte(host, '.')
		if dot <= 0 {
			continue
		}
		tld := host[dot+1:]
		if len(tld) < 2 || len(tld) > 6 || !asciiLetters(tld) || !asciiLetters(host[:1]) && !strings.ContainsAny(host[:1], "0123456789") {
			continue
		}
		return true
	}
	return false
}

func asciiLetters(s string) bool {
	for _, r := range s {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return s != ""
}

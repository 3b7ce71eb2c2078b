package guard

import "strings"

// "Please enter the code from Google Authenticator to log in." is the
// product's own instruction: the customer types a code into the login in
// front of them. A scam says the same words about someone else's page,
// and then it names that page: a link, a bank's or public e-ID login, a
// charge, a form, someone to send the code to. The learned reader, trained
// on many scams of the second kind, scored the first as a request; the
// rules tell the two apart by what the message names.

// ownLogin reports a message whose only act is typing a code or a
// password to log in, with nothing that names another page or a
// recipient: the reader alone may not refuse it.
func (a *analysis) ownLogin() bool {
	purpose, typed := false, false
	for i := range a.clauses {
		c := &a.clauses[i]
		if c.link || c.linkWord || c.bankLogin || c.fee || c.cardData || c.chat || c.toMe || c.transfer != nil || c.frame != nil || c.media || c.messenger || c.reply != nil {
			return false
		}
		if c.marks.has(revExposure) || c.marks.has(revForm) || c.marks.has(revLogin) || c.marks.has(revForward) {
			return false
		}
		if hasAddress(a.n.Text[c.start:c.end]) {
			return false
		}
		purpose = purpose || c.marks.has(revOwnLogin)
		typed = typed || c.entry != nil && !c.negated
	}
	return purpose && typed
}

// namesPage: an earlier message gave an address, so "log in" may mean
// that page, not the product's own.
func namesPage(previous []string) bool {
	for _, p := range previous {
		if hasAddress(strings.ToLower(p)) {
			return true
		}
	}
	return false
}

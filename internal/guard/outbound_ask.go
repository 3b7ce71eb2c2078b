package guard

import "strings"

// Concepts of the review layer added after the eighth held-out set
// (eval8), each a whole pretext rather than a wording: a question that is
// nothing but the secret's name ("Your Authy code?"), a move to another
// messaging app where the secret is to be handed over, the writer
// offering to log in to the customer's account with its password (in any
// slang), and a forwarded message that carries a code. A request they
// find is certain: the learned reader may not hold it back (analysis.sure).

// conceptAsks marks the clauses these concepts refuse. msg holds the
// review concepts of the message's unblocked clauses; the caller has
// checked that no clause warns, negates or names a safe place.
func (a *analysis) conceptAsks(msg reviewMark) {
	cl := a.clauses
	ask := func(i int, cls secretClass) {
		cl[i].request = cls
		a.sure = true
	}
	if cls := a.terseAsk(); cls != 0 {
		ask(0, cls)
		return
	}
	elsewhere := false // another messaging app named outside a warning
	for i := range cl {
		c := &cl[i]
		if c.cond {
			return // "if someone on WhatsApp asks for your code, ..."
		}
		elsewhere = elsewhere || c.messenger && !c.blocked() && !c.safe && !c.ownPlace
	}
	for i := range cl {
		c := &cl[i]
		if c.blocked() || c.request != 0 {
			continue
		}
		switch {
		// "Our official support continues on WhatsApp: give them the code
		// from the e-mail": the secret goes to whoever waits there.
		case elsewhere && c.secret != nil && c.qword == nil && (c.acts() || !c.messenger):
			ask(i, strongest(c.secret.e.class))
		// "c quoi ton mdp ? je me connecte et je corrige la limite": the
		// password, named or in slang, of an account the writer will use.
		case msg.has(revLogin) && (c.secret != nil && c.secret.e.class == classPassword || c.marks.has(revSlang)):
			ask(i, classPassword)
		// "Forward me the verification e-mail with the 6-digit code".
		case msg.has(revForward) && c.secret != nil && c.secret.e.class != classSeed && c.secret.e.class != classKey:
			ask(i, classCode)
		}
	}
}

// terseAsk reads a message that is only a short question naming the
// customer's secret, with at most a possessive, the app or "please" beside
// it: "Ur 2fa code?", "Kod z Authy?", "Authyのコードは？". A bare "code"
// counts when an authenticator app is named. It returns the class asked
// for, 0 if the message is anything else.
func (a *analysis) terseAsk() secretClass {
	cl := a.clauses
	if len(cl) == 0 || wordCount(a.n.Text) > 8 {
		return 0
	}
	for i := range cl {
		if c := &cl[i]; c.blocked() || c.safe || c.site || c.ownPlace || c.cond || c.recv || len(c.avoid) > 0 {
			return 0
		}
	}
	c := &cl[0]
	if !c.question || !c.verbless() || c.secret == nil || otherWords(a.n.Text[c.start:c.secret.start]+" "+c.afterSecret(a.n.Text)) > 2 {
		return 0
	}
	if c.secret.e.class == classWeak && !authApp(a.n.Text) {
		return 0
	}
	return strongest(c.secret.e.class)
}

// otherWords counts the words of s beside a secret's name, leaving out
// the names of authenticator apps and of 2FA: what is left of "Ваш код из
// Authy?" is "ваш из", of "Вы недавно меняли пароль?" three words that
// say something else.
func otherWords(s string) int {
	var kept []string
	for _, w := range strings.Fields(s) {
		if !authApp(w) && !strings.Contains(w, "2fa") {
			kept = append(kept, w)
		}
	}
	return wordCount(strings.Join(kept, " "))
}

// strongest is the class a named secret is asked as: a bare "code" is a
// one-time code.
func strongest(cls secretClass) secretClass {
	if cls == classWeak {
		return classCode
	}
	return cls
}

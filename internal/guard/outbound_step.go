package guard

import "strings"

// A late turn of a procedure often names the secret with no verb at all:
// "Great, now the code from the SMS, so the courier hands over the
// parcel", "Last step: your card's PIN". On its own such a clause asks
// nothing the rules can see (no "send", no "here"); after the writer's
// own earlier messages it is the next item of what the customer is being
// walked through, and is asked for.

// maxStepGap is how many words may stand between a step's marker and the
// secret's name ("now the confirmation code", "und jetzt den Code").
const maxStepGap = 2

// maxStepTrail is how many words may follow the secret's name in its
// clause ("the code from the Sber app"): more, and the clause says
// something of the secret ("now the code will arrive within a minute").
const maxStepTrail = 5

// stepAsks marks a verbless clause that names a secret right after a
// marker of the next step as asking for it, in a message that follows
// the writer's own earlier ones. The marker may be in the clause or be a
// heading before a colon ("Ostatni krok: kod BLIK").
func (a *analysis) stepAsks() {
	if !a.follows {
		return
	}
	cl := a.clauses
	for i := range cl {
		c := &cl[i]
		if c.request != 0 || c.secret == nil || !c.verbless() || !c.plainStep() {
			continue
		}
		cls := c.secret.e.class
		if cls == classWeak && c.appNamed {
			cls = classCode // "now the code from your authenticator"
		}
		if cls == classWeak {
			continue // a bare "code" or "the numbers" may be anything's
		}
		if wordCount(c.afterSecret(a.n.Text)) > maxStepTrail {
			continue
		}
		marker := c.step != nil && c.step.end <= c.secret.start && c.wordsBefore(a.n.Text, c.secret.start)-c.wordsBefore(a.n.Text, c.step.end) <= maxStepGap
		if p := i - 1; !marker && p >= 0 && cl[p].sent == c.sent && cl[p].step != nil && cl[p].secret == nil && cl[p].verbless() && cl[p].words <= 4 && strings.HasSuffix(strings.TrimSpace(a.n.Text[cl[p].start:cl[p].end]), ":") {
			marker = c.wordsBefore(a.n.Text, c.secret.start) <= maxStepGap
		}
		if marker {
			c.request = cls
		}
	}
}

// plainStep: nothing in the clause softens, conditions or describes it.
func (c *clause) plainStep() bool {
	return !c.negated && c.frame == nil && c.past == nil && !c.cond && !c.safe && !c.site && !c.ownPlace &&
		!c.recv && !c.predSent && !c.harm && !c.notVerb && !c.link && c.qword == nil && len(c.wh) == 0
}

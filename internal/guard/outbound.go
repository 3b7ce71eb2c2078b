package guard

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Violation is one reason to hold back an outbound message.
type Violation struct {
	Kind   string `json:"kind"`
	Detail string `json:"detail"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
}

// Kinds of violation.
const (
	ViolationAsksForSecret  = "asks_for_secret"
	ViolationLinkNotAllowed = "link_not_allowed"
)

// MaxConversation is how many of the writer's previous messages
// CheckOutboundConversation looks at.
const MaxConversation = 10

// maxPreviousBytes is how much of the end of each earlier message the
// conversation check reads.
const maxPreviousBytes = 4096

// CheckOutbound checks a message that an agent or a bot is about to send.
// It reports every sentence that asks the customer for a seed phrase (or
// its words), private key or wallet file, password or PIN, or 2FA or
// one-time code, in any of the product's 17 languages and however the
// words are disguised (telling them never to share one is fine), and
// every link whose host is not one of allowedDomains or a subdomain of
// one. Internationalized hosts are compared in their ASCII form, and
// flagged with the look-alike they imitate when there is one. An empty
// allow-list allows no links. Clause rules read the message first; a
// learned reader trained on the labelled sets (outbound_model.go) then
// refuses what it scores high; what the rules refused but it scores low is
// held for review (ReviewOutbound), not refused.
func CheckOutbound(text string, allowedDomains []string) []Violation {
	return CheckOutboundConversation(nil, text, allowedDomains)
}

// CheckOutboundConversation is CheckOutbound for a message that follows
// previous, the same writer's earlier public messages on the ticket, oldest
// first (the last MaxConversation count, the last 4 KiB of each). The
// conversation matters in two ways: asking for the words of a phrase one
// at a time ("what is the first word?", then "and the second?") is
// refused, and "send it here" refers to the secret the previous message
// named. Violations are reported in text only; previous messages were
// checked when they were sent.
func CheckOutboundConversation(previous []string, text string, allowedDomains []string) []Violation {
	refused, _ := checkOutbound(previous, text, allowedDomains)
	return refused
}

// checkOutbound returns the refused violations (links included) and the
// sentences held for review. The rules read the message first; the
// learned reader (outbound_model.go) then refuses what it scores at or
// above its threshold, and holds what the rules refused but it scores
// below its veto (both thresholds frozen in outbound_model.go).
func checkOutbound(previous []string, text string, allowedDomains []string) (refused, held []Violation) {
	r := readOutbound(previous, text)
	refused, held = r.refused, r.held
	links := badLinks(text, lowerSameLength(text), allowedDomains)
	if m, err := loadedModel(); err == nil {
		p := float32(m.score(outboundFeatures(r.signals())))
		switch {
		case len(refused) > 0 && p < m.veto && !r.a.sure:
			// The rules and the model disagree: neither sent silently
			// nor refused outright, the sentences wait for a person.
			held = append(held, vetoedHolds(refused)...)
			refused = nil
		case len(refused) == 0 && r.nextNumber:
			// "and 11" after "I checked order 10": nothing before named a
			// secret for the number to point at.
		case len(refused) == 0 && r.a.ownLogin() && !namesPage(previous):
			// "Enter the code from your authenticator to log in": typing
			// a code into the login in front of the customer, no other
			// page or recipient named, here or before (outbound_ownlogin.go).
		case len(refused) == 0 && len(links) == 0 && ownLinksOnly(r.a.n.Text):
			// "See <link>" to the installation's own pages after earlier
			// messages about codes: the words name no act, the reader's
			// score comes from those earlier messages, and an allowed
			// page is where customers type their own codes, not where
			// someone else reads them.
		case len(refused) == 0 && p >= m.alone && len(previous) == 0 && (tooShortToRead(readerView(r.a.n.Text)) || r.a.terseNoSecret() || r.a.loneOrdinal()):
			// Two words on their own ("Node upgrade.", "Wallet backup",
			// "Docs: <link>") name no act; the reader alone is not
			// trusted to refuse them, and a person decides.
			held = []Violation{{Kind: ViolationHeldForReview, Start: 0, End: len(text),
				Detail: "The guard's learned reader reads this short text as asking for a secret, but it names no request; held for review. Rephrase it, or ask a supervisor."}}
		case len(refused) == 0 && p >= m.alone:
			refused = []Violation{modelViolation(text)}
			held = nil // never both
		}
	}
	return append(refused, links...), held
}

// ownLinksOnly reports a text that is links and at most two words around
// them ("See <link>", "Docs: <link>"); the caller knows the links are
// all on the allow-list.
func ownLinksOnly(norm string) bool {
	masked := maskLinks(norm)
	return masked != norm && tooShortToRead(masked)
}

// terseNoSecret is a question of at most three words, in a script
// written with spaces, in which the rules find no secret named, not even
// a bare "code", a phrase or a word's position: "Is Authy installed?".
// The reader learns app names from requests for their codes and may
// score such a question high; a person decides.
func (a *analysis) terseNoSecret() bool {
	t := strings.TrimSpace(maskLinks(a.n.Text))
	if !strings.HasSuffix(t, "?") || len(strings.Fields(t)) > 3 {
		return false
	}
	for _, r := range t {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Hangul) {
			return false
		}
	}
	for i := range a.clauses {
		c := &a.clauses[i]
		if c.secret != nil || c.phraseNoun != nil || c.codeRef || c.wordNoun || c.ordinal || c.number || c.marks.has(revDesc) {
			return false
		}
	}
	return true
}

// loneOrdinal is a short ordinal follow-up naming no secret nor word
// ("And the second one?") as the writer's first message: it points back
// at nothing, and the reader, which learned such follow-ups after
// requests, is not trusted to refuse it alone.
func (a *analysis) loneOrdinal() bool {
	if !a.bareFollow || a.wordAsk || a.seedCtx || len(strings.Fields(a.n.Text)) > 4 {
		return false
	}
	for i := range a.clauses {
		if c := &a.clauses[i]; c.secret != nil || c.phraseNoun != nil || c.wordNoun {
			return false
		}
	}
	return true
}

// tooShortToRead is a text of at most two words, or, in a script written
// without spaces (Chinese, Japanese, Thai), of at most four letters.
func tooShortToRead(text string) bool {
	words, letters, unspaced := 0, 0, false
	for _, f := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		words++
		for _, r := range f {
			letters++
			unspaced = unspaced || unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai)
		}
	}
	if unspaced {
		return letters <= 4
	}
	return words <= 2
}

// vetoedHolds turns the rules' refusals that the learned reader vetoed
// into holds, one per refused span.
func vetoedHolds(refused []Violation) []Violation {
	out := make([]Violation, 0, len(refused))
	for _, v := range refused {
		out = append(out, Violation{Kind: ViolationHeldForReview, Start: v.Start, End: v.End,
			Detail: "Reads to the guard's rules as asking the customer for a secret, but its learned reader disagrees; held for review. Rephrase it, or ask a supervisor. (" + v.Detail + ")"})
	}
	return out
}

// modelViolation is the learned reader's refusal: it names no clause, so
// it spans the message.
func modelViolation(text string) Violation {
	s, e := trimSpan(text, 0, len(text))
	return Violation{Kind: ViolationAsksForSecret, Start: s, End: e,
		Detail: "Reads as asking the customer for a secret (seed phrase, private key, password or code); support never asks for one. Rephrase the message."}
}

// ruleReading is the rules' reading of a message: what they refuse and
// hold (links apart), and what the learned reader takes from them.
type ruleReading struct {
	refused, held []Violation
	a             *analysis
	prev          prevState
	prevNorm      []string // the last two earlier messages, normalised
	// nextNumber: a bare number after numbered messages that named no
	// secret (outbound_pointer.go); the reader alone does not refuse it.
	nextNumber bool
}

func (r ruleReading) signals() ruleSignals {
	return ruleSignals{refused: len(r.refused) > 0, held: len(r.held) > 0, a: r.a, prev: r.prev, prevNorm: r.prevNorm}
}

// readOutbound runs the clause rules and the review layer.
func readOutbound(previous []string, text string) ruleReading {
	if len(previous) > MaxConversation {
		previous = previous[len(previous)-MaxConversation:]
	}
	var prevRef secretClass
	var prevRefClean bool
	var prevSeed, prevWordAsk, prevCode bool
	var prev prevState
	var prevNorm []string
	read := make([]*analysis, 0, len(previous))
	for i, p := range previous {
		if len(p) > maxPreviousBytes { // what matters of an earlier message is its end
			cut := len(p) - maxPreviousBytes
			for cut < len(p) && !utf8.RuneStart(p[cut]) {
				cut++
			}
			p = p[cut:]
		}
		pa := analyse(p)
		pa.decide(0)
		read = append(read, pa)
		if i >= len(previous)-2 {
			prevNorm = append(prevNorm, pa.n.Text)
		}
		asked := pa.askedClass(p, prevSeed, prevWordAsk, prevCode)
		prevSeed = prevSeed || pa.seedCtx
		prevCode = prevCode || pa.codeCtx
		prevWordAsk = prevWordAsk || pa.wordAsk || pa.bareFollow && prevSeed
		if i >= len(previous)-3 && asked != 0 {
			prev.asked = asked
		}
		if i >= len(previous)-3 && pa.rangeAsked() {
			prev.positions = true
		}
		if i >= len(previous)-2 {
			if s := pa.openNamed(); s != 0 {
				prev.named = s
			}
		}
		if s := pa.strongNamed(); s != 0 {
			prev.strong = s
		}
		if i == len(previous)-1 {
			prevRef, prevRefClean = pa.lastRef, pa.lastRefClean
		}
	}
	a := analyse(text)
	a.prevRefClean = prevRefClean
	a.follows = len(previous) > 0
	a.decide(prevRef)
	heldAt := a.review(prev)
	return ruleReading{refused: a.violations(text, prevSeed, prevWordAsk, prevCode), held: a.heldViolations(text, heldAt), a: a, prev: prev, prevNorm: prevNorm,
		nextNumber: bareNumber(a) && quietNumbered(read)}
}

// askedClass is the secret an earlier message asked for, 0 if none.
func (a *analysis) askedClass(text string, prevSeed, prevWordAsk, prevCode bool) secretClass {
	for _, c := range a.clauses {
		if c.request != 0 {
			return c.request
		}
	}
	if len(a.violations(text, prevSeed, prevWordAsk, prevCode)) > 0 {
		return classSeed // words asked one at a time, or what a code screen shows
	}
	return 0
}

// strongNamed is a seed phrase or key the message names outside a
// warning: "open Settings > Show private key".
func (a *analysis) strongNamed() secretClass {
	for _, c := range a.clauses {
		if cls := c.reviewSecret(); (cls == classSeed || cls == classKey) && !c.blocked() {
			return cls
		}
	}
	return 0
}

// openNamed is the last secret of any class the message names outside a
// warning ("enter the code from your app"): what a short reply after it
// may point back to.
func (a *analysis) openNamed() secretClass {
	var cls secretClass
	for _, c := range a.clauses {
		if s := c.reviewSecret(); s != 0 && !c.blocked() {
			cls = s
		}
	}
	return cls
}

// violations turns the clauses that ask for something into one violation
// per sentence, with its span in the original text.
//
// After the writer's earlier messages spoke of a code ("I'm sending you a
// code now"), asking what the customer sees ("What does it say?") asks
// for the code.
func (a *analysis) violations(text string, prevSeed, prevWordAsk, prevCode bool) []Violation {
	words := a.wordAsk && (a.seedCtx || prevSeed) || (a.wordAsk || a.follow) && prevWordAsk || a.bareFollow && prevSeed
	var out []Violation
	lastSent := -1
	for i, c := range a.clauses {
		if c.sent == lastSent {
			continue
		}
		var detail string
		switch {
		case c.request != 0:
			detail = fmt.Sprintf("Asks the customer for their %s; support never asks for one. Rephrase the message.", secretLabel(c.request))
		case words && c.asksForWord():
			detail = "Asks the customer for the words of their recovery phrase one at a time; support never asks for them. Rephrase the message."
		case (prevCode || c.appNamed || c.secret != nil && authApp(c.secret.e.text)) && c.askSee && c.question && !c.negated && c.frame == nil && c.past == nil:
			// "What does your authenticator show right now?" asks for its code.
			a.sure = true
			detail = fmt.Sprintf("Asks the customer for their %s; support never asks for one. Rephrase the message.", secretLabel(classCode))
		default:
			continue
		}
		lastSent = c.sent
		start, end := c.start, c.end
		for j := i - 1; j >= 0 && a.clauses[j].sent == c.sent; j-- {
			start = a.clauses[j].start
		}
		for j := i + 1; j < len(a.clauses) && a.clauses[j].sent == c.sent; j++ {
			end = a.clauses[j].end
		}
		s, e := trimSpan(text, a.n.Orig(start), a.n.Orig(end))
		out = append(out, Violation{Kind: ViolationAsksForSecret, Detail: detail, Start: s, End: e})
	}
	return out
}

// asksForWord reports a clause that names a word or its position.
func (c *clause) asksForWord() bool {
	return (c.wordNoun || c.ordinal || c.number) && !c.negated && c.frame == nil && c.past == nil
}

func secretLabel(c secretClass) string {
	switch c {
	case classSeed:
		return "seed phrase (recovery phrase)"
	case classKey:
		return "private key or wallet file"
	case classPassword:
		return "password or PIN"
	case classCard:
		return "card's security code (CVV/CVC) or PIN"
	default:
		return "2FA or one-time code"
	}
}

// secretClass is what a secret's name names.
type secretClass uint8

// typedIn is a secret the customer types (a password, a one-time code, a
// card's CVV or PIN), as opposed to a phrase or key held in a wallet:
// safe on the exchange's own site, asked for with or without a verb.
func (c secretClass) typedIn() bool {
	return c == classPassword || c == classCode || c == classCard
}

const (
	classSeed secretClass = iota + 1
	classPassword
	classCode
)

func trimSpan(text string, a, b int) (int, int) {
	for a < b && (text[a] == ' ' || text[a] == '\n' || text[a] == '\t' || text[a] == '\r') {
		a++
	}
	for b > a && (text[b-1] == ' ' || text[b-1] == '\n' || text[b-1] == '\t' || text[b-1] == '\r') {
		b--
	}
	return a, b
}

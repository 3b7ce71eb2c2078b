package guard

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// The review layer reads a message by concepts after the clause rules:
// the customer's secret however it is named (its own name, the backup,
// the sheet or card it is written on, the reveal screen of the wallet,
// what the screen shows after the writer's export instructions), and any
// act that would move it to someone else (say, type, show, keep on a
// shared screen, record, photograph, read out, fill a form, reply to a
// bot). Negation and warnings count in their own clause, as in the rules.
// What it finds is refused when a concept makes the hand-over certain
// (a channel that exposes the secret, a formal demand, a follow-up to a
// request, part of a code), and held for review when a secret and an act
// meet with no warning in sight: the agent sees why and can rephrase or
// ask a supervisor.

// reviewMark is a set of review concepts found in a clause.
type reviewMark uint32

// Review concepts, kept as the class of catReview vocabulary entries.
const (
	revExposure secretClass = iota + 1 // a channel that shows or plays the secret to someone: screen share, recording, video call, voice message, bot
	revForm                            // a web form or field
	revShow                            // an act of showing, keeping open, reading out, recording, typing
	revDesc                            // the secret named by what it is written on or where it lives
	revRest                            // a follow-up: "and the rest?", "still waiting"
	revShown                           // what the screen shows: "copy what appears"
	revPartOf                          // a part of a code: "the last three digits", "backwards"
	revReport                          // an escalation or report quoting someone else
	revFormal                          // a letter's formal demand: "we kindly request that you provide"
	revContrast                        // "but", "only": a clause that turns away from the negation before it
	revWhole                           // "the whole code": what a part is asked instead of
	revInstead                         // "instead of" (set from catInstead, no vocabulary of its own)
	revPressure                        // urgency: "the only way", "right now", liquidation
	revSelf                            // "yourself": the customer acts alone
	revHere                            // "here", "qui", "ici": this conversation, for what the screen shows
	revLogin                           // the writer logs in to the customer's account: "I'll log in and fix it"
	revSlang                           // chat slang for a password ("pass", "mm", "パス"): a password only beside revLogin
	revForward                         // forwarding a message: "forward me the e-mail", "переслать письмо"
	revConcede                         // "but", "this time": the turn after a warning (outbound_concede.go)
	revPermit                          // "you may", "without fear": permission for what the warning forbade
	revOwnLogin                        // "to log in": a code typed to log in (outbound_ownlogin.go)
)

func (m reviewMark) has(k secretClass) bool { return m&(1<<reviewMark(k)) != 0 }

// ViolationHeldForReview is the kind of a message held back for review: it
// names a secret next to an act of handing something over, without a
// recognisable warning. It is not a refusal; ReviewOutbound reports it.
const ViolationHeldForReview = "held_for_review"

// Review is the review layer's reading of an outbound message: what is
// refused (the same as CheckOutboundConversation) and what is held for
// review (never also refused).
type Review struct {
	Refused []Violation `json:"refused"`
	Held    []Violation `json:"held"`
}

// ReviewOutbound is CheckOutboundConversation with the held sentences:
// a sentence that names a customer's secret beside an act of showing or
// handing over, with no negation or warning in its clauses, and that no
// rule refuses.
func ReviewOutbound(previous []string, text string, allowedDomains []string) Review {
	refused, held := checkOutbound(previous, text, allowedDomains)
	return Review{Refused: refused, Held: held}
}

// prevState is what the review layer keeps of the writer's earlier
// messages.
type prevState struct {
	asked     secretClass // one of the last three messages asked for this secret (refused)
	strong    secretClass // a seed phrase or key named outside a warning
	positions bool        // one of the last three messages asked for a range of positions: "now from 7 to 12"
	named     secretClass // one of the last two messages named this secret outside a warning (any class)
}

// blocked reports a clause whose request is negated, described or asked
// about in the past.
func (c *clause) blocked() bool {
	return c.negated || c.frame != nil || c.predSent || c.past != nil || c.harm
}

// reviewSecret is the class of the customer's secret the clause names,
// by name or by description; 0 if none. A bare "phrase" counts as a seed
// phrase here unless the clause says it is something else's.
func (c *clause) reviewSecret() secretClass {
	switch {
	case c.secret != nil && c.secret.e.class != classWeak:
		return c.secret.e.class
	case c.marks.has(revDesc):
		return classSeed
	case c.phraseNoun != nil && !c.notSeedHint:
		return classSeed
	case c.secret != nil:
		return classWeak
	}
	return 0
}

// acts reports an act of handing over or showing in the clause.
func (c *clause) acts() bool {
	return c.transfer != nil || c.entry != nil || c.media || c.reply != nil || c.marks.has(revShow) || c.marks.has(revFormal)
}

// review runs the concept rules on an analysed message. It marks clauses
// it refuses (c.request) and returns the sentences it holds.
func (a *analysis) review(prev prevState) (held []int) {
	cl := a.clauses
	qs := quoteSpans(a.n.Text)
	// A short quote with no verb in it is a name on the screen ("open
	// 'Show secret phrase'"), not someone's words.
	quoted := func(p int) bool {
		for _, q := range qs {
			if p >= q[0] && p < q[1] {
				return !a.label(q)
			}
		}
		return false
	}
	var msg reviewMark
	pressure, warned := false, false
	reportSent := map[int]bool{}
	for i := range cl {
		c := &cl[i]
		if quoted(c.start) {
			continue
		}
		if !c.blocked() {
			msg |= c.marks
			// Another app is a channel out too ("オフライン", offline,
			// holds "ライン", LINE).
			if c.messenger && !c.safe && !c.ownPlace {
				msg |= 1 << reviewMark(revExposure)
			}
		}
		if c.marks.has(revReport) {
			reportSent[c.sent] = true
		}
		pressure = pressure || c.penalty || c.threat || c.marks.has(revPressure) && !c.blocked()
		warned = warned || c.blocked() || c.safe || c.site || c.ownPlace || len(c.avoid) > 0
	}
	if len(reportSent) > 0 {
		a.dropReported(reportSent, quoted)
		return nil // an escalation or report: what it quotes is evidence
	}
	a.followUp(prev)
	if !warned {
		a.conceptAsks(msg)
	}
	refused := map[int]bool{}
	for i := range cl {
		if cl[i].request != 0 {
			refused[cl[i].sent] = true
		}
	}
	for i := range cl {
		c := &cl[i]
		if refused[c.sent] || c.blocked() {
			continue
		}
		if cls := a.pictureSent(i); cls != 0 {
			c.request = cls
			refused[c.sent] = true
			continue
		}
		if cls := a.partsAsked(i); cls != 0 {
			c.request = cls
			refused[c.sent] = true
			continue
		}
		if quoted(c.start) || c.secret != nil && quoted(c.secret.start) {
			continue
		}
		cls := c.reviewSecret()
		if cls == classWeak && (c.weakPair || c.recv || c.appNamed || codeWord(c.secret.e.text)) {
			cls = classCode
		}
		if cls == 0 || cls == classWeak || !a.sentenceActs(i) && !(msg.has(revExposure) && a.sentenceHas(c.sent, func(o *clause) bool { return !o.blocked() && o.acts() })) {
			continue
		}
		strong := cls == classSeed || cls == classKey
		dest := c.chat || c.toMe
		switch {
		// A secret shown on a shared screen, in a recording or a video
		// call, read out on a call or into a voice message, typed to a bot
		// or sent through another app: opening it in the customer's own
		// wallet is part of the act.
		case msg.has(revExposure) && !c.site && (strong || !c.safe && !c.ownPlace) && !a.sentenceHas(c.sent, func(o *clause) bool { return o.marks.has(revSelf) && o.acts() }):
			c.request = cls
		case c.safe || c.ownPlace:
		// A seed phrase or key typed into a form.
		case strong && msg.has(revForm):
			c.request = cls
		// A letter's demand.
		case msg.has(revFormal) && strong:
			c.request = cls
		// A password or code written, pasted or copied into this chat:
		// "впишіть код у відповідь", "chép mã vào đây".
		case !strong && c.marks.has(revShow) && (c.chat || c.marks.has(revHere)) && !c.notVerb && !c.recv && !c.site && !c.cond && !warned:
			c.request = cls
		// "Send me the phrase now": a bare phrase handed to the writer,
		// or under pressure.
		case c.secret == nil && c.acts() && (dest || pressure) && (c.marks.has(revDesc) || c.phraseNoun != nil && a.bareEnd(c)):
			c.request = classSeed
		// A seed phrase or key beside an act, with no warning in sight.
		case strong && !c.cond && !warned && (c.secret == nil || !c.asksAbout()) && c.qword == nil && !a.sentenceHas(c.sent, func(o *clause) bool { return o.marks.has(revInstead) }):
			held = append(held, i)
		}
		if c.request != 0 {
			refused[c.sent] = true
		}
	}
	return held
}

// label reports a quoted span that is a name on the screen: at most five
// words, none of them a verb of handing over or typing.
func (a *analysis) label(q [2]int) bool {
	if wordCount(a.n.Text[q[0]:q[1]]) > 5 {
		return false
	}
	for _, c := range a.clauses {
		for _, v := range []*phraseMatch{c.transfer, c.entry} {
			if v != nil && v.start >= q[0] && v.start < q[1] {
				return false
			}
		}
	}
	return true
}

// bareEnd reports a bare phrase that nothing after it in its clause
// qualifies: after it come only the writer, this chat, "please", time
// words and verbs ("la frase ya", "ifadeyi hemen bana göndermeniz"), not
// "the phrase shown in the red banner".
func (a *analysis) bareEnd(c *clause) bool {
	tail := a.n.Text[min(c.phraseNoun.end, c.end):c.end]
	keep := []byte(tail)
	for _, m := range intentMatcher().find(tail) {
		switch m.e.cat {
		case catToMe, catChat, catPlease, catPenalty, catTransfer, catEntry, catReview:
			for k := m.start; k < m.end; k++ {
				keep[k] = ' '
			}
		}
	}
	n := 0
	for _, w := range strings.Fields(string(keep)) {
		if firstLetter(w) != 0 {
			n++
		}
	}
	if r := firstLetter(tail); r >= 0x2E80 || isThai(r) {
		return wordCount(string(keep)) <= 1
	}
	return n <= 1
}

// partsAsked reads a part of a secret asked for in clause i: "only the
// last three digits" beside a code named in the sentence (even in the
// clause that said the whole is not needed), or three positions of the
// words ("only words 2, 5 and 9").
func (a *analysis) partsAsked(i int) secretClass {
	cl := a.clauses
	c := &cl[i]
	if c.safe || c.ownPlace || c.cond {
		return 0
	}
	code, words, notWords, digits, ordinals := false, false, false, 0, 0
	for j := range cl {
		o := &cl[j]
		if o.sent != c.sent {
			continue
		}
		// The code's own clause, or the negated one that says the whole
		// of it is not needed: "you don't need to send the whole code".
		if s := o.secret; s != nil && s.e.class != classSeed && s.e.class != classKey && (j == i || o.marks.has(revWhole)) {
			code = true
		}
		words = words || o.wordNoun || o.secret != nil && o.secret.e.class == classSeed
		notWords = notWords || o.notSeedHint
		if !o.blocked() {
			digits += digitRuns(a.n.Text[o.start:o.end])
			if o.ordinal {
				ordinals += max(o.positions, 1)
			}
		}
	}
	switch {
	case c.marks.has(revPartOf) && code:
		return classCode
	case words && !notWords && digits+ordinals >= 3 && (digits >= 2 || ordinals >= 2) && (c.ordinal || c.number) && !a.sentenceSafe(c.sent):
		return classSeed
	}
	return 0
}

// pictureSent reads "take a photo of the sheet with the words and upload
// it", "screenshot the authenticator showing the code and send it to me":
// a picture of a secret (a code when the app that shows it is named) and,
// in a later clause of the sentence, an act of sending or uploading.
func (a *analysis) pictureSent(i int) secretClass {
	cl := a.clauses
	c := &cl[i]
	if !c.media || c.cond || c.safe {
		return 0
	}
	cls := a.pictured(i)
	if s := c.secret; cls == 0 && s != nil && s.e.class == classWeak && (c.appNamed || c.weakPair) {
		cls = classCode
	}
	if cls == 0 {
		return 0
	}
	for j := i + 1; j < len(cl) && cl[j].sent == c.sent; j++ {
		if o := &cl[j]; !o.blocked() && !o.safe && (o.transfer != nil || o.marks.has(revShow) && (o.chat || o.toMe || o.marks.has(revHere) || o.marks.has(revExposure))) {
			return cls
		}
	}
	return 0
}

// sentenceSafe reports a sentence that puts its secret somewhere of the
// customer's own.
func (a *analysis) sentenceSafe(sent int) bool {
	return a.sentenceHas(sent, func(o *clause) bool { return o.safe || o.ownPlace || o.site })
}

// dropReported lifts the refusals of a report's sentences: those that
// name the report ("customer received ...", "escalating to security")
// or quote what someone else wrote, unless a clause addresses this
// conversation ("FYI, send it here").
func (a *analysis) dropReported(reportSent map[int]bool, quoted func(int) bool) {
	for i := range a.clauses {
		c := &a.clauses[i]
		if c.request == 0 || c.chat || c.toMe && !quoted(c.start) {
			continue
		}
		if reportSent[c.sent] || c.secret != nil && quoted(c.secret.start) || quoted(c.start) {
			c.request = 0
		}
	}
}

// reviewClass makes a bare code named with a channel a one-time code.
func reviewClass(c secretClass) secretClass {
	if c == classWeak {
		return classCode
	}
	return c
}

// sentenceActs reports an unblocked act in clause i or a neighbour of its
// sentence.
func (a *analysis) sentenceActs(i int) bool {
	cl := a.clauses
	for _, j := range []int{i, i - 1, i + 1} {
		if j >= 0 && j < len(cl) && cl[j].sent == cl[i].sent && !cl[j].blocked() && cl[j].acts() {
			return true
		}
	}
	return false
}

// followUp reads a short message after a request ("and the rest?",
// "still waiting on the code") as the same request, and "copy what
// appears and paste it here" after instructions that opened a seed
// phrase or key as a request for it.
func (a *analysis) followUp(prev prevState) {
	cl := a.clauses
	if len(cl) == 0 {
		return
	}
	for i := range cl {
		if cl[i].negated || cl[i].frame != nil || cl[i].predSent {
			return
		}
	}
	// A word asked by its position ("and the second one?") is the clause
	// rules' to report, one word at a time.
	if (prev.asked != 0 || prev.positions) && shortMessage(a.n.Text) && !a.wordAsk && !a.follow && !a.bareFollow {
		asked := prev.asked
		if asked == 0 {
			asked = classSeed
		}
		for i := range cl {
			c := &cl[i]
			if c.marks.has(revRest) || c.secret != nil && prev.asked != 0 || c.please && prev.asked != 0 || c.question && (c.ordinal || c.number || c.pronoun) {
				c.request = asked
				return
			}
		}
	}
	if prev.strong == 0 {
		return
	}
	// "Copy what appears and paste it here": the sentence refers to what
	// the screen shows, acts, and names this conversation.
	for i := range cl {
		c := &cl[i]
		if !c.marks.has(revShown) && !c.pronoun || c.cond {
			continue
		}
		dest, acts := false, false
		for j := range cl {
			if cl[j].sent == c.sent {
				dest = dest || cl[j].chat || cl[j].toMe || cl[j].marks.has(revHere)
				acts = acts || cl[j].acts()
			}
		}
		if dest && acts {
			c.request = prev.strong
			a.sure = true // the writer's own instructions opened the secret
			return
		}
	}
}

// shortMessage reports a message of a few words: at most six, or twenty
// letters in scripts without spaces.
func shortMessage(s string) bool {
	s = strings.TrimSpace(s)
	if r := firstLetter(s); r >= 0x2E80 || isThai(r) {
		return utf8.RuneCountInString(s) <= 20
	}
	return len(strings.Fields(s)) <= 6
}

// heldViolations turns held clauses into one violation per sentence.
func (a *analysis) heldViolations(text string, held []int) []Violation {
	var out []Violation
	last := -1
	for _, i := range held {
		c := a.clauses[i]
		if c.sent == last {
			continue
		}
		last = c.sent
		start, end := c.start, c.end
		for j := i - 1; j >= 0 && a.clauses[j].sent == c.sent; j-- {
			start = a.clauses[j].start
		}
		for j := i + 1; j < len(a.clauses) && a.clauses[j].sent == c.sent; j++ {
			end = a.clauses[j].end
		}
		s, e := trimSpan(text, a.n.Orig(start), a.n.Orig(end))
		detail := fmt.Sprintf("Names the customer's %s next to an act of handing it over or showing it, without a warning; held for review. Rephrase it as a warning, or ask a supervisor.", secretLabel(c.reviewSecret()))
		out = append(out, Violation{Kind: ViolationHeldForReview, Detail: detail, Start: s, End: e})
	}
	return out
}

// listNegation carries a negation over the list it governs: "staff never
// ask for passwords, verification codes or your seed phrase by e-mail,
// phone or chat" and, in languages that put the verb last, "이메일, 전화,
// 채팅으로 비밀번호, 인증번호, 복구 문구를 절대 요청하지 않습니다". A
// clause with no verb of its own after a negated one (before one, when the
// negation ends the sentence) is negated, unless it turns away with "but"
// or "only".
func (a *analysis) listNegation() {
	cl := a.clauses
	item := func(c *clause) bool {
		return c.verbless() && !c.please && !c.marks.has(revContrast) && !c.marks.has(revShow) && !c.marks.has(revPartOf) && !c.question
	}
	for i := 1; i < len(cl); i++ {
		if cl[i-1].sent == cl[i].sent && cl[i-1].negated && item(&cl[i]) {
			cl[i].negated = true
		}
	}
	for i := len(cl) - 2; i >= 0; i-- {
		n := &cl[i+1]
		last := i+2 >= len(cl) || cl[i+2].sent != n.sent
		if cl[i].sent == n.sent && n.negated && (last || n.verbless()) && item(&cl[i]) && !opensWithContrast(n) && verbFinal(a.n.Text[n.start:n.end]) {
			cl[i].negated = true
		}
	}
}

// verbFinal reports text in Japanese or Korean, whose negation closes the
// sentence after the list it governs.
func verbFinal(t string) bool {
	for _, r := range t {
		if r >= 0x3040 && r <= 0x30FF || r >= 0xAC00 && r <= 0xD7AF {
			return true
		}
	}
	return false
}

// opensWithContrast reports a clause marked "but" or "only".
func opensWithContrast(c *clause) bool { return c.marks.has(revContrast) }

// rangeAsked reports a message about positions of words: two positions
// asked for ("now send me 7 to 12"), or words counted by position ("I
// have the first 6 words").
func (a *analysis) rangeAsked() bool {
	n, acts, words := 0, false, false
	for i := range a.clauses {
		c := &a.clauses[i]
		if c.blocked() {
			continue
		}
		// A link's digits ("127.0.0.1:8080/step-up") are no positions.
		n += c.positions + digitRuns(maskLinks(a.n.Text[c.start:c.end]))
		acts = acts || c.acts() || c.please || c.toMe
		words = words || c.wordNoun && (c.ordinal || c.number)
	}
	return acts && n >= 2 || words
}

package guard

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// decide works out what each clause asks for. prevRef is the last secret
// the writer's previous message named, for "send it here" in this one.
func (a *analysis) decide(prevRef secretClass) {
	cl := a.clauses
	// "Tell me the code, the one that just arrived": a code just received
	// is a one-time code, in the clause that says so or just before it.
	for i := range cl {
		if !cl[i].recv {
			continue
		}
		for _, j := range []int{i - 1, i} {
			if j >= 0 && cl[j].sent == cl[i].sent && cl[j].secret != nil && cl[j].secret.e.class == classWeak && !strings.Contains(cl[j].secret.e.text, "sms") {
				cl[j].weakPair = true
			}
		}
	}
	// "Read me the digits of the SMS": the value of a weak code names a
	// one-time code.
	for i := range cl {
		if cl[i].codeRef && cl[i].secret != nil && cl[i].secret.e.class == classWeak {
			cl[i].weakPair = true
		}
	}
	// '"Send me your seed phrase" is what scammers say': the scam word
	// speaks for the whole sentence.
	for i := range cl {
		if cl[i].frame != nil && cl[i].frame.e.class == flagPredicative {
			for j := range cl {
				if cl[j].sent == cl[i].sent {
					cl[j].predSent = true
				}
			}
		}
	}
	a.coordination()
	// "nem a frase inteira nem só a 3ª palavra", "neither ... nor": a
	// negation closing its clause negates the next one.
	for i := 1; i < len(cl); i++ {
		if cl[i-1].sent == cl[i].sent && cl[i-1].negated && endsWithNor(a.n.Text[cl[i-1].start:cl[i-1].end]) {
			cl[i].negated = true
		}
	}
	// "Don't include codes or passwords": a list item after a negated
	// clause is negated too.
	for i := 1; i < len(cl); i++ {
		c := &cl[i]
		if cl[i-1].sent == c.sent && cl[i-1].negated && c.verbless() && c.secret != nil && listItem(a.n.Text[c.start:c.secret.start]) {
			c.negated = true
		}
	}
	// "Senden Sie Ihren 2FA-Code, Ihr Passwort oder Ihre Seed-Phrase
	// niemals an jemanden": a negation at the end of a list negates the
	// verb the list hangs on (German puts it after the objects).
	for i := range cl {
		if cl[i].verbless() || cl[i].negated {
			continue
		}
		for j := i + 1; j < len(cl) && cl[j].sent == cl[i].sent && cl[j].verbless() && cl[j].secret != nil; j++ {
			// Only an item of the list: "..., it's not the real code" is
			// a clause of its own.
			if cl[j].negated && listItemAdj(a.n.Text[cl[j].start:cl[j].secret.start], true) {
				for k := i; k < j; k++ {
					cl[k].negated = true
				}
				break
			}
		}
	}
	// "Et le code reçu, c'est lequel ?": the question word of a short
	// clause beside the secret's.
	for i := range cl {
		if cl[i].secret == nil || cl[i].qword != nil || !cl[i].question {
			continue
		}
		for _, j := range []int{i - 1, i + 1} {
			if j >= 0 && j < len(cl) && cl[j].sent == cl[i].sent && cl[j].qword != nil && cl[j].secret == nil && cl[j].verbless() && cl[j].words <= 4 {
				cl[i].qword = cl[j].qword
			}
			// "الرمز الذي وصلك، ما هو؟": a bare "what is it?" beside it.
			if j >= 0 && j < len(cl) && cl[j].sent == cl[i].sent && cl[j].secret == nil && cl[j].entry == nil && cl[j].transfer != nil && cl[j].transfer.e.class&flagFrame != 0 && cl[j].words <= 3 {
				cl[i].qword = cl[j].transfer
			}
		}
	}
	a.ownPlaceCarries()
	a.listNegation()
	for i := range cl {
		cl[i].request = cl[i].own(a.n.Text)
	}
	a.mediaAsks()
	a.messengerAsks()
	a.replyAsks()
	// A clause that only names a secret takes the verb of its neighbour
	// in the sentence: "send your seed phrase, password and 2FA code",
	// "シードフレーズ、パスワードを送ってください".
	for i := range cl {
		c := &cl[i]
		// "The code will arrive by e-mail, so enter it in the app": a
		// code announced takes no verb from its neighbour.
		// "If they asked for your password or a code, change it": an item
		// after a condition's secret belongs to the condition.
		if i > 0 && cl[i-1].sent == c.sent && cl[i-1].cond && cl[i-1].secret != nil && cl[i-1].request == 0 {
			continue
		}
		if c.request != 0 || !c.verbless() || c.secret == nil || c.recv || !listItemAdj(a.n.Text[c.start:c.secret.start], secretRank(c.secret.e.class) == 3) && !objectMarked(c.afterSecret(a.n.Text)) && !c.codeRef && !containerHead(a.n.Text[c.start:c.secret.start]) {
			continue
		}
		// "Your private key, please."
		if !c.negated && !c.safe && c.frame == nil && c.past == nil && c.secret.e.class != classWeak && c.wordsBefore(a.n.Text, c.secret.start) <= 2 &&
			politeTail(c.afterSecret(a.n.Text)) &&
			(wordCount(c.afterSecret(a.n.Text)) <= 1 || secretRank(c.secret.e.class) == 3 && firstLetter(a.n.Text[c.start:c.end]) != 0 && spacedScript(firstLetter(a.n.Text[c.start:c.end])) && wordCount(c.afterSecret(a.n.Text)) <= 4) && (c.please || politeNeighbour(cl, i)) {
			c.request = c.secret.e.class
			continue
		}
		for _, dir := range []int{-1, 1} {
			for j := i + dir; j >= 0 && j < len(cl) && cl[j].sent == c.sent; j += dir {
				p := &cl[j]
				if p.verbless() && p.secret != nil && !p.negated {
					continue // another item of the same list
				}
				if p.verbless() && p.secret == nil && !p.negated && (p.words <= 2 || p.cardData) {
					continue // "please", "now", "the expiry date"
				}
				// "Servono numero, scadenza e CVV": a verb whose object is
				// the card's data heads a list of it, the code included.
				if (p.transfer != nil || p.entry != nil) && !p.negated && p.frame == nil && p.past == nil && !p.cond && (p.secret != nil || p.cardData || p.verbEndsClause(a.n.Text, dir)) {
					v := *c
					v.transfer, v.entry = p.transfer, p.entry
					v.chat, v.toMe, v.safe, v.link = c.chat || p.chat, c.toMe || p.toMe, c.safe || p.safe, c.link || p.link
					v.site, v.ownPlace = c.site || p.site, c.ownPlace || p.ownPlace
					c.request = v.own(a.n.Text)
				}
				break
			}
			if c.request != 0 {
				break
			}
		}
	}
	a.dropQuoted()
	a.formFields()
	a.stepAsks()
	a.feeAsks()
	a.concededAsks()
	// "Send it here": "it" is the last secret named before.
	ref, refClean := prevRef, a.prevRefClean
	for i := range cl {
		c := &cl[i]
		// "Now the numbers, please." after "we've texted you a code".
		if c.codeRef && (ref == classCode || ref == classWeak) && c.verbless() && c.words <= 3 && (c.please || politeNeighbour(cl, i)) && !c.negated && c.frame == nil && c.past == nil && !c.cond {
			c.request = classCode
			continue
		}
		if c.secret != nil {
			ref = c.secret.e.class
			refClean = c.question && !c.negated && c.frame == nil && !c.predSent && c.past == nil
			continue
		}
		// "Do you still have the sheet with the 12 words?" then "When
		// you find it, send here": a bare hand-over into this chat, of
		// nothing else, after a question about the secret (no warning).
		if refClean && (ref == classSeed || ref == classKey) && c.bareHandOver(a.n.Text) {
			c.request = ref
			continue
		}
		// "Send it here"; for a seed phrase or key, "send it" anywhere.
		strongRef := ref == classSeed || ref == classKey
		handOver := c.transfer != nil && c.transfer.e.class == 0 && !germanEntry(a.n.Text, c, c.transfer) // "share it", not "what is it"
		// "the number" refers back to a code only: "we sent you a code;
		// tell me the number".
		codeRef := c.codeRef && (ref == classCode || ref == classWeak)
		refers := c.pronoun || codeRef || c.elided(a.n.Text) || attachedObject(a.n.Text, c.firstVerb())
		if ref == 0 || !refers || c.transfer == nil && c.entry == nil || !(c.chat || c.toMe || (strongRef || handOver) && !c.safe) {
			continue
		}
		if c.negated || c.frame != nil || c.past != nil || c.predSent {
			continue
		}
		c.request = ref
		if ref == classWeak {
			c.request = classCode
		}
	}
	a.lastRef, a.lastRefClean = ref, refClean
	for i := range cl {
		c := &cl[i]
		if !c.wordNoun && !c.ordinal && !c.number {
			continue
		}
		if c.negated || c.frame != nil || c.past != nil || c.notSeedHint {
			continue // "the first word of the error message" is no phrase's
		}
		asks := c.question || c.please || c.transfer != nil || c.entry != nil || thaiQuestion(a.n.Text[c.start:c.end]) || politeNeighbour(cl, i)
		// "Me manda, só as 6 primeiras palavras": the verb of the clause
		// before, with no object of its own.
		if p := i - 1; !asks && p >= 0 && cl[p].sent == c.sent && !cl[p].verbless() && !cl[p].negated && cl[p].frame == nil && cl[p].verbEndsClause(a.n.Text, 1) {
			asks = true
		}
		// "เหลืออีก 4 คำสุดท้าย พิมพ์มาได้เลย": a short verb of the clause
		// after, with no object of its own.
		if n := i + 1; !asks && n < len(cl) && cl[n].sent == c.sent && !cl[n].verbless() && !cl[n].negated && cl[n].frame == nil && cl[n].past == nil && cl[n].secret == nil && !cl[n].wordNoun && cl[n].words <= 6 {
			asks = true
		}
		// "Só preciso da 2ª, da 6ª e da 10ª palavra": a list of positions
		// after a verb whose object is the first of them.
		if !asks {
			asks = a.positionList(i)
		}
		// "The first 8 words match", "слова с 9 по 12": a span of words
		// by count and end, or by two numbers, is a phrase's, asked or not.
		if c.wordNoun && (c.ordinal || c.number) && c.positions+digitRuns(a.n.Text[c.start:c.end]) >= 2 {
			a.seedCtx = true
		}
		// "Just the odd-numbered words of your seed, please": positions of
		// the phrase's own words, asked politely.
		seedWordsAsked := c.secret != nil && c.secret.e.class == classSeed && c.lastOrdinal != nil && c.lastOrdinal.end <= c.secret.start && c.secret.start-c.lastOrdinal.end <= 16 && !c.safe && (c.please || c.question || politeNeighbour(cl, i))
		switch {
		case seedWordsAsked:
			a.wordAsk = true
		case c.wordNoun && (c.ordinal || c.number) && (asks || c.words <= 6):
			a.wordAsk = true
			// "Only the first and the last word": several positions of
			// words are a phrase's, named or not.
			if c.positions >= 2 && asks {
				a.seedCtx = true
			}
		case (c.ordinal || c.number) && (c.words <= 6 && (asks || c.wordNoun) || c.words <= 3):
			a.follow = true
			// The ordinal must end its sentence: "the second?", not
			// "First, open Settings".
			endsSent := i+1 == len(cl) || cl[i+1].sent != c.sent
			if c.lastOrdinal != nil && endsSent && bareOrdinal(a.n.Text[min(c.lastOrdinal.end, c.end):c.end]) {
				a.bareFollow = true
			}
		}
	}
}

// verbless reports a clause with no verb of asking.
func (c *clause) verbless() bool { return c.transfer == nil && c.entry == nil }

// wordsBefore counts the words between the clause's start and p (runes
// halved for scripts without spaces).
func (c *clause) wordsBefore(s string, p int) int { return wordCount(s[c.start:p]) }

// afterSecret is the clause's text after its secret's name, which may run
// past the clause's end ("слова, которые вы записали" spans a comma).
func (c *clause) afterSecret(s string) string { return s[min(c.secret.end, c.end):c.end] }

// wordCount counts words, or runes / 3 in scripts written without spaces.
func wordCount(sub string) int {
	if r := firstLetter(sub); r >= 0x2E80 || isThai(r) {
		return utf8.RuneCountInString(strings.TrimSpace(sub)) / 3
	}
	return len(strings.Fields(sub))
}

// own is what the clause asks for by itself.
func (c *clause) own(s string) secretClass {
	if c.secret == nil || c.negated {
		return 0
	}
	if c.frame != nil && c.frameSuppresses() {
		return 0
	}
	dest := c.chat || c.toMe || attachedRecipient(s, c.transfer)
	if cls := c.askedValue(); cls != 0 {
		return cls
	}
	// "The words you wrote on paper": the paper says where the words
	// are, not where they should go, when they are to be handed over.
	if c.safe && !dest && !(c.secret.e == &seedWords && c.transfer != nil && c.entry == nil) {
		return 0 // on paper, on the customer's own device
	}
	// "Restore the wallet by entering your 12 words in the new wallet
	// app on your phone": typed into the customer's own app, asked of
	// nobody. Handing over from there ("send the code on your phone")
	// still asks.
	if c.ownPlace && !dest && !c.link && c.transfer == nil && c.entry != nil {
		return 0
	}
	// "Before I release the funds I must see your recovery phrase": the
	// writer's need is no condition put to the customer.
	seeNeed := c.transfer != nil && c.transfer.e.class&flagSee != 0 && near(c.transfer, c.secret)
	if (c.pastFirst() || c.cond && !seeNeed) && !dest {
		return 0
	}
	if c.predSent || c.harm {
		return 0 // "a photo of your seed phrase can be stolen": a danger described
	}
	if c.asksAbout() {
		return 0 // "tell us which wallet holds your seed phrase"
	}
	cls := c.secret.e.class
	if cls == classWeak && (c.weakPair || c.appNamed) {
		cls = classCode
	}
	strong := cls == classSeed || cls == classKey
	if c.site && !strong && !dest {
		return 0 // "enter your password only on our website"
	}
	transfer, entry := c.transfer, c.entry
	if transfer != nil && germanEntry(s, c, transfer) {
		transfer, entry = nil, transfer
	}
	if transfer != nil && (transfer.e.class&flagStrongOnly != 0 && !strong || transfer.e.class&flagNeedsDest != 0 && !dest) {
		transfer = nil
	}
	if transfer != nil && (transfer.e.class&flagFrame == 0 || near(transfer, c.secret)) {
		if cls != classWeak {
			return cls
		}
		// A bare "code" or "2FA": asked for into this chat, or asked
		// about ("what is your 2FA?"); a bare "code" asked to be handed
		// over ("send the code", "назовите код").
		if dest && !c.link || transfer.e.class&flagFrame != 0 && c.question || transfer.e.class == 0 && codeWord(c.secret.e.text) {
			return classCode
		}
	}
	// A seed phrase or key addressed to the writer or to this chat asks
	// for it, whatever the verb: "your seed phrase to me, now".
	if strong && dest && !c.link && !c.pastFirst() && !c.cond && !c.notVerb {
		return cls
	}
	// "Username and password here, I'll check": a password or code with
	// no verb at all and this chat closing the clause.
	if cls.typedIn() && c.verbless() && c.chat && !c.notVerb && !c.recv && !c.link && !c.pastFirst() && !c.cond && c.destAt > c.secret.start && (wordCount(trailAfterDest(s, c)) <= 1 || purposeTrail(trailAfterDest(s, c))) {
		return cls
	}
	// A password or code put into a reply: "include your 2FA code in
	// your reply".
	if cls.typedIn() && c.chatPlace && !c.link && !c.pastFirst() && !c.cond {
		return cls
	}
	if entry != nil {
		if (c.chat || c.toMe && cls != classWeak) && !c.link {
			if cls == classWeak {
				return classCode
			}
			return cls
		}
		if strong {
			return cls // typing a seed phrase or key anywhere but the customer's own wallet
		}
	}
	return 0
}

// frameSuppresses reports whether the clause's scam or third-party words
// describe its request rather than sit beside it: "scammers ask you to
// send your seed phrase" describes one, "send your seed phrase to avoid
// scams" makes one. Languages that put the verb last get the benefit of
// the doubt.
func (c *clause) frameSuppresses() bool {
	f := c.frame
	if f.e.class == flagPredicative {
		return true
	}
	for _, a := range c.avoid {
		if a.end <= f.start && f.start-a.end <= 24 || f.end <= a.start && a.start-f.end <= 24 {
			return false // "to avoid scams, ...", "dolandırıcılardan korunmak için"
		}
	}
	v := c.transfer
	if v == nil || c.entry != nil && c.entry.start < v.start {
		v = c.entry
	}
	if v == nil || f.start < v.start {
		return true
	}
	r, _ := utf8.DecodeRuneInString(v.e.text)
	return !spacedLetter(r) || isArabic(r)
}

// near reports a question or need ("what is your", "是什么") close enough
// to the secret to be about it.
func near(t, sec *phraseMatch) bool {
	if sec.start < t.end && t.start < sec.end {
		return true
	}
	// Scripts written with three bytes a letter get the same distance in
	// letters, roughly.
	k := 1
	if r, _ := utf8.DecodeRuneInString(t.e.text); r >= 0x0E00 {
		k = 2
	}
	if sec.start >= t.end {
		return sec.start-t.end <= 40*k
	}
	return t.start >= sec.end && t.start-sec.end <= 24*k
}

// germanEntry reports "geben Sie ... ein" (type in), which German splits
// around its object, as opposed to "geben Sie uns ..." (give us); "geben
// Sie die pushTAN ... frei" approves an order in the customer's own
// banking app, an entry too.
func germanEntry(s string, c *clause, t *phraseMatch) bool {
	switch t.e.text {
	case "geben sie", "geben", "gib", "tragen sie", "tragen", "trage":
	default:
		return false
	}
	if t.end >= c.end {
		return false
	}
	tail := strings.TrimRight(s[t.end:c.end], " .!?,;:\n")
	return strings.HasSuffix(tail, " ein") || strings.HasSuffix(tail, " frei")
}

// attachedRecipient reports a verb with "me" or "us" written onto it:
// "mándame", "inviaci", "envíanos".
func attachedRecipient(s string, t *phraseMatch) bool {
	if t == nil {
		return false
	}
	rest := s[t.end:]
	for _, suf := range []string{"me", "nos", "ci", "mi", "melo", "mela", "noslo", "nosla", "celo", "cela", "نا", "ني"} {
		// Written onto the verb in the text, or already part of the
		// vocabulary's verb ("dinos", "dicci", "اخبرنا").
		if strings.HasSuffix(t.e.text, suf) && utf8.RuneCountInString(t.e.text) > utf8.RuneCountInString(suf)+1 {
			return true
		}
		if strings.HasPrefix(rest, suf) {
			r, _ := utf8.DecodeRuneInString(rest[len(suf):])
			if !spacedLetter(r) {
				return true
			}
		}
	}
	return false
}

// verbEndsClause reports a clause whose verb has no object of its own, so
// that the next (dir 1: previous) clause's secret can be it: "please send
// us: ..." but not "tell me which step fails: ...".
func (c *clause) verbEndsClause(s string, dir int) bool {
	v := c.transfer
	if v == nil || c.entry != nil && c.entry.start > v.start {
		v = c.entry
	}
	if v.end >= c.end {
		return true
	}
	after := s[v.end:c.end]
	if dir < 0 {
		n := 0 // "send us your email, and password": "us" and "your" are no object
		for _, w := range strings.Fields(after) {
			if w = strings.Trim(w, ".,;:!?"); !listWords[w] && !meWords[w] {
				n++
			}
		}
		return n <= 2
	}
	// The next clause's verb must close it ("パスワードを送ってください"),
	// or "to disable 2FA, send us a selfie" would ask for the 2FA code.
	if r := firstLetter(after); r >= 0x2E80 || isThai(r) {
		return utf8.RuneCountInString(strings.TrimSpace(after)) <= 8
	}
	return len(strings.Fields(after)) <= 1
}

// pastFirst reports a question about the past that opens the clause ("did
// you share your seed phrase?"), not one after the question word ("what
// password did you set?").
func (c *clause) pastFirst() bool {
	if c.past == nil {
		return false
	}
	v := c.transfer
	if v == nil || c.entry != nil && c.entry.start < v.start {
		v = c.entry
	}
	return v == nil || c.past.start <= v.start
}

// politeNeighbour reports a clause of the same sentence next to i that is
// only "please".
func politeNeighbour(cl []clause, i int) bool {
	for _, j := range []int{i - 1, i + 1} {
		if j >= 0 && j < len(cl) && cl[j].sent == cl[i].sent && cl[j].please && cl[j].words <= 2 && cl[j].verbless() && cl[j].secret == nil {
			return true
		}
	}
	return false
}

// codeWord reports a weak secret that is the word "code" itself, not the
// name of an app or a channel ("2FA", "SMS", "authenticator").
func codeWord(w string) bool {
	for _, app := range []string{"sms", "2fa", "mfa", "authenticator", "text message", "短信", "簡訊", "смс", "문자", "رسال"} {
		if strings.Contains(w, app) {
			return false
		}
	}
	return true
}

// listWords may stand before a secret that continues a list: "..., and
// your password", "o la tua password".
var listWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`and or also plus then as well your the my a an ur all both
		y o e ou u tu su sus tus la el los las de del tambien además ademas também tambem a sua seu o os as
		et ou votre vos le la les aussi de du des und oder auch ihr ihre ihren den die das sowie
		e o anche il lo la i gli le tuo tua tuoi tue dan atau juga anda kamu dari serta
		i oraz lub albo też twoj twoja twoje swoj swoja ve veya ya da ayrıca ayrica ile
		và hoặc cả của bạn cua ban va hoac ca
		username login user name e-mail email usuario utente nome kullanıcı kullanici adı adi логин логін имя пользователя
		benutzername identifiant d'utilisateur pengguna nama użytkownika uzytkownika nazwa tên đăng nhập ten dang nhap и или а также ваш вашу ваши ваше свой свою і або та також ваша ваше ваші`) {
		listWords[NormaliseString(w)] = true
	}
}

func listItem(before string) bool { return listItemAdj(before, false) }

// listItemAdj is listItem allowing, when strongAdj, one word of its own
// before a seed phrase or key.
func listItemAdj(before string, strongAdj bool) bool {
	if r := firstLetter(before); r >= 0x2E80 || isThai(r) || isArabic(r) {
		return utf8.RuneCountInString(strings.TrimSpace(before)) <= 9
	}
	other := 0 // one adjective: "секретные слова", "all twelve words" (checked by the caller for a seed phrase or key only)
	for _, w := range strings.Fields(before) {
		w = strings.Trim(w, ".,;:!?()\"'«»-")
		if w != "" && !listWords[w] && !andWords[w] { // "lesen Sie mir | dann den SMS-Code vor"
			other++
		}
	}
	return other == 0 || other == 1 && strongAdj
}

// bareOrdinal reports what follows an ordinal that names nothing else:
// "the second?", "the next one", not "the second screen".
func bareOrdinal(after string) bool {
	after = strings.TrimSpace(strings.Trim(after, " ?？؟!.。,"))
	if r := firstLetter(after); r >= 0x2E80 || isThai(r) || isArabic(r) {
		// Counters, particles and the verb of asking name nothing:
		// "第三个是什么", "最初の3つを教えてください", "세 개 불러주세요".
		for _, w := range bareCJK {
			after = strings.ReplaceAll(after, w, "")
		}
		// What is left may only be a number: "六", "3", "세", not "步" (step).
		for _, r := range strings.TrimSpace(after) {
			if !unicode.IsDigit(r) && !strings.ContainsRune("一二三四五六七八九十两几세두네다섯여섯한", r) && r != ' ' {
				return false
			}
		}
		return true
	}
	for _, w := range strings.Fields(after) {
		switch strings.Trim(w, "?!.,") {
		case "one", "ones", "please", "pls", "word", "then", "now":
		default:
			return false
		}
	}
	return true
}

// bareCJK are what may follow an ordinal in scripts without spaces
// without naming a thing.
var bareCJK = []string{"만", "只", "だけ", "เท่านั้น", "先", "是什么", "是啥", "个", "個", "吧", "呢", "发", "说", "告诉我", "つ", "を", "教えて", "ください", "下さい", "は何", "ですか", "개", "불러", "알려", "주세요", "말해", "คำ", "ครับ", "ค่ะ", "บอก", "มา", "ก่อน", "お願いします", "お願い", "次に", "次は"}

// asksAbout reports a question word between the verb (or the clause's
// start) and the secret: the verb's object is a question about the secret.
func (c *clause) asksAbout() bool {
	from := c.start
	if v := c.firstVerb(); v != nil {
		from = v.end
	}
	for _, w := range c.wh {
		if w.start >= from && w.end <= c.secret.start && !c.aboutContent(w) {
			return true
		}
	}
	return false
}

// aboutContent reports a question word that asks for the secret's own
// parts: "which words are in your seed phrase", "what digits".
func (c *clause) aboutContent(w *phraseMatch) bool {
	if c.wordNoun && c.lastWordNoun != nil && c.lastWordNoun.start >= w.end && c.lastWordNoun.start-w.end <= 8 {
		return true
	}
	return false
}

// firstVerb is the clause's first verb of asking, if any.
func (c *clause) firstVerb() *phraseMatch {
	v := c.transfer
	if v == nil || c.entry != nil && c.entry.start < v.start {
		v = c.entry
	}
	return v
}

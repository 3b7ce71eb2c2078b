package guard

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The outbound guard reads a message clause by clause: what is asked of
// the customer (a verb of handing over or of typing somewhere, or a
// question or need), which secret it names, where it should go (this
// chat, or the customer's own app), and whether the clause is negated or
// only describes a request ("scammers will ask you to ..."). Negation and
// scam words count in their own clause only, so "Don't wait, send us your
// seed phrase" is a request.
//
// Decisions worth knowing:
//   - A question about the past asks nothing ("Did you write your recovery
//     phrase down when you created the wallet?" passes): support must be
//     able to ask whether a backup exists. With the writer as recipient it
//     asks again ("Did you send me your seed phrase yet?").
//   - Typing a seed phrase or key anywhere but the customer's own device or
//     paper is a request, links or not; typing a password or code is one
//     only into this conversation ("enter the code on our sign-in page"
//     passes, "type the code here" does not).
//   - A bare "code" or "2FA" counts when it is handed over or sent into
//     this conversation, or when it just arrived on the customer's phone.

// clause is a span of the normalised text with what was found in it.
type clause struct {
	start, end int
	sent       int  // index of its sentence
	question   bool // its sentence ends with a question mark
	words      int  // words (or, in scripts without spaces, runes / 2)

	secret       *phraseMatch // the strongest secret named (not cancelled)
	transfer     *phraseMatch // first verb of handing over (or question or need)
	entry        *phraseMatch // first verb of typing somewhere
	chat, toMe   bool
	destAt       int          // start of the first destination ("here", "me"); -1 if none
	destEnd      int          // end of that destination
	notVerb      bool         // a phrase that only looks like a request: "screenshot", "we sent"
	threat       bool         // "if you don't ...": a condition of not doing something
	penalty      bool         // "... will be frozen": what a threat promises
	reward       bool         // "we will unlock your account": what an offer promises
	harm         bool         // "your funds will be stolen": what a warning promises
	askSee       bool         // "what does it say?", "what numbers do you see?"
	appNamed     bool         // an authenticator app is named: a "code" here is its code
	qword        *phraseMatch // the first question word asking for a value: "which", "какой"
	safe         bool         // on paper, on the customer's own device
	site         bool         // on the exchange's site: safe for passwords and codes only
	ownPlace     bool         // the customer's own wallet app or phone: safe to type into
	negated      bool
	frame        *phraseMatch // scam or third-party words
	past         *phraseMatch
	cond         bool
	pronoun      bool
	codeRef      bool // "the number", "番号": refers back to a code only
	please       bool
	step         *phraseMatch // the first marker of a next step: "now", "last step"
	wordNoun     bool
	ordinal      bool
	lastOrdinal  *phraseMatch
	positions    int // ordinals that do not overlap: two ask for words of a phrase
	number       bool
	link         bool
	linkWord     bool // a link named as a word: "at the link"; link is a written address
	fee          bool // a charge owed to a third party: "the redelivery fee", "customs duty"
	cardData     bool // a card's data other than its codes: "your card details"
	bankLogin    bool // an online-banking or public e-ID login: "your online banking", "Government Gateway"
	seedCtx      bool
	avoid        []*phraseMatch // "to avoid", "para evitar": the scam words next to it are guarded against
	weakPair     bool           // two weak names together: "code" and "SMS" make a code
	recv         bool           // "just arrived": a code here is a one-time code
	wh           []*phraseMatch // question words: "which", "where"
	lastWordNoun *phraseMatch
	chatPlace    bool           // a destination in this conversation more definite than "here": "in your reply"
	predSent     bool           // its sentence calls what it quotes a scam
	seedHint     bool           // "you wrote down", "backup", "card", "wallet": words here are a seed phrase's
	notSeedHint  bool           // "error message", "button": words here are something else's
	phraseNoun   *phraseMatch   // a bare "phrase": a seed phrase with a hint of where it is written
	hints        []*phraseMatch // the seed hints, to tell a phrase's own name from a hint beside it
	media        bool           // a photo, screenshot or scan is named
	messenger    bool           // another messaging app is named
	reply        *phraseMatch   // the first verb of replying
	replyWith    []*phraseMatch // what a reply carries: "with", "con"

	marks reviewMark // concepts of the review layer found in the clause

	request secretClass // what the clause asks for; 0 if nothing
}

// analysis is the reading of one message.
type analysis struct {
	n       Normalised
	clauses []clause
	lastRef secretClass // the last secret named, for "it" in a later message
	// lastRefClean: lastRef was named in a question, not in a warning;
	// prevRefClean is the same of the previous message.
	lastRefClean, prevRefClean bool
	seedCtx                    bool // a seed phrase or its words are talked about
	wordAsk                    bool // asks for a word of the phrase by its position
	follow                     bool // a short "and the next one?"
	bareFollow                 bool // an ordinal alone: "the second?"
	codeCtx                    bool // a one-time code or "code" is talked about
	// sure: a concept made the request certain (outbound_ask.go; what an
	// app or SMS shows after a code was sent; what the screen shows after
	// the writer's own instructions opened a secret): the learned reader,
	// which never saw these concepts, cannot veto it into a hold.
	sure bool
	// follows: the writer sent earlier messages on the ticket, so a
	// verbless "now the code from the app" continues a procedure
	// (outbound_step.go).
	follows bool
}

func analyse(text string) *analysis {
	a := &analysis{n: Normalise(text)}
	s := a.n.Text
	ms := intentMatcher().find(s)
	ms = cancel(s, ms)
	ms = dropInstead(s, ms)
	ms = a.dropForeignNeg(text, ms)
	a.clauses = segment(s, ms)
	ci := 0
	for i := range ms {
		m := &ms[i]
		for ci < len(a.clauses) && m.start >= a.clauses[ci].end {
			ci++
		}
		if ci >= len(a.clauses) {
			break
		}
		if m.start < a.clauses[ci].start {
			continue
		}
		if m.e.cat == catToMe && m.e.class != flagListener && !cliticToMe[m.e.text] && subjectAt(s, a.clauses[ci].start, m.start) {
			continue // "Nous ne pouvons pas…", "我们无法…": "we", not "to us"
		}
		if m.e.cat == catToMe && cliticToMe[m.e.text] && strings.Trim(s[m.end:a.clauses[ci].end], " ?？؟.!") == "" {
			continue // "elinizde mi?": a question particle, not "to me"
		}
		a.clauses[ci].add(s, m)
	}
	a.hintedWords()
	a.countedWords(ms)
	a.threats()
	a.offers()
	a.politeIf(ms)
	for i := range a.clauses {
		c := &a.clauses[i]
		c.scanRunes(s)
		if c.secret != nil && c.secret.e.class == classSeed || c.seedCtx {
			a.seedCtx = true
		}
		// "I'm sending you a code now", "you'll receive an SMS": a code
		// announced, not warned about.
		if c.secret != nil && (c.secret.e.class == classCode || c.secret.e.class == classWeak) && (c.notVerb || c.recv) && !c.negated && c.frame == nil {
			a.codeCtx = true
		}
	}
	return a
}

// cancel drops matches that a longer phrase says mean something else:
// "password" inside "reset your password", "send" inside "we will send
// you", "not" inside "not a scam", and secrets inside longer secrets.
func cancel(s string, ms []phraseMatch) []phraseMatch {
	drop := make([]bool, len(ms))
	for i, m := range ms {
		var victims func(cat) bool
		switch m.e.cat {
		case catNotSecret:
			victims = func(c cat) bool { return c == catSecret }
			// (A secret that starts before the compound, "the code from
			// your Google Authenticator" before "Google Authenticator
			// app", is kept below.)
		case catNotWordNoun:
			victims = func(c cat) bool { return c == catWordNoun }
		case catNotVerb:
			victims = func(c cat) bool { return c == catTransfer || c == catEntry }
		case catNotNeg:
			// "当初" (at first) and "担当" (in charge) hold "当" (when).
			victims = func(c cat) bool { return c == catNeg || c == catFrame || c == catConj }
		case catSecret:
			// "12 kata" is a seed phrase, not a question about a word;
			// "phrase" in "recovery phrase" is no bare phrase.
			victims = func(c cat) bool { return c == catWordNoun || c == catPhraseNoun }
		case catTransfer, catEntry:
		// "Si richiede" (it is required) holds "si" (if); handled below.
		case catRecv:
			// "nous venons de vous envoyer", "le abbiamo appena inviato":
			// what arrived was sent by us, not asked for.
			victims = func(c cat) bool { return c == catTransfer || c == catEntry }
		default:
			continue
		}
		// Matches are sorted by start and no longer than maxPhrase, so
		// only a window of them can overlap m.
		lo := sort.Search(len(ms), func(k int) bool { return ms[k].start > m.start-maxPhrase })
		for j := lo; j < len(ms) && ms[j].start < m.end; j++ {
			o := ms[j]
			if j == i || o.end <= m.start {
				continue
			}
			// A longer secret holding the phrase ("認証アプリのコード", the
			// code of the authenticator app) is still a secret.
			// A longer phrase holding m's ("wyśle Pan", you send, around
			// "wyśle", it will send) says what m's words mean there.
			holds := o.start <= m.start && o.end >= m.end && o.end-o.start > m.end-m.start
			if victims != nil && victims(o.e.cat) && !holds && !(m.e.cat == catNotSecret && o.start < m.start) {
				drop[j] = true
			}
			// "an API key in Settings": a verb that starts inside a
			// secret's name and runs on past it is part of the name.
			if m.e.cat == catSecret && (o.e.cat == catTransfer || o.e.cat == catEntry) && o.start > m.start && o.start < m.end && o.end > m.end && spacedLetter(firstLetter(m.e.text)) && endsWord(s, m.end) {
				drop[j] = true
			}
			inside := o.start >= m.start && o.end <= m.end && o.end-o.start < m.end-m.start
			if (m.e.cat == catTransfer || m.e.cat == catEntry) && inside && o.e.cat == catConj {
				drop[j] = true
			}
			if m.e.cat == catSecret && inside && (o.e.cat == catSecret || o.e.cat == catTransfer || o.e.cat == catEntry) {
				drop[j] = true // "code" in "verification code", "verifica" in "codice di verifica"
			}
		}
	}
	out := ms[:0]
	for i, m := range ms {
		if !drop[i] {
			out = append(out, m)
		}
	}
	return out
}

// segment splits the text into clauses: at sentence ends, at commas and
// other clause punctuation of every script, and before conjunctions
// (after those written at a clause's end).
func segment(s string, ms []phraseMatch) []clause {
	cuts := make([]bool, len(s)+1)
	sentEnd := make([]bool, len(s)+1)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch r {
		case '\n', '!', '?', ';', '。', '！', '？', '；', '؟', '؛', '…':
			sentEnd[i+size] = true
		case '.':
			if (i+1 >= len(s) || s[i+1] == ' ' || s[i+1] == '\n') && !ordinalDot(s, i) {
				sentEnd[i+size] = true
			}
		case ',', '，', '、', '،', ':', '：', '(', ')', '（', '）', '—', '–', '"', '«', '»', '「', '」':
			if r != ':' || i+1 >= len(s) || s[i+1] == ' ' || s[i+1] == '\n' { // not "https://"
				cuts[i+size] = true
			}
		case '-':
			if i > 0 && s[i-1] == ' ' && i+1 < len(s) && s[i+1] == ' ' {
				cuts[i+size] = true
			}
		case ' ':
			// Thai separates clauses with spaces.
			if i > 0 && i+1 < len(s) {
				p, _ := utf8.DecodeLastRuneInString(s[:i])
				q, _ := utf8.DecodeRuneInString(s[i+1:])
				if isThai(p) && isThai(q) {
					cuts[i+size] = true
				}
			}
		}
		i += size
	}
	inside := func(p int) bool { // within another phrase: "first and last"
		lo := sort.Search(len(ms), func(k int) bool { return ms[k].start > p-maxPhrase })
		for k := lo; k < len(ms) && ms[k].start < p; k++ {
			if o := ms[k]; o.e.cat != catConj && o.e.cat != catReview && p < o.end {
				return true
			}
		}
		return false
	}
	for _, m := range ms {
		if (m.e.cat == catConj && m.e.class&flagCond != 0 || m.e.cat == catThreat) && m.e.infix {
			// A Turkish conditional suffix closes its clause at the end of
			// its word: "istiyorsanız | şifrenizi gönderin".
			e := m.end
			for e < len(s) && s[e] != ' ' && s[e] != '\n' {
				e++
			}
			if e < len(s) {
				cuts[e] = true
			}
			continue
		}
		if m.e.cat != catConj || m.e.infix || inside(m.start) {
			continue // a suffix marks its clause without splitting a word
		}
		if m.e.class&flagSplitAfter != 0 {
			cuts[m.end] = true
		} else if m.start > 0 {
			cuts[m.start] = true
		}
	}
	var out []clause
	sent, start := 0, 0
	for i := 1; i <= len(s); i++ {
		if i < len(s) && !utf8.RuneStart(s[i]) {
			continue
		}
		if i == len(s) || sentEnd[i] || cuts[i] {
			if start < i {
				out = append(out, clause{start: start, end: i, sent: sent, destAt: -1})
			}
			start = i
			if i == len(s) || sentEnd[i] {
				sent++
			}
		}
	}
	// Mark the clauses of sentences that end with a question mark.
	for i := range out {
		c := &out[i]
		for j := i; j < len(out) && out[j].sent == c.sent; j++ {
			e := out[j].end
			for e > out[j].start && (s[e-1] == ' ' || s[e-1] == '\n') {
				e--
			}
			if j+1 == len(out) || out[j+1].sent != c.sent {
				r, _ := utf8.DecodeLastRuneInString(s[out[j].start:e])
				c.question = r == '?' || r == '？' || r == '؟'
			}
		}
	}
	return out
}

func isThai(r rune) bool { return r >= 0x0E00 && r <= 0x0E7F }

func (c *clause) add(s string, m *phraseMatch) {
	switch m.e.cat {
	case catSecret:
		if c.secret != nil && c.secret.e.class == classWeak && m.e.class == classWeak && c.secret.e.text != m.e.text {
			c.weakPair = true // "the code from Google Authenticator"
		}
		if c.secret == nil || secretRank(m.e.class) > secretRank(c.secret.e.class) {
			c.secret = m
		}
	case catTransfer:
		// A plain verb of handing over outranks a need or question
		// before it: "يتعين على صاحب الحساب تقديم المفتاح الخاص".
		if c.transfer == nil || c.transfer.e.class&flagFrame != 0 && m.e.class == 0 && c.secret == nil {
			c.transfer = m
		}
	case catEntry:
		if c.entry == nil {
			c.entry = m
		}
	case catChat:
		c.chat = true
		c.markDest(m)
		if replyPlace(m.e.text) {
			c.chatPlace = true // "in your reply", not a bare "here" or "by e-mail"
		}
	case catToMe:
		c.toMe = true
		c.markDest(m)
	case catSafeDest:
		if m.e.class == flagSite {
			c.site = true
		} else if m.e.class == flagOwn {
			c.ownPlace = true
		} else {
			c.safe = true
		}
	case catNeg:
		c.negated = true
	case catFrame:
		switch m.e.class {
		case flagPast:
			if c.past == nil {
				c.past = m
			}
		default:
			if c.frame == nil || m.e.class == flagPredicative {
				c.frame = m
			}
		}
	case catConj:
		if m.e.class&flagCond != 0 {
			c.cond = true
		}
	case catPronoun:
		switch {
		case m.e.class == flagCodeRef:
			// "the number" of a code, not "the number of the order".
			c.codeRef = c.codeRef || !qualifiedNumber(s, m)
		case m.e.text == "it" && c.pronounSubject(m):
			// "it would help us if ...": "it" opening the clause is its
			// subject, not what is asked for.
		default:
			c.pronoun = true
		}
	case catWordNoun:
		c.wordNoun = true
		c.lastWordNoun = m
	case catOrdinal:
		if c.lastOrdinal == nil || m.start >= c.lastOrdinal.end {
			c.positions++ // "the first and the last", not "odd" inside "odd-numbered"
			if strings.Contains(m.e.text, " and ") {
				c.positions++
			}
		}
		c.ordinal = true
		if c.lastOrdinal == nil || m.start >= c.lastOrdinal.end {
			c.lastOrdinal = m
		}
	case catPlease:
		c.please = true
	case catStep:
		if c.step == nil {
			c.step = m
		}
	case catSeedCtx:
		c.seedCtx = true
	case catFee:
		c.fee = true
	case catCardData:
		c.cardData = true
	case catLinkWord:
		c.linkWord = true
	case catBankLogin:
		c.bankLogin = true
	case catRecv:
		c.recv = true
	case catWh:
		c.wh = append(c.wh, m)
	case catAvoid:
		c.avoid = append(c.avoid, m)
	case catThreat:
		// "if not", written as one word or suffix ("almazsanız", "ない場合"):
		// a negated condition until threats() reads it as pressure.
		c.threat, c.cond, c.negated = true, true, true
	case catPenalty:
		c.penalty = true
	case catReward:
		c.reward = true
	case catHarm:
		c.harm = true
	case catNotSecret:
		if authApp(m.e.text) {
			c.appNamed = true // "the code from your authenticator app"
		}
	case catNotVerb:
		c.notVerb = true
	case catAskSee:
		c.askSee = true
	case catQWord:
		if c.qword == nil {
			c.qword = m
		}
	case catSeedHint:
		c.seedHint = true
		c.hints = append(c.hints, m)
	case catNotSeedHint:
		c.notSeedHint = true
	case catPhraseNoun:
		if c.phraseNoun == nil {
			c.phraseNoun = m
		}
	case catMedia:
		c.media = true
	case catMessenger:
		c.messenger = true
	case catReply:
		if c.reply == nil {
			c.reply = m
		}
	case catReplyWith:
		c.replyWith = append(c.replyWith, m)
	case catReview:
		c.marks |= 1 << reviewMark(m.e.class)
	case catInstead:
		c.marks |= 1 << reviewMark(revInstead)
	}
}

func secretRank(c secretClass) int {
	switch c {
	case classSeed, classKey:
		return 3
	case classCode, classPassword, classCard:
		return 2
	case classWeak:
		return 1
	}
	return 0
}

// scanRunes counts words and notes numbers and links in the clause.
func (c *clause) scanRunes(s string) {
	in := false
	runes := 0
	spaced := 0
	for i := c.start; i < c.end; {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsDigit(r) || r == '#' {
			c.number = true
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			runes++
			if !in {
				spaced++
			}
			in = true
		} else {
			in = false
		}
		i += size
	}
	sub := s[c.start:c.end]
	for _, p := range []string{"http://", "https://", "www.", ".com", ".io", ".org", ".net"} {
		if strings.Contains(sub, p) {
			c.link = true
		}
	}
	c.words = spaced
	if first := firstLetter(sub); first >= 0x2E80 || isThai(first) {
		c.words = runes / 2
	}
}

func firstLetter(s string) rune {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return r
		}
	}
	return 0
}

// replyPlace reports a destination that is a message of this
// conversation: "in your reply", "in this chat".
func replyPlace(t string) bool {
	for _, w := range []string{"reply", "respuesta", "resposta", "réponse", "reponse", "antwort", "risposta", "ответ", "відповід", "odpowied",
		"balasan", "yanit", "返信", "回复", "답장", "회신", "رد", "ตอบกลับ", "message", "mensaje", "mensagem", "messaggio", "сообщени",
		"повідомлен", "wiadomo", "pesan", "mesaj", "tin nhan", "メッセージ", "메시지", "ข้อความ", "chat", "чат", "czat", "sohbet", "チャット",
		"채팅", "聊天", "الدردشه", "แชท"} {
		if strings.Contains(t, w) {
			return true
		}
	}
	return false
}

// ordinalDot reports the dot of an ordinal written with digits ("3.
// kelime", "das 3. Wort"): one or two digits after a space or the start,
// with a letter after the space that follows.
func ordinalDot(s string, i int) bool {
	j := i
	for j > 0 && s[j-1] >= '0' && s[j-1] <= '9' {
		j--
	}
	if n := i - j; n == 0 || n > 2 || j > 0 && s[j-1] != ' ' && s[j-1] != '\n' {
		return false
	}
	if i+2 >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i+2:])
	return unicode.IsLetter(r) && unicode.IsLower(r)
}

// pronounSubject reports a pronoun with nothing but a conjunction or
// space before it in its clause.
func (c *clause) pronounSubject(m *phraseMatch) bool {
	return c.transfer == nil && c.entry == nil && c.secret == nil && !c.toMe && !c.chat && m.start-c.start <= 5
}

func (c *clause) markDest(m *phraseMatch) {
	if c.destAt < 0 {
		c.destAt, c.destEnd = m.start, m.end
	}
}

// authApp reports a name of an authenticator app (kept out of the secrets
// so that "open the authenticator app" asks for nothing).
func authApp(t string) bool {
	for _, w := range []string{"authenticator", "authentificat", "autenticac", "autenticaç", "autenticaz", "autentikator", "uwierzytelniaj", "аутентификатор", "автентифікатор", "認証アプリ", "인증 앱", "인증앱", "验证器", "xác thực", "المصادقة", "ยืนยันตัวตน", "otp 앱", "otp app", "2fa app", "authy"} {
		if strings.Contains(t, w) {
			return true
		}
	}
	return false
}

// dropForeignNeg drops a short negation or recipient that the original
// text writes with other letters than any language's: "nó", "nè", "nào",
// "mới" are Vietnamese words that fold to "no", "ne", "nao", "moi".
func (a *analysis) dropForeignNeg(text string, ms []phraseMatch) []phraseMatch {
	viet := -1 // whether text is Vietnamese, read once when first needed
	isViet := func() bool {
		if viet < 0 {
			viet = 0
			if vietnamese(text) {
				viet = 1
			}
		}
		return viet == 1
	}
	pt := -1
	isPt := func() bool {
		if pt < 0 {
			pt = 0
			if portuguese(text) {
				pt = 1
			}
		}
		return pt == 1
	}
	out := ms[:0]
	for _, m := range ms {
		if (m.e.cat == catNeg || m.e.cat == catToMe || m.e.cat == catPronoun || m.e.cat == catSecret && m.e.class == classWeak) && !negWritten(text[a.n.Orig(m.start):a.n.Orig(m.end)], m.e) {
			continue
		}
		// "Pague no cartão", "no link": Portuguese "no" is "in the", and
		// Portuguese negates with "não"; the Spanish "no" does not count.
		if m.e.cat == catNeg && m.e.text == "no" && isPt() {
			continue
		}
		// "Hai ancora la frase?": Vietnamese numbers are Italian,
		// Spanish and Portuguese words too, and "thẻ" (card) folds to
		// "the"; they count in Vietnamese text.
		if (m.e.cat == catOrdinal && vietNumbers[m.e.text] || m.e.cat == catSeedHint && m.e.text == "the") && !isViet() {
			continue
		}
		if m.e.cat == catWordNoun && m.e.text == "tu" && !(isViet() && countedBefore(a.n.Text, m.start)) {
			continue // "từ" is "from" unless counted: "tám từ đầu"
		}
		out = append(out, m)
	}
	return out
}

// cliticToMe are recipients written before the verb, never its subject:
// "Me manda", "Mi scriva", "Nos envíe".
var cliticToMe = map[string]bool{"me": true, "mi": true, "ci": true, "nos": true}

// subjectAt reports a match that opens its clause: a "we" or "I" there is
// the subject, not the recipient.
func subjectAt(s string, clauseStart, p int) bool {
	return strings.TrimLeft(s[clauseStart:p], " \n\t\"'(-*•") == ""
}

package guard

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The shapes a request takes besides a plain sentence: quotations that
// report a scam, forms and bullet lists to fill in, objects marked before
// their verb, and the short tails that make a clause polite or a question.

// dropQuoted drops requests made inside quotation marks when the message,
// outside its quotes, warns or denies: 'The message "send your recovery
// phrase to unlock your account" did not come from us' quotes a scam, it
// does not make one. A quote must hold the verb as well as the secret, so
// 'send your "seed phrase" here' still asks.
func (a *analysis) dropQuoted() {
	qs := quoteSpans(a.n.Text)
	// "Scammers often write: send me your seed phrase": what follows a
	// colon after scam words, to the sentence's end, is quoted too.
	for i, c := range a.clauses {
		if c.frame == nil && !c.predSent || !strings.HasSuffix(strings.TrimSpace(a.n.Text[c.start:c.end]), ":") {
			continue
		}
		end := c.end
		for j := i + 1; j < len(a.clauses) && a.clauses[j].sent == c.sent; j++ {
			end = a.clauses[j].end
		}
		qs = append(qs, [2]int{c.end, end})
	}
	if len(qs) == 0 {
		return
	}
	in := func(p int) bool {
		for _, q := range qs {
			if p >= q[0] && p < q[1] {
				return true
			}
		}
		return false
	}
	warned := false
	for i := range a.clauses {
		c := &a.clauses[i]
		if in(c.start) && in(c.end-1) {
			continue
		}
		if c.negated || c.frame != nil || c.predSent {
			warned = true
		}
	}
	if !warned {
		return
	}
	for i := range a.clauses {
		c := &a.clauses[i]
		if c.request == 0 || c.secret == nil || !in(c.secret.start) {
			continue
		}
		if v := c.firstVerb(); v == nil || in(v.start) {
			c.request = 0
		}
	}
}

// quoteSpans returns the spans [open, close) of text between paired
// quotation marks (typographic ones are '"' after normalising).
func quoteSpans(s string) [][2]int {
	var out [][2]int
	open := -1
	var closer rune
	for i, r := range s {
		switch {
		case open < 0 && (r == '"' || r == '「' || r == '『' || r == '\'' && quoteOpens(s, i)):
			open = i
			switch r {
			case '「':
				closer = '」'
			case '『':
				closer = '』'
			default:
				closer = r
			}
		case open >= 0 && r == closer && (r != '\'' || quoteCloses(s, i)):
			out = append(out, [2]int{open, i + utf8.RuneLen(r)})
			open = -1
		}
	}
	return out
}

// quoteOpens reports a single quote that opens a quotation: after a space,
// a colon or the start, before a letter ("'send your seed'"), not an
// apostrophe ("it's", "l'e-mail").
func quoteOpens(s string, i int) bool {
	if i > 0 && s[i-1] != ' ' && s[i-1] != ':' && s[i-1] != '\n' && s[i-1] != '(' {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i+1:])
	return i+1 < len(s) && unicode.IsLetter(r)
}

// quoteCloses reports a single quote that closes one: before a space,
// punctuation or the end, or before a Korean particle, which is written
// against the quote ("'...'라고", "'...'는").
func quoteCloses(s string, i int) bool {
	if i+1 >= len(s) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[i+1:])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r) || unicode.Is(unicode.Hangul, r)
}

// meWords are the writer as recipient, which a verb may carry before its
// object.
var meWords = map[string]bool{"us": true, "me": true, "nos": true, "mir": true, "uns": true, "nous": true, "moi": true, "мне": true, "нам": true, "мені": true, "bana": true, "bize": true, "ci": true, "mi": true, "kami": true, "saya": true, "nam": true, "mnie": true}

// objectMarked reports what follows a secret in a language that marks the
// object with a particle and puts the verb in the next clause:
// "書き留めた単語を、教えてください".
func objectMarked(after string) bool {
	after = strings.TrimSpace(strings.Trim(after, " 、,，"))
	switch after {
	case "を", "は", "も", "을", "를", "은", "는", "도":
		return true
	}
	return false
}

// andWords open a clause that shares the previous clause's object: "export
// your xprv and paste here".
var andWords = map[string]bool{"แล้ว": true, "และ": true, "然后": true, "再": true, "并": true, "そして": true, "그리고": true, "and": true, "then": true, "e": true, "y": true, "und": true, "и": true, "і": true, "й": true, "та": true, "et": true, "ve": true, "dan": true, "i": true, "va": true, "oraz": true, "potem": true, "luego": true, "depois": true, "poi": true, "puis": true, "dann": true, "потом": true, "потім": true, "lalu": true, "sonra": true, "rồi": true, "roi": true}

// politeHeads may stand before the verb of a clause that refers back to
// the previous clause's object: "…恢复码截图，麻烦发到这个工单里".
var politeHeads = map[string]bool{"麻烦": true, "麻煩": true, "请": true, "請": true, "麻烦您": true, "请您": true, "お手数ですが": true, "そのまま": true, "กรุณา": true, "ช่วย": true}

// elided reports a clause whose verb has no object of its own because the
// previous clause named it: "... and paste here", "... e manda aqui". The
// verb must follow the "and" at once and be followed at once by the
// destination, or "and send us a screenshot here" would refer back.
func (c *clause) elided(s string) bool {
	v := c.firstVerb()
	if v == nil || c.destAt < 0 || c.destAt < v.end {
		return false
	}
	if r := firstLetter(s[c.start:c.end]); r >= 0x2E80 || isThai(r) {
		// "...แล้วส่งมาในแชทนี้", "...然后发到这里": the verb opens the
		// clause and the destination follows it closely.
		head := strings.TrimSpace(s[c.start:v.start])
		// Nothing but a particle may follow the destination: "告诉我您的
		// 订单号码" has an object of its own.
		tail := strings.Trim(s[c.destEnd:c.end], " 。.!！?？,，")
		for _, p := range []string{"ครับ", "ค่ะ", "คะ", "นะ", "ด้วย", "หน่อย", "吧", "呢", "哦", "啊", "一下", "ください", "下さい", "ね", "よ", "주세요", "요"} {
			tail = strings.ReplaceAll(tail, p, "")
		}
		return (head == "" || andWords[head] || politeHeads[head]) && utf8.RuneCountInString(s[v.end:c.destAt]) <= 2 && utf8.RuneCountInString(tail) <= 3 && !c.notVerb
	}
	switch strings.TrimSpace(s[v.end:c.destAt]) {
	case "", "lo", "la", "los", "las", "le", "les", "lhe", "selo", "sela", "melo", "mela", "noslo", "nosla":
		// "péguela aquí": the pronoun written onto the verb
	default:
		return false
	}
	head := strings.Fields(s[c.start:v.start])
	if len(head) != 1 || !andWords[strings.Trim(head[0], ",")] || c.notVerb {
		return false
	}
	// "and send us a screenshot here": an object after the recipient.
	for _, w := range strings.Fields(s[c.destAt:c.end]) {
		if determiners[strings.Trim(w, ".,;:!?")] {
			return false
		}
	}
	return true
}

// determiners start an object: "send us a screenshot".
var determiners = map[string]bool{"a": true, "an": true, "the": true, "your": true, "um": true, "uma": true, "un": true, "une": true, "una": true, "uno": true, "ein": true, "eine": true, "einen": true, "sebuah": true, "bir": true, "des": true, "some": true}

// formFields reads a form the customer is asked to fill in: a line ending
// with a colon that asks ("Please fill in and send back:") makes every
// secret named in the bullet lines after it a request ("- Wallet seed:").
func (a *analysis) formFields() {
	s := a.n.Text
	asking, verb := false, false
	for i := range a.clauses {
		c := &a.clauses[i]
		if i > 0 && a.clauses[i-1].sent != c.sent {
			verb = false
		}
		if (!c.verbless() || c.reply != nil) && !c.negated && c.frame == nil && c.past == nil && !c.cond {
			verb = true // "Fill in and reply:"
		}
		text := strings.TrimSpace(s[c.start:c.end])
		if verb && strings.HasSuffix(text, ":") {
			asking = true
			continue
		}
		if !asking || c.request != 0 || c.secret == nil || c.negated || c.frame != nil || c.secret.e.class == classWeak {
			continue
		}
		line := strings.LastIndexByte(s[:c.start+1], '\n')
		head := strings.TrimSpace(s[line+1 : c.secret.start])
		// "Recovery phrase (12/24 words):": a field's name opening its
		// line and ending it with a colon, bullet or not.
		end := strings.IndexByte(s[c.secret.start:], '\n')
		if end < 0 {
			end = len(s) - c.secret.start
		}
		// "Wallet recovery phrase:": a field's name may hold two words
		// of its own before the secret.
		field := (head == "" || len(strings.Fields(head)) <= 2 && !strings.ContainsAny(head, ".!?:")) && strings.HasSuffix(strings.TrimSpace(s[c.secret.start:c.secret.start+end]), ":")
		if bulletLine(head) || field {
			c.request = c.secret.e.class
		}
	}
}

// bulletLine reports the start of a form's line before a field's name:
// "-", "*", "•", "1.", "2)", possibly with "your".
func bulletLine(head string) bool {
	if head == "" {
		return false
	}
	switch head[0] {
	case '-', '*':
		head = head[1:]
	default:
		if strings.HasPrefix(head, "•") {
			head = head[len("•"):]
		} else {
			k := 0
			for k < len(head) && head[k] >= '0' && head[k] <= '9' {
				k++
			}
			if k == 0 || k == len(head) || head[k] != '.' && head[k] != ')' {
				return false
			}
			head = head[k+1:]
		}
	}
	return listItem(head) || len(strings.Fields(head)) <= 3
}

// attachedObject reports a verb with "it" or "them" written onto it:
// "escríbalas", "envíela", "mándamela".
func attachedObject(s string, v *phraseMatch) bool {
	if v == nil {
		return false
	}
	rest := s[v.end:]
	for _, suf := range []string{"melo", "mela", "melos", "melas", "noslo", "nosla", "noslos", "noslas", "selo", "sela", "selos", "selas", "celo", "cela", "lo", "la", "los", "las"} {
		if strings.HasPrefix(rest, suf) {
			r, _ := utf8.DecodeRuneInString(rest[len(suf):])
			if !spacedLetter(r) {
				return true
			}
		}
	}
	return false
}

// askedValue is the class of a one-time code or password that a question
// asks for by its value: "Which code did you just get?", "Какой код вам
// пришёл?", "刚收到的验证码是几？". A bare "code" counts only when it just
// arrived or names its app; "which code did the error page show" asks
// for nothing secret.
func (c *clause) askedValue() secretClass {
	// Thai writes no question mark: its question word is enough.
	thai := c.qword != nil && isThai(firstLetter(c.qword.e.text))
	if !c.question && !thai || c.qword == nil || c.negated || c.frame != nil || c.link || c.safe || c.site || c.cond {
		return 0
	}
	if c.past != nil && c.past.start < c.qword.start {
		return 0 // "did you notice which code ..."
	}
	for _, w := range c.wh {
		if w.start <= c.qword.start && w.end >= c.qword.end && w.end-w.start > c.qword.end-c.qword.start {
			return 0 // "ที่ไหน" (where) holds "ไหน" (which): where to set a key up
		}
	}
	cls := c.secret.e.class
	if cls == classWeak && (c.weakPair || c.appNamed) {
		cls = classCode
	}
	if cls.typedIn() {
		return cls
	}
	return 0
}

// thaiQuestion reports a Thai clause that ends in a question particle
// (Thai writes no question mark).
func thaiQuestion(t string) bool {
	if !isThai(firstLetter(t)) {
		return false
	}
	for _, p := range []string{"ล่ะ", "ไหม", "มั้ย", "อะไร", "เท่าไร", "เท่าไหร่", "หรือเปล่า", "คืออะไร"} {
		if strings.Contains(t, p) {
			return true
		}
	}
	return false
}

// politeTail reports what may follow the secret in "Your private key,
// please.": in scripts without spaces only punctuation or a word of
// politeness ("シードフレーズ、お願いします"), not a verb ("请用密码登录",
// log in with your password).
func politeTail(tail string) bool {
	r := firstLetter(tail)
	if r == 0 || spacedScript(r) {
		return true
	}
	t := strings.TrimSpace(strings.Trim(tail, " ，,。.!！?？、"))
	for _, p := range []string{"お願いします", "お願い", "ください", "下さい", "주세요", "부탁", "请", "吧", "ครับ", "ค่ะ", "ด้วย"} {
		t = strings.ReplaceAll(t, p, "")
	}
	return utf8.RuneCountInString(strings.TrimSpace(t)) <= 1
}

// trailAfterDest is what follows the clause's destination phrase.
func trailAfterDest(s string, c *clause) string {
	e := c.destAt
	for e < c.end && s[e] != ' ' && s[e] != ',' && s[e] != '.' {
		e++
	}
	return strings.Trim(s[e:c.end], " ,.!?;:\n")
}

// purposeTrail reports a trail that opens a clause of purpose or a new
// one: "aqui que eu verifico", "сюда, чтобы я проверил".
func purposeTrail(t string) bool {
	f := strings.Fields(t)
	if len(f) == 0 {
		return true
	}
	switch f[0] {
	case "que", "pra", "para", "so", "and", "to", "e", "y", "et", "und", "и", "і", "đe", "de", "чтобы", "щоб", "damit", "per", "untuk", "aby", "żeby", "zeby", "ve", "için", "icin", "pour", "i'll", "i", "je", "ich", "я", "eu", "yo", "io", "saya":
		return true
	}
	return false
}

// bareHandOver reports a short clause that only asks for something to be
// handed over into this chat: a verb, "here", and at most one more word
// ("please", "directly"), not negated nor described.
func (c *clause) bareHandOver(s string) bool {
	if c.transfer == nil && c.entry == nil || !c.chat || c.toMe && !c.chat || c.negated || c.frame != nil || c.past != nil || c.predSent || c.notVerb || c.safe || c.link || c.cond {
		return false
	}
	text := s[c.start:c.end]
	if r := firstLetter(text); r >= 0x2E80 || isThai(r) {
		return utf8.RuneCountInString(strings.TrimSpace(text)) <= 14
	}
	// "Tìm được thì gửi vào đây luôn nha": a short "when you find it"
	// before the verb; the ask itself stays short.
	v := c.firstVerb()
	return len(strings.Fields(text)) <= 8 && v != nil && len(strings.Fields(s[v.start:c.end])) <= 5
}

// threats reads "if you don't send your seed phrase in 10 minutes, your
// account will be frozen": a condition of not handing something over,
// with a penalty in its sentence, is pressure to hand it over, not a
// negation nor a condition that softens the ask.
func (a *analysis) threats() {
	cl := a.clauses
	for i := range cl {
		c := &cl[i]
		// A negated condition is a threat's shape whatever words make it:
		// "Wenn Sie mir den Code nicht schicken", "Якщо не надішлете",
		// with the negation scoped to its clause.
		// The verb not done must be one of handing over: "if you don't
		// receive the code in 10 minutes, tap Resend" threatens nothing.
		shape := c.threat || c.negated && (c.cond || c.transfer != nil && c.transfer.e.class&flagSee != 0)
		if !shape || c.verbless() {
			continue
		}
		for j := range cl {
			if cl[j].sent == cl[i].sent && cl[j].penalty && (j == i || !cl[j].negated) {
				cl[i].negated, cl[i].cond = false, false
				break
			}
		}
	}
}

// politeIf reads "we would be grateful if you dictated the words": the
// "if" of a polite request is part of the request, so the clauses it
// spans are no condition ("送っていただければ", "paylaşabilirseniz").
func (a *analysis) politeIf(ms []phraseMatch) {
	for _, m := range ms {
		if m.e.cat != catTransfer || m.e.class&flagSee == 0 {
			continue
		}
		for k := range a.clauses {
			if c := &a.clauses[k]; c.start < m.end && c.end > m.start {
				c.cond = false
			}
		}
	}
}

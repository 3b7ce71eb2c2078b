package guard

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// References a message makes without naming the secret outright: a code
// by its number, a phrase by its count of words or by positions of its
// words, a secret by the photo or card that holds it, and an offer made
// in exchange for one.
//
// A code's value is often asked for without naming the code again: "We
// sent you a code. Read me the number." The words for a number
// ("coderef" in the vocabulary) refer back to a code only when nothing
// else qualifies them: "the number of your order", "номер заказа",
// "注文番号" and "주문 번호" name another number.

// qualifiedNumber reports a number word that another noun qualifies:
// followed by a word other than a relative or a preposition of place
// ("the number you got", "the digits in the SMS"), or, in scripts
// without spaces, written onto a noun before it.
func qualifiedNumber(s string, m *phraseMatch) bool {
	first, _ := utf8.DecodeRuneInString(m.e.text)
	if first >= 0x2E80 && !isHangul(first) {
		// "注文番号", "订单号码": a compound; "届いた番号", "短信里的数字":
		// after a verb's ending or a particle.
		prev, _ := utf8.DecodeLastRuneInString(s[:m.start])
		if strings.ContainsRune("的里裡中内內个個串", prev) {
			return false
		}
		return unicode.Is(unicode.Han, prev) || unicode.Is(unicode.Katakana, prev) && prev != 'ー'
	}
	if isHangul(first) {
		// "주문 번호" (order number) but "받으신 번호", "문자 속 숫자".
		w := numLastWord(s[:m.start])
		if w == "" {
			return false
		}
		last, _ := utf8.DecodeLastRuneInString(w)
		return !strings.ContainsRune("린된온은는의속그이저신던난한", last)
	}
	if isThai(first) {
		return false
	}
	next := numNextWord(s[m.end:])
	return next != "" && !numberFollowers[next] && !meWords[next]
}

func isHangul(r rune) bool { return r >= 0xAC00 && r <= 0xD7A3 }

// numLastWord is the last space-separated word of s, or "" when a clause
// mark comes first.
func numLastWord(s string) string {
	s = strings.TrimRight(s, " ")
	i := strings.LastIndexAny(s, " ,.!?:;\n")
	if i >= 0 && s[i] != ' ' {
		return ""
	}
	return s[i+1:]
}

// numNextWord is the word that follows in the same clause, or "".
func numNextWord(s string) string {
	s = strings.TrimLeft(s, " ")
	end := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' })
	if end < 0 {
		end = len(s)
	}
	return s[:end]
}

// numberFollowers may follow a code's number without naming another
// number: relatives, places it came in, politeness.
var numberFollowers = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`from in on you that which we please pls plz now here there sent received shown just again to
		que qui che der die den was das, por favor per favore bitte svp stp s'il
		из в с что который которые которую которое пожалуйста сюда з у що який які яку будь ласка сюди
		yang dari di tolong ya dong z w ktory ktore ktora ktory który które która prosze proszę tutaj
		bạn ban mà ma vừa vua nhé nhe nha trong từ tu
		ki gelen az lütfen lutfen buraya
		الذي التي اللي في من الان هنا`) {
		numberFollowers[NormaliseString(w)] = true
	}
}

// offers reads "If you send us your seed phrase, we will unlock your
// account" and "복구 구문을 입력하시면 출금 제한이 풀립니다": a condition
// of handing a secret over (or typing it in), with the writer's reward in
// the same sentence, is an offer to trade for it, not a condition that
// softens the ask. A harm in the sentence ("your funds will be stolen")
// makes it a warning.
func (a *analysis) offers() {
	cl := a.clauses
	for i := range cl {
		c := &cl[i]
		if !c.cond || c.secret == nil || c.verbless() || c.negated || c.frame != nil || c.past != nil {
			continue
		}
		reward, harm := false, false
		for j := range cl {
			if cl[j].sent == c.sent && j != i {
				reward = reward || cl[j].reward && !cl[j].negated
				harm = harm || cl[j].harm
			}
		}
		if reward && !harm && !c.harm {
			c.cond = false
		}
	}
}

// countedWords makes "words" a seed phrase when a seed phrase's count
// stands just before them, with at most two words between: "las 12
// palabritas", "12개 영어 단어", "24 English words".
func (a *analysis) countedWords(ms []phraseMatch) {
	s := a.n.Text
	ci := 0
	for i := range ms {
		m := &ms[i]
		if m.e.cat != catWordNoun {
			continue
		}
		for ci < len(a.clauses) && m.start >= a.clauses[ci].end {
			ci++
		}
		if ci >= len(a.clauses) {
			return
		}
		c := &a.clauses[ci]
		if c.secret != nil && secretRank(c.secret.e.class) >= 2 || !seedCount(s[c.start:m.start]) {
			continue
		}
		c.secret = &phraseMatch{start: m.start, end: m.end, e: &seedWords}
	}
}

// seedCount reports a text that ends with the number of words of a seed
// phrase (12, 15, 18, 21 or 24) and at most two short words after it.
func seedCount(before string) bool {
	if len(before) > 24 {
		before = before[len(before)-24:]
	}
	for _, n := range []string{"12", "15", "18", "21", "24"} {
		k := strings.LastIndex(before, n)
		if k < 0 || k > 0 && before[k-1] >= '0' && before[k-1] <= '9' {
			continue
		}
		if rest := before[k+len(n):]; len(rest) <= 16 && len(strings.Fields(rest)) <= 2 && (rest == "" || !unicode.IsDigit(rune(rest[0]))) {
			return true
		}
	}
	return false
}

// endsWord reports that no letter follows p ("api key| in", not "mi
// ma|ndi").
func endsWord(s string, p int) bool {
	r, _ := utf8.DecodeRuneInString(s[p:])
	return p >= len(s) || !unicode.IsLetter(r)
}

// endsWithNor reports a clause whose last word is a "nor" that belongs to
// the next clause.
func endsWithNor(t string) bool {
	f := strings.Fields(t)
	if len(f) == 0 {
		return false
	}
	switch strings.Trim(f[len(f)-1], ",;") {
	case "nem", "ni", "nor", "neither", "ani", "ни", "ні", "né":
		return true
	}
	return false
}

// containerHead reports what stands before a secret's name when the
// object asked for holds the secret: "фото картки з резервними словами",
// "a photo of the card with".
func containerHead(before string) bool {
	f := strings.Fields(strings.Trim(before, " ,:"))
	if len(f) == 0 || len(f) > 4 {
		return false
	}
	for _, w := range f {
		w = strings.Trim(w, ".,;:!?()\"'«»-")
		if listWords[w] || containerPreps[w] {
			continue
		}
		ok := false
		for _, p := range containerStems {
			if strings.HasPrefix(w, p) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// containerStems begin the names of what holds a secret: a photo, a
// picture, a screenshot, a card or sheet.
var containerStems = []string{"photo", "picture", "pic", "image", "screenshot", "snapshot", "card", "sheet", "paper", "note",
	"foto", "фот", "снимок", "знімок", "скрин", "скрін", "картк", "карточк", "листок", "листочк", "аркуш", "бумаж", "папірц",
	"imagen", "imagem", "tarjet", "cartão", "cartao", "hoja", "folha", "papel", "carte", "feuille", "bild", "karte", "zettel",
	"scheda", "foglio", "biglietto", "gambar", "kartu", "kertas", "zdjęci", "zdjeci", "kartk", "karteczk", "fotoğraf", "fotograf", "resim", "kağıt", "kagit",
	"ảnh", "anh", "hình", "hinh", "thẻ", "the", "giấy", "giay", "صور", "بطاق", "ورق"}

// containerPreps join a container to what it holds: "of", "with", "з".
var containerPreps = map[string]bool{"of": true, "with": true, "showing": true, "from": true, "de": true, "da": true, "do": true, "con": true, "com": true,
	"с": true, "со": true, "из": true, "з": true, "із": true, "зі": true, "mit": true, "von": true, "der": true, "di": true, "del": true, "della": true,
	"dengan": true, "z": true, "ze": true, "avec": true, "des": true, "du": true, "có": true, "co": true, "chứa": true, "chua": true, "عليها": true, "فيها": true}

// positionList reports a clause that ends a list of positions whose first
// item is the object of a verb of asking earlier in the sentence.
func (a *analysis) positionList(i int) bool {
	cl := a.clauses
	for p := i - 1; p >= 0 && cl[p].sent == cl[i].sent; p-- {
		q := &cl[p]
		if q.negated || q.frame != nil || q.past != nil || q.cond {
			return false
		}
		if !q.verbless() {
			return q.ordinal || q.number
		}
		if q.words > 3 || q.secret != nil || !q.ordinal && !q.number {
			return false
		}
	}
	return false
}

// dropInstead drops the secrets that "instead of" governs: "send the
// public address instead of your seed phrase", "公開アドレスを、シード
// フレーズではなく". The secret must follow the phrase closely (or, for
// the languages that write it after its object, precede it), with no
// clause mark between.
func dropInstead(s string, ms []phraseMatch) []phraseMatch {
	var spans [][2]int // spans of governed text
	for _, m := range ms {
		if m.e.cat != catInstead {
			continue
		}
		if m.e.class == flagAfter {
			spans = append(spans, [2]int{max(0, m.start-insteadAfterGap), m.start})
		} else {
			spans = append(spans, [2]int{m.end, min(len(s), m.end+insteadGap)})
		}
	}
	if len(spans) == 0 {
		return ms
	}
	governed := func(m phraseMatch) bool {
		for _, sp := range spans {
			if m.end <= sp[0] || m.start >= sp[1] {
				continue
			}
			lo, hi := min(m.end, sp[0]), max(m.start, sp[1])
			if m.start >= sp[0] { // the secret follows the phrase
				lo, hi = sp[0], m.start
			} else { // the phrase follows the secret
				lo, hi = m.end, sp[1]
			}
			if lo <= hi && !strings.ContainsAny(s[lo:hi], ",.;:!?，。、") {
				return true
			}
		}
		return false
	}
	out := ms[:0]
	for _, m := range ms {
		if m.e.cat == catSecret && governed(m) {
			continue
		}
		out = append(out, m)
	}
	return out
}

// How far "instead of" reaches: a determiner or two before the secret's
// name, or a particle after it.
const insteadGap, insteadAfterGap = 24, 12

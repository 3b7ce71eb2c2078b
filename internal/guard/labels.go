package guard

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// People number the words of a phrase in many ways: "a)", "iv.", "1st:",
// "No.3", "一、", "Word 5:". Those labels are made of letters, so the
// tokenizer sees words that would break a run of list words. dropLabels
// removes them; the gap they leave is checked like any other (gapOK).

// dropLabels removes numbering labels from the token list and marks the
// token after each as following one.
func (s *scanner) dropLabels() {
	// Ordinals in words look at the tokens on both sides as written:
	// decided first, as out overwrites s.toks.
	in := s.labelSetsOf()
	var ordinals []uint8
	for i := range s.toks {
		if in[i]&(inOrdinals|inOrdinalHeads) != 0 {
			if n := s.ordinalLabel(i); n > 0 {
				if ordinals == nil {
					ordinals = make([]uint8, len(s.toks))
				}
				ordinals[i] = uint8(n)
			}
		}
	}
	out := s.toks[:0]
	after, afterOrdinal := false, false
	skip := 0       // tokens of a two-word ordinal still to drop
	var prev *token // the token before i as it was: out overwrites s.toks
	var prevTok token
	for i := range s.toks {
		t := s.toks[i]
		key := string(s.keys[t.ks:t.ke])
		next, _ := utf8.DecodeRuneInString(s.text[t.end:])
		if skip > 0 {
			skip--
			prevTok, prev = t, &prevTok
			continue
		}
		// After a label: "is", a linking word ("ke-1"), or the label's own
		// word after the number ("3번째 단어:").
		ordinal := s.isOrdinalLabel(in, prev, i)
		if !ordinal && ordinals != nil && ordinals[i] > 0 {
			ordinal, skip = true, int(ordinals[i])-1
		}
		label := ordinal || s.isLabel(t, in[i])
		prevTok, prev = t, &prevTok
		// After an ordinal, the word for "word" is the label's too: "first
		// word abandon".
		if label || after && (labelVerbs[key] || numberLinks[key] && s.numberFollows(t.end) || numberWords[key] && (afterOrdinal || wordWords[key] && s.wordFollows(t.end) || strings.ContainsRune(":：-)", next))) {
			after, afterOrdinal = true, ordinal
			continue
		}
		afterOrdinal = false
		t.afterLabel = after
		after = false
		out = append(out, t)
	}
	s.toks = out
}

// isLabel reports whether t numbers the word after it.
func (s *scanner) isLabel(t token, in uint8) bool {
	key := string(s.keys[t.ks:t.ke])
	number := in&inNumberWords != 0
	if t.runes > 6 && !number {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(s.text[:t.start])
	next, _ := utf8.DecodeRuneInString(s.text[t.end:])
	if in&inOrdinalSuffixes != 0 && (unicode.IsDigit(before) || before == '-' && digitBefore(s.text[:t.start-1])) {
		return true // 1st, 2nd, 1er, 3º, 1번, 2番目, 3つ目, 5-е, 4-й
	}
	if number && s.numberFollows(t.end) && !s.numberedItem(t) {
		// "No.1", "Nr 2", "word #3", "คำที่ 4", "단어 5", "kata ke-6": a
		// label word right before a number.
		return true
	}
	if in&inNumberLinks != 0 && next == '-' && s.numberFollows(t.end) {
		return true // "ke-7": Indonesian ordinals
	}
	if number && (strings.ContainsRune(":：-)", next) || wordWords[key] && s.wordFollows(t.end)) {
		// "3. kelime:", "3번째 단어:", "4. słowo abandon", "5-е слово": the
		// label word after its number.
		if r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(s.text[:t.start], " .)-\u00a0")); unicode.IsDigit(r) && sameLineBefore(s.text[:t.start]) {
			return true
		}
	}
	if t.script == scHan {
		// 一、 二. 第三: 十二）
		w := s.text[t.start:t.end]
		if strings.HasPrefix(w, "第") {
			// 第三, 第十一个, 第一个词: the counter and "word" after it.
			w = trimHanCounter(w)
		}
		return isHanNumeral(w) && (strings.ContainsRune("、.．)）:：", next) || strings.HasPrefix(w, "第"))
	}
	if t.script != scOther {
		return false
	}
	marked := (before == '(' || before == '[') && (next == ')' || next == ']')
	if !marked && !(strings.ContainsRune(".)]:", next) && lineStart(s.text[:t.start])) {
		return false // a) b. iv. IX) at the start of a line or after a space, or (a) [iv]
	}
	return t.runes == 1 || isRoman(key)
}

// numberFollows reports whether a number comes next after byte pos, past
// a little punctuation and at most one linking word ("kata ke-1", "từ số
// 2", "word no. 3").
func (s *scanner) numberFollows(pos int) bool {
	rest := s.text[pos:min(len(s.text), pos+40)]
	for range 2 {
		rest = strings.TrimLeft(rest, " .#:-°º№\u00a0")
		if r, _ := utf8.DecodeRuneInString(rest); unicode.IsDigit(r) {
			return true
		}
		// One linking word may stand between.
		i := strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsMark(r) })
		if i <= 0 || !numberLinks[string(keyOf(rest[:i]))] {
			return false
		}
		rest = rest[i:]
	}
	return false
}

// keyOf is the normalized key of a word, as the tokenizer makes it.
func keyOf(w string) []byte {
	var k []byte
	latin := false
	for i, r := range w {
		k, latin = appendRuneKey(k, w[i:i+utf8.RuneLen(r)], r, latin)
	}
	return k
}

// keySet is setOf over the words' keys.
func keySet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[string(keyOf(w))] = true
	}
	return m
}

// lineStart reports whether what precedes a label is the start of the
// text or white space (a label never follows a letter directly).
func lineStart(before string) bool {
	r, _ := utf8.DecodeLastRuneInString(before)
	return before == "" || unicode.IsSpace(r) || r == ',' || r == ';' || r == '|'
}

// ordinalSuffixes follow a number directly: "1st", "2e", "3º", "4-й",
// "5inci", "6번", "7번째", "8番目", "9つ目", "10号".
var ordinalSuffixes = keySet("st", "nd", "rd", "th", "er", "e", "eme", "ème", "o", "a", "º", "ª", "ый", "й", "я", "ий", "ше",
	"е", "ое", "ее", "ье", "є", "ше", "те", "ме", "inci", "nci", "ncı", "uncu", "üncü", "ci", "cı", "cu", "cü", "번", "번째", "째", "번쨰", "番", "番目", "目", "つ", "つめ", "号", "號", "個目", "個", "コ目", "こ目", "個め", "个", "位", "条", "條", "个词", "個詞", "个单词")

// labelVerbs may follow a label: "word 3 is: abandon".
var labelVerbs = setOf("is", "was", "es", "est", "ist", "é", "è", "это", "-", "are", "la", "là", "adalah")

// numberWords stand before a number in a label, in the 17 languages:
// "word 1", "palabra 2", "слово 3", "kelime 4", "từ 5", "mot 6", "Wort 7",
// "parola 8", "kata 9", "كلمة 10", "słowo 11", "単語 12", "단어 13", "คำที่ 14".
var numberWords = keySet("no", "nr", "nº", "num", "number", "word", "words", "w", "n", "#",
	"palabras", "palavras", "слова", "слів", "kelimeler", "mots", "wörter", "worter", "parole", "كلمات", "الكلمات", "słowa", "slowa",
	"palabra", "numero", "número", "palavra", "слово", "номер", "kelime", "sözcük", "sira", "sıra",
	"từ", "tu", "so", "số", "thứ", "mot", "numéro", "wort", "nummer", "parola", "kata", "nomor", "urutan",
	"كلمة", "الكلمة", "رقم", "słowo", "slowo", "numer", "単語", "单词", "單詞", "词", "詞", "ワード", "단어", "제",
	"คำ", "คำที่", "ที่", "ลำดับ", "ลำดับที่", "ข้อ", "ข้อที่")

// wordWords are the words for "word" (and "words") in the 17 languages:
// unlike "no" or "so", they label a number on either side ("4. słowo",
// "Wörter 1-3:", "5-е слово").
var wordWords = keySet("word", "words", "palabra", "palabras", "palavra", "palavras", "слово", "слова", "слів", "kelime", "kelimeler", "sözcük",
	"từ", "mot", "mots", "wort", "wörter", "worter", "parola", "parole", "kata", "كلمة", "الكلمة", "كلمات", "الكلمات",
	"słowo", "slowo", "słowa", "slowa", "單詞", "単語", "单词", "單詞", "词", "詞", "ワード", "단어", "คำ", "คำที่")

// numberLinks may sit between a number word and its number: "kata ke-1",
// "từ số 2", "word no. 3", "слово номер 4".
var numberLinks = keySet("ke", "n", "so", "số", "thu", "thứ", "no", "nr", "number", "numero", "número", "номер", "numer", "nomor", "رقم", "ที่")

func isRoman(key string) bool {
	if key == "" || len(key) > 6 {
		return false
	}
	for i := 0; i < len(key); i++ {
		if !strings.ContainsRune("ivxl", rune(key[i])) {
			return false
		}
	}
	return romanValue(key) > 0 && romanNumber(romanValue(key)) == key
}

func romanValue(key string) int {
	val := map[byte]int{'i': 1, 'v': 5, 'x': 10, 'l': 50}
	n := 0
	for i := 0; i < len(key); i++ {
		v := val[key[i]]
		if i+1 < len(key) && val[key[i+1]] > v {
			n -= v
		} else {
			n += v
		}
	}
	return n
}

// trimHanCounter drops what follows a Chinese ordinal: the counter (个,
// 個, 位, 条) and the word for "word" (词, 詞, 单词, 單詞).
func trimHanCounter(w string) string {
	for _, suffix := range []string{"单词", "單詞", "词", "詞", "字"} {
		w = strings.TrimSuffix(w, suffix)
	}
	for _, suffix := range []string{"个", "個", "位", "条", "條", "号", "號"} {
		w = strings.TrimSuffix(w, suffix)
	}
	return w
}

func isHanNumeral(s string) bool {
	for _, r := range s {
		if !strings.ContainsRune("第〇零一二三四五六七八九十廿", r) {
			return false
		}
	}
	return s != ""
}

// isOrdinalLabel reports whether token i is an ordinal word that labels
// the word after it together with a number word beside it: "الكلمة
// الأولى", "first word:", "слово первое", "kata pertama". Alone an ordinal
// is ordinary prose (and "first", "second" are list words), so one of the
// two neighbouring tokens must be a number word.
func (s *scanner) isOrdinalLabel(in []uint8, prev *token, i int) bool {
	t := s.toks[i]
	if in[i]&inOrdinals == 0 {
		// The number word of the pair: "الكلمة" in "الكلمة الأولى".
		j := i + 1
		return in[i]&inNumberWords != 0 && j < len(s.toks) && sameLine(s.text[t.end:s.toks[j].start]) &&
			in[j]&inOrdinals != 0
	}
	// The two stand side by side, with only spaces between: "prima" in
	// "parola 11) prima\nparola 12)" is a word of the Italian list.
	if prev != nil && in[i-1]&inNumberWords != 0 && sameLine(s.text[prev.end:t.start]) {
		return true
	}
	j := i + 1
	return j < len(s.toks) && in[j]&inNumberWords != 0 && sameLine(s.text[t.end:s.toks[j].start])
}

// The word sets a label is made of, as bits: dropLabels asks several of
// them of every token, and one lookup each is cheaper.
const (
	inOrdinals uint8 = 1 << iota
	inOrdinalHeads
	inNumberWords
	inOrdinalSuffixes
	inNumberLinks
)

var labelSets = func() map[string]uint8 {
	m := map[string]uint8{}
	for bit, set := range map[uint8]map[string]bool{inOrdinals: ordinalWords, inOrdinalHeads: ordinalHeads,
		inNumberWords: numberWords, inOrdinalSuffixes: ordinalSuffixes, inNumberLinks: numberLinks} {
		for k := range set {
			m[k] |= bit
		}
	}
	return m
}()

// labelSetsOf is, for each token, the sets of labelSets its key is in.
func (s *scanner) labelSetsOf() []uint8 {
	in := make([]uint8, len(s.toks))
	for i, t := range s.toks {
		in[i] = labelSets[string(s.keys[t.ks:t.ke])]
	}
	return in
}

// ordinalWords are "first" to "twelfth" in the 17 languages (the forms
// that go with "word"), and the parts of compound ones ("الحادية عشرة").
var ordinalWords = keySet(
	"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "last",
	"thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth",
	"primera", "primero", "segunda", "segundo", "tercera", "tercero", "cuarta", "cuarto", "quinta", "quinto", "sexta", "sexto",
	"séptima", "séptimo", "octava", "octavo", "novena", "noveno", "décima", "décimo", "undécima", "undécimo", "duodécima", "duodécimo",
	"onceava", "onceavo", "doceava", "doceavo", "decimoprimera", "decimoprimero", "decimosegunda", "decimosegundo", "última", "último",
	"primeira", "primeiro", "terceira", "terceiro", "sétima", "sétimo", "oitava", "oitavo", "nona", "nono",
	"premier", "première", "deuxième", "second", "seconde", "troisième", "quatrième", "cinquième", "sixième", "septième", "huitième",
	"neuvième", "dixième", "onzième", "douzième", "dernier", "dernière",
	"erste", "erstes", "erster", "ersten", "zweite", "zweites", "zweiter", "zweiten", "dritte", "drittes", "dritter", "dritten",
	"vierte", "viertes", "vierter", "vierten", "fünfte", "fünftes", "fünfter", "fünften", "sechste", "sechstes", "sechster", "sechsten",
	"siebte", "siebtes", "siebter", "siebten", "achte", "achtes", "achter", "achten", "neunte", "neuntes", "neunter", "neunten",
	"zehnte", "zehntes", "zehnter", "zehnten", "elfte", "elftes", "elfter", "elften", "zwölfte", "zwölftes", "zwölfter", "zwölften",
	"letzte", "letztes", "letzter",
	"primo", "prima", "secondo", "seconda", "terzo", "terza", "quarto", "quarta", "sesto", "sesta", "settimo", "settima",
	"ottavo", "ottava", "decimo", "decima", "undicesimo", "undicesima", "dodicesimo", "dodicesima", "ultimo", "ultima",
	"pertama", "kedua", "ketiga", "keempat", "kelima", "keenam", "ketujuh", "kedelapan", "kesembilan", "kesepuluh", "kesebelas", "terakhir",
	"первое", "первый", "первая", "второе", "второй", "вторая", "третье", "третий", "третья", "четвертое", "четвёртое", "четвертый",
	"четвёртый", "четвертая", "четвёртая", "пятое", "пятый", "пятая", "шестое", "шестой", "шестая", "седьмое", "седьмой", "седьмая",
	"восьмое", "восьмой", "восьмая", "девятое", "девятый", "девятая", "десятое", "десятый", "десятая", "одиннадцатое", "одиннадцатый",
	"одиннадцатая", "двенадцатое", "двенадцатый", "двенадцатая", "последнее", "последний", "последняя",
	"перше", "перший", "перша", "друге", "другий", "друга", "третє", "третій", "третя", "четверте", "четвертий", "четверта",
	"яте", "ятий", "ята", "шосте", "шостий", "шоста", "сьоме", "сьомий", "сьома", "восьме", "восьмий", "восьма",
	"десяте", "десятий", "десята", "одинадцяте", "одинадцятий", "одинадцята", "дванадцяте", "дванадцятий", "дванадцята", "останнє", "останній", "остання",
	"pierwsze", "pierwszy", "pierwsza", "drugie", "drugi", "druga", "trzecie", "trzeci", "trzecia", "czwarte", "czwarty", "czwarta",
	"piąte", "piąty", "piąta", "szóste", "szósty", "szósta", "siódme", "siódmy", "siódma", "ósme", "ósmy", "ósma",
	"dziewiąte", "dziewiąty", "dziewiąta", "dziesiąte", "dziesiąty", "dziesiąta", "jedenaste", "jedenasty", "jedenasta",
	"dwunaste", "dwunasty", "dwunasta", "ostatnie", "ostatni", "ostatnia",
	"birinci", "ikinci", "üçüncü", "dördüncü", "beşinci", "altıncı", "yedinci", "sekizinci", "dokuzuncu", "onuncu", "son", "sonuncu",
	"nhất", "nhì", "hai", "ba", "tư", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười", "cuối",
	"الأولى", "الأول", "الثانية", "الثاني", "الثالثة", "الثالث", "الرابعة", "الرابع", "الخامسة", "الخامس", "السادسة", "السادس",
	"السابعة", "السابع", "الثامنة", "الثامن", "التاسعة", "التاسع", "العاشرة", "العاشر", "الحادية", "الحادي", "عشرة", "عشر", "الأخيرة",
	"첫", "첫번째", "두번째", "세번째", "네번째", "다섯번째", "여섯번째", "일곱번째", "여덟번째", "아홉번째", "열번째", "열한번째", "열두번째",
	"두", "세", "네", "다섯", "여섯", "일곱", "여덟", "아홉", "열", "열한", "열두",
	"첫째", "둘째", "셋째", "넷째", "다섯째", "여섯째", "일곱째", "여덟째", "아홉째", "열째", "열한째", "열두째", "마지막",
	"หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "แรก", "สุดท้าย",
	"ที่หนึ่ง", "ที่สอง", "ที่สาม", "ที่สี่", "ที่ห้า", "ที่หก", "ที่เจ็ด", "ที่แปด", "ที่เก้า", "ที่สิบ", "ที่สิบเอ็ด", "ที่สิบสอง",
	"คำแรก", "คำที่หนึ่ง", "คำที่สอง", "คำที่สาม", "คำที่สี่", "คำที่ห้า", "คำที่หก", "คำที่เจ็ด", "คำที่แปด", "คำที่เก้า", "คำที่สิบ",
	"คำที่สิบเอ็ด", "คำที่สิบสอง", "คำสุดท้าย",
)

// sameLine reports whether a gap is only spaces, no line break.
func sameLine(gap string) bool {
	return gap != "" && strings.Trim(gap, " \t\u00a0") == ""
}

// sameLineBefore reports whether the text before a label word, back to
// its number, stays on one line.
func sameLineBefore(before string) bool {
	i := strings.LastIndexFunc(before, func(r rune) bool { return unicode.IsDigit(r) })
	return i >= 0 && !strings.ContainsAny(before[i:], "\n\r")
}

// ordinalLabel returns how many tokens from i form an ordinal in words
// that labels the one word after it on its own, or 0: "first: abandon",
// "second ability, third able", "kedua belas abandon", "on ikinci: …",
// "첫번째 abandon 두번째 ability". Either a colon, dash or bracket follows
// the ordinal, or the labels alternate with the words: another ordinal
// comes right after the labelled word or right before this one. An
// ordinal alone before a word may be the phrase's own ("second").
func (s *scanner) ordinalLabel(i int) int {
	n := s.ordinalSpan(i)
	if n == 0 || i+n >= len(s.toks) {
		return 0
	}
	end := s.toks[i+n-1].end
	next, _ := utf8.DecodeRuneInString(strings.TrimLeft(s.text[end:], " \u00a0"))
	if strings.ContainsRune(":：-–—)=", next) {
		return n
	}
	j := i + n // the labelled word
	if strings.ContainsAny(s.text[end:s.toks[j].start], "\n\r") {
		return 0
	}
	if j+1 < len(s.toks) && s.ordinalSpan(j+1) > 0 {
		return n
	}
	for k := max(0, i-3); k < i-1; k++ {
		if s.ordinalSpan(k) == i-1-k {
			return n // "… ordinal word ordinal word"
		}
	}
	return 0
}

// ordinalSpan returns how many tokens from i spell an ordinal: 1, 2 for
// compound ones ("on ikinci", "kedua belas", "décima segunda", "mười
// một", "п'яте", "첫 번째"), or 0.
func (s *scanner) ordinalSpan(i int) int {
	ordinal := s.keyIn(ordinalWords, i)
	if !ordinal && !s.keyIn(ordinalHeads, i) {
		return 0
	}
	if i+1 < len(s.toks) {
		gap := s.text[s.toks[i].end:s.toks[i+1].start]
		switch {
		case ordinal && sameLine(gap) && s.keyIn(ordinalTails, i+1):
			return 2
		case !ordinal && s.keyIn(ordinalWords, i+1) && (sameLine(gap) || strings.Contains("'’ʼ", gap)):
			return 2
		}
	}
	if ordinal {
		return 1
	}
	return 0
}

// keyIn reports whether token i's key is in set (without allocating).
func (s *scanner) keyIn(set map[string]bool, i int) bool {
	return set[string(s.keys[s.toks[i].ks:s.toks[i].ke])]
}

// ordinalHeads start a two-word ordinal and are none on their own: Turkish
// "on" (ten) of "on birinci", the "п" and "дев" that an apostrophe splits
// from Ukrainian "п'яте", "дев'яте".
var ordinalHeads = keySet("on", "п", "дев", "twenty", "veinti")

// ordinalTails end a two-word ordinal: "kedua belas", "décima segunda",
// "mười một", "الحادية عشرة", "첫 번째".
var ordinalTails = keySet("belas", "một", "mốt", "hai", "primeira", "primeiro", "segunda", "segundo", "primera", "primero",
	"عشرة", "عشر", "번째", "째")

func (s *scanner) ordinalAt(j int) bool {
	return ordinalWords[string(s.keys[s.toks[j].ks:s.toks[j].ke])]
}

// wordFollows reports whether another word follows byte pos on the same
// line with no number between: "4. słowo abandon", but not the list word
// "word" in "11) word\n12) …" or "1.palabra 2.…".
func (s *scanner) wordFollows(pos int) bool {
	for _, r := range s.text[pos:] {
		switch {
		case r == '\n' || r == '\r' || unicode.IsDigit(r):
			return false
		case unicode.IsLetter(r):
			return true
		}
	}
	return false
}

// numberedItem reports whether t directly follows a number of its own on
// its line ("1.palabra 2.…", "20 слово"): then it is an item of a numbered
// list, not the label of the number after it.
func (s *scanner) numberedItem(t token) bool {
	before := strings.TrimRight(s.text[:t.start], " .)-:\u00a0\t")
	r, _ := utf8.DecodeLastRuneInString(before)
	return unicode.IsDigit(r) && sameLineBefore(s.text[:t.start])
}

// digitBefore reports whether text ends with a digit.
func digitBefore(text string) bool {
	r, _ := utf8.DecodeLastRuneInString(text)
	return unicode.IsDigit(r)
}

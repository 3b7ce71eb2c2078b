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
	out := s.toks[:0]
	after, afterOrdinal := false, false
	var prev *token // the token before i as it was: out overwrites s.toks
	var prevTok token
	for i := range s.toks {
		t := s.toks[i]
		key := string(s.keys[t.ks:t.ke])
		next, _ := utf8.DecodeRuneInString(s.text[t.end:])
		// After a label: "is", a linking word ("ke-1"), or the label's own
		// word after the number ("3번째 단어:").
		ordinal := s.isOrdinalLabel(prev, i) || s.ordinalBeforeWord(i)
		label := ordinal || s.isLabel(t)
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
func (s *scanner) isLabel(t token) bool {
	key := string(s.keys[t.ks:t.ke])
	if t.runes > 6 && !numberWords[key] {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(s.text[:t.start])
	next, _ := utf8.DecodeRuneInString(s.text[t.end:])
	if unicode.IsDigit(before) && ordinalSuffixes[key] {
		return true // 1st, 2nd, 1er, 3º, 1번, 2番目, 3つ目
	}
	if numberWords[key] && s.numberFollows(t.end) && !s.numberedItem(t) {
		// "No.1", "Nr 2", "word #3", "คำที่ 4", "단어 5", "kata ke-6": a
		// label word right before a number.
		return true
	}
	if numberLinks[key] && next == '-' && s.numberFollows(t.end) {
		return true // "ke-7": Indonesian ordinals
	}
	if numberWords[key] && (strings.ContainsRune(":：-)", next) || wordWords[key] && s.wordFollows(t.end)) {
		// "3. kelime:", "3번째 단어:", "4. słowo abandon", "5-е слово": the
		// label word after its number.
		if r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(s.text[:t.start], " .)-\u00a0")); unicode.IsDigit(r) && sameLineBefore(s.text[:t.start]) {
			return true
		}
	}
	if t.script == scHan {
		// 一、 二. 第三: 十二）
		return isHanNumeral(s.text[t.start:t.end]) && (strings.ContainsRune("、.．)）:：", next) || strings.HasPrefix(s.text[t.start:t.end], "第"))
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
	"е", "ое", "ее", "ье", "є", "ше", "те", "ме", "inci", "nci", "ncı", "uncu", "üncü", "ci", "cı", "cu", "cü", "번", "번째", "째", "번쨰", "番", "番目", "目", "つ", "つめ", "号", "號")

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
func (s *scanner) isOrdinalLabel(prev *token, i int) bool {
	t := s.toks[i]
	if !ordinalWords[string(s.keys[t.ks:t.ke])] {
		// The number word of the pair: "الكلمة" in "الكلمة الأولى".
		j := i + 1
		return numberWords[string(s.keys[t.ks:t.ke])] && j < len(s.toks) && sameLine(s.text[t.end:s.toks[j].start]) &&
			ordinalWords[string(s.keys[s.toks[j].ks:s.toks[j].ke])]
	}
	// The two stand side by side, with only spaces between: "prima" in
	// "parola 11) prima\nparola 12)" is a word of the Italian list.
	if prev != nil && numberWords[string(s.keys[prev.ks:prev.ke])] && sameLine(s.text[prev.end:t.start]) {
		return true
	}
	j := i + 1
	return j < len(s.toks) && s.numberWordAt(j) && sameLine(s.text[t.end:s.toks[j].start])
}

// ordinalWords are "first" to "twelfth" in the 17 languages (the forms
// that go with "word"), and the parts of compound ones ("الحادية عشرة").
var ordinalWords = keySet(
	"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "last",
	"primera", "primero", "segunda", "segundo", "tercera", "tercero", "cuarta", "quinta", "sexta", "séptima", "octava", "novena", "décima", "última",
	"primeira", "terceira", "sétima", "oitava", "nona", "décima",
	"premier", "première", "deuxième", "troisième", "quatrième", "cinquième", "sixième", "septième", "huitième", "neuvième", "dixième", "onzième", "douzième", "dernier", "dernière",
	"erste", "erstes", "zweite", "zweites", "dritte", "drittes", "vierte", "fünfte", "sechste", "siebte", "achte", "neunte", "zehnte", "elfte", "zwölfte", "letzte",
	"primo", "prima", "secondo", "seconda", "terzo", "terza", "quarto", "quarta", "quinto", "sesto", "settimo", "ottavo", "nono", "decimo", "ultimo", "ultima",
	"pertama", "kedua", "ketiga", "keempat", "kelima", "keenam", "ketujuh", "kedelapan", "kesembilan", "kesepuluh", "terakhir",
	"первое", "первый", "второе", "второй", "третье", "третий", "четвертое", "пятое", "шестое", "седьмое", "восьмое", "девятое", "десятое", "последнее",
	"перше", "друге", "третє", "четверте", "п'яте", "шосте", "сьоме", "восьме", "дев'яте", "десяте", "останнє",
	"pierwsze", "drugie", "trzecie", "czwarte", "piąte", "szóste", "siódme", "ósme", "dziewiąte", "dziesiąte", "ostatnie",
	"birinci", "ikinci", "üçüncü", "dördüncü", "beşinci", "altıncı", "yedinci", "sekizinci", "dokuzuncu", "onuncu", "son",
	"nhất", "nhì", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười", "cuối",
	"الأولى", "الأول", "الثانية", "الثاني", "الثالثة", "الثالث", "الرابعة", "الرابع", "الخامسة", "الخامس", "السادسة", "السادس",
	"السابعة", "السابع", "الثامنة", "الثامن", "التاسعة", "التاسع", "العاشرة", "العاشر", "الحادية", "الحادي", "عشرة", "عشر", "الأخيرة",
	"첫", "첫번째", "두번째", "세번째", "네번째", "마지막",
	"หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "แรก", "สุดท้าย",
)

func (s *scanner) numberWordAt(j int) bool {
	return numberWords[string(s.keys[s.toks[j].ks:s.toks[j].ke])]
}

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

// ordinalBeforeWord reports whether token i is an ordinal word that
// labels the one word after it on its own: "first: abandon", "second
// ability, third able" ("segunda palabra", "третье" and the rest in the 17
// languages). It must start a line or a clause, and either a colon, dash or
// bracket follows it, or exactly one word and then the clause's end: in
// a phrase written with spaces ("… second abandon …") no clause break
// comes before the list word "second".
func (s *scanner) ordinalBeforeWord(i int) bool {
	t := s.toks[i]
	if !ordinalWords[string(s.keys[t.ks:t.ke])] {
		return false
	}
	before := s.text[:t.start]
	if i > 0 {
		before = s.text[s.toks[i-1].end:t.start]
	}
	if i > 0 && !strings.ContainsAny(before, "\n\r,;:，；：、") {
		return false
	}
	rest := s.text[t.end:]
	next, _ := utf8.DecodeRuneInString(strings.TrimLeft(rest, " \u00a0"))
	if strings.ContainsRune(":：-–—)=", next) {
		return i+1 < len(s.toks)
	}
	if i+1 >= len(s.toks) || !sameLine(s.text[t.end:s.toks[i+1].start]) {
		return false
	}
	// One word, then the clause ends (or the text), and a neighbouring
	// clause is labelled the same way: "second ability, third able". An
	// ordinal alone at a line's start may be the phrase's own word.
	after := s.text[s.toks[i+1].end:]
	if i+2 < len(s.toks) {
		after = s.text[s.toks[i+1].end:s.toks[i+2].start]
	}
	if after != "" && !strings.ContainsAny(after, "\n\r,;，；、") {
		return false
	}
	return i+2 < len(s.toks) && s.ordinalAt(i+2) || i >= 2 && s.ordinalAt(i-2)
}

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

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
	after := false
	for i := range s.toks {
		t := s.toks[i]
		key := string(s.keys[t.ks:t.ke])
		next, _ := utf8.DecodeRuneInString(s.text[t.end:])
		// After a label: "is", a linking word ("ke-1"), or the label's own
		// word after the number ("3번째 단어:").
		if s.isLabel(t) || after && (labelVerbs[key] || numberLinks[key] && s.numberFollows(t.end) || numberWords[key] && strings.ContainsRune(":：-)", next)) {
			after = true
			continue
		}
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
	if numberWords[key] && s.numberFollows(t.end) {
		// "No.1", "Nr 2", "word #3", "คำที่ 4", "단어 5", "kata ke-6": a
		// label word right before a number.
		return true
	}
	if numberWords[key] && strings.ContainsRune(":：-)", next) {
		// "3. kelime:", "3번째 단어:": the label word after its number.
		if r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(s.text[:t.start], " .\u00a0")); unicode.IsDigit(r) {
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
	"inci", "nci", "ncı", "uncu", "üncü", "ci", "cı", "cu", "cü", "번", "번째", "째", "번쨰", "番", "番目", "目", "つ", "つめ", "号", "號")

// labelVerbs may follow a label: "word 3 is: abandon".
var labelVerbs = setOf("is", "was", "es", "est", "ist", "é", "è", "это", "-", "are", "la", "là", "adalah")

// numberWords stand before a number in a label, in the 17 languages:
// "word 1", "palabra 2", "слово 3", "kelime 4", "từ 5", "mot 6", "Wort 7",
// "parola 8", "kata 9", "كلمة 10", "słowo 11", "単語 12", "단어 13", "คำที่ 14".
var numberWords = keySet("no", "nr", "nº", "num", "number", "word", "w", "n", "#",
	"palabra", "numero", "número", "palavra", "слово", "номер", "kelime", "sözcük", "sira", "sıra",
	"từ", "tu", "so", "số", "thứ", "mot", "numéro", "wort", "nummer", "parola", "kata", "nomor", "urutan",
	"كلمة", "الكلمة", "رقم", "słowo", "slowo", "numer", "単語", "单词", "單詞", "词", "詞", "ワード", "단어", "제",
	"คำ", "คำที่", "ที่", "ลำดับ", "ลำดับที่")

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

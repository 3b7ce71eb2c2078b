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
		if s.isLabel(t) || after && labelVerbs[string(s.keys[t.ks:t.ke])] {
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
	if t.runes > 6 {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(s.text[:t.start])
	next, _ := utf8.DecodeRuneInString(s.text[t.end:])
	if t.script == scHan {
		// 一、 二. 第三: 十二）
		return isHanNumeral(s.text[t.start:t.end]) && (strings.ContainsRune("、.．)）:：", next) || strings.HasPrefix(s.text[t.start:t.end], "第"))
	}
	if t.script != scOther {
		return false
	}
	key := s.keys[t.ks:t.ke]
	if before >= '0' && before <= '9' && ordinalSuffixes[string(key)] {
		return true // 1st, 2nd, 3rd, 4th, 1er, 2e, 3º
	}
	if numberWords[string(key)] {
		// "No.1", "Nr 2", "word #3": a label word right before a number.
		rest := strings.TrimLeft(s.text[t.end:min(len(s.text), t.end+4)], " .#:")
		if r, _ := utf8.DecodeRuneInString(rest); unicode.IsDigit(r) {
			return true
		}
	}
	marked := (before == '(' || before == '[') && (next == ')' || next == ']')
	if !marked && !(strings.ContainsRune(".)]:", next) && lineStart(s.text[:t.start])) {
		return false // a) b. iv. IX) at the start of a line or after a space, or (a) [iv]
	}
	return t.runes == 1 || isRoman(string(key))
}

// lineStart reports whether what precedes a label is the start of the
// text or white space (a label never follows a letter directly).
func lineStart(before string) bool {
	r, _ := utf8.DecodeLastRuneInString(before)
	return before == "" || unicode.IsSpace(r) || r == ',' || r == ';' || r == '|'
}

var ordinalSuffixes = setOf("st", "nd", "rd", "th", "er", "e", "eme", "ème", "o", "a", "º", "ª", "ый", "й", "я", "inci", "nci", "ncı", "uncu", "üncü")

// labelVerbs may follow a label: "word 3 is: abandon".
var labelVerbs = setOf("is", "was", "es", "est", "ist", "é", "è", "это", "-", "are")

// numberWords stand before a number in a label.
var numberWords = setOf("no", "nr", "nº", "num", "number", "word", "w", "n", "слово", "kelime", "mot", "palabra", "wort", "parola", "từ", "kata")

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

package guard

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Digits written out in words: "write the code in letters, like four,
// nine, two...", "叁伍柒", "사, 칠, 공". A code spelled this way passes
// every reading of digits, so the learned reader is told when a message
// holds a run of three or more digit words (normalised forms: lower case,
// Latin accents folded).

// digitWords are the words for 0-9 in the 17 languages, as Normalise
// leaves them. Ukrainian "п'ять" and "дев'ять" split at the apostrophe.
var digitWords = func() map[string]bool {
	m := map[string]bool{}
	for _, list := range []string{
		"zero oh one two three four five six seven eight nine",                 // en
		"cero uno una dos tres cuatro cinco seis siete ocho nueve",             // es
		"zero um uma dois duas tres quatro cinco seis sete oito nove",          // pt
		"zero un une deux trois quatre cinq six sept huit neuf",                // fr
		"null eins zwei drei vier funf sechs sieben acht neun",                 // de
		"zero uno due tre quattro cinque sei sette otto nove",                  // it
		"sifir bir iki uc dort bes alti yedi sekiz dokuz",                      // tr
		"nol satu dua tiga empat lima enam tujuh delapan sembilan",             // id
		"zero jeden dwa trzy cztery piec szesc siedem osiem dziewiec",          // pl
		"khong mot hai ba bon nam sau bay tam chin linh",                       // vi
		"ноль нуль один одна два две три четыре пять шесть семь восемь девять", // ru
		"один одна два дві три чотири п ять шість сім вісім дев",               // uk
		"صفر واحد اثنان اثنين ثلاثه اربعه خمسه سته سبعه ثمانيه تسعه",           // ar
		"공 영 일 이 삼 사 오 육 칠 팔 구 하나 둘 셋 넷 다섯 여섯 일곱 여덟 아홉",                        // ko
	} {
		for _, w := range strings.Fields(list) {
			m[w] = true
		}
	}
	return m
}()

// digitRunes are the digits written as one character: Chinese and
// Japanese numerals, plain and the banker's forms (大写).
const digitRunes = "〇零一二三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖"

// thaiDigits are the Thai words for 0-9, written without spaces.
var thaiDigits = []string{"ศูนย์", "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า"}

// minDigitRun is how many digit words in a row spell a code rather than
// count something ("two or three days").
const minDigitRun = 3

// spelledDigits reports a run of at least minDigitRun digit words in
// normalised text, with nothing but spaces and punctuation between them.
func spelledDigits(norm string) bool {
	run := 0
	for _, w := range strings.FieldsFunc(norm, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsMark(r) }) {
		n, whole := digitsIn(w)
		switch {
		case whole:
			run += n
		case n >= minDigitRun:
			return true // a run inside the word: "叁伍柒"
		default:
			run = 0
			continue
		}
		if run >= minDigitRun {
			return true
		}
	}
	return false
}

// digitsIn counts the digit words a word is made of: itself if it is one,
// or a Chinese or Thai run of them. whole is false when the word holds
// anything else; n is then the longest run inside it.
func digitsIn(w string) (n int, whole bool) {
	if digitWords[w] {
		return 1, true
	}
	cur, best, other := 0, 0, false
	for i := 0; i < len(w); {
		r, size := utf8.DecodeRuneInString(w[i:])
		if strings.ContainsRune(digitRunes, r) {
			cur++
			i += size
		} else if t := thaiDigitAt(w[i:]); t > 0 {
			cur++
			i += t
		} else {
			other = true
			cur = 0
			i += size
		}
		best = max(best, cur)
	}
	if !other && best > 0 {
		return best, true
	}
	return best, false
}

func thaiDigitAt(s string) int {
	for _, d := range thaiDigits {
		if strings.HasPrefix(s, d) {
			return len(d)
		}
	}
	return 0
}

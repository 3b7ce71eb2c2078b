package workforce

import (
	"strings"
	"unicode"
)

// A small abuse list across the 17 languages: insults, slurs and threats a
// support agent should not have to read twice. It is a floor, not a
// classifier: the agent's own flag is the main signal, and a missed word
// costs only the automatic breathing room. Words of languages written with
// spaces match whole words (or phrases of whole words); Chinese, Japanese,
// Korean and Thai words match anywhere in the text.
var abuseWords = []string{
	// en
	"idiot", "idiots", "stupid", "moron", "morons", "fuck", "fucking", "fucker", "motherfucker", "bitch", "asshole", "retard", "cunt", "dickhead", "shut up", "kill you", "i will find you", "go die",
	// es
	"idiota", "estúpido", "estupido", "imbécil", "imbecil", "puta", "mierda", "cabrón", "cabron", "pendejo", "hijo de puta", "te voy a matar",
	// pt
	"merda", "caralho", "otário", "otario", "filho da puta", "vai se foder", "porra",
	// fr
	"connard", "connasse", "salope", "putain", "merde", "enculé", "encule", "crétin", "va te faire foutre",
	// de
	"arschloch", "scheiße", "scheisse", "wichser", "fotze", "hurensohn", "vollidiot", "missgeburt",
	// it
	"stronzo", "vaffanculo", "cazzo", "coglione", "figlio di puttana",
	// ru, uk
	"идиот", "сука", "блядь", "бля", "дебил", "хуй", "урод", "тварь", "мразь", "ідіот", "дебіл", "падло",
	// tr
	"aptal", "salak", "orospu", "siktir", "gerizekalı", "şerefsiz", "piç", "amına",
	// pl
	"kurwa", "debil", "chuj", "spierdalaj", "pierdol", "skurwysyn",
	// id
	"bodoh", "goblok", "bangsat", "tolol", "anjing", "bajingan",
	// vi
	"đồ ngu", "địt", "đm", "khốn nạn", "mẹ mày",
	// ar
	"غبي", "حمار", "يلعن", "كلب", "حقير",
}

// abuseAnywhere are matched inside words: scripts without spaces, and
// Korean, whose particles attach to the word.
var abuseAnywhere = []string{
	// zh
	"傻逼", "操你", "他妈的", "混蛋", "白痴", "去死",
	// ja
	"死ね", "バカ", "ばか", "クソ", "馬鹿",
	// ko
	"시발", "씨발", "병신", "개새끼", "미친놈",
	// th
	"ควย", "เหี้ย", "สัส", "ไอ้โง่",
}

// maxAbuseText bounds the text examined (a message is at most this long
// in practice; beyond it only the start is looked at).
const maxAbuseText = 16 << 10

// Abusive reports whether text contains a word of the abuse list.
func Abusive(text string) bool {
	if len(text) > maxAbuseText {
		text = text[:maxAbuseText]
	}
	lower := strings.ToLower(text)
	for _, w := range abuseAnywhere {
		if strings.Contains(lower, w) {
			return true
		}
	}
	words := strings.FieldsFunc(lower, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsMark(r) && !unicode.IsDigit(r) })
	joined := " " + strings.Join(words, " ") + " "
	for _, w := range abuseWords {
		if strings.Contains(joined, " "+w+" ") {
			return true
		}
	}
	return false
}

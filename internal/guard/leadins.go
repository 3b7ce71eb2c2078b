package guard

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A customer who sends a phrase in pieces says a few words before each:
// "las palabras son abandon …", "и последние abandon ability", "Надсилаю
// ще раз:", "Wörter 7-9:". Those lead-ins are made of letters, so they
// would break a run of list words or leave a filler in the conversation's
// state between two pieces. dropLeadIns removes them, as dropLabels
// removes numbering: a lead-in only ever starts a line, comes right before
// a list word, and is either a short line ending in a colon or a few words
// of the lead-in vocabulary below.

const (
	maxLeadIn    = 3 // words of a lead-in made of leadWords
	maxLeadLabel = 4 // words of a lead-in that ends in a colon
)

// dropLeadIns removes the lead-ins that start at or after byte from.
func (s *scanner) dropLeadIns(from int) {
	var out []token
	for i := 0; i < len(s.toks); {
		k := 0
		if s.toks[i].start >= from && s.lineStartAt(i) {
			k = s.leadIn(i)
		}
		if k > 0 && out == nil {
			out = append(make([]token, 0, len(s.toks)), s.toks[:i]...)
		}
		if k > 0 {
			i += k
			continue
		}
		if out != nil {
			out = append(out, s.toks[i])
		}
		i++
	}
	if out != nil {
		s.toks = out
	}
}

// lineStartAt reports whether token i starts a line (or the text).
func (s *scanner) lineStartAt(i int) bool {
	if i == 0 {
		return true
	}
	return strings.ContainsAny(s.text[s.toks[i-1].end:s.toks[i].start], "\n\r")
}

// leadIn returns how many tokens from i form a lead-in, or 0.
func (s *scanner) leadIn(i int) int {
	if k := s.heading(i); k > 0 {
		return k
	}
	toks := s.toks
	for k := 1; k <= maxLeadIn && i+k < len(toks); k++ {
		lead, next := toks[i+k-1], toks[i+k]
		// A lead word may be a near miss of a list word ("olarak"), not
		// a list word of the piece that follows.
		if !leadWords[string(s.keys[lead.ks:lead.ke])] || lead.e.mask&next.e.mask != 0 && !lead.weak && !lead.typo {
			return 0
		}
		if lead.runes == 1 && !s.andBetween(i+k-1) {
			return 0 // "I", "La": one letter only as a lower-case "and"
		}
		if !sameLine(s.text[lead.end:next.start]) && strings.TrimSpace(s.text[lead.end:next.start]) != "" {
			return 0 // punctuation or a line break ends the lead-in
		}
		if next.e.mask != 0 && !next.weak && !s.leadWord(next) {
			if !s.pieceFollows(i + k) {
				return 0
			}
			return k
		}
	}
	return 0
}

// pieceFollows reports whether token j starts what a piece of a phrase
// looks like: a list word spelled right, then the line's end or another
// such word of a list they share ("… sono bassi" after "I" is prose whose
// words are only near misses).
func (s *scanner) pieceFollows(j int) bool {
	t := s.toks[j]
	if t.typo || t.weak {
		return false
	}
	if j+1 >= len(s.toks) || s.cleanAfter(j) {
		return true
	}
	u := s.toks[j+1]
	return t.e.mask&u.e.mask != 0 && !u.typo && !u.weak
}

// heading returns how many tokens from i form a short line that ends in a
// colon right before a list word ("Here they are:", "Wörter 7-9:"), or 0.
// A heading all of whose words are in the next word's list may be a piece
// of the phrase itself, and is kept.
func (s *scanner) heading(i int) int {
	toks := s.toks
	for k := 1; k <= maxLeadLabel && i+k < len(toks); k++ {
		gap := s.text[toks[i+k-1].end:toks[i+k].start]
		line, _, _ := strings.Cut(gap, "\n")
		if strings.ContainsAny(line, ":：") {
			next := toks[i+k]
			if next.e.mask == 0 || next.weak {
				return 0
			}
			// A heading that numbers what follows ("1-6 arası:") is one
			// even if its words are list words.
			if !s.foreignTo(toks[i:i+k], next) && !s.numberedHeading(i, k) {
				return 0
			}
			return k
		}
		if strings.ContainsAny(gap, "\n\r,.;!?，。；！？") {
			return 0
		}
	}
	return 0
}

// foreignTo reports whether some of the tokens are in none of the lists
// of next: a heading that is not itself a piece of a phrase in next's
// list.
func (s *scanner) foreignTo(toks []token, next token) bool {
	for _, t := range toks {
		if t.e.mask&next.e.mask == 0 || t.weak {
			return true
		}
	}
	return false
}

// leadWord reports whether token t is itself a lead-in word that the
// lead-in may go on with.
func (s *scanner) leadWord(t token) bool {
	return leadWords[string(s.keys[t.ks:t.ke])] && (t.e.mask == 0 || t.typo)
}

// writingSystem names the script of a token's first letter: a change of
// script between two words (Cyrillic or Japanese chat around English list
// words) ends a piece as a line break does.
func (s *scanner) writingSystem(t token) *unicode.RangeTable {
	r, _ := utf8.DecodeRuneInString(s.text[t.start:t.end])
	for _, tab := range writingSystems {
		if unicode.Is(tab, r) {
			return tab
		}
	}
	return nil
}

var writingSystems = []*unicode.RangeTable{unicode.Latin, unicode.Cyrillic, unicode.Greek, unicode.Arabic, unicode.Hebrew,
	unicode.Thai, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul}

// scriptChange reports whether tokens a and b are written in different
// scripts, both known.
func (s *scanner) scriptChange(a, b token) bool {
	wa, wb := s.writingSystem(a), s.writingSystem(b)
	return wa != nil && wb != nil && wa != wb
}

// oneLetterAnd are the one-letter words for "and" (Spanish y, Portuguese
// and Italian e, Polish i, Russian и, Ukrainian і and й), which join the
// last word of a list when written in lower case: "…, answer y flame".
var oneLetterAnd = setOf("y", "e", "i", "и", "і", "й")

// andBetween reports whether token j is a one-letter "and" as written
// (lower case: "I" is everywhere in English).
func (s *scanner) andBetween(j int) bool {
	t := s.toks[j]
	return t.runes == 1 && oneLetterAnd[s.text[t.start:t.end]]
}

// leadWords start the lines that carry pieces of a phrase, in the 17
// languages: "here are", "the words are", "the rest", "and finally", "last
// ones", the connectors and the words for "word".
var leadWords = union(connectors, oneLetterAnd, keySet(
	"here", "are", "is", "the", "my", "these", "they", "rest", "remaining", "final", "finally", "last", "next", "and", "then", "also", "plus", "ones", "again", "words", "word", "phrase", "seed", "others", "other",
	"aquí", "aqui", "son", "las", "los", "mis", "el", "resto", "restantes", "últimas", "ultimas", "últimos", "ultimos", "finalmente", "último", "ultimo", "última", "ultima", "después", "despues", "luego", "palabras", "otras", "demás", "demas",
	"são", "sao", "as", "os", "minhas", "meus", "fim", "depois", "palavras", "outras", "restante",
	"voici", "voilà", "voila", "les", "mes", "sont", "reste", "restants", "derniers", "dernières", "enfin", "finalement", "et", "puis", "ensuite", "mots", "autres",
	"hier", "sind", "die", "meine", "restlichen", "letzten", "schließlich", "endlich", "und", "dann", "noch", "wörter", "anderen",
	"ecco", "qui", "sono", "le", "mie", "restanti", "ultime", "infine", "poi", "parole", "altre",
	"ini", "berikut", "kata", "katanya", "sisanya", "sisa", "terakhir", "akhirnya", "lalu", "dan", "kemudian", "selanjutnya", "lainnya",
	"вот", "это", "слова", "мои", "остальные", "оставшиеся", "последние", "наконец", "потом", "дальше", "ещё", "еще", "другие",
	"ось", "це", "мої", "решта", "останні", "нарешті", "потім", "далі", "ще", "інші",
	"oto", "to", "są", "słowa", "moje", "reszta", "pozostałe", "ostatnie", "wreszcie", "potem", "dalej", "jeszcze", "inne",
	"işte", "kelimeler", "kalan", "kalanlar", "kalanı", "son", "olarak", "sonuncu", "şunlar", "bunlar", "sonuncular", "ve", "sonra", "devamı", "devami", "diğerleri",
	"đây", "là", "các", "còn", "lại", "cuối", "cùng", "và", "rồi", "tiếp", "từ", "nè", "nhé", "nha", "nữa", "ạ", "theo",
	"هذه", "هي", "الكلمات", "كلماتي", "الباقي", "المتبقية", "الأخيرة", "أخيرا", "ثم",
	"여기", "나머지", "마지막", "그리고", "단어",
	"นี่", "คือ", "ที่เหลือ", "สุดท้าย", "และ",
))

// union is a set of the keys of all sets.
func union(sets ...map[string]bool) map[string]bool {
	out := map[string]bool{}
	for _, m := range sets {
		for k := range m {
			out[string(keyOf(k))] = true
		}
	}
	return out
}

// promoteShortTypos reads a short unknown word between two list words as
// the list word it is one edit from ("10-lopo" between "bunker" and
// "rally": "loop"), as a weak typo: it then holds a word's place inside a
// run (see runs), and the checksum, with every other reading of it
// (checkReadings), decides. Words of five letters or more are looked up
// by classify already.
func (s *scanner) promoteShortTypos() {
	toks := s.toks
	for i := 1; i+1 < len(toks); i++ {
		t := &toks[i]
		if t.e.mask != 0 || t.script != scOther || t.runes < 3 || t.runes > 5 {
			continue
		}
		a, b := toks[i-1], toks[i+1]
		right := i + 1
		if b.e.mask == 0 && i+2 < len(toks) && (connectors[string(s.keys[b.ks:b.ke])] || s.andBetween(i+1)) {
			right, b = i+2, toks[i+2] // "…, indx and spider"
		}
		common := a.e.mask & b.e.mask
		if common == 0 || a.weak || b.weak || !s.gapOK(i-1, i) || !s.gapOK(i, right) {
			continue
		}
		key := s.keys[t.ks:t.ke]
		if proseWords[string(key)] {
			continue
		}
		if e, ok := s.d.lex.lookupShortTypo(key); ok && e.mask&common != 0 {
			t.e, t.typo, t.weak = e, true, true
		}
	}
}

// numberedHeading reports whether the heading toks[i:i+k] numbers what
// follows: a number before its first word ("1-6 arası:") and none after
// it up to the colon, which "1: abandon 2: ability" has.
func (s *scanner) numberedHeading(i, k int) bool {
	start := strings.LastIndexAny(s.text[:s.toks[i].start], "\n\r") + 1
	last := s.toks[i+k-1]
	colon := last.end + strings.IndexAny(s.text[last.end:], ":：")
	return strings.IndexFunc(s.text[start:s.toks[i].start], unicode.IsDigit) >= 0 &&
		strings.IndexFunc(s.text[s.toks[i].end:colon], unicode.IsDigit) < 0
}

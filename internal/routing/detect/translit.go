package detect

import "strings"

// Russian and Ukrainian written in Latin letters ("privet, gde moi
// depozit", "pryvit, de miy depozyt"): customers on a phone without a
// Cyrillic keyboard write so. The trigram profiles of the library know
// only Cyrillic Russian and Ukrainian, so this text read as French, German
// or Indonesian. The evidence here is the Cyrillic evidence we already
// have, romanized: each frequent word and characteristic ending of the two
// languages is spelled in the common ways people transliterate (ж as zh or
// j, х as kh or h, я as ya or ia, Ukrainian и as y, г as h, ...), and a
// Latin word that matches one counts for its language. Spellings that are
// also frequent words of a Latin-script language ("ne", "moi", "tak")
// are left out, so that they never take a French or Polish message.

// romanizations are the usual Latin spellings of each Cyrillic letter;
// ru and uk differ in и, г and щ.
var romanizations = map[rune][]string{
	'а': {"a"}, 'б': {"b"}, 'в': {"v"}, 'ґ': {"g"}, 'д': {"d"}, 'е': {"e", "ye"}, 'є': {"ye", "ie", "e"},
	'ё': {"yo", "e"}, 'ж': {"zh", "j"}, 'з': {"z"}, 'і': {"i"}, 'ї': {"yi", "i"}, 'й': {"y", "i", "j"},
	'к': {"k"}, 'л': {"l"}, 'м': {"m"}, 'н': {"n"}, 'о': {"o"}, 'п': {"p"}, 'р': {"r"}, 'с': {"s"},
	'т': {"t"}, 'у': {"u"}, 'ф': {"f"}, 'х': {"kh", "h"}, 'ц': {"ts", "c"}, 'ч': {"ch"}, 'ш': {"sh"},
	'ъ': {""}, 'ы': {"y", "i"}, 'ь': {""}, 'э': {"e"}, 'ю': {"yu", "iu"}, 'я': {"ya", "ia"},
}

var romanizationsByLang = map[string]map[rune][]string{
	"ru": {'и': {"i", "y"}, 'г': {"g"}, 'щ': {"shch", "sch", "sh"}},
	"uk": {'и': {"y", "i"}, 'г': {"h", "g"}, 'щ': {"shch", "sch"}},
}

// translitSure is the ru or uk score from romanized words past which the
// trigram vote, blind to romanized ru and uk, counts for less.
const translitSure = 3.0

// maxSpellings bounds the spellings of one word.
const maxSpellings = 64

// romanize returns the Latin spellings of a Cyrillic word of lang.
func romanize(w, lang string) []string {
	out := []string{""}
	for _, r := range w {
		vs, ok := romanizationsByLang[lang][r]
		if !ok {
			vs, ok = romanizations[r]
		}
		if !ok {
			return nil // not a Cyrillic letter we spell
		}
		next := make([]string, 0, len(out)*len(vs))
		for _, prefix := range out {
			for _, v := range vs {
				if len(next) < maxSpellings {
					next = append(next, prefix+v)
				}
			}
		}
		out = next
	}
	return out
}

// translitWords are the romanized frequent words of ru and uk.
var translitWords = func() map[string][]langWeight {
	latin := map[string]bool{}
	for _, lang := range latinLanguages {
		for _, w := range strings.Fields(frequentWords[lang]) {
			latin[w], latin[fold(w)] = true, true
		}
	}
	langsOf := map[string][]string{}
	for _, lang := range []string{"ru", "uk"} {
		for _, w := range strings.Fields(frequentWords[lang]) {
			for _, s := range romanize(w, lang) {
				if len(s) < 2 || latin[s] || loanwords[s] || productWords[s] || contains(langsOf[s], lang) {
					continue
				}
				langsOf[s] = append(langsOf[s], lang)
			}
		}
	}
	m := make(map[string][]langWeight, len(langsOf))
	for s, langs := range langsOf {
		for _, l := range langs {
			m[s] = append(m[s], langWeight{l, 1 / float64(len(langs))})
		}
	}
	return m
}()

// translitSuffixes are the romanized endings of the ru and uk suffix
// hints, at a little less weight (a Latin ending is less sure than a
// Cyrillic one); endings of two letters or fewer say too little in Latin.
var translitSuffixes = func() []struct {
	suffix, lang string
	weight       float64
} {
	var out []struct {
		suffix, lang string
		weight       float64
	}
	for _, h := range suffixHints {
		if h.lang != "ru" && h.lang != "uk" {
			continue
		}
		for _, s := range romanize(h.suffix, h.lang) {
			if len(s) >= 3 {
				out = append(out, struct {
					suffix, lang string
					weight       float64
				}{s, h.lang, 0.6 * h.weight})
			}
		}
	}
	return out
}()

var apostrophes = strings.NewReplacer("'", "", "’", "")

// addTranslitScore adds a Latin word's evidence for ru and uk.
func addTranslitScore(scores map[string]float64, w string) {
	if strings.ContainsAny(w, "'’") {
		w = apostrophes.Replace(w) // "den'gi": the soft sign
	}
	for _, lw := range translitWords[w] {
		scores[lw.lang] += 1.5 * lw.weight
	}
	if len(w) < 5 {
		return
	}
	for _, s := range translitSuffixes {
		if strings.HasSuffix(w, s.suffix) {
			scores[s.lang] += s.weight
		}
	}
}

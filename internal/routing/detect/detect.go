// Package detect infers a support message's language among the 17
// languages of the product and its product area, from the text alone plus
// what the channel and the customer's profile already say. It has no
// state and no I/O: routing and the bot call it on every incoming message.
package detect

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"
)

// Languages are the 17 languages of DESIGN.md.
var Languages = []string{"en", "zh", "es", "pt", "ru", "tr", "vi", "fr", "de", "it", "id", "ar", "uk", "pl", "ja", "ko", "th"}

// SureLanguage is the confidence from which a detection overrules what a
// channel said of the language (routing), or stands where a channel says
// nothing (an e-mail).
const SureLanguage = 0.8

// Priors are languages known before reading the text: the widget page's
// language, the customer's profile and the mailbox's or bot's language;
// "" when unknown.
type Priors struct{ Page, Customer, Channel string }

// Language is a detection: the code (one of Languages), a confidence in
// [0, 1] and the reason, e.g. "script: Thai", "text" or
// "prior: page (text too short)".
type Language struct {
	Code       string
	Confidence float64
	Reason     string
}

// maxLanguageText bounds the work per message; a few kilobytes say the
// language as well as a whole pasted log would.
const maxLanguageText = 8192

// latinLanguages are the candidates when the text is in Latin letters.
var latinLanguages = []string{"en", "es", "pt", "fr", "de", "it", "id", "tr", "vi", "pl"}

// latinCandidates adds Russian and Ukrainian written in Latin letters
// (translit.go), pinyin, romaji, romanized Korean and Arabizi
// (romanized.go).
var latinCandidates = append(append(append([]string{}, latinLanguages...), "ru", "uk"), romanizedLanguages...)

// whatlangCodes maps the library's languages we allow to our codes.
var whatlangCodes = map[whatlanggo.Lang]string{
	whatlanggo.Eng: "en", whatlanggo.Spa: "es", whatlanggo.Por: "pt", whatlanggo.Fra: "fr",
	whatlanggo.Deu: "de", whatlanggo.Ita: "it", whatlanggo.Ind: "id", whatlanggo.Tur: "tr",
	whatlanggo.Vie: "vi", whatlanggo.Pol: "pl", whatlanggo.Rus: "ru", whatlanggo.Ukr: "uk",
}

// whatlangLangs is the reverse of whatlangCodes.
var whatlangLangs = func() map[string]whatlanggo.Lang {
	m := make(map[string]whatlanggo.Lang, len(whatlangCodes))
	for l, c := range whatlangCodes {
		m[c] = l
	}
	return m
}()

// DetectLanguage returns the language of text. A script that belongs to one
// language decides alone; within Latin and Cyrillic the library's trigram
// vote is added to characteristic letters and frequent words, and the
// priors break ties and decide when the text is too short to say.
func DetectLanguage(text string, p Priors) Language {
	words := tokens(prefix(text, maxLanguageText))
	counts := countScripts(words)
	switch counts.script() {
	case "cjk":
		return cjkLanguage(words, counts, p)
	case "Thai":
		return Language{Code: "th", Confidence: 0.99, Reason: "script: Thai"}
	case "Arabic":
		return Language{Code: "ar", Confidence: 0.99, Reason: "script: Arabic"}
	case "Cyrillic":
		return scoreLanguages(words, []string{"ru", "uk"}, p, "Cyrillic")
	case "Latin":
		return scoreLanguages(words, latinCandidates, p, "Latin")
	}
	return fromPriors(p, nil, "no words")
}

// scoreLanguages weighs the evidence for each candidate of one script.
func scoreLanguages(words []string, candidates []string, p Priors, script string) Language {
	scores := make(map[string]float64, len(candidates))
	product := 0
	if script == "Latin" {
		words, product = withoutProductWords(words)
		if len(words) == 0 {
			scores["en"] = productWordScore * float64(product)
			return decide(scores, candidates, p, script, words)
		}
	}
	for _, w := range words {
		addWordScore(scores, w)
		if script == "Latin" {
			addTranslitScore(scores, w)
			addRomanizedScore(scores, w)
		}
	}
	if script == "Latin" {
		addShapeScore(scores, words)
		if product > 0 && !anyScore(scores) {
			// The other words said nothing that is listed ("staking
			// rewards?"): the product words lean to English after all. The
			// trigram vote on one or two unlisted words is noise.
			scores["en"] = productWordScore * float64(product)
		}
	}
	if shortlist := contenders(scores, candidates); len(shortlist) > 0 {
		if script == "Latin" {
			// The library's profiles of the languages romanized here are
			// in their own scripts: on Latin text it can only vote for the
			// others. (A copy: contenders may return the candidates.)
			shortlist = slices.DeleteFunc(slices.Clone(shortlist), func(c string) bool { return !contains(latinLanguages, c) })
		}
		if len(shortlist) > 0 {
			weight := 1.0
			if script == "Latin" && romanizedSure(scores) {
				// Two or more romanized words: the vote can only speak
				// for the Latin languages, so it counts for less.
				weight = 0.4
			}
			addTrigramVote(scores, strings.Join(words, " "), shortlist, weight)
		}
	}
	return decide(scores, candidates, p, script, words)
}

// productWordScore is what one product word says for English when the
// message has nothing else: less than a word of English, so one alone
// ("pending") leaves the answer to the priors.
const productWordScore = 0.6

// withoutProductWords drops the exchange's English terms from words and
// counts them.
func withoutProductWords(words []string) ([]string, int) {
	n := 0
	for _, w := range words {
		if productWords[w] {
			n++
		}
	}
	if n == 0 {
		return words, 0
	}
	return slices.DeleteFunc(slices.Clone(words), func(w string) bool { return productWords[w] }), n
}

// anyScore reports whether any language has evidence yet.
func anyScore(scores map[string]float64) bool {
	for _, v := range scores {
		if v > 0 {
			return true
		}
	}
	return false
}

// decide turns the scores into a detection, the priors breaking ties and
// answering for weak text.
func decide(scores map[string]float64, candidates []string, p Priors, script string, words []string) Language {
	best, second := "", ""
	for _, c := range candidates {
		switch {
		case best == "" || scores[c] > scores[best]:
			best, second = c, best
		case second == "" || scores[c] > scores[second]:
			second = c
		}
	}
	if best == "en" && script == "Latin" {
		if l := mixedIntoEnglish(words, scores); l != "" {
			// The English words say nothing of the writer: no prior
			// overrides, and the confidence stays under routing's bar.
			return Language{Code: l, Confidence: 0.7, Reason: "text (mixed with English)"}
		}
	}
	top, next := scores[best], scores[second]
	if top < 1 {
		if top == 0 {
			return fromPriors(p, candidates, "text too short")
		}
		if l, ok := priorAmong(p, candidates, "text too short"); ok {
			return l
		}
		return Language{Code: best, Confidence: 0.3, Reason: "text (weak)"}
	}
	// A known language close behind the leader wins: customers write in
	// the language of their profile and page far more often than not.
	for _, pr := range priorList(p) {
		if pr.code == "en" && script == "Latin" && mixedIntoEnglish(words, scores) == best {
			// An English page or profile says little against two words
			// of another language: mixing goes towards English.
			continue
		}
		if pr.code != best && contains(candidates, pr.code) && scores[pr.code] > 0 && scores[pr.code]+pr.boost >= top {
			return Language{Code: pr.code, Confidence: 0.6, Reason: "prior: " + pr.source + " (text ambiguous)"}
		}
	}
	conf := 0.5 + 0.5*(top-next)/top
	if script == "Cyrillic" {
		return Language{Code: best, Confidence: conf, Reason: "script: Cyrillic, text"}
	}
	return Language{Code: best, Confidence: conf, Reason: "text"}
}

// mixedIntoEnglish returns the language of a message that mixes English
// into another language ("hi kak, can you check my deposit? udah
// confirmed di blockchain"): two or more words of that language that are
// no English words, and a score not far below English's. Code-mixing goes
// from the customer's language towards English, not the other way.
func mixedIntoEnglish(words []string, scores map[string]float64) string {
	var hits [8]struct {
		lang string
		n    int
	}
	best, n := "", 0
	for i, w := range words {
		if isEnglish(w) || slices.Contains(words[:i], w) {
			continue
		}
		for _, lw := range wordWeights[unstretch(w)] {
			for k := range hits {
				if hits[k].lang == "" || hits[k].lang == lw.lang {
					hits[k].lang = lw.lang
					hits[k].n++
					if hits[k].n > n || hits[k].n == n && scores[lw.lang] > scores[best] {
						best, n = lw.lang, hits[k].n
					}
					break
				}
			}
		}
	}
	if n >= 2 && scores[best] >= 0.4*scores["en"] {
		return best
	}
	return ""
}

// romanizedSure reports two or more words' worth of evidence for a
// language written in Latin letters that is not its own script.
func romanizedSure(scores map[string]float64) bool {
	for _, l := range latinCandidates[len(latinLanguages):] {
		if scores[l] >= translitSure {
			return true
		}
	}
	return false
}

// contenders are the candidates the trigram vote should choose among: all
// of them when the words said nothing, the few close to the leader
// otherwise, and none when the leader is far ahead. Fewer profiles keep a
// short message well under the 50 µs budget.
func contenders(scores map[string]float64, candidates []string) []string {
	top := 0.0
	for _, c := range candidates {
		top = max(top, scores[c])
	}
	if top == 0 {
		return candidates
	}
	var out []string
	for _, c := range candidates {
		if scores[c] > 0 && scores[c] >= top-4 {
			out = append(out, c)
		}
	}
	if len(out) == 1 && top >= 6 {
		return nil
	}
	return out
}

// addTrigramVote adds the library's trigram vote among the shortlist.
func addTrigramVote(scores map[string]float64, text string, shortlist []string, factor float64) {
	allow := make(map[whatlanggo.Lang]bool, len(shortlist))
	for _, c := range shortlist {
		allow[whatlangLangs[c]] = true
	}
	if len(allow) == 1 {
		// The library needs two to compare; the one contender still needs
		// a confidence, so add the nearest relative.
		allow[whatlangLangs[relative[shortlist[0]]]] = true
	}
	info := whatlanggo.DetectWithOptions(text, whatlanggo.Options{Whitelist: allow})
	code, ok := whatlangCodes[info.Lang]
	if info.Lang < 0 || !ok || !contains(shortlist, code) {
		return // the relative only gives the library something to compare
	}
	// The vote grows with the text: on three words it is a guess, on a
	// paragraph it is the best evidence there is.
	letters := utf8.RuneCountInString(text)
	weight := 1.0 + float64(min(letters, 120))/30
	scores[code] += factor * weight * info.Confidence
}

// relative pairs each language with the one it is most often confused with.
var relative = map[string]string{
	"en": "id", "id": "en", "es": "pt", "pt": "es", "fr": "it", "it": "es", "de": "en",
	"tr": "id", "vi": "tr", "pl": "en", "ru": "uk", "uk": "ru",
}

// addWordScore adds a word's evidence: frequent words, then its letters,
// endings and beginnings.
func addWordScore(scores map[string]float64, w string) {
	for _, lw := range wordWeights[unstretch(w)] {
		if lw.lang == "en" && loanwords[w] {
			scores["en"] += 0.5 * lw.weight
			continue
		}
		scores[lw.lang] += 1.5 * lw.weight
	}
	for _, r := range w {
		if h, ok := letterHints[r]; ok {
			for _, l := range h.langs {
				scores[l] += h.weight / float64(len(h.langs))
			}
		} else if r >= 0x1EA0 && r <= 0x1EF9 {
			scores["vi"] += 4 // ạ ả ấ ầ ...: only Vietnamese
		}
	}
	if len(w) < 4 || loanwords[w] {
		return
	}
	for _, s := range suffixHints {
		if strings.HasSuffix(w, s.suffix) {
			scores[s.lang] += s.weight
		}
	}
	for _, s := range prefixHints {
		if strings.HasPrefix(w, s.prefix) {
			scores[s.lang] += s.weight
		}
	}
	for _, s := range infixHints {
		if strings.Contains(w, s.infix) {
			scores[s.lang] += s.weight
		}
	}
}

// unstretch undoes a chat greeting's stretched last vowel ("holaa",
// "oii", "obrigadaa") for a word not listed as typed. Only a, i and u:
// "see" and "too" are English words, not stretched "se" and "to".
func unstretch(w string) string {
	if _, ok := wordWeights[w]; ok || len(w) < 3 {
		return w
	}
	last := w[len(w)-1]
	if last != 'a' && last != 'i' && last != 'u' {
		return w
	}
	short := strings.TrimRight(w, string(last)) + string(last)
	if len(short) == len(w) {
		return w
	}
	return short
}

type priorLang struct {
	code, source string
	boost        float64
}

// priorList orders the priors by trust: the customer's own profile, then
// the page they opened, then the channel's default.
func priorList(p Priors) []priorLang {
	var out []priorLang
	for _, pr := range []priorLang{{p.Customer, "customer", 1.5}, {p.Page, "page", 1.2}, {p.Channel, "channel", 0.8}} {
		if contains(Languages, pr.code) {
			out = append(out, pr)
		}
	}
	return out
}

// prior returns the source of the first prior naming code, or "".
func prior(p Priors, code string) string {
	for _, pr := range priorList(p) {
		if pr.code == code {
			return pr.source
		}
	}
	return ""
}

// fromPriors answers from the first prior among candidates (any language
// when candidates is nil), or English with a low confidence.
func fromPriors(p Priors, candidates []string, why string) Language {
	if l, ok := priorAmong(p, candidates, why); ok {
		return l
	}
	if candidates != nil {
		return Language{Code: candidates[0], Confidence: 0.2, Reason: "default (" + why + ")"}
	}
	return Language{Code: "en", Confidence: 0.1, Reason: "default (" + why + ")"}
}

// priorAmong answers from the first prior among candidates (any language
// when candidates is nil).
func priorAmong(p Priors, candidates []string, why string) (Language, bool) {
	for _, pr := range priorList(p) {
		if candidates == nil || contains(candidates, pr.code) {
			return Language{Code: pr.code, Confidence: 0.5, Reason: "prior: " + pr.source + " (" + why + ")"}, true
		}
	}
	return Language{}, false
}

package detect

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Area is an inferred product area: Name is one of ticket.ProductAreas,
// Confidence in [0, 1], Matched the vocabulary terms found for it.
type Area struct {
	Name       string
	Confidence float64
	Matched    []string
}

// areaOrder breaks ties: the area whose mistake costs most comes first (a
// hacked account routed to deposits waits in the wrong queue while funds
// leave).
var areaOrder = []string{"account_security", "kyc", "futures", "p2p", "earn", "card", "withdrawals", "wallet_deposits", "spot"}

// term is one vocabulary entry, folded like the text it is matched in.
type term struct {
	text     string // as written in the vocabulary, for Matched
	folded   string
	weight   float64
	boundary bool // must start a word (alphabetic scripts)
	// exact terms are short words whose accents matter: folded, "thẻ"
	// (card) would be English "the"; they match the unfolded text.
	exact bool
	whole bool // must also end a word ("apr" is not "aprobado")
}

// areaTerms holds each area's terms, longest first, so that a stem inside
// a longer term at the same place counts once.
var areaTerms = buildAreaTerms()

func buildAreaTerms() map[string][]term {
	m := make(map[string][]term, len(areaVocabulary))
	for area, vocab := range areaVocabulary {
		var list []term
		for _, raw := range strings.FieldsFunc(vocab, func(r rune) bool { return r == '|' || r == '\n' }) {
			raw = strings.TrimSpace(raw)
			weight := 1.0
			if strings.HasPrefix(raw, "!") {
				raw, weight = raw[1:], 3
			}
			whole := strings.HasSuffix(raw, "=")
			raw = strings.TrimSuffix(raw, "=")
			if raw == "" {
				continue
			}
			if strings.Contains(raw, " ") {
				weight += 0.5 // a phrase says more than any one of its words
			}
			first, _ := utf8.DecodeRuneInString(raw)
			t := term{text: raw, folded: fold(raw), weight: weight, whole: whole,
				boundary: unicode.In(first, unicode.Latin, unicode.Cyrillic) || first < utf8.RuneSelf}
			if lowered := lowerText(raw); t.folded != lowered && utf8.RuneCountInString(t.folded) < 5 && !strings.Contains(raw, " ") {
				t.folded, t.exact = lowered, true
			}
			if i := slices.IndexFunc(list, func(o term) bool { return o.folded == t.folded && o.exact == t.exact }); i >= 0 {
				list[i].weight = max(list[i].weight, t.weight) // the same word in two languages
				continue
			}
			list = append(list, t)
		}
		slices.SortStableFunc(list, func(a, b term) int { return len(b.folded) - len(a.folded) })
		m[area] = list
	}
	return m
}

// DetectArea infers the product area of a message from multilingual
// vocabularies; "other" with a low confidence when nothing matches.
func DetectArea(text string) Area {
	lowered := lowerText(prefix(text, maxAreaText))
	folded := fold(lowered)
	scores := make(map[string]float64, len(areaOrder))
	matched := make(map[string][]string, len(areaOrder))
	for _, area := range areaOrder {
		var spans [][2]int
		for _, t := range areaTerms[area] {
			in := folded
			if t.exact {
				in = lowered
			}
			at := findTerm(in, t)
			if at < 0 || overlaps(spans, at, at+len(t.folded)) {
				continue
			}
			spans = append(spans, [2]int{at, at + len(t.folded)})
			scores[area] += t.weight
			matched[area] = append(matched[area], t.text)
		}
	}
	if leverage(lowered) {
		scores["futures"] += 2
		matched["futures"] = append(matched["futures"], "<n>x")
	}
	best, second := "", 0.0
	for _, area := range areaOrder {
		s := scores[area]
		switch {
		case best == "" || s > scores[best]:
			if best != "" {
				second = scores[best]
			}
			best = area
		case s > second:
			second = s
		}
	}
	top := scores[best]
	if top == 0 {
		return Area{Name: "other", Confidence: 0.2}
	}
	conf := top / (top + second) * min(1, top/3)
	return Area{Name: best, Confidence: min(conf, 0.95), Matched: matched[best]}
}

// leverage reports a leverage figure such as "20x", "50X" or "100倍"
// standing alone: only futures and margin trading are spoken of that way.
func leverage(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '1' || s[i] > '9' || i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
			continue
		}
		j := i
		for j < len(s) && j-i < 3 && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		rest := s[j:]
		if strings.HasPrefix(rest, "倍") {
			return true
		}
		if strings.HasPrefix(rest, "x") && wordEdge(rest[1:], false) && (i == 0 || wordEdge(s[:i], true)) {
			return true
		}
	}
	return false
}

// overlaps reports whether [from, to) overlaps a span already counted: a
// stem inside a longer term ("سحب" in "السحب", "retir" in "retiro") counts
// once. Offsets of the folded and the lowered text differ a little; a
// stem matched in one and its longer term in the other may both count.
func overlaps(spans [][2]int, from, to int) bool {
	for _, s := range spans {
		if from < s[1] && s[0] < to {
			return true
		}
	}
	return false
}

// findTerm returns where t first occurs in folded text at a word start (for
// alphabetic scripts; CJK, Thai, Korean endings and Arabic's attached
// prefixes have no such boundary), or -1.
func findTerm(folded string, t term) int {
	from := 0
	for {
		i := strings.Index(folded[from:], t.folded)
		if i < 0 {
			return -1
		}
		at := from + i
		end := at + len(t.folded)
		if (!t.boundary || wordEdge(folded[:at], true)) && (!t.whole || wordEdge(folded[end:], false)) {
			return at
		}
		from = end
	}
}

// wordEdge reports whether a word boundary lies at the end of before (or
// at the start of after, when last is false).
func wordEdge(s string, last bool) bool {
	if s == "" {
		return true
	}
	var r rune
	if last {
		r, _ = utf8.DecodeLastRuneInString(s)
	} else {
		r, _ = utf8.DecodeRuneInString(s)
	}
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// accents are the combining marks folding removes: customers often type
// "nao", "rut tien" or "cekim" for "não", "rút tiền", "çekim".
var accents = runes.Remove(runes.Predicate(func(r rune) bool { return r >= 0x300 && r <= 0x36F }))

// fold lowercases and removes Latin and Cyrillic accents (NFD, drop the
// marks, NFC again so Hangul and kana stay whole), plus the letters that
// have no decomposition.
func fold(s string) string {
	s = lowerText(s)
	if out, _, err := transform.String(transform.Chain(norm.NFD, accents, norm.NFC), s); err == nil {
		s = out
	}
	return letterFolder.Replace(s)
}

var letterFolder = strings.NewReplacer("đ", "d", "ł", "l", "ı", "i", "ß", "ss", "’", "'", "ё", "е")

// lowerText lowercases with the Turkish dotted capital I as a plain i.
func lowerText(s string) string {
	return strings.ToLower(strings.ReplaceAll(s, "İ", "i"))
}

// maxAreaText bounds the work per message: what a message is about shows
// in its first few kilobytes, and a pasted log must not cost milliseconds.
const maxAreaText = 4096

// prefix returns at most n bytes of s, cut at a rune boundary.
func prefix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

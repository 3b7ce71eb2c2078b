package guard

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalised is text folded for matching words against vocabularies, with
// a map back to the original. The folding undoes what people do to get a
// word past a filter: compatibility forms (full-width, mathematical and
// circled letters) become plain letters (NFKD), accents on Latin letters
// go, everything is lower case, invisible characters disappear, Cyrillic
// and Greek look-alikes inside Latin words become Latin, leetspeak inside
// words becomes letters ("s33d" -> "seed", "p@ssw0rd" -> "password") and
// letters written one at a time become a word again ("s e e d",
// "p.a.s.s.w.o.r.d").
type Normalised struct {
	Text string
	off  []int // off[i]: byte offset in the original of the rune that produced Text[i]; one more entry for the end
}

// Orig maps a byte offset of n.Text back to the original text.
func (n Normalised) Orig(i int) int {
	if i < 0 {
		return 0
	}
	if i >= len(n.off) {
		return n.off[len(n.off)-1]
	}
	return n.off[i]
}

type nrune struct {
	r   rune
	off int // start of the original rune
}

// Normalise folds text as described on Normalised.
func Normalise(text string) Normalised {
	rs := make([]nrune, 0, len(text))
	latin := false
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			rs = append(rs, nrune{r, i})
			latin = true
			i += size
			continue
		}
		if isZeroWidth(r) || isInvisible(r) {
			i += size
			continue
		}
		d := norm.NFKD.PropertiesString(text[i : i+size]).Decomposition()
		if d != nil && r >= 0x3000 && r < 0xFF00 && utf8.RuneCount(d) > 1 {
			d = nil // kana keep their voicing marks: "ド" stays one letter
		}
		if d == nil {
			rs, latin = appendNorm(rs, r, i, latin)
		} else {
			for j := 0; j < len(d); {
				dr, n := utf8.DecodeRune(d[j:])
				rs, latin = appendNorm(rs, dr, i, latin)
				j += n
			}
		}
		i += size
	}
	rs = foldWords(rs)
	rs = joinSpelled(rs)
	b := make([]byte, 0, len(rs)+len(rs)/2)
	off := make([]int, 0, cap(b)+1)
	for _, x := range rs {
		n := len(b)
		b = utf8.AppendRune(b, x.r)
		for ; n < len(b); n++ {
			off = append(off, x.off)
		}
	}
	off = append(off, len(text))
	return Normalised{Text: string(b), off: off}
}

// NormaliseString is Normalise without the map back.
func NormaliseString(s string) string { return Normalise(s).Text }

func appendNorm(rs []nrune, r rune, off int, latin bool) ([]nrune, bool) {
	if unicode.Is(unicode.Mn, r) {
		if latin {
			return rs, true // an accent on a Latin letter
		}
		return append(rs, nrune{r, off}), false
	}
	if r == 'ı' { // Turkish dotless i: "şifrenızı" and "sifrenizi" meet
		r = 'i'
	}
	if a, ok := smallCapitals[r]; ok { // "ꜱeed": no language writes these
		r = a
	}
	r = unicode.ToLower(r)
	switch {
	case r >= 0x0660 && r <= 0x0669: // Arabic-Indic digits
		r = '0' + r - 0x0660
	case r >= 0x06F0 && r <= 0x06F9:
		r = '0' + r - 0x06F0
	case r >= 0x0E50 && r <= 0x0E59: // Thai digits
		r = '0' + r - 0x0E50
	case r == 'ى':
		r = 'ي'
	case r == 'ة':
		r = 'ه'
	case r == 0x0640: // tatweel, the Arabic stretching stroke
		return rs, latin
	}
	switch r { // typographic forms of ASCII punctuation
	case '‘', '’', '′', '`', '´':
		r = '\''
	case '“', '”', '„', '«', '»':
		r = '"'
	case '‐', '‑', '‒', '–', '—', '―':
		r = '-'
	case '\u00a0', '\u2007', '\u202f', '\u3000':
		r = ' '
	}
	// Accents go from Latin letters and vowel signs from Arabic ones
	// (people write أرسل and ارسل alike).
	return append(rs, nrune{r, off}), r < 0x250 || (r >= 0x1E00 && r <= 0x1EFF) || isArabic(r)
}

// isInvisible reports formatting characters that zero-width removal in
// the inbound detector leaves alone but that never change a word.
func isInvisible(r rune) bool {
	switch {
	case r >= 0x200E && r <= 0x200F, r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
		return true // bidi controls
	case r >= 0xFE00 && r <= 0xFE0F, r == 0x034F:
		return true // variation selectors, combining grapheme joiner
	}
	return false
}

// isLatinLetter reports a lower-case Latin letter after folding.
func isLatinLetter(r rune) bool {
	return 'a' <= r && r <= 'z' || r >= 0xC0 && r < 0x250 && unicode.IsLetter(r) || r >= 0x1E00 && r <= 0x1EFF
}

// confusable maps Cyrillic and Greek letters that look like Latin ones.
func confusable(r rune) (rune, bool) {
	switch r {
	case 'а', 'α':
		return 'a', true
	case 'в', 'β':
		return 'b', true
	case 'с', 'ϲ':
		return 'c', true
	case 'ԁ':
		return 'd', true
	case 'е', 'ε', 'ё':
		return 'e', true
	case 'ɡ':
		return 'g', true
	case 'һ', 'н', 'η':
		return 'h', true
	case 'і', 'ι', 'ї', 'ɩ':
		return 'i', true
	case 'ј', 'ϳ':
		return 'j', true
	case 'к', 'κ':
		return 'k', true
	case 'ӏ', 'ɭ':
		return 'l', true
	case 'м', 'μ':
		return 'm', true
	case 'п', 'ո':
		return 'n', true
	case 'о', 'ο', 'σ', 'օ':
		return 'o', true
	case 'р', 'ρ':
		return 'p', true
	case 'ԛ':
		return 'q', true
	case 'г':
		return 'r', true
	case 'ѕ':
		return 's', true
	case 'т', 'τ':
		return 't', true
	case 'υ', 'ս':
		return 'u', true
	case 'ν', 'ѵ':
		return 'v', true
	case 'ԝ', 'ω', 'ш':
		return 'w', true
	case 'х', 'χ':
		return 'x', true
	case 'у', 'γ':
		return 'y', true
	case 'ᴢ':
		return 'z', true
	}
	return r, false
}

// nonSlavic reports look-alikes that Russian and Ukrainian do not use: a
// word of Cyrillic letters containing one is a disguised Latin word.
func nonSlavic(r rune) bool {
	switch r {
	case 'ѕ', 'ј', 'ԁ', 'ԝ', 'һ', 'ӏ', 'ԛ', 'ѵ':
		return true
	}
	return r >= 0x0370 && r <= 0x03FF // Greek: not one of the product's languages
}

// leet maps the digits and symbols written for letters.
func leet(r rune) (rune, bool) {
	switch r {
	case '0':
		return 'o', true
	case '1', '!', '|':
		return 'i', true
	case '3':
		return 'e', true
	case '4', '@':
		return 'a', true
	case '5', '$':
		return 's', true
	case '7':
		return 't', true
	}
	return r, false
}

// foldWords undoes look-alike letters and leetspeak word by word: only a
// word that mixes scripts (or uses letters no Slavic word has) is folded,
// so Russian and Ukrainian stay as they are, and only a word that starts
// with a letter (or a symbol right before letters) has its digits read as
// letters, so "1st", "2fa" and "24" stay numbers.
func foldWords(rs []nrune) []nrune {
	folded := 0
	for i := 0; i < len(rs); {
		if isSpaceRune(rs[i].r) {
			i++
			continue
		}
		j := i
		var hasLatin, hasConf, odd bool
		letters, leets := 0, 0
		for j < len(rs) && !isSpaceRune(rs[j].r) {
			r := rs[j].r
			switch {
			case isLatinLetter(r):
				hasLatin = true
				letters++
			case unicode.IsLetter(r):
				letters++
				if _, ok := confusable(r); ok {
					hasConf = true
					odd = odd || nonSlavic(r)
				}
			default:
				if _, ok := leet(r); ok {
					leets++
				}
			}
			j++
		}
		if hasConf && (hasLatin || odd) {
			foldMixed(rs[i:j], odd)
			hasLatin = true
		}
		if leets > 0 && letters >= 2 {
			if hasLatin {
				if foldLeet(rs[i:j], letters, leet) {
					folded++
				}
			} else if cyrillicWord(rs[i:j]) {
				foldLeet(rs[i:j], letters, leetCyrillic)
			}
		}
		i = j
	}
	if folded >= 2 {
		foldShortLeet(rs)
	}
	return rs
}

// foldShortLeet reads every digit of a Latin word as a letter once two
// words of the message were leetspeak: a message written that way writes
// its short words that way too ("d3", "4nd4", "p4r4"). Numbers, and a
// number followed by letters ("2fa", "1st", "24h"), stay.
func foldShortLeet(rs []nrune) {
	for i := 0; i < len(rs); {
		if isSpaceRune(rs[i].r) {
			i++
			continue
		}
		j := i
		letters, leets, leadDigits := 0, 0, 0
		for j < len(rs) && !isSpaceRune(rs[j].r) {
			r := rs[j].r
			if isLatinLetter(r) {
				letters++
			} else if _, ok := leet(r); ok && unicode.IsDigit(r) {
				leets++
				if letters == 0 {
					leadDigits++
				}
			}
			j++
		}
		numberFirst := leadDigits == leets // "2fa": digits, then only letters
		if letters >= 1 && leets > 0 && !numberFirst {
			for k := i; k < j; k++ {
				if unicode.IsDigit(rs[k].r) {
					rs[k].r, _ = leet(rs[k].r)
				}
			}
		}
		i = j
	}
}

// foldLeet reads digits and symbols as letters inside one word. A run of
// them counts when letters are on both sides ("s33d"), or at the word's
// start or end next to at least three letters ("5eed", "phras3"), so that
// "1st", "3rd" and "usdt-trc20" stay as they are.
func foldLeet(w []nrune, letters int, leet func(rune) (rune, bool)) bool {
	changed := false
	isL := func(k int) bool { return k >= 0 && k < len(w) && unicode.IsLetter(w[k].r) }
	for k := 0; k < len(w); {
		if _, ok := leet(w[k].r); !ok {
			k++
			continue
		}
		e := k
		for e < len(w) {
			if _, ok := leet(w[e].r); !ok {
				break
			}
			e++
		}
		left, right := isL(k-1), isL(e)
		ok := left && right
		if !ok && e-k == 1 && letters >= 3 {
			c := w[k].r
			ok = k == 0 && right || e == len(w) && left && c != '!' && c != '|'
		}
		if ok {
			for m := k; m < e; m++ {
				w[m].r, _ = leet(w[m].r)
			}
			changed = true
		}
		k = e
	}
	return changed
}

// foldMixed folds a word that mixes Latin and Cyrillic or Greek letters
// into the script most of its letters are in: "раssword" becomes Latin,
// "пaроль" (one Latin a) stays Russian.
func foldMixed(w []nrune, odd bool) {
	latin, other := 0, 0
	for _, x := range w {
		if isLatinLetter(x.r) {
			latin++
		} else if unicode.IsLetter(x.r) {
			other++
		}
	}
	if other > latin && !odd {
		for k := range w {
			if c, ok := toCyrillic(w[k].r); ok {
				w[k].r = c
			}
		}
		return
	}
	for k := range w {
		if c, ok := confusable(w[k].r); ok {
			w[k].r = c
		}
	}
}

func toCyrillic(r rune) (rune, bool) {
	switch r {
	case 'a':
		return 'а', true
	case 'e':
		return 'е', true
	case 'o':
		return 'о', true
	case 'p':
		return 'р', true
	case 'c':
		return 'с', true
	case 'y':
		return 'у', true
	case 'x':
		return 'х', true
	case 'k':
		return 'к', true
	case 'i':
		return 'і', true
	}
	return r, false
}

func isSpaceRune(r rune) bool {
	return r == ' ' || r == '\n' || r == '\t' || r == '\r' || unicode.IsSpace(r)
}

// spelledSep reports what people put between letters written one at a
// time.
func spelledSep(r rune) bool {
	switch r {
	case ' ', '.', '-', '_', '*', '·', '/', '|', '+', '~', ',':
		return true
	}
	return false
}

// joinSpelled joins runs of at least four single letters separated by one
// separator each ("s e e d", "p.a.s.s.w.o.r.d", "s-3-3-d") into a word.
// Three would catch "U.S.A." and "a b c" lists; no secret word is shorter
// than four letters except "pin" and "otp", which nobody bothers to spell.
// Spelled words of a spelled phrase join too: two spaces between words
// spelled with one ("m o t  d e  p a s s e"), or a short spelled word next
// to a long one with the same separator ("c.l.e p.r.i.v.e.e").
func joinSpelled(rs []nrune) []nrune {
	single := func(k int) bool {
		if k < 0 || k >= len(rs) {
			return false
		}
		r := rs[k].r
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return false
		}
		return (k == 0 || spelledSep(rs[k-1].r) || isSpaceRune(rs[k-1].r)) &&
			(k+1 == len(rs) || spelledSep(rs[k+1].r) || isSpaceRune(rs[k+1].r))
	}
	type run struct {
		i, j, n, letters, longest int
		sep                       rune
		breaks                    []int // letters preceded by a word break
		ok                        bool
	}
	var runs []run
	for i := 0; i < len(rs); {
		if !single(i) {
			i++
			continue
		}
		// Count the run: letter, sep, letter, sep, ...; the separator must
		// be the same throughout, so "a, b and c" never joins.
		ru := run{i: i, j: i, n: 1, sep: -1}
		seg := 1
		if unicode.IsLetter(rs[i].r) {
			ru.letters++
		}
		for {
			j := ru.j
			var next int
			switch {
			case j+2 < len(rs) && single(j+2) && spelledSep(rs[j+1].r) && (ru.sep < 0 || rs[j+1].r == ru.sep):
				ru.sep = rs[j+1].r
				next = j + 2
				seg++
			case ru.sep == ' ' && j+3 < len(rs) && rs[j+1].r == ' ' && rs[j+2].r == ' ' && single(j+3):
				next = j + 3
				ru.breaks = append(ru.breaks, next)
				ru.longest = max(ru.longest, seg)
				seg = 1
			default:
				next = -1
			}
			if next < 0 {
				break
			}
			ru.j = next
			ru.n++
			if unicode.IsLetter(rs[next].r) {
				ru.letters++
			}
		}
		ru.longest = max(ru.longest, seg)
		ru.ok = ru.n >= 4 && 2*ru.letters >= ru.n && ru.sep != ',' && (len(ru.breaks) == 0 || ru.longest >= 3) ||
			ru.n >= 2 && ru.sep == ' ' && len(ru.breaks) == 0 && spacedHan(rs, ru.i, ru.j)
		runs = append(runs, ru)
		i = ru.j + 1
	}
	// A short spelled word beside a long one: "c.l.e p.r.i.v.e.e".
	for k := range runs {
		r := &runs[k]
		if r.ok || r.n < 2 || r.letters < 2 || r.sep == ',' || r.sep < 0 {
			continue
		}
		for _, o := range []int{k - 1, k + 1} {
			if o < 0 || o >= len(runs) || !runs[o].ok || runs[o].sep != r.sep || len(runs[o].breaks) > 0 {
				continue
			}
			a, b := r, &runs[o]
			if o < k {
				a, b = b, r
			}
			// One to three spaces, hyphens or separators between them.
			gap := rs[a.j+1 : b.i]
			plain := len(gap) >= 1 && len(gap) <= 3
			for _, g := range gap {
				plain = plain && (isSpaceRune(g.r) || g.r == '-' || g.r == r.sep)
			}
			if plain && (r.sep != ' ' || len(gap) > 1) {
				r.ok = true
			}
		}
	}
	any := false
	for _, r := range runs {
		any = any || r.ok
	}
	if !any {
		return rs
	}
	out := make([]nrune, 0, len(rs))
	last := 0
	for _, r := range runs {
		if !r.ok {
			continue
		}
		out = append(out, rs[last:r.i]...)
		word := make([]nrune, 0, r.n+len(r.breaks))
		b := 0
		for k := r.i; k <= r.j; {
			if b < len(r.breaks) && r.breaks[b] == k {
				word = append(word, nrune{' ', rs[k-1].off})
				b++
			}
			word = append(word, rs[k])
			if b < len(r.breaks) && r.breaks[b] == k+3 {
				k += 3
			} else {
				k += 2
			}
		}
		foldLeet(word, r.letters, leet)
		out = append(out, word...)
		last = r.j + 1
	}
	return append(out, rs[last:]...)
}

// leetCyrillic maps what people write for Cyrillic letters: "пар0ль".
func leetCyrillic(r rune) (rune, bool) {
	switch r {
	case '0':
		return 'о', true
	case '3':
		return 'з', true
	case '4':
		return 'ч', true
	case '6':
		return 'б', true
	case '@':
		return 'а', true
	}
	return r, false
}

func cyrillicWord(w []nrune) bool {
	for _, x := range w {
		if unicode.Is(unicode.Cyrillic, x.r) {
			return true
		}
	}
	return false
}

// smallCapitals maps the phonetic small capitals that look like lower-case
// letters.
var smallCapitals = map[rune]rune{
	'ᴀ': 'a', 'ʙ': 'b', 'ᴄ': 'c', 'ᴅ': 'd', 'ᴇ': 'e', 'ꜰ': 'f', 'ɢ': 'g', 'ʜ': 'h', 'ɪ': 'i', 'ᴊ': 'j', 'ᴋ': 'k', 'ʟ': 'l', 'ᴍ': 'm',
	'ɴ': 'n', 'ᴏ': 'o', 'ᴘ': 'p', 'ꞯ': 'q', 'ʀ': 'r', 'ꜱ': 's', 'ᴛ': 't', 'ᴜ': 'u', 'ᴠ': 'v', 'ᴡ': 'w', 'ʏ': 'y', 'ᴢ': 'z',
}

// spacedHan reports a run of Han or kana characters written one at a time
// with a space between ("助 记 词"): Chinese and Japanese put no spaces
// between words, so such characters in a row were pulled apart.
func spacedHan(rs []nrune, i, j int) bool {
	for k := i; k <= j; k += 2 {
		r := rs[k].r
		if !unicode.Is(unicode.Han, r) && !unicode.Is(unicode.Hiragana, r) && !unicode.Is(unicode.Katakana, r) {
			return false
		}
	}
	return true
}

package guard

import (
	"crypto/sha256"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// mnemonic makes a valid BIP-39 mnemonic of n words in the given list from
// entropy drawn from rng: entropy, then the first ENT/32 bits of its
// SHA-256 as checksum, cut into 11-bit word indexes.
func mnemonic(t testing.TB, rng *rand.Rand, id listID, n int) []string {
	t.Helper()
	ent := n * 11 * 32 / 33 / 8
	data := make([]byte, ent, ent+1)
	for i := range data {
		data[i] = byte(rng.UintN(256))
	}
	sum := sha256.Sum256(data)
	data = append(data, sum[0])
	words := make([]string, n)
	idx := make([]int16, n)
	raw := rawWords(t, id)
	for i := range n {
		v := 0
		for b := range 11 {
			p := i*11 + b
			v = v<<1 | int(data[p/8]>>(7-p%8)&1)
		}
		words[i], idx[i] = raw[v], int16(v)
	}
	if !bip39Valid(idx) {
		t.Fatalf("generated mnemonic fails its own checksum")
	}
	return words
}

var sharedDetector = NewDetector()

// rawWords returns a list as published (before key normalization).
func rawWords(t testing.TB, id listID) []string {
	t.Helper()
	data, err := wordlistFS.ReadFile("wordlists/" + listFiles[id].file)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimRight(string(data), "\n"), "\n")
}

// placed is a formatted secret and where each word landed in it.
type placed struct {
	text  string
	spans [][2]int
}

type builder struct {
	b     strings.Builder
	spans [][2]int
}

func (b *builder) raw(s string) { b.b.WriteString(s) }
func (b *builder) word(s string) {
	start := b.b.Len()
	b.b.WriteString(s)
	b.spans = append(b.spans, [2]int{start, b.b.Len()})
}

var latinLists = map[listID]bool{listEnglish: true, listSpanish: true, listFrench: true, listItalian: true, listCzech: true, listPortuguese: true, listTurkish: true}

// format writes words in one of many ways people paste a seed phrase.
func format(rng *rand.Rand, id listID, words []string, style int) placed {
	var b builder
	ws := make([]string, len(words))
	for i, w := range words {
		ws[i] = norm.NFC.String(w) // what keyboards produce
	}
	sep := " "
	if id == listJapanese {
		sep = "\u3000"
	}
	switch style % 12 {
	case 0: // plain
		for i, w := range ws {
			if i > 0 {
				b.raw(sep)
			}
			b.word(w)
		}
	case 1: // numbered
		for i, w := range ws {
			b.raw(fmt.Sprintf("%d. ", i+1))
			b.word(w)
			b.raw(" ")
		}
	case 2: // one a line, "1)"
		for i, w := range ws {
			b.raw(fmt.Sprintf("%d) ", i+1))
			b.word(w)
			b.raw("\n")
		}
	case 3: // commas
		for i, w := range ws {
			if i > 0 {
				b.raw(", ")
			}
			b.word(w)
		}
	case 4: // mixed case, extra spaces and tabs
		for i, w := range ws {
			if i > 0 {
				b.raw([]string{"  ", "\t", " \n ", "   "}[rng.IntN(4)])
			}
			switch rng.IntN(3) {
			case 0:
				w = strings.ToUpper(w)
			case 1:
				r, n := utf8.DecodeRuneInString(w)
				w = string(unicode.ToUpper(r)) + w[n:]
			}
			b.word(w)
		}
	case 5: // inside a message
		b.raw("Hi support, my wallet is empty and I don't know why. These are the words: ")
		for i, w := range ws {
			if i > 0 {
				b.raw(sep)
			}
			b.word(w)
		}
		b.raw(" — please help me!")
	case 6: // zero-width characters between words
		for i, w := range ws {
			if i > 0 {
				b.raw([]string{"\u200b", " \u200b", "\u200c ", "\ufeff"}[rng.IntN(4)])
			}
			b.word(w)
		}
	case 7: // decomposed (NFD) text, or accents dropped
		for i, w := range words {
			if i > 0 {
				b.raw(sep)
			}
			if latinLists[id] && rng.IntN(2) == 0 {
				w = stripMarks(w)
			} else {
				w = norm.NFD.String(w)
			}
			b.word(w)
		}
	case 8: // a file name
		b.raw("backup_")
		for i, w := range ws {
			if i > 0 {
				b.raw("_")
			}
			b.word(w)
		}
		b.raw(".txt")
	case 9: // one misspelled word, where the lists allow for it
		bad := -1
		for tries := 0; tries < 10 && latinLists[id]; tries++ {
			k := rng.IntN(len(ws))
			if utf8.RuneCountInString(stripMarks(ws[k])) >= 5 && isASCIILetters(stripMarks(ws[k])) {
				bad = k
				break
			}
		}
		for i, w := range ws {
			if i > 0 {
				b.raw(sep)
			}
			if i == bad {
				w = misspell(rng, stripMarks(w))
			}
			b.word(w)
		}
	case 10: // CJK written without spaces; others in full-width letters
		for i, w := range ws {
			switch id {
			case listChineseSimplified, listChineseTraditional, listJapanese, listKorean:
			default:
				if i > 0 {
					b.raw(" ")
				}
				w = fullWidth(w)
			}
			b.word(w)
		}
	case 11: // split by a line of its own and numbered with "#"
		b.raw("seed:\n")
		for i, w := range ws {
			b.raw(fmt.Sprintf("#%d ", i+1))
			b.word(w)
			if i%4 == 3 {
				b.raw("\n")
			} else {
				b.raw(" ")
			}
		}
	}
	return placed{text: b.b.String(), spans: b.spans}
}

func stripMarks(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func misspell(rng *rand.Rand, w string) string {
	p := 1 + rng.IntN(len(w)-2)
	switch rng.IntN(3) {
	case 0: // substitute
		c := byte('a' + rng.IntN(26))
		if c == w[p] {
			c = 'z' - (c - 'a')
		}
		return w[:p] + string(c) + w[p+1:]
	case 1: // drop
		return w[:p] + w[p+1:]
	default: // double a letter
		return w[:p] + string(w[p]) + w[p:]
	}
}

func fullWidth(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '!' && r <= '~' {
			r += 0xFF01 - '!'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// covered reports whether findings of a seed kind cover every word.
func covered(fs []Finding, spans [][2]int) bool {
	for _, sp := range spans {
		ok := false
		for _, f := range fs {
			if seedKinds[f.Kind] && f.Start <= sp[0] && sp[1] <= f.End {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// TestRecall generates 2,000 valid mnemonics over every list and length,
// formats them in the ways customers paste them, and requires that every
// one is redacted whole.
func TestRecall(t *testing.T) {
	d := sharedDetector
	rng := rand.New(rand.NewPCG(39, 2048))
	lengths := []int{12, 15, 18, 21, 24}
	const total = 2000
	missed := 0
	for i := range total {
		id := listID(i % numBIP39)
		n := lengths[(i/numBIP39)%len(lengths)]
		words := mnemonic(t, rng, id, n)
		style := (i / (numBIP39 * len(lengths))) + i
		p := format(rng, id, words, style)
		res := d.Scan(p.text)
		if !covered(res.Findings, p.spans) {
			missed++
			if missed <= 5 {
				t.Errorf("missed %s %d words, style %d: %q -> %+v", listFiles[id].file, n, style%12, p.text, res.Findings)
			}
			continue
		}
		for _, f := range res.Findings {
			if strings.Contains(res.Redacted, p.text[f.Start:f.End]) {
				t.Errorf("redacted text still holds the phrase: %q", res.Redacted)
			}
		}
	}
	recall := float64(total-missed) / total * 100
	t.Logf("seed phrase recall: %d/%d = %.2f%% (12 BIP-39 lists x 5 lengths x 12 formats)", total-missed, total, recall)
	if missed > 0 {
		t.Fatalf("recall %.2f%%, want 100%%", recall)
	}
}

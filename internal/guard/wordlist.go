package guard

import (
	"embed"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The word lists are public data, embedded as plain text (one word a line);
// wordlists/README.md says where each came from.
//
//go:embed wordlists/*.txt
var wordlistFS embed.FS

// listID names one embedded word list. Its value is the bit in a word's mask.
type listID uint8

const (
	listEnglish listID = iota
	listJapanese
	listKorean
	listSpanish
	listChineseSimplified
	listChineseTraditional
	listFrench
	listItalian
	listCzech
	listPortuguese
	listRussian
	listTurkish
	listSLIP39
	listMonero
	numLists
)

const (
	numBIP39  = 12
	bip39Mask = uint16(1)<<numBIP39 - 1
	slipMask  = uint16(1) << listSLIP39
	xmrMask   = uint16(1) << listMonero
	hanMask   = uint16(1)<<listChineseSimplified | uint16(1)<<listChineseTraditional
)

var listFiles = [numLists]struct {
	file string
	size int
}{
	listEnglish:            {"bip39_english.txt", 2048},
	listJapanese:           {"bip39_japanese.txt", 2048},
	listKorean:             {"bip39_korean.txt", 2048},
	listSpanish:            {"bip39_spanish.txt", 2048},
	listChineseSimplified:  {"bip39_chinese_simplified.txt", 2048},
	listChineseTraditional: {"bip39_chinese_traditional.txt", 2048},
	listFrench:             {"bip39_french.txt", 2048},
	listItalian:            {"bip39_italian.txt", 2048},
	listCzech:              {"bip39_czech.txt", 2048},
	listPortuguese:         {"bip39_portuguese.txt", 2048},
	listRussian:            {"bip39_russian.txt", 2048},
	listTurkish:            {"bip39_turkish.txt", 2048},
	listSLIP39:             {"slip39_english.txt", 1024},
	listMonero:             {"monero_english.txt", 1626},
}

// listAliases are second spellings of published words that a list's
// source got wrong. Trezor's russian.txt has two U+FFFD where "снова"
// has "в" (line 1573, between "сниться" and "снять"): wallets built on it
// show the broken word, people retype it whole.
var listAliases = map[listID]map[string]string{
	listRussian: {"сно\ufffd\ufffdа": "снова"},
}

// entry is what one normalized spelling means: the lists it belongs to and
// its index in each of them.
type entry struct {
	mask uint16
	idx  [numLists]int16
}

// lexicon holds every word list, keyed by normalized spelling. It is built
// once and only read afterwards.
type lexicon struct {
	words   [numLists][]string // normalized words, by index
	keys    map[string]int32   // normalized spelling -> entry
	entries []entry
	// deletes indexes words of five letters or more of the Latin-script
	// lists by themselves and by every one-letter deletion, to find
	// misspellings at edit distance 1 (symmetric delete).
	deletes map[string][]int32
	// shortDeletes does the same for words of three and four letters,
	// which only a word between two list words is looked up in
	// (promoteShortTypos): alone, too much prose is one edit from them.
	shortDeletes map[string][]int32
	// runeDeletes does the same, a rune at a time, for the words of the
	// Russian and Japanese lists (runeTypoLists), whose keys are not ASCII:
	// a doubled Cyrillic letter, a kana dropped, or a voicing mark that
	// OCR misread (a mark is a rune of its own in a key) is one edit.
	runeDeletes map[string][]int32
	entryKeys   []string
	maxRunes    int // longest word, in runes of its NFC form
}

// runeTypoLists are the lists whose misspellings runeDeletes finds.
const runeTypoLists = uint16(1)<<listRussian | uint16(1)<<listJapanese

// sharedLexicon builds the lexicon once per process. Every Detector only
// reads it, and an App builds two of them (a test process hundreds): each
// build was about 20 MB of maps in some 200,000 allocations.
var sharedLexicon = sync.OnceValues(newLexicon)

func newLexicon() (*lexicon, error) {
	lx := &lexicon{keys: make(map[string]int32, 20000), deletes: make(map[string][]int32, 60000), shortDeletes: make(map[string][]int32, 8000), runeDeletes: make(map[string][]int32, 30000)}
	var buf []byte
	for id := range numLists {
		f := listFiles[id]
		data, err := wordlistFS.ReadFile("wordlists/" + f.file)
		if err != nil {
			return nil, fmt.Errorf("read word list %s: %w", f.file, err)
		}
		lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
		if len(lines) != f.size {
			return nil, fmt.Errorf("word list %s has %d words, want %d", f.file, len(lines), f.size)
		}
		lx.words[id] = make([]string, len(lines))
		for i, w := range lines {
			buf = appendKey(buf[:0], w)
			key := string(buf)
			lx.words[id][i] = key
			if n := utf8.RuneCountInString(norm.NFC.String(w)); n > lx.maxRunes {
				lx.maxRunes = n
			}
			e, ok := lx.keys[key]
			if !ok {
				e = int32(len(lx.entries))
				var en entry
				for j := range en.idx {
					en.idx[j] = -1
				}
				lx.entries = append(lx.entries, en)
				lx.entryKeys = append(lx.entryKeys, key)
				lx.keys[key] = e
			}
			if lx.entries[e].mask&(1<<id) != 0 {
				return nil, fmt.Errorf("word list %s: %q appears twice after normalization", f.file, w)
			}
			lx.entries[e].mask |= 1 << id
			lx.entries[e].idx[id] = int16(i)
		}
	}
	for id, aliases := range listAliases {
		for published, alias := range aliases {
			buf = appendKey(buf[:0], published)
			e, ok := lx.keys[string(buf)]
			if !ok {
				return nil, fmt.Errorf("word list %s: no word %q to alias", listFiles[id].file, published)
			}
			buf = appendKey(buf[:0], alias)
			lx.keys[string(buf)] = e
		}
	}
	for e, key := range lx.entryKeys {
		if lx.entries[e].mask&runeTypoLists != 0 && !isASCIILetters(key) {
			lx.indexRuneDeletes(key, int32(e))
			continue
		}
		if !isASCIILetters(key) || len(key) < 3 {
			continue
		}
		index := lx.deletes
		if len(key) < 5 {
			index = lx.shortDeletes
		}
		index[key] = append(index[key], int32(e))
		for i := range len(key) {
			d := key[:i] + key[i+1:]
			index[d] = append(index[d], int32(e))
		}
	}
	return lx, nil
}

// indexRuneDeletes indexes key (entry e) by itself and by every deletion
// of one rune.
func (lx *lexicon) indexRuneDeletes(key string, e int32) {
	lx.runeDeletes[key] = append(lx.runeDeletes[key], e)
	for i, r := range key {
		d := key[:i] + key[i+utf8.RuneLen(r):]
		lx.runeDeletes[d] = append(lx.runeDeletes[d], e)
	}
}

// runeTypoEntries calls add with the entries of runeDeletes that one
// rune's deletion from key, or key itself, leads to.
func (lx *lexicon) runeTypoEntries(key []byte, add func([]int32)) {
	add(lx.runeDeletes[string(key)])
	var tmp [64]byte
	for i := 0; i < len(key); {
		_, n := utf8.DecodeRune(key[i:])
		if len(key)-n <= len(tmp) {
			add(lx.runeDeletes[string(append(append(tmp[:0], key[:i]...), key[i+n:]...))])
		}
		i += n
	}
}

// lookupRuneTypo finds words of the Russian and Japanese lists one edit
// (by runes) from key, of at least minRunes runes; masks merged as in
// mergedTypo.
func (lx *lexicon) lookupRuneTypo(key []byte, minRunes int) (entry, bool) {
	if utf8.RuneCount(key) < minRunes || len(key) > 64 || isASCIILetters(string(key)) {
		return entry{}, false
	}
	var out entry
	for i := range out.idx {
		out.idx[i] = -1
	}
	found := false
	lx.runeTypoEntries(key, func(ids []int32) {
		for _, e := range ids {
			if !withinOneRuneEdit(string(key), lx.entryKeys[e]) {
				continue
			}
			en := lx.entries[e]
			for id := range numLists {
				if en.mask&(1<<id) != 0 && out.idx[id] < 0 {
					out.idx[id] = en.idx[id]
				}
			}
			out.mask |= en.mask & runeTypoLists
			found = true
		}
	})
	return out, found && out.mask != 0
}

// withinOneRuneEdit is withinOneEdit over runes.
func withinOneRuneEdit(a, b string) bool {
	if a == b {
		return true
	}
	if isASCIILetters(a) && isASCIILetters(b) {
		return withinOneEdit(a, b)
	}
	ra, rb := []rune(a), []rune(b)
	la, lb := len(ra), len(rb)
	if la-lb > 1 || lb-la > 1 {
		return false
	}
	i := 0
	for i < la && i < lb && ra[i] == rb[i] {
		i++
	}
	switch {
	case la == lb:
		if string(ra[i+1:]) == string(rb[i+1:]) {
			return true
		}
		return i+1 < la && ra[i] == rb[i+1] && ra[i+1] == rb[i] && string(ra[i+2:]) == string(rb[i+2:])
	case la > lb:
		return string(ra[i+1:]) == string(rb[i:])
	default:
		return string(ra[i:]) == string(rb[i+1:])
	}
}

// lookup returns the entry of a normalized spelling.
func (lx *lexicon) lookup(key []byte) (entry, bool) {
	e, ok := lx.keys[string(key)]
	if !ok {
		return entry{}, false
	}
	return lx.entries[e], true
}

// lookupTypo finds words of the Latin-script lists at edit distance 1
// (one insertion, deletion, substitution or swap of neighbours) from key,
// which must be ASCII letters, at least minLen of them. The masks of all such words
// are merged; each list's index comes from the first word found.
func (lx *lexicon) lookupTypo(key []byte, minLen int) (entry, bool) {
	if len(key) < minLen || len(key) > 16 || !isASCIILetters(string(key)) {
		return entry{}, false
	}
	return lx.mergedTypo(key, lx.deletes)
}

// mergedTypo merges the entries one edit from key that the deletion
// indexes lead to, in order; each list's index comes from the first.
func (lx *lexicon) mergedTypo(key []byte, indexes ...map[string][]int32) (entry, bool) {
	var out entry
	for i := range out.idx {
		out.idx[i] = -1
	}
	var tmp [16]byte
	found := false
	add := func(ids []int32) {
		for _, e := range ids {
			if !withinOneEdit(string(key), lx.entryKeys[e]) {
				continue
			}
			en := lx.entries[e]
			for id := range numLists {
				if en.mask&(1<<id) != 0 && out.idx[id] < 0 {
					out.idx[id] = en.idx[id]
				}
			}
			out.mask |= en.mask
			found = true
		}
	}
	for _, index := range indexes {
		add(index[string(key)])
		for i := range len(key) {
			add(index[string(append(append(tmp[:0], key[:i]...), key[i+1:]...))])
		}
	}
	return out, found
}

// typoReadings lists every index of list id whose word is one edit from
// key (lookupTypo keeps only the first): "dvice" may be "device", "dice"
// or "advice", and only the checksum tells which.
func (lx *lexicon) typoReadings(key []byte, id listID) []int16 {
	var out []int16
	if uint16(1)<<id&runeTypoLists != 0 && !isASCIILetters(string(key)) {
		lx.runeTypoEntries(key, func(ids []int32) {
			for _, e := range ids {
				en := lx.entries[e]
				if en.mask&(1<<id) != 0 && !slices.Contains(out, en.idx[id]) && withinOneRuneEdit(string(key), lx.entryKeys[e]) {
					out = append(out, en.idx[id])
				}
			}
		})
		return out
	}
	if len(key) > 16 || !isASCIILetters(string(key)) {
		return nil
	}
	var tmp [16]byte
	add := func(ids []int32) {
		for _, e := range ids {
			en := lx.entries[e]
			if en.mask&(1<<id) != 0 && !slices.Contains(out, en.idx[id]) && withinOneEdit(string(key), lx.entryKeys[e]) {
				out = append(out, en.idx[id])
			}
		}
	}
	for _, index := range [2]map[string][]int32{lx.deletes, lx.shortDeletes} {
		if index == nil {
			continue
		}
		add(index[string(key)])
		for i := range len(key) {
			add(index[string(append(append(tmp[:0], key[:i]...), key[i+1:]...))])
		}
	}
	return out
}

// lookupShortTypo is lookupTypo over the words of three and four letters
// (and the longer ones): for a key of three to five letters.
func (lx *lexicon) lookupShortTypo(key []byte) (entry, bool) {
	if len(key) < 3 || len(key) > 5 || !isASCIILetters(string(key)) {
		return entry{}, false
	}
	return lx.mergedTypo(key, lx.shortDeletes, lx.deletes)
}

// nearShort reports whether a short key is one edit from a word of the
// lists in mask, by a scan of all of them.
func (lx *lexicon) nearShort(key string, mask uint16) bool {
	if !isASCIILetters(key) {
		return false
	}
	for e, k := range lx.entryKeys {
		if lx.entries[e].mask&mask != 0 && len(k) <= len(key)+1 && withinOneEdit(key, k) {
			return true
		}
	}
	return false
}

// withinOneEdit reports whether a and b differ by at most one insertion,
// deletion, substitution or swap of two neighbouring letters.
func withinOneEdit(a, b string) bool {
	if a == b {
		return true
	}
	la, lb := len(a), len(b)
	if la-lb > 1 || lb-la > 1 {
		return false
	}
	i := 0
	for i < la && i < lb && a[i] == b[i] {
		i++
	}
	switch {
	case la == lb:
		if a[i+1:] == b[i+1:] {
			return true
		}
		return i+1 < la && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	case la > lb:
		return a[i+1:] == b[i:]
	default:
		return a[i:] == b[i+1:]
	}
}

func isASCIILetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 'a' || c > 'z' {
			return false
		}
	}
	return s != ""
}

// appendKey appends the lookup key of s: NFKD, lower case, with combining
// marks on Latin letters dropped (so "ábaco" and "abaco" meet) and marks
// on other scripts kept (Japanese voicing marks tell words apart).
func appendKey(dst []byte, s string) []byte {
	latinBase := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		dst, latinBase = appendRuneKey(dst, s[i:i+size], r, latinBase)
		i += size
	}
	return dst
}

// appendRuneKey appends the key form of one rune (whose UTF-8 text is src)
// and reports whether the last base letter written was Latin.
func appendRuneKey(dst []byte, src string, r rune, latinBase bool) ([]byte, bool) {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return append(dst, byte(r)), true
	}
	if isZeroWidth(r) {
		return dst, latinBase
	}
	if r >= 0xAC00 && r <= 0xD7A3 { // Hangul syllable: decompose by formula
		s := r - 0xAC00
		dst = utf8.AppendRune(dst, 0x1100+s/588)
		dst = utf8.AppendRune(dst, 0x1161+(s%588)/28)
		if t := s % 28; t != 0 {
			dst = utf8.AppendRune(dst, 0x11A7+t)
		}
		return dst, false
	}
	d := norm.NFKD.PropertiesString(src).Decomposition()
	if d == nil {
		return appendFolded(dst, r, latinBase)
	}
	for j := 0; j < len(d); {
		dr, n := utf8.DecodeRune(d[j:])
		dst, latinBase = appendFolded(dst, dr, latinBase)
		j += n
	}
	return dst, latinBase
}

func appendFolded(dst []byte, r rune, latinBase bool) ([]byte, bool) {
	if unicode.Is(unicode.Mn, r) {
		if latinBase {
			return dst, true
		}
		return utf8.AppendRune(dst, r), false
	}
	if g, ok := homoglyph(r); ok {
		r = g
	}
	if r == 'ı' {
		// Turkish dotless i: a keyboard without it types "i", and "I" is
		// and the Turkish list is keyed with "i" too.
		r = 'i'
	}
	r = unicode.ToLower(r)
	return utf8.AppendRune(dst, r), r < 0x250 || (r >= 0x1E00 && r <= 0x1EFF)
}

// homoglyph maps Cyrillic and Greek letters that look like Latin ones to
// those Latin letters. It only matters for words of the Latin-script
// lists; Russian or Greek words never match a list either way.
func homoglyph(r rune) (rune, bool) {
	switch r {
	case 'а', 'А', 'α', 'Α':
		return 'a', true
	case 'е', 'Е', 'ε', 'Ε':
		return 'e', true
	case 'о', 'О', 'ο', 'Ο':
		return 'o', true
	case 'р', 'Р', 'ρ', 'Ρ':
		return 'p', true
	case 'с', 'С':
		return 'c', true
	case 'у', 'У':
		return 'y', true
	case 'х', 'Х', 'χ', 'Χ':
		return 'x', true
	case 'і', 'І', 'ι', 'Ι':
		return 'i', true
	case 'ј', 'Ј':
		return 'j', true
	case 'ѕ', 'Ѕ':
		return 's', true
	case 'к', 'К', 'κ', 'Κ':
		return 'k', true
	case 'ν':
		return 'v', true
	case 'т', 'Т', 'τ', 'Τ':
		return 't', true
	case 'м', 'М', 'Μ':
		return 'm', true
	case 'н', 'Н', 'Η':
		return 'h', true
	case 'в', 'В', 'Β':
		return 'b', true
	}
	return r, false
}

// isZeroWidth reports invisible characters that people (or their tools)
// leave between or inside words.
func isZeroWidth(r rune) bool {
	switch r {
	case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0x180E, 0x2061, 0x2062, 0x2063, 0x2064:
		return true
	}
	return false
}

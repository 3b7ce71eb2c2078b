package guard

import (
	"encoding/binary"
	"errors"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A customer may send a phrase a few words at a time, one word a message,
// or half in the subject and half in the body. Conversation carries what
// the detector needs of the texts already seen, so that ScanNext finds such
// a phrase without reading them again: the list words at the end of the
// conversation (as written, with where each sits in its stored text) and
// how many other words lie between them. It never holds more than
// maxItems words, and forgets words that no later text could join.

// PendingRef marks the words of the latest text until Bind names it.
const PendingRef = math.MinInt64

const (
	maxItems = 40 // more than the longest phrase (SLIP-39, 33 words)
	maxWord  = 64 // bytes of one stored word
)

// Conversation is the rolling state of one conversation. The zero value is
// an empty conversation.
type Conversation struct {
	items   []item
	tail    int  // words after the last item
	tailBrk bool // a line or text ended after the last item
}

type item struct {
	ref        int64 // the text the word is in
	start, end int   // its span in that text as stored
	word       string
	gap        int  // other words between the previous item and this one
	brkAfter   bool // a line or text ended right after the previous item
	brkBefore  bool // a line or text starts right before this one
	// done: the word is already redacted where it is stored. It stays so
	// that words sent after it (the rest of a phrase in the next
	// message) still join it, but it is never cut again.
	done bool
	// Where the word sits in its text, for joins of short pieces across
	// texts (sparse.go): lead, no other word before it in its text; trail,
	// none after it; edgeBefore and edgeAfter, a line, a label or a number
	// right before or after it.
	lead, trail           bool
	edgeBefore, edgeAfter bool
}

// Cut is part of a secret in an earlier text of the conversation: replace
// [Start, End) of the text Ref, which starts with First and ends with Last,
// by Marker.
type Cut struct {
	Ref         int64
	Start, End  int
	Kind        string
	Marker      string
	First, Last string
}

// Bind gives the words of the latest text the ref of the text it was
// stored as (a message id, say).
func (c *Conversation) Bind(ref int64) {
	for i := range c.items {
		if c.items[i].ref == PendingRef {
			c.items[i].ref = ref
		}
	}
}

// Words is how many words the state holds.
func (c *Conversation) Words() int { return len(c.items) }

const filler = "the" // stands for a word that is in no list; never bridges a run

// render writes the state as text that scans as the words did: each item's
// word, fillers for the words between, and line breaks where lines or texts
// ended. spans gets each item's span in the result.
func (c *Conversation) render(b *strings.Builder) [][2]int {
	spans := make([][2]int, len(c.items))
	for i, it := range c.items {
		if i > 0 {
			if it.brkAfter {
				b.WriteByte('\n')
			}
			if it.gap > 0 {
				// One filler stands for any gap a join may cross: trim has
				// dropped the items before wider ones.
				b.WriteString(" " + filler)
			}
			if it.brkBefore {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
		}
		spans[i] = [2]int{b.Len(), b.Len() + len(it.word)}
		b.WriteString(it.word)
	}
	if len(c.items) > 0 {
		if c.tailBrk {
			b.WriteByte('\n')
		}
		if c.tail > 0 {
			b.WriteString(" " + filler)
		}
		b.WriteByte('\n') // the new text starts a line
	}
	return spans
}

// renderSize is at least how many bytes render writes.
func (c *Conversation) renderSize() int {
	n := 8
	for _, it := range c.items {
		n += len(it.word) + 8 // a word, a filler and two breaks at most
	}
	return n
}

// textStarts are where each text of the rendered state starts (its first
// item's word), and base, where the new text does.
func (c *Conversation) textStarts(spans [][2]int, base int) []int {
	var out []int
	for i := range c.items {
		if i == 0 || c.items[i].ref != c.items[i-1].ref {
			out = append(out, spans[i][0])
		}
	}
	return append(out, base)
}

// ScanNext scans text as the next customer text of the conversation c and
// updates c. The result redacts text (for HTML, the text a reader sees;
// see ScanText); Cuts name the parts of secrets in earlier texts that text
// completed. The words of text enter c under PendingRef until c.Bind.
func (d *Detector) ScanNext(c *Conversation, text string) Result {
	if c == nil {
		c = &Conversation{}
	}
	if LooksLikeHTML(text) {
		res := d.scanNext(c, VisibleText(text))
		res.HTML = true
		d.rawFindings(text, &res)
		return res
	}
	return d.scanNext(c, text)
}

// ScanNextPlain is ScanNext for a text that is plain text by nature, never
// markup to render (a subject line): it is read as typed, so that
// "<script>…</script>" keeps its words instead of being reduced to the
// nothing a browser would show of it.
func (d *Detector) ScanNextPlain(c *Conversation, text string) Result {
	if c == nil {
		c = &Conversation{}
	}
	return d.scanNext(c, text)
}

// ScanText scans one text on its own, HTML reduced to what a reader sees.
func (d *Detector) ScanText(text string) Result {
	return d.ScanNext(&Conversation{}, text)
}

func (d *Detector) scanNext(c *Conversation, text string) Result {
	if len(c.items) > 0 && len(text) <= 64 && d.pacing(text) {
		// "ok", "wait one sec", "tamam" between pieces of a phrase hold no
		// place: the customer is only pacing the paste. Scanned alone, so
		// that a pacing word that is also a list word ("wait", "one") does
		// not join the phrase.
		c.tailBrk = c.tailBrk || c.tail == 0
		return d.scanNext(&Conversation{}, text)
	}
	var b strings.Builder
	b.Grow(c.renderSize() + len(text))
	spans := c.render(&b)
	base := b.Len()
	b.WriteString(text)
	all := b.String()
	s := d.runFrom(all, base, c.textStarts(spans, base))
	fs := s.merge()

	var own []Finding
	cut := make([]bool, len(c.items))
	for _, f := range fs {
		for i, sp := range spans {
			if sp[0] < f.End && f.Start < sp[1] {
				cut[i] = true
			}
		}
		if f.End <= base {
			continue
		}
		start := max(f.Start, base)
		for start < f.End {
			r, size := utf8.DecodeRuneInString(all[start:])
			if !unicode.IsSpace(r) {
				break
			}
			start += size
		}
		own = append(own, Finding{Kind: f.Kind, Start: start - base, End: f.End - base, Confidence: f.Confidence})
	}
	res := Result{Findings: own, Redacted: redact(text, own), Kinds: kindsOf(own)}
	res.Cuts = c.cutItems(cut, fs, spans)
	for _, k := range cutKinds(res.Cuts) {
		if !slices.Contains(res.Kinds, k) {
			res.Kinds = append(res.Kinds, k)
		}
	}
	c.addText(s, base, own)
	d.release(s)
	if cut := d.sparseJoin(c); cut != nil {
		c.applySparse(&res, cut)
	}
	return res
}

// cutItems turns the items that findings cover into cuts, one for each
// stretch of neighbouring words of one text, removes them from c, and
// moves the spans of the words after them in the same text.
func (c *Conversation) cutItems(cut []bool, fs []Finding, spans [][2]int) []Cut {
	var cuts []Cut
	kindAt := func(sp [2]int) string {
		for _, f := range fs {
			if f.Start < sp[1] && sp[0] < f.End {
				return f.Kind
			}
		}
		return KindSeedPhrase
	}
	for i := 0; i < len(c.items); i++ {
		if !cut[i] {
			continue
		}
		if c.items[i].done {
			continue
		}
		j := i
		for j+1 < len(c.items) && cut[j+1] && !c.items[j+1].done && c.items[j+1].ref == c.items[i].ref && c.items[j+1].gap == 0 && c.items[j+1].start >= c.items[j].end {
			j++
		}
		kind := kindAt(spans[i])
		cuts = append(cuts, Cut{Ref: c.items[i].ref, Start: c.items[i].start, End: c.items[j].end, Kind: kind, Marker: Marker(kind),
			First: c.items[i].word, Last: c.items[j].word})
		i = j
	}
	if len(cuts) == 0 {
		return nil
	}
	for i := range c.items {
		it := &c.items[i]
		if cut[i] {
			it.done = true
			continue
		}
		for _, k := range cuts {
			if it.ref == k.Ref && it.start >= k.End {
				shift := len(k.Marker) - (k.End - k.Start)
				it.start += shift
				it.end += shift
			}
		}
	}
	return cuts
}

// addText appends the list words of the new text (the scanner's tokens at
// base and after) that no finding took, with their spans in the redacted
// text, and forgets what no later text can join.
func (c *Conversation) addText(s *scanner, base int, own []Finding) {
	text := s.text[base:]
	gap := c.tail
	// brk: a line or a text ended right after the last item.
	brk := c.tailBrk || (len(c.items) > 0 && c.tail == 0)
	prevEnd := -1
	opener := false // the previous token is a connector that starts its line
	var prevTok token
	// For sparse joins: the text's items start at first; those from
	// trailFrom on have no word that holds a place after them.
	first, trailFrom := len(c.items), len(c.items)
	plain := false // a word that holds a place came before, in this text
	prevItem := -1 // the item the previous token made, if it made one
	for k, t := range s.toks {
		if t.start < base {
			continue
		}
		// A change of script ends a piece as a line break does.
		changed := prevEnd >= 0 && s.scriptChange(prevTok, t)
		prevTok = t
		start, end := t.start-base, t.end-base
		edge := prevEnd < 0 || changed || t.afterLabel || hardBreak(text[max(prevEnd, 0):start])
		if prevItem >= 0 {
			c.items[prevItem].edgeAfter = edge
		}
		prevItem = -1
		inside, seed, shift := false, false, 0
		for _, f := range own {
			if f.Start < end && start < f.End {
				inside = true
				seed = seed || seedKinds[f.Kind]
			}
			if f.End <= start {
				shift += len(Marker(f.Kind)) - (f.End - f.Start)
			}
		}
		before := text[max(prevEnd, 0):start]
		lb := prevEnd < 0 || lineBreak(before) || changed || t.afterLabel || strings.IndexFunc(before, unicode.IsDigit) >= 0
		prevEnd = end
		wasOpener := opener
		opener = false
		switch {
		case inside && (!seed || t.e.mask == 0 || end-start > maxWord):
			if !seed {
				c.items = c.items[:0] // a redacted key or password ends what came before
				gap, brk = 0, true
				first, trailFrom, plain = 0, 0, true
			}
			// Other words inside a redacted phrase hold no place.
		case gap == 0 && len(c.items) > 0 && !lb && t.e.mask == 0 && (connectors[string(s.keys[t.ks:t.ke])] || s.andBetween(k) || s.bridgesTo(k)):
			// "…, answer y flame", "… dune hmm march …": a connector, or
			// a short word that a run would bridge, holds no place.
			continue
		case t.e.mask == 0 || end-start > maxWord:
			if gap == 0 && len(c.items) > 0 {
				brk = brk || lb
			}
			gap++
			opener = lb && connectors[string(s.keys[t.ks:t.ke])]
			plain, trailFrom = true, len(c.items)
			continue
		default:
			// A connector that starts the line ("and abandon …") counts as
			// the line's start, as cleanBefore has it.
			it := item{ref: PendingRef, start: start + shift, end: end + shift, word: text[start:end], gap: gap, brkAfter: brk, brkBefore: lb || wasOpener, done: inside,
				lead: !plain, edgeBefore: edge}
			prevItem = len(c.items)
			if gap == 0 && !lb && !gapOKText(before) {
				it.gap = 1 // what lies between cannot sit inside a phrase
			}
			if len(c.items) == 0 {
				it.gap, it.brkAfter = 0, false
			}
			c.items = append(c.items, it)
			gap, brk = 0, false
		}
	}
	if gap == 0 {
		brk = true // the text ends after its last word
	}
	if prevItem >= 0 {
		c.items[prevItem].edgeAfter = true
	}
	for i := max(first, trailFrom); i < len(c.items); i++ {
		c.items[i].trail = true
	}
	c.tail, c.tailBrk = gap, brk
	c.trim()
}

// bridgesTo reports whether token k is a short word that a run bridges
// (see bridgeable) with a list word right after it on its line.
func (s *scanner) bridgesTo(k int) bool {
	if k+1 >= len(s.toks) || s.toks[k+1].e.mask == 0 || s.toks[k+1].weak || lineBreak(s.text[s.toks[k].end:s.toks[k+1].start]) {
		return false
	}
	return s.bridgeable(k) && !connectors[string(s.keys[s.toks[k].ks:s.toks[k].ke])]
}

// trim forgets items that a gap too wide for any join separates from the
// end, and keeps at most maxItems.
func (c *Conversation) trim() {
	if c.tail > maxGapTokens {
		c.items = c.items[:0]
		c.tail = maxGapTokens + 1
		return
	}
	from := 0
	for i, it := range c.items {
		if it.gap > maxGapTokens {
			from = i
		}
	}
	from = max(from, len(c.items)-maxItems)
	if from > 0 {
		c.items = append(c.items[:0], c.items[from:]...)
		c.items[0].gap, c.items[0].brkAfter = 0, false
	}
}

// rawFindings checks the HTML source as well. Its text, with the markup
// blanked out, must not hold a secret that the visible text still shows (a
// reduction that missed one); and a secret found with high confidence only
// in the markup (a checksum-valid phrase or a labelled key in an attribute
// or a comment) is not stored, but the customer is still told.
func (d *Detector) rawFindings(src string, res *Result) {
	for _, f := range d.Scan(blankMarkup(src)).Findings {
		seen := VisibleText(src[f.Start:f.End])
		if strings.TrimSpace(seen) != "" && strings.Contains(res.Redacted, seen) {
			res.Redacted = strings.ReplaceAll(res.Redacted, seen, Marker(f.Kind))
			if !slices.Contains(res.Kinds, f.Kind) {
				res.Kinds = append(res.Kinds, f.Kind)
			}
		}
	}
	for _, f := range d.Scan(src).Findings {
		// Markup is full of long hex and base58 strings (tracking links,
		// content ids): only a sure finding there warns.
		if f.Confidence == High && insideTag(src, f.Start) && !slices.Contains(res.Kinds, f.Kind) {
			res.Kinds = append(res.Kinds, f.Kind)
		}
	}
	slices.Sort(res.Kinds)
}

// blankMarkup replaces every tag and comment of HTML source by spaces,
// keeping the offsets of the text between them.
func blankMarkup(src string) string {
	b := []byte(src)
	for i := 0; i < len(b); {
		if b[i] != '<' {
			i++
			continue
		}
		end := strings.IndexByte(src[i:], '>')
		if strings.HasPrefix(src[i:], "<!--") {
			if e := strings.Index(src[i:], "-->"); e >= 0 {
				end = e + 2
			}
		}
		if end < 0 {
			end = len(src) - i - 1
		}
		for k := i; k <= i+end; k++ {
			b[k] = ' '
		}
		i += end + 1
	}
	return string(b)
}

// insideTag reports whether byte pos of HTML source lies inside a tag.
func insideTag(src string, pos int) bool {
	return strings.LastIndexByte(src[:pos], '<') > strings.LastIndexByte(src[:pos], '>')
}

// seedKinds are the findings whose words stay in the state, done.
var seedKinds = map[string]bool{KindSeedPhrase: true, KindSLIP39: true, KindMonero: true, KindElectrum: true}

func cutKinds(cuts []Cut) []string {
	var out []string
	for _, c := range cuts {
		if !slices.Contains(out, c.Kind) {
			out = append(out, c.Kind)
		}
	}
	return out
}

// Encoding: a version byte, flags, the tail, then each item. Integers are
// varints; a word is its length and bytes.
const stateVersion = 1

// Encode serialises c compactly (a few hundred bytes at most).
func (c *Conversation) Encode() []byte {
	if c == nil || (len(c.items) == 0 && c.tail == 0) {
		return nil
	}
	b := make([]byte, 0, 16+len(c.items)*16)
	flags := byte(0)
	if c.tailBrk {
		flags |= 2
	}
	b = append(b, stateVersion, flags)
	b = binary.AppendUvarint(b, uint64(c.tail))
	b = binary.AppendUvarint(b, uint64(len(c.items)))
	for _, it := range c.items {
		b = binary.AppendVarint(b, it.ref)
		b = binary.AppendUvarint(b, uint64(it.start))
		b = binary.AppendUvarint(b, uint64(it.end-it.start))
		b = binary.AppendUvarint(b, uint64(it.gap))
		f := byte(0)
		if it.brkAfter {
			f |= 1
		}
		if it.brkBefore {
			f |= 2
		}
		if it.done {
			f |= 4
		}
		for k, on := range [...]bool{it.lead, it.trail, it.edgeBefore, it.edgeAfter} {
			if on {
				f |= 8 << k
			}
		}
		b = append(b, f)
		b = binary.AppendUvarint(b, uint64(len(it.word)))
		b = append(b, it.word...)
	}
	return b
}

var errState = errors.New("bad conversation state")

// DecodeConversation reads what Encode wrote. A state it cannot read (cut
// short, from another version, tampered with) is an empty conversation:
// the detector then only loses sight of earlier texts.
func DecodeConversation(b []byte) Conversation {
	c, err := decodeConversation(b)
	if err != nil {
		return Conversation{}
	}
	return c
}

func decodeConversation(b []byte) (Conversation, error) {
	var c Conversation
	if len(b) == 0 {
		return c, nil
	}
	if len(b) < 2 || b[0] != stateVersion || b[1]&^2 != 0 {
		return c, errState
	}
	c.tailBrk = b[1]&2 != 0
	// One copy of b holds every word: a string each was most of a
	// scan's allocations.
	src := string(b)
	p := b[2:]
	uv := func(limit uint64) (int, error) {
		v, n := binary.Uvarint(p)
		if n <= 0 || v > limit {
			return 0, errState
		}
		p = p[n:]
		return int(v), nil
	}
	var err error
	if c.tail, err = uv(maxGapTokens + 1); err != nil {
		return Conversation{}, err
	}
	n, err := uv(maxItems)
	if err != nil {
		return Conversation{}, err
	}
	c.items = make([]item, 0, n)
	for range n {
		var it item
		ref, k := binary.Varint(p)
		if k <= 0 {
			return Conversation{}, errState
		}
		p = p[k:]
		it.ref = ref
		if it.start, err = uv(1 << 30); err != nil {
			return Conversation{}, err
		}
		length, err := uv(maxWord)
		if err != nil {
			return Conversation{}, err
		}
		it.end = it.start + length
		if it.gap, err = uv(maxGapTokens + 1); err != nil {
			return Conversation{}, err
		}
		if len(p) < 1 || p[0]&^127 != 0 {
			return Conversation{}, errState
		}
		it.brkAfter, it.brkBefore, it.done = p[0]&1 != 0, p[0]&2 != 0, p[0]&4 != 0
		it.lead, it.trail, it.edgeBefore, it.edgeAfter = p[0]&8 != 0, p[0]&16 != 0, p[0]&32 != 0, p[0]&64 != 0
		p = p[1:]
		wl, err := uv(maxWord)
		if err != nil || len(p) < wl || wl == 0 || wl != length {
			return Conversation{}, errState
		}
		off := len(b) - len(p)
		it.word = src[off : off+wl]
		p = p[wl:]
		if !utf8.ValidString(it.word) || strings.ContainsAny(it.word, " \n\t") {
			return Conversation{}, errState
		}
		c.items = append(c.items, it)
	}
	if len(p) != 0 {
		return Conversation{}, errState
	}
	return c, nil
}

// pacing reports whether text alone is a pacing reply (see fillerOnly).
func (d *Detector) pacing(text string) bool {
	s := &scanner{d: d, text: text}
	s.keys = make([]byte, 0, len(text)+16)
	s.tokenize()
	s.classify()
	return s.fillerOnly(0)
}

// fillerOnly reports whether the text from base is a short chat reply that
// only paces a paste ("ok", "wait one sec", "tamam", "bekle"): at most four
// tokens, every one a pacing word, one at least in no word list.
func (s *scanner) fillerOnly(base int) bool {
	n, plain := 0, false
	for _, t := range s.toks {
		if t.start < base {
			continue
		}
		if n++; n > 4 || !pacingWords[string(s.keys[t.ks:t.ke])] && !leadWords[string(s.keys[t.ks:t.ke])] {
			return false
		}
		plain = plain || t.e.mask == 0 || t.typo
	}
	// One word at least must be in no list (a near miss counts: "ones"):
	// "one" or "sorry" alone may be
	// a word of the phrase itself.
	return plain
}

// pacingWords are the replies a customer sends between pieces of a phrase,
// in the 17 languages.
var pacingWords = keySet(
	"ok", "okay", "k", "kk", "next", "wait", "sec", "one", "moment", "more", "continue", "then", "and", "last", "ones", "rest", "here", "hold", "on", "the", "done", "sorry",
	"tamam", "bekle", "devam", "sonra", "ve", "sonraki", "bir", "saniye", "dakika",
	"espera", "siguiente", "sigue", "luego", "y", "más", "mas", "un", "momento", "segundo", "resto",
	"próximo", "próxima", "proximo", "continua", "depois", "e", "mais", "aguarde",
	"attends", "attend", "suivant", "suite", "ensuite", "et", "encore",
	"warte", "weiter", "nächste", "dann", "und", "noch", "kurz", "moment",
	"aspetta", "prossimo", "prossima", "poi", "avanti", "ancora", "attimo",
	"oke", "tunggu", "lanjut", "lagi", "terus", "dan", "bentar", "sebentar",
	"ок", "ща", "жди", "дальше", "далее", "ещё", "еще", "и", "потом", "сек", "секунду", "щас",
	"чекай", "далі", "ще", "і", "потім", "хвилинку",
	"czekaj", "dalej", "jeszcze", "i", "potem", "chwila", "sekunda",
	"đợi", "chờ", "tiếp", "theo", "và", "rồi", "chút",
	"حسنا", "انتظر", "التالي", "ثم", "و", "لحظة",
	"好", "等等", "等", "下一个", "继续", "然后", "還有", "还有",
	"次", "待って", "続き", "ちょっと",
	"잠깐", "다음", "계속", "네", "잠깐만", "잠깐만요", "잠시만", "잠시만요", "기다려", "기다려주세요",
	"ต่อ", "รอ", "โอเค", "ค่ะ", "ครับ",
)

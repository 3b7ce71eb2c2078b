// Package guard keeps secrets out of Groundcrew. Every inbound message
// passes Detector.Scan before it is stored or shown to an agent: seed
// phrases (BIP-39 in all ten official lists, SLIP-39, Electrum, Monero),
// private keys, passwords and 2FA codes are found and replaced by a marker,
// and Warning tells the customer what to do now. CheckOutbound stops the
// other direction: an agent's or a bot's message that asks for a secret or
// links outside the exchange's own domains.
//
// A Result never holds a secret: findings carry only byte offsets into the
// text the caller already has.
package guard

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kinds of secret.
const (
	KindSeedPhrase = "seed_phrase"
	KindSLIP39     = "slip39_share"
	KindElectrum   = "electrum_seed"
	KindMonero     = "monero_seed"
	KindPrivateKey = "private_key"
	KindPassword   = "password"
	KindOTP        = "otp_code"
)

// Confidence levels.
const (
	High   = "high"
	Medium = "medium"
)

// Finding is one secret: its kind, its byte span in the scanned text and
// how sure the detector is.
type Finding struct {
	Kind       string
	Start, End int
	Confidence string
}

// Result is what Scan found. Redacted is the text with every secret
// replaced by a marker; Kinds lists the kinds found (sorted, once each).
type Result struct {
	Redacted string
	Kinds    []string
	Findings []Finding
	// Earlier is set by ScanWindow: the parts of a secret that began in
	// earlier messages, so that the caller can redact those too.
	Earlier []EarlierFinding
	// Cuts is set by ScanNext: the parts of a secret in earlier texts of
	// the conversation, to be redacted there.
	Cuts []Cut
	// HTML is set by ScanNext when the text was HTML: Redacted and the
	// findings' spans are then those of the text a reader sees.
	HTML bool
}

// EarlierFinding is part of a secret in an earlier message of the window:
// Message indexes the previous slice given to ScanWindow, and the span is
// in that message's text.
type EarlierFinding struct {
	Message int
	Finding
}

// EarlierMessages lists the indexes of earlier messages that hold part of
// a secret, in order, once each.
func (r Result) EarlierMessages() []int {
	var out []int
	for _, e := range r.Earlier {
		if !slices.Contains(out, e.Message) {
			out = append(out, e.Message)
		}
	}
	slices.Sort(out)
	return out
}

var markers = map[string]string{
	KindSeedPhrase: "[seed phrase removed]",
	KindSLIP39:     "[seed phrase removed]",
	KindElectrum:   "[seed phrase removed]",
	KindMonero:     "[seed phrase removed]",
	KindPrivateKey: "[private key removed]",
	KindPassword:   "[password removed]",
	KindOTP:        "[2FA code removed]",
}

// Marker is the text that replaces a secret of the given kind.
func Marker(kind string) string {
	if m, ok := markers[kind]; ok {
		return m
	}
	return "[secret removed]"
}

// Detector finds secrets. Build it once with NewDetector; it only reads its
// tables afterwards and is safe for concurrent use.
type Detector struct {
	lex            *lexicon
	zipf           [2048]float64
	allowedDomains []string
	scratch        scratchPool
}

// Option configures a Detector.
type Option func(*Detector)

// WithAllowedDomains sets the domains that HandleCheckOutbound allows
// links to when a request names none.
func WithAllowedDomains(domains ...string) Option {
	return func(d *Detector) { d.allowedDomains = append([]string(nil), domains...) }
}

// NewDetector loads the embedded word lists and builds the look-up tables
// on first use, and shares them with every later Detector. It panics only
// if the embedded lists are broken, which the package's tests rule out.
func NewDetector(opts ...Option) *Detector {
	lx, err := sharedLexicon()
	if err != nil {
		panic("guard: " + err.Error())
	}
	d := &Detector{lex: lx}
	var h float64
	for r := range d.zipf {
		h += 1 / float64(r+10)
	}
	for r := range d.zipf {
		d.zipf[r] = math.Log(2048 / (h * float64(r+10)))
	}
	for _, o := range opts {
		o(d)
	}
	return d
}

// Ranks order findings that overlap: a checksum beats context, context
// beats a bare pattern.
const (
	rankMedium   = 1
	rankContext  = 2
	rankVerified = 3
)

type hit struct {
	Finding
	rank int
}

func kindPriority(k string) int {
	switch k {
	case KindPassword:
		return 1
	case KindOTP:
		return 0
	}
	return 2
}

// scanner holds the state of one scan.
type scanner struct {
	d          *Detector
	text       string
	lower      string // text in lower case, byte for byte the same offsets
	keys       []byte // normalized keys of the tokens
	toks       []token
	words      []int
	hits       []hit
	seedCtx    int8 // 0 unknown, 1 yes, 2 no
	pieces     []piece
	pieceWords []int
	leadFrom   int   // lead-ins are dropped from here on (dropLeadIns)
	textStarts []int // where the texts of a conversation start, in order (apartRun)
}

func (s *scanner) add(h hit) {
	if h.Start < 0 || h.End > len(s.text) || h.Start >= h.End {
		return
	}
	if h.rank >= rankContext {
		h.Confidence = High
	} else {
		h.Confidence = Medium
	}
	s.hits = append(s.hits, h)
}

// Scan finds the secrets in one message and redacts them.
func (d *Detector) Scan(text string) Result {
	s := d.scan(text)
	return Result{Redacted: redact(text, s), Kinds: kindsOf(s), Findings: s}
}

func (d *Detector) scan(text string) []Finding {
	s := d.run(text)
	fs := s.merge()
	d.release(s)
	return fs
}

// run tokenizes text and finds every kind of secret in it; merge then
// resolves the overlapping findings.
func (d *Detector) run(text string) *scanner { return d.runFrom(text, 0, nil) }

// runFrom is run on a conversation's rendered state followed by a new
// text at byte from: the state holds no lead-ins, only list words and
// fillers that must stay.
func (d *Detector) runFrom(text string, from int, starts []int) *scanner {
	s := d.newScanner(text)
	s.lower, s.leadFrom, s.textStarts = lowerSameLength(text), from, starts
	s.tokenize()
	s.classify()
	s.dropLeadIns(s.leadFrom)
	s.promoteShortTypos()
	s.findSeeds()
	s.findKeys()
	s.findPasswords()
	s.findOTPs()
	s.repeats()
	return s
}

// repeats redacts every other copy of a seed phrase or key found once: a
// copy that lacks the context of the first must not stay behind.
func (s *scanner) repeats() {
	n := len(s.hits)
	if n == 0 {
		return
	}
	covered := make(map[int]bool, n)
	for _, h := range s.hits {
		covered[h.Start] = true
	}
	seen := make(map[string]bool)
	for i := range n {
		h := s.hits[i]
		if kindPriority(h.Kind) < 2 || h.End-h.Start < 20 {
			continue
		}
		secret := s.text[h.Start:h.End]
		if seen[secret] {
			continue
		}
		seen[secret] = true
		for off := 0; ; {
			p := strings.Index(s.text[off:], secret)
			if p < 0 {
				break
			}
			p += off
			if !covered[p] {
				c := h
				c.Start, c.End = p, p+len(secret)
				s.hits = append(s.hits, c)
				covered[p] = true
			}
			off = p + len(secret)
		}
	}
}

// merge orders the hits and joins overlapping ones; the joined span takes
// the kind of its strongest part.
func (s *scanner) merge() []Finding {
	if len(s.hits) == 0 {
		return nil
	}
	hs := s.hits
	slices.SortFunc(hs, func(a, b hit) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return b.End - a.End
	})
	out := make([]Finding, 0, len(hs))
	cur := hs[0]
	better := func(a, b hit) bool {
		if a.rank != b.rank {
			return a.rank > b.rank
		}
		return kindPriority(a.Kind) > kindPriority(b.Kind)
	}
	for _, h := range hs[1:] {
		if h.Start < cur.End {
			end := max(cur.End, h.End)
			if better(h, cur) {
				cur.Kind, cur.rank, cur.Confidence = h.Kind, h.rank, h.Confidence
			}
			cur.End = end
			continue
		}
		out = append(out, cur.Finding)
		cur = h
	}
	return append(out, cur.Finding)
}

func redact(text string, fs []Finding) string {
	if len(fs) == 0 {
		return text
	}
	var b strings.Builder
	b.Grow(len(text) + 16*len(fs))
	prev := 0
	for _, f := range fs {
		b.WriteString(text[prev:f.Start])
		b.WriteString(Marker(f.Kind))
		prev = f.End
	}
	b.WriteString(text[prev:])
	return b.String()
}

func kindsOf(fs []Finding) []string {
	kinds := []string{}
	for _, f := range fs {
		if !slices.Contains(kinds, f.Kind) {
			kinds = append(kinds, f.Kind)
		}
	}
	slices.Sort(kinds)
	return kinds
}

// lowerSameLength lower-cases text rune by rune, keeping a rune as it is
// when its lower case would take a different number of bytes, so that
// offsets into the result are offsets into text.
func lowerSameLength(text string) string {
	ascii := true
	for i := 0; i < len(text); i++ {
		if text[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		// One allocation: the builder's bytes become the string.
		var b strings.Builder
		b.Grow(len(text))
		for i := 0; i < len(text); i++ {
			c := text[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
		}
		return b.String()
	}
	b := make([]byte, 0, len(text))
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == utf8.RuneError {
			b = append(b, text[i:i+size]...)
			i += size
			continue
		}
		lr := unicode.ToLower(r)
		if lr != r && utf8.RuneLen(lr) == size {
			b = utf8.AppendRune(b, lr)
		} else {
			b = append(b, text[i:i+size]...)
		}
		i += size
	}
	return string(b)
}

// windowMessages and windowBytes bound how much of the conversation
// ScanWindow looks back at: a phrase split over messages sits at the end
// of each earlier part.
const (
	windowMessages = 8
	windowBytes    = 4096
)

// ScanWindow scans text as the latest of a customer's consecutive
// messages, previous being the ones before it (oldest first), so that a
// seed phrase split over several messages ("6 words" + "6 words") is
// found. The result redacts text; Earlier names the spans in previous
// messages that hold the rest of a secret reaching into text.
func (d *Detector) ScanWindow(previous []string, text string) Result {
	first := max(0, len(previous)-windowMessages)
	var b strings.Builder
	type part struct{ msg, base, cut int } // cut: bytes dropped from the message's start
	var parts []part
	for i := first; i < len(previous); i++ {
		m := previous[i]
		cut := 0
		if len(m) > windowBytes {
			cut = len(m) - windowBytes
			for cut < len(m) && !utf8.RuneStart(m[cut]) {
				cut++
			}
		}
		parts = append(parts, part{i, b.Len(), cut})
		b.WriteString(m[cut:])
		b.WriteString("\n")
	}
	base := b.Len()
	b.WriteString(text)
	all := b.String()
	fs := d.scan(all)
	res := Result{}
	var own []Finding
	for _, f := range fs {
		if f.End <= base {
			continue // wholly in earlier messages: they were scanned then
		}
		if f.Start >= base {
			own = append(own, Finding{Kind: f.Kind, Start: f.Start - base, End: f.End - base, Confidence: f.Confidence})
			continue
		}
		own = append(own, Finding{Kind: f.Kind, Start: 0, End: f.End - base, Confidence: f.Confidence})
		for k, p := range parts {
			end := base
			if k+1 < len(parts) {
				end = parts[k+1].base
			}
			msgEnd := end - 1 // the "\n" we added
			s, e := max(f.Start, p.base), min(f.End, msgEnd)
			if s < e {
				res.Earlier = append(res.Earlier, EarlierFinding{Message: p.msg, Finding: Finding{Kind: f.Kind, Start: s - p.base + p.cut, End: e - p.base + p.cut, Confidence: f.Confidence}})
			}
		}
	}
	// Findings of text alone still count (a password in text whose label
	// was in an earlier message is found only here, and that is fine).
	res.Findings = own
	res.Redacted = redact(text, own)
	res.Kinds = kindsOf(own)
	return res
}

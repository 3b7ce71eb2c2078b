package guard

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// The learned reader of the outbound guard: a logistic regression over
// hashed features of the normalised message (character 2-5-grams, which
// carry across the 17 languages and scripts without spaces; words and
// word pairs), of the writer's last earlier messages (kept apart), and of
// the clause rules' own reading (their verdict and the clause signals:
// secret named, act, negation, warning, concepts). Rules were tuned set by
// set and fit each set they saw; the model is trained on all the labelled
// sets at once; its thresholds are frozen below (modelAlone, modelVeto),
// the leave-one-set-out cross-validation only reports what it would pick
// (outbound_model_test.go, BENCHMARKS.md).
//
// The weights are trained by `go generate ./internal/guard/` (a fixed
// seed: the same data and code give the same file) and embedded.
// TestOutboundModelIsCurrent retrains and compares, so a change to the
// rules, the normaliser or the sets that is not followed by a retrain
// fails.

//go:generate go test -run ^TestGenerateOutboundModel$ -count=1 -v -timeout 60m . -args -generate-outbound-model

//go:embed outbound_model.bin
var outboundModelBin []byte

// modelBits is log2 of the hashed feature space.
const modelBits = 20

const modelDim = 1 << modelBits

// outboundModel is a decoded weights file.
type outboundModel struct {
	w    []float32
	bias float32
	// Decision: refuse when the rules refuse and the score is at least
	// veto, or when the score alone is at least alone.
	alone, veto float32
	dataSum     [32]byte // SHA-256 of the training data and feature version, see the test
}

// The decision thresholds, frozen: go generate writes these into the
// weights file and only reports what its cross-validation would pick, so
// a retrain cannot move them (loosen the guard) without a reviewed edit
// here. Chosen by the leave-one-set-out CV over eval1-7 at guard8's
// retrain and measured on eval8 blind with them.
const (
	modelAlone float32 = 0.70
	modelVeto  float32 = 0.40
)

const modelMagic = "GCOM3"

// encode writes m: magic, bias, alone, veto, scale (float32 LE), the data
// checksum, then the weights quantised to int16 (w = q * scale), sparse:
// most of the 2^20 buckets are never hit, so each weight that is not zero
// is written as the distance from the previous one (uvarint) and q.
func (m *outboundModel) encode() []byte {
	var maxAbs float32
	for _, x := range m.w {
		if a := float32(math.Abs(float64(x))); a > maxAbs {
			maxAbs = a
		}
	}
	scale := maxAbs / 32767
	if scale == 0 {
		scale = 1
	}
	out := make([]byte, 0, len(modelMagic)+16+32+len(m.w))
	out = append(out, modelMagic...)
	for _, f := range []float32{m.bias, m.alone, m.veto, scale} {
		out = binary.LittleEndian.AppendUint32(out, math.Float32bits(f))
	}
	out = append(out, m.dataSum[:]...)
	last := -1
	for i, x := range m.w {
		q := int16(math.Round(float64(x / scale)))
		if q == 0 {
			continue
		}
		out = binary.AppendUvarint(out, uint64(i-last))
		out = binary.LittleEndian.AppendUint16(out, uint16(q))
		last = i
	}
	return out
}

func decodeOutboundModel(b []byte) (*outboundModel, error) {
	bad := errors.New("outbound model: not a weights file of this version")
	head := len(modelMagic) + 16 + 32
	if len(b) < head || string(b[:len(modelMagic)]) != modelMagic {
		return nil, bad
	}
	p := len(modelMagic)
	f := func() float32 {
		v := math.Float32frombits(binary.LittleEndian.Uint32(b[p:]))
		p += 4
		return v
	}
	m := &outboundModel{w: make([]float32, modelDim)}
	m.bias, m.alone, m.veto = f(), f(), f()
	scale := f()
	copy(m.dataSum[:], b[p:p+32])
	p += 32
	for i := -1; p < len(b); {
		d, n := binary.Uvarint(b[p:])
		if n <= 0 || d == 0 || d >= uint64(modelDim-i) || p+n+2 > len(b) {
			return nil, bad // past the last bucket, or cut short
		}
		i += int(d)
		p += n
		m.w[i] = float32(int16(binary.LittleEndian.Uint16(b[p:]))) * scale
		p += 2
	}
	return m, nil
}

var loadedModel = sync.OnceValues(func() (*outboundModel, error) { return decodeOutboundModel(outboundModelBin) })

// modelFeatures is a message's sparse feature vector: hashed indices and
// their values (an index may repeat; the values add).
type modelFeatures struct {
	idx []uint32
	val []float32
}

func (m *outboundModel) score(f modelFeatures) float64 {
	s := float64(m.bias)
	for i, j := range f.idx {
		s += float64(m.w[j] * f.val[i])
	}
	return 1 / (1 + math.Exp(-s))
}

// hashFeature hashes a feature's kind and text (FNV-1a) into the space.
func hashFeature(kind byte, s string) uint32 {
	h := uint32(2166136261)
	h ^= uint32(kind)
	h *= 16777619
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return mixHash(h)
}

func hashBytes(kind byte, s []byte) uint32 {
	h := uint32(2166136261)
	h ^= uint32(kind)
	h *= 16777619
	for _, c := range s {
		h ^= uint32(c)
		h *= 16777619
	}
	return mixHash(h)
}

// mixHash folds FNV's high bits into the low ones it keeps.
func mixHash(h uint32) uint32 {
	h ^= h >> 15
	h *= 0x2c1b3c6d
	h ^= h >> 12
	return h & (modelDim - 1)
}

// ruleSignals is what the rules read in a message, as model inputs. The
// rules' verdicts (refused, held, a clause's request) are left out unless
// stack is set: the rules were tuned on every labelled set, so on training
// data their verdicts are nearly always right and a model given them
// learns to copy them, while on a new set they are right for about three
// requests in four. The clause markers (a secret named, an act, negation,
// warning, the review concepts) are kept: they describe the text.
type ruleSignals struct {
	stack         bool
	refused, held bool
	a             *analysis
	prev          prevState
	prevNorm      []string // the last earlier messages, normalised (as the rules read them)
}

// outboundFeatures builds the features of a message from the rules'
// reading of it. The text features are scaled to unit length so that
// long and short messages weigh alike; rule signals are 0/1.
func outboundFeatures(rs ruleSignals) modelFeatures {
	norm := readerView(rs.a.n.Text)
	f := modelFeatures{idx: make([]uint32, 0, 6*len(norm)+64), val: make([]float32, 0, 6*len(norm)+64)}
	quoted := false
	if outside, inside, ok := quoteSplit(norm); ok {
		// A long quote's words apart from the agent's own (outbound_quote.go).
		quoted = true
		textFeatures(&f, 0x10, 0x20, outside, 5)
		unit(&f, 0)
		start := len(f.idx)
		textFeatures(&f, 0x70, 0x78, inside, 5)
		unit(&f, start)
	} else {
		textFeatures(&f, 0x10, 0x20, norm, 5)
		unit(&f, 0)
	}
	if n := len(rs.prevNorm); n > 0 {
		start := len(f.idx)
		for _, p := range rs.prevNorm[max(0, n-2):] {
			textFeatures(&f, 0x30, 0x40, readerView(p), 4)
		}
		unit(&f, start)
	}
	if len(rs.prevNorm) > 0 && countWords(norm) <= followUpWords {
		followUpFeatures(&f, rs.prev, norm)
	}
	clauseFeatures(&f, rs.a)
	sig := func(name string) {
		f.idx = append(f.idx, hashFeature(0x50, name))
		f.val = append(f.val, 1)
	}
	sig("bias-rules")
	if quoted {
		sig("quoted")
	}
	if spelledDigits(norm) { // outbound_digits.go
		sig("spelledDigits")
	}
	if rs.stack && rs.refused {
		sig("refused")
	}
	if rs.stack && rs.held {
		sig("held")
	}
	a := rs.a
	for _, b := range []struct {
		on   bool
		name string
	}{{a.seedCtx, "seedCtx"}, {a.codeCtx, "codeCtx"}, {a.wordAsk, "wordAsk"}, {a.follow, "follow"}, {a.bareFollow, "bareFollow"},
		{rs.prev.asked != 0, "prevAsked"}, {rs.prev.strong != 0, "prevStrong"}, {rs.prev.positions, "prevPositions"}, {len(rs.prevNorm) > 0, "hasPrevious"}} {
		if b.on {
			sig(b.name)
		}
	}
	// Clause signals, each once per message, with whether the clause is
	// negated or a warning: "secret+blocked" and "secret+open" differ.
	var seen []uint32
	for i := range a.clauses {
		c := &a.clauses[i]
		state := byte(0x51)
		if c.blocked() {
			state = 0x52
		}
		add := func(name string) {
			h := hashFeature(state, name)
			if !slices.Contains(seen, h) {
				seen = append(seen, h)
				f.idx = append(f.idx, h)
				f.val = append(f.val, 1)
			}
		}
		if rs.stack && c.request != 0 {
			add("request" + string(rune('0'+c.request)))
		}
		if cls := c.reviewSecret(); cls != 0 {
			add("secret" + string(rune('0'+cls)))
			if c.acts() {
				add("secretActs")
			}
			if c.toMe || c.chat {
				add("secretToMe")
			}
		}
		for _, b := range [...]struct {
			on   bool
			name string
		}{{c.transfer != nil, "transfer"}, {c.entry != nil, "entry"}, {c.toMe, "toMe"}, {c.chat, "chat"},
			{c.question, "question"}, {c.threat, "threat"}, {c.media, "media"}, {c.messenger, "messenger"}, {c.reply != nil, "reply"},
			{c.safe, "safe"}, {c.site, "site"}, {c.ownPlace, "ownPlace"}, {c.wordNoun, "wordNoun"}, {c.ordinal, "ordinal"},
			{c.number, "number"}, {c.please, "please"}, {c.cond, "cond"}} {
			if b.on {
				add(b.name)
			}
		}
		for k := revExposure; k <= revHere; k++ {
			if c.marks.has(k) {
				add("mark" + string(rune('a'+k)))
			}
		}
	}
	return f
}

// followUpWords is the most words a message may have to be read as a
// follow-up of the earlier messages ("and the second half?").
const followUpWords = 8

// followUpFeatures reads a short message again in the light of what the
// earlier messages were about: its n-grams and words are hashed apart for
// each of three states of the rules' reading of those messages (one asked
// for a secret; one named a secret outside a warning without asking; none
// did). "Ok, the remaining ones" after "send me two of your backup codes"
// asks for codes, after "send me the order IDs" it does not; the main
// view cannot tell them apart, and a signal for the state alone shifts
// every short reply after a secret was named (the pointer-back signal
// that refused the bot's step-up flow). Here only the text seen in that
// state in training moves the score.
func followUpFeatures(f *modelFeatures, prev prevState, norm string) {
	charKind, wordKind := byte(0xA0), byte(0xA8) // none named
	switch {
	case prev.asked != 0:
		charKind, wordKind = 0x80, 0x88
	case prev.named != 0 || prev.strong != 0:
		charKind, wordKind = 0x90, 0x98
	}
	start := len(f.idx)
	textFeatures(f, charKind, wordKind, norm, 4)
	unit(f, start)
}

// clauseFeatures reads each clause's words again, hashed apart by the
// clause's state: open, or blocked (negated, a scam described, told in the
// past, a harm warned of). The main view's n-grams cannot tell "send me
// the code" from "never send anyone the code" when the negation sits
// outside the n-gram; the rules' scope can, and the clause signals below
// carry only the scope, not the words. With the follow-up view and the
// training's text dropout, leave-one-set-out over fourteen folds went
// from 92.9 % of requests refused and 97.8 % of honest messages allowed to
// 93.4 % and 98.0 % (BENCHMARKS.md, guard12).
func clauseFeatures(f *modelFeatures, a *analysis) {
	start := len(f.idx)
	for i := range a.clauses {
		c := &a.clauses[i]
		charKind, wordKind := byte(0xB0), byte(0xB8)
		if c.blocked() {
			charKind, wordKind = 0xC0, 0xC8
		}
		textFeatures(f, charKind, wordKind, readerView(a.n.Text[c.start:c.end]), 3)
	}
	unit(f, start)
}

// maskLinks blanks out the links of normalised text for the reader: a
// link's host and path say nothing of what is asked, yet once training
// held many forms behind links their letters (and a placeholder word in
// their place) read as a request ("See https://help.example.com/x" scored
// 0.87). The rules still read the links themselves.
func maskLinks(norm string) string {
	if !strings.Contains(norm, ".") {
		return norm
	}
	links := findLinks(norm, norm)
	if len(links) == 0 {
		return norm
	}
	var b strings.Builder
	last := 0
	for _, l := range links {
		b.WriteString(norm[last:l.start])
		b.WriteString(" ")
		last = l.end
	}
	b.WriteString(norm[last:])
	return b.String()
}

// unit scales f's values from start on to unit length.
func unit(f *modelFeatures, start int) {
	n := len(f.idx) - start
	if n == 0 {
		return
	}
	v := float32(1 / math.Sqrt(float64(n)))
	for i := start; i < len(f.val); i++ {
		f.val[i] = v
	}
}

// textFeatures adds character n-grams (2..maxN runes, over the text with
// runs of non-letters folded to one space) and words and word pairs.
func textFeatures(f *modelFeatures, charKind, wordKind byte, s string, maxN int) {
	rs := make([]rune, 0, len(s)+2)
	rs = append(rs, ' ')
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) {
			r = ' '
		}
		if r == ' ' && rs[len(rs)-1] == ' ' {
			continue
		}
		rs = append(rs, r)
	}
	if rs[len(rs)-1] != ' ' {
		rs = append(rs, ' ')
	}
	buf := make([]byte, 0, 4*maxN)
	for i := range rs {
		buf = buf[:0]
		for n := 1; n <= maxN && i+n <= len(rs); n++ {
			buf = utf8.AppendRune(buf, rs[i+n-1])
			if n >= 2 {
				f.idx = append(f.idx, hashBytes(charKind+byte(n), buf))
				f.val = append(f.val, 0)
			}
		}
	}
	// Words: the spans between spaces; a pair is "first second".
	var prev, pair []byte
	for i := 0; i < len(rs); {
		for i < len(rs) && rs[i] == ' ' {
			i++
		}
		j := i
		for j < len(rs) && rs[j] != ' ' {
			j++
		}
		if j > i {
			buf = buf[:0]
			for _, r := range rs[i:j] {
				buf = utf8.AppendRune(buf, r)
			}
			f.idx = append(f.idx, hashBytes(wordKind, buf))
			f.val = append(f.val, 0)
			if len(prev) > 0 {
				pair = append(append(append(pair[:0], prev...), ' '), buf...)
				f.idx = append(f.idx, hashBytes(wordKind+1, pair))
				f.val = append(f.val, 0)
			}
			prev = append(prev[:0], buf...)
		}
		i = j
	}
}

package nlu

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"sort"
)

// The two built-in models (the intent model of the phrases and labelled
// sets, and the stakes reader) are trained by `go generate
// ./internal/bot/nlu/` and embedded, because training them costs about a
// second of CPU and every process that builds an analyser (a node, each
// test binary) would pay it. The file carries a checksum of what training
// reads; a process whose phrases, labelled sets or cue lists differ from
// the file's trains afresh instead (and TestTrainedModelsAreCurrent
// fails until the file is regenerated).

//go:generate go test -run ^TestGenerateTrainedModels$ -count=1 . -args -generate-trained-models

//go:embed trained.bin.gz
var trainedFile []byte

// featureVersion names the feature extraction and training code: change
// it with featureSet, sumTags or trainModel so that old files stop
// matching.
const featureVersion = "nlu-features-2"

const trainedMagic = "GCNLU1"

// trainingSum is a checksum of everything the built-in models learn from:
// the phrase files, the labelled sets, the cue lists (they label the
// stakes reader's phrases) and the feature version.
func trainingSum() [32]byte {
	h := sha256.New()
	io.WriteString(h, featureVersion)
	for _, fsys := range []fs.FS{phraseFiles, labelledFiles} {
		fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := fs.ReadFile(fsys, name)
			if err != nil {
				return err
			}
			fmt.Fprintf(h, "%s\x00%d\x00", name, len(b))
			h.Write(b)
			return nil
		})
	}
	for _, cs := range allCueSets() {
		langs := make([]string, 0, len(cs))
		for l := range cs {
			langs = append(langs, l)
		}
		sort.Strings(langs)
		for _, l := range langs {
			fmt.Fprintf(h, "%s\x00%q\x00", l, cs[l])
		}
	}
	var sum [32]byte
	copy(sum[:], h.Sum(nil))
	return sum
}

// allCueSets lists every cue set the stakes labels depend on.
func allCueSets() []cueSet {
	return []cueSet{compromisedCues, scamCues, lossCues, impostorCues, sentCues, remoteCues, goneCues,
		completedCues, notCompletedCues, distressCues, humanCues,
		signedCues, poisonedCues, simSwapCues, lostSignalCues, investmentCues, feeToWithdrawCues, threatCues, askingCues}
}

// encodeTrained writes the models: magic, checksum, the union of their
// features (sorted), then per model its intents, which features it knows
// (a bitmap: a known feature counts in the example's length even with
// small weights), its bias and its weights quantised to int16 with one
// scale; all gzip-compressed.
func encodeTrained(sum [32]byte, models ...*model) []byte {
	union := map[string]struct{}{}
	for _, m := range models {
		for f := range m.index {
			union[f] = struct{}{}
		}
	}
	feats := make([]string, 0, len(union))
	for f := range union {
		feats = append(feats, f)
	}
	sort.Strings(feats)
	var b []byte
	b = append(b, trainedMagic...)
	b = append(b, sum[:]...)
	b = binary.AppendUvarint(b, uint64(len(feats)))
	for _, f := range feats {
		b = binary.AppendUvarint(b, uint64(len(f)))
		b = append(b, f...)
	}
	b = binary.AppendUvarint(b, uint64(len(models)))
	for _, m := range models {
		b = appendModel(b, m, feats)
	}
	var z bytes.Buffer
	w, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return z.Bytes()
}

func appendModel(b []byte, m *model, feats []string) []byte {
	k := len(m.intents)
	b = binary.AppendUvarint(b, uint64(k))
	for _, in := range m.intents {
		b = binary.AppendUvarint(b, uint64(len(in)))
		b = append(b, in...)
	}
	known := make([]byte, (len(feats)+7)/8)
	for i, f := range feats {
		if _, ok := m.index[f]; ok {
			known[i/8] |= 1 << (i % 8)
		}
	}
	b = append(b, known...)
	var maxAbs float32
	for _, w := range m.weights {
		maxAbs = max(maxAbs, float32(math.Abs(float64(w))))
	}
	scale := maxAbs / math.MaxInt16
	if scale == 0 {
		scale = 1
	}
	b = binary.LittleEndian.AppendUint32(b, math.Float32bits(scale))
	for _, x := range m.bias {
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(x))
	}
	for _, f := range feats {
		j, ok := m.index[f]
		if !ok {
			continue
		}
		for _, w := range m.weights[int(j)*k : int(j)*k+k] {
			b = binary.LittleEndian.AppendUint16(b, uint16(int16(math.Round(float64(w/scale)))))
		}
	}
	return b
}

var errTrainedFile = errors.New("trained models: not a file of this version")

// decodeTrained reads what encodeTrained wrote.
func decodeTrained(file []byte) (sum [32]byte, models []*model, err error) {
	z, err := gzip.NewReader(bytes.NewReader(file))
	if err != nil {
		return sum, nil, fmt.Errorf("trained models: %w", err)
	}
	b, err := io.ReadAll(z)
	if err != nil {
		return sum, nil, fmt.Errorf("trained models: %w", err)
	}
	r := &reader{b: b}
	if string(r.next(len(trainedMagic))) != trainedMagic {
		return sum, nil, errTrainedFile
	}
	copy(sum[:], r.next(32))
	feats := make([]string, r.uvarint())
	text := string(b) // one copy: the features are slices of it
	for i := range feats {
		n := int(r.uvarint())
		at := r.at
		r.next(n)
		feats[i] = text[at : at+n]
	}
	models = make([]*model, r.uvarint())
	for i := range models {
		models[i] = r.model(feats)
	}
	if r.bad || r.at != len(b) {
		return sum, nil, errTrainedFile
	}
	return sum, models, nil
}

// reader walks an encoded file; a read past its end sets bad.
type reader struct {
	b   []byte
	at  int
	bad bool
}

func (r *reader) next(n int) []byte {
	if n < 0 || r.at+n > len(r.b) {
		r.bad, r.at = true, len(r.b)
		return nil
	}
	r.at += n
	return r.b[r.at-n : r.at]
}

func (r *reader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b[r.at:])
	if n <= 0 || v > uint64(len(r.b)) {
		r.bad, r.at = true, len(r.b)
		return 0
	}
	r.at += n
	return v
}

func (r *reader) float() float32 { return math.Float32frombits(binary.LittleEndian.Uint32(r.pad(4))) }

// pad returns n bytes, zeros when the file is short.
func (r *reader) pad(n int) []byte {
	if b := r.next(n); b != nil {
		return b
	}
	return make([]byte, n)
}

func (r *reader) model(feats []string) *model {
	k := int(r.uvarint())
	m := &model{intents: make([]string, k), index: map[string]int32{}}
	for i := range m.intents {
		m.intents[i] = string(r.next(int(r.uvarint())))
	}
	known := r.pad((len(feats) + 7) / 8)
	scale := r.float()
	m.bias = make([]float32, k)
	for c := range m.bias {
		m.bias[c] = r.float()
	}
	for i, f := range feats {
		if known[i/8]&(1<<(i%8)) == 0 {
			continue
		}
		m.index[f] = int32(len(m.index))
		raw := r.pad(2 * k)
		for c := range k {
			m.weights = append(m.weights, float32(int16(binary.LittleEndian.Uint16(raw[2*c:])))*scale)
		}
	}
	return m
}

// embeddedModels are the intent model and the stakes reader from the
// embedded file, or nil when it does not match this build's training
// data (then they are trained).
func embeddedModels() (intents, stakes *model) {
	sum, ms, err := decodeTrained(trainedFile)
	if err != nil || sum != trainingSum() || len(ms) != 2 {
		return nil, nil
	}
	return ms[0], ms[1]
}

package guard

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"sort"
	"strings"
	"testing"
)

// Training and cross-validation of the learned reader (outbound_model.go).
//
//	go generate ./internal/guard/                      # retrain, write outbound_model.bin
//	go test ./internal/guard/ -run TestOutboundModelCV -v -args -outbound-cv   # the tables of BENCHMARKS.md
//
// Everything is deterministic: fixed order of the data, a fixed seed for
// the shuffles, one thread.

var (
	generateModel = flag.Bool("generate-outbound-model", false, "retrain the outbound model and write outbound_model.bin")
	runModelCV    = flag.Bool("outbound-cv", false, "run the outbound model's leave-one-set-out cross-validation")
	cvFrozenOnly  = flag.Bool("outbound-cv-frozen", false, "with -outbound-cv: skip the inner cross-validation (its columns then read the frozen thresholds and 0.5)")
)

// modelFeatureVersion changes whenever the features or the training
// change, so that the checksum of the data no longer matches.
const modelFeatureVersion = "features-5 quotes digits follow-ups follow-up-view clause-view links-blanked tags-blanked phone-texts 2^20 adagrad lr=0.3 l2=1e-6 epochs=8 text-dropout=0.2 balanced"

// modelSets are the labelled sets, in training order. The eval sets and
// dev11b, dev12a, dev12b, dev12c, dev13a, dev13b, dev14a, dev14b, dev15 (each
// read once as unseen text, blind rule verdicts kept) are the folds of
// the cross-validation; dev, dev9, dev10, dev10b, dev10c, dev10d, dev10e,
// dev11, probes, the product's own texts (the bot's templates) and the
// clean customer chat of corpus_test.go (honest) are always trained on.
// dev16 is read unseen but not trained on: with it the reader refused two
// honest texts of dev10d (guard20) and, before the own-login rule, two of
// TestCheckOutboundAsks (guard16).
var modelSets = []struct{ name, path string }{
	{"dev", "testdata/outbound_dev.jsonl"},
	{"dev9", "testdata/dev9/outbound_dev9.jsonl"},
	{"dev10", "testdata/dev10/outbound_dev10.jsonl"}, // ids and notes like the eval sets
	{"dev10b", "testdata/dev10b/outbound_dev10b.jsonl"},
	{"dev10c", "testdata/dev10c/outbound_dev10c.jsonl"}, // eight ideas in many wordings each
	{"dev10d", "testdata/dev10d/outbound_dev10d.jsonl"}, // parts by position, follow-ups, API secrets, codes read out
	{"dev10e", "testdata/dev10e/outbound_dev10e.jsonl"},
	{"dev11", "testdata/dev11/outbound_dev11.jsonl"}, // the shapes eval9 and eval10 missed, with honest twins
	{"probes", "testdata/probes"},
	{"product", "testdata/product/bot_templates.jsonl"},
	{"producttexts", "testdata/product/product_texts.jsonl"}, // help articles, recovery and diagnosis texts
	{"customers", "supportCorpus"},                           // corpus_test.go: customers' own chat, honest
	{"eval1", "testdata/eval/outbound_eval.jsonl"},
	{"eval2", "testdata/eval2/outbound_eval2.jsonl"},
	{"eval3", "testdata/eval3/outbound_eval3.jsonl"},
	{"eval4", "testdata/eval4/outbound_eval4.jsonl"},
	{"eval5", "testdata/eval5/outbound_eval5.jsonl"},
	{"eval6", "testdata/eval6/outbound_eval6.jsonl"},
	{"eval7", "testdata/eval7/outbound_eval7.jsonl"},
	{"eval8", "testdata/eval8/outbound_eval8.jsonl"},
	{"eval9", "testdata/eval9/outbound_eval9.jsonl"},
	{"eval10", "testdata/eval10/outbound_eval10.jsonl"},
	{"eval11", "testdata/eval11/outbound_eval11.jsonl"},
	{"dev11b", "testdata/dev11b/outbound_dev11b.jsonl"}, // read unseen once, then a fold like the eval sets
	{"dev12a", "testdata/dev12a/outbound_dev12a.jsonl"},
	{"dev12b", "testdata/dev12b/outbound_dev12b.jsonl"},
	{"dev12c", "testdata/dev12c/outbound_dev12c.jsonl"}, // mostly honest
	{"eval12", "testdata/eval12/outbound_eval12.jsonl"},
	{"dev13a", "testdata/dev13a/outbound_dev13a.jsonl"}, // eval12's miss kinds and their honest look-alikes
	{"dev13b", "testdata/dev13b/outbound_dev13b.jsonl"}, // es, pt, it, fr requests; Chinese honest
	{"eval13", "testdata/eval13/outbound_eval13.jsonl"},
	{"dev14a", "testdata/dev14a/outbound_dev14a.jsonl"}, // eval13's miss kinds and their honest look-alikes
	{"dev14b", "testdata/dev14b/outbound_dev14b.jsonl"}, // fr, tr, ru, uk, pl, id requests; zh, id, ar honest
	{"eval14", "testdata/eval14/outbound_eval14.jsonl"},
	{"dev15", "testdata/dev15/outbound_dev15.jsonl"}, // cards, properties, brand codes, late asks; extra fr/de/ru/th requests, ar/uk/pt honest
	{"eval15", "testdata/eval15/outbound_eval15.jsonl"},
	{"eval16", "testdata/eval16/outbound_eval16.jsonl"},
	{"eval16b", "testdata/eval16b/outbound_eval16b.jsonl"}, // every item set in its own market
	{"dev17", "testdata/dev17/outbound_dev17.jsonl"},       // reassurance then ask, refunds at links, security answers, local logins; the product's own 2FA texts honest
}

var modelFolds = []string{"eval1", "eval2", "eval3", "eval4", "eval5", "eval6", "eval7", "eval8", "eval9", "eval10", "eval11", "dev11b", "dev12a", "dev12b", "dev12c", "eval12", "dev13a", "dev13b", "eval13", "dev14a", "dev14b", "eval14", "dev15", "eval15", "eval16", "eval16b", "dev17"}

// modelExample is one labelled message, read once.
type modelExample struct {
	set, id, lang string
	request       bool
	ruleRefused   bool // the rules as they are
	ruleHeld      bool
	// blindRefused is the rules' verdict before anyone tuned on the
	// message's set (testdata/blind/rule_verdicts.tsv: the rules at the
	// commit that added the set, or before the first tuning on it); unset
	// outside the eval sets.
	blindRefused, hasBlind bool
	f                      modelFeatures
	shingles               []uint32 // hashed character 5-grams, sorted, for near-duplicates
}

func loadModelData(tt *testing.T) []modelExample {
	var out []modelExample
	add := func(set, id, lang, label, text string, prev []string) {
		r := readOutbound(prev, text)
		sig := r.signals()
		out = append(out, modelExample{set: set, id: id, lang: lang, request: label == "request",
			ruleRefused: len(r.refused) > 0, ruleHeld: len(r.held) > 0 && len(r.refused) == 0,
			f: outboundFeatures(sig), shingles: shingles(r.a.n.Text)})
	}
	blind := loadBlindVerdicts(tt)
	defer func() {
		for i := range out {
			e := &out[i]
			if v, ok := blind[e.set+"\t"+e.id]; ok {
				e.blindRefused, e.hasBlind = v, true
			}
		}
	}()
	for _, s := range modelSets {
		switch s.name {
		case "customers":
			for _, l := range sortedKeys(supportCorpus) {
				for i, m := range supportCorpus[l] {
					add(s.name, fmt.Sprintf("%s-%d", l, i+1), l, "honest", m, nil)
				}
			}
		case "dev", "dev9", "product", "producttexts":
			for i, c := range loadDevFile(tt, s.path) {
				add(s.name, fmt.Sprintf("%s-%d", s.name, i+1), c.Lang, c.Label, c.Text, c.Previous)
			}
		case "probes":
			for i, m := range loadProbes(tt, s.path+"/outbound_requests.txt") {
				add(s.name, fmt.Sprintf("req-%d", i+1), "?", "request", m, nil)
			}
			for i, m := range loadProbes(tt, s.path+"/outbound_honest.txt") {
				add(s.name, fmt.Sprintf("hon-%d", i+1), "?", "honest", m, nil)
			}
		default:
			for _, c := range loadOutboundSet(tt, s.path) {
				add(s.name, c.ID, c.Lang, c.Label, c.Text, c.Previous)
			}
		}
	}
	return out
}

// blindVerdictsPath holds the rules' first-contact verdicts on eval1-9.
const blindVerdictsPath = "testdata/blind/rule_verdicts.tsv"

func loadBlindVerdicts(t *testing.T) map[string]bool {
	raw, err := os.ReadFile(blindVerdictsPath)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, l := range strings.Split(string(raw), "\n") {
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) != 3 {
			t.Fatalf("%s: bad line %q", blindVerdictsPath, l)
		}
		out[f[0]+"\t"+f[1]] = f[2] == "1"
	}
	return out
}

// modelDataSum is the SHA-256 of every labelled file and the feature
// version: the embedded model records the one it was trained on.
func modelDataSum(t *testing.T) [32]byte {
	h := sha256.New()
	h.Write([]byte(modelFeatureVersion))
	for _, s := range append(modelSets, struct{ name, path string }{"blind", blindVerdictsPath}) {
		if s.name == "customers" {
			for _, l := range sortedKeys(supportCorpus) {
				fmt.Fprintf(h, "%s %q\n", l, supportCorpus[l])
			}
			continue
		}
		paths := []string{s.path}
		if s.name == "probes" {
			paths = []string{s.path + "/outbound_requests.txt", s.path + "/outbound_honest.txt"}
		}
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(h, "%s %d\n", p, len(b))
			h.Write(b)
		}
	}
	var sum [32]byte
	copy(sum[:], h.Sum(nil))
	return sum
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func shingles(s string) []uint32 {
	rs := []rune(strings.Join(strings.Fields(s), " "))
	var out []uint32
	for i := 0; i+5 <= len(rs); i++ {
		out = append(out, hashFeature(0x60, string(rs[i:i+5])))
	}
	if len(out) == 0 {
		out = append(out, hashFeature(0x60, string(rs)))
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	k := 0
	for i, x := range out {
		if i == 0 || x != out[k-1] {
			out[k] = x
			k++
		}
	}
	return out[:k]
}

// nearDuplicate: Jaccard similarity of the 5-gram sets at least 0.6.
func nearDuplicate(a, b []uint32) bool {
	i, j, inter := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			inter++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return float64(inter) >= 0.6*float64(len(a)+len(b)-inter)
}

// trainingIndices are the examples not in the held-out sets and not near
// duplicates of any of their messages.
func trainingIndices(data []modelExample, heldOut map[string]bool) (train []int, dropped int) {
	post := map[uint32][]int{} // shingle -> held-out examples
	for i, e := range data {
		if heldOut[e.set] {
			for _, s := range e.shingles {
				post[s] = append(post[s], i)
			}
		}
	}
	for i, e := range data {
		if heldOut[e.set] {
			continue
		}
		cand := map[int]int{}
		for _, s := range e.shingles {
			for _, k := range post[s] {
				cand[k]++
			}
		}
		dup := false
		for k, n := range cand {
			if float64(n) >= 0.6*float64(len(e.shingles)) && nearDuplicate(e.shingles, data[k].shingles) {
				dup = true
				break
			}
		}
		if dup {
			dropped++
			continue
		}
		train = append(train, i)
	}
	return train, dropped
}

// trainModel fits a logistic regression with AdaGrad, classes weighted
// to balance, a fixed seed for the order of each epoch.
func trainModel(data []modelExample, idx []int) *outboundModel {
	const (
		// textDropout: each time an example is seen, each of its text
		// n-grams is left out with this chance (the rest scaled up), so
		// that no wording alone carries a training message and the clause
		// signals and the other views must: the reader learned wordings
		// more than shapes (cross-validation ~94/98, blind sets ~91/96.5).
		textDropout = 0.2
		epochs      = 8
		lr          = 0.3 // 0.2 until guard11: 0.3 refused more and allowed more in leave-one-set-out over ten folds (0.5 more still, but scored short honest texts near the edge higher)
		l2          = 1e-6
	)
	w := make([]float64, modelDim)
	g2 := make([]float64, modelDim)
	var bias, biasG2 float64
	var pos int
	for _, i := range idx {
		if data[i].request {
			pos++
		}
	}
	wPos := float64(len(idx)) / (2 * float64(max(pos, 1)))
	wNeg := float64(len(idx)) / (2 * float64(max(len(idx)-pos, 1)))
	order := append([]int(nil), idx...)
	var dropBuf []float32
	rng := rand.New(rand.NewPCG(7, 9))
	for ep := 0; ep < epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			e := &data[i]
			s := bias
			vals := e.f.val
			if textDropout > 0 {
				vals = append(dropBuf[:0], e.f.val...)
				for k, v := range vals {
					if v < 1 { // text n-grams (scaled to unit length); the 0/1 signals are always kept
						if rng.Float64() < textDropout {
							vals[k] = 0
						} else {
							vals[k] = v / (1 - textDropout)
						}
					}
				}
				dropBuf = vals
			}
			for k, j := range e.f.idx {
				s += w[j] * float64(vals[k])
			}
			p := 1 / (1 + math.Exp(-s))
			y, cw := 0.0, wNeg
			if e.request {
				y, cw = 1, wPos
			}
			g := cw * (p - y)
			for k, j := range e.f.idx {
				gj := g*float64(vals[k]) + l2*w[j]
				g2[j] += gj * gj
				w[j] -= lr * gj / (math.Sqrt(g2[j]) + 1e-8)
			}
			biasG2 += g * g
			bias -= lr * g / (math.Sqrt(biasG2) + 1e-8)
		}
	}
	m := &outboundModel{w: make([]float32, modelDim), bias: float32(bias)}
	for j, x := range w {
		m.w[j] = float32(x)
	}
	return m
}

// decision is the combination of rules and model.
type decision struct{ alone, veto float64 }

func (d decision) refuses(ruleRefused bool, p float64) bool {
	if ruleRefused {
		return p >= d.veto
	}
	return p >= d.alone
}

// oof holds out-of-fold scores of examples.
type oof struct {
	ex []modelExample
	p  []float64
}

// crossScores trains once per fold of folds (on data minus the fold, its
// near duplicates and exclude) and scores the fold.
func crossScores(data []modelExample, folds []string, exclude map[string]bool) oof {
	var o oof
	for _, f := range folds {
		held := map[string]bool{f: true}
		for k := range exclude {
			held[k] = true
		}
		train, _ := trainingIndices(data, held)
		m := trainModel(data, train)
		for _, e := range data {
			if e.set == f {
				o.ex = append(o.ex, e)
				o.p = append(o.p, m.score(e.f))
			}
		}
	}
	return o
}

// cost weighs the two errors by the targets' budgets: 5% of requests
// may pass, 2% of honest messages may be refused.
func cost(refused, allowed float64) float64 { return (1-refused)/0.05 + (1-allowed)/0.02 }

// selectable: the out-of-fold examples thresholds are chosen on. The
// rules' verdicts must be blind (as on a new set: the rules as they are
// were tuned on eval1-5 and are right on nearly all of them); eval1's
// blind verdicts are the keyword filter's, which the rules replaced, so
// eval1 is left out of the choice.
func selectable(e modelExample) bool { return e.hasBlind && e.set != "eval1" }

// chooseDecision picks the thresholds of least cost on out-of-fold
// scores, with the rules' blind verdicts. The grid holds rules alone
// (alone > 1), rules or model (veto 0) and model alone (veto = alone).
func chooseDecision(o oof) decision {
	grid := []float64{0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98, 1.01}
	best, bestC := decision{1.01, 0}, math.Inf(1)
	for _, alone := range grid {
		for _, veto := range grid {
			if veto > alone {
				continue
			}
			d := decision{alone, veto}
			var t tallyRA
			for i, e := range o.ex {
				if selectable(e) {
					t.add(e.request, d.refuses(e.blindRefused, o.p[i]))
				}
			}
			if c := cost(t.rates()); c < bestC {
				best, bestC = d, c
			}
		}
	}
	return best
}

type tallyRA struct{ req, ref, hon, alw int }

func (t *tallyRA) add(request, refused bool) {
	if request {
		t.req++
		if refused {
			t.ref++
		}
	} else {
		t.hon++
		if !refused {
			t.alw++
		}
	}
}

func (t tallyRA) rates() (float64, float64) {
	return float64(t.ref) / float64(max(t.req, 1)), float64(t.alw) / float64(max(t.hon, 1))
}

func (t tallyRA) cell() string {
	return fmt.Sprintf("%d/%d = %.1f%% | %d/%d = %.1f%%", t.ref, t.req, pct(t.ref, t.req), t.alw, t.hon, pct(t.alw, t.hon))
}

// heldCell reads a tally of holds: requests held of all requests, honest
// messages held of all honest ones.
func (t tallyRA) heldCell() string {
	return fmt.Sprintf("%d/%d, %d/%d = %.1f%%", t.ref, t.req, t.hon-t.alw, t.hon, pct(t.hon-t.alw, t.hon))
}

// chooseFor picks the decision for a model trained on every set but
// exclude, by leave-one-set-out over the remaining eval sets.
func chooseFor(data []modelExample, exclude map[string]bool) decision {
	var inner []string
	for _, f := range modelFolds {
		if !exclude[f] {
			inner = append(inner, f)
		}
	}
	return chooseDecision(crossScores(data, inner, exclude))
}

// buildModel trains the shipped model on every set. Its thresholds are
// the frozen ones of outbound_model.go: the leave-one-set-out pick over
// the eval sets is reported beside them, never taken on its own (a
// retrain once moved the veto from 0.60 to 0.40 without anyone deciding
// it). Changing them is an edit of modelAlone and modelVeto.
func buildModel(t *testing.T, data []modelExample) *outboundModel {
	d := chooseFor(data, nil)
	t.Logf("the cross-validation picks refuse alone at %.2f, veto below %.2f; the frozen thresholds are %.2f / %.2f (edit modelAlone, modelVeto to change them)",
		d.alone, d.veto, modelAlone, modelVeto)
	if float32(d.alone) != modelAlone || float32(d.veto) != modelVeto {
		t.Log("NOTE: they differ; the frozen ones are kept")
	}
	all := make([]int, len(data))
	for i := range all {
		all[i] = i
	}
	m := trainModel(data, all)
	m.alone, m.veto = modelAlone, modelVeto
	m.dataSum = modelDataSum(t)
	return m
}

// TestGenerateOutboundModel writes outbound_model.bin (go generate).
func TestGenerateOutboundModel(t *testing.T) {
	if !*generateModel {
		t.Skip("run by go generate (-generate-outbound-model)")
	}
	m := buildModel(t, loadModelData(t))
	if err := os.WriteFile("outbound_model.bin", m.encode(), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote outbound_model.bin: alone %.2f veto %.2f", m.alone, m.veto)
}

// TestOutboundModelIsCurrent: the embedded model was trained on the
// labelled sets as they are, and a retrain gives the same weights (so a
// change to the rules, the normaliser or the features that is not
// followed by go generate fails here).
func TestOutboundModelIsCurrent(t *testing.T) {
	m, err := loadedModel()
	if err != nil {
		t.Fatalf("embedded model: %v (run go generate ./internal/guard/)", err)
	}
	t.Logf("embedded model: refuse alone at %.2f, veto a rule refusal below %.2f", m.alone, m.veto)
	if m.alone != modelAlone || m.veto != modelVeto {
		t.Fatalf("embedded thresholds %.2f / %.2f are not the frozen %.2f / %.2f: run go generate ./internal/guard/", m.alone, m.veto, modelAlone, modelVeto)
	}
	if m.dataSum != modelDataSum(t) {
		t.Fatal("the labelled sets or the feature version changed since the model was trained: run go generate ./internal/guard/")
	}
	if testing.Short() {
		t.Skip("retrain skipped in -short")
	}
	if raceLight() {
		t.Log("the retrain is compared by the run without -race (scripts/test.sh)")
		return
	}
	// The weights only: the thresholds come from the same data and code
	// (the checksum above) by a cross-validation that go generate runs.
	data := loadModelData(t)
	all := make([]int, len(data))
	for i := range all {
		all[i] = i
	}
	trained := trainModel(data, all)
	trained.alone, trained.veto, trained.dataSum = m.alone, m.veto, m.dataSum
	fresh, err := decodeOutboundModel(trained.encode())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(fresh.encode(), m.encode()) {
		// Weights may differ in the last bits on another architecture
		// (fused multiply-add); more than that means a stale model.
		var worst float64
		for i := range m.w {
			worst = math.Max(worst, math.Abs(float64(m.w[i]-fresh.w[i])))
		}
		if worst > 1e-3 {
			t.Fatalf("a retrain differs from the embedded model (largest weight difference %.4g): run go generate ./internal/guard/", worst)
		}
	}
}

// raceLight tells whether the retrain is left to a run without the race
// detector: reading every labelled set and training on them is one
// goroutine's work, which the detector slows about tenfold (over half of
// this package's time under -race) and has nothing to find in.
// scripts/test.sh runs TestOutboundModelIsCurrent again without -race
// beside the race run; GROUNDCREW_GUARD_FULL=1 makes it retrain under
// -race too.
func raceLight() bool {
	return raceDetector && os.Getenv("GROUNDCREW_GUARD_FULL") == ""
}

// TestOutboundModelCV is the honest estimate: for each eval set, a model
// trained on every other set (near duplicates of the held-out set left
// out) with thresholds chosen by an inner leave-one-set-out over the
// training sets only, scored on the held-out set. The rules are the same
// in every fold: they were tuned on eval1-5 (so their figure on those
// folds is not held out) but never on eval6 or eval7.
func TestOutboundModelCV(t *testing.T) {
	if !*runModelCV {
		t.Skip("slow (about a minute): -args -outbound-cv")
	}
	data := loadModelData(t)
	type row struct{ rules, blindRules, model, model50, combo, blindCombo, blindHeld, frozen tallyRA }
	shipped := decision{float64(modelAlone), float64(modelVeto)}
	perSet := map[string]*row{}
	perLang := map[string]*row{}
	var all row
	last := modelFolds[len(modelFolds)-1]
	var exLast []modelExample
	var pLast []float64
	for _, f := range modelFolds {
		held := map[string]bool{f: true}
		train, dropped := trainingIndices(data, held)
		m := trainModel(data, train)
		// The thresholds, by leave-one-set-out over the other sets;
		// the model alone at the threshold the same inner CV picks for it.
		var inner []string
		for _, g := range modelFolds {
			if g != f {
				inner = append(inner, g)
			}
		}
		d, dm := shipped, 0.5
		if !*cvFrozenOnly {
			o := crossScores(data, inner, held)
			d, dm = chooseDecision(o), chooseModelAlone(o)
		}
		r := &row{}
		perSet[f] = r
		for _, e := range data {
			if e.set != f {
				continue
			}
			p := m.score(e.f)
			if f == last {
				exLast = append(exLast, e)
				pLast = append(pLast, p)
			}
			lr := perLang[e.lang]
			if lr == nil {
				lr = &row{}
				perLang[e.lang] = lr
			}
			for _, x := range []*row{r, lr, &all} {
				x.rules.add(e.request, e.ruleRefused)
				x.model.add(e.request, p >= dm)
				x.model50.add(e.request, p >= 0.5)
				x.combo.add(e.request, d.refuses(e.ruleRefused, p))
				x.blindRules.add(e.request, e.blindRefused)
				x.blindCombo.add(e.request, d.refuses(e.blindRefused, p))
				x.frozen.add(e.request, shipped.refuses(e.blindRefused, p))
				x.blindHeld.add(e.request, e.blindRefused && p < d.veto) // vetoed: held for review
			}
		}
		t.Logf("%s: %d trained on (%d near duplicates left out), combination alone>=%.2f veto<%.2f, model alone >= %.2f", f, len(train), dropped, d.alone, d.veto, dm)
	}
	t.Log("| fold | rules as they are (tuned on eval1-5) | combination with them | rules blind (before tuning on the set) | combination with blind rules | model alone (inner-CV threshold) | model alone at 0.5 | held for review (blind rules vetoed): requests, honest | combination with blind rules at the frozen thresholds |")
	t.Log("|---|---|---|---|---|---|---|---|---|")
	for _, f := range modelFolds {
		r := perSet[f]
		t.Logf("| %s | %s | %s | %s | %s | %s | %s | %s | %s |", f, r.rules.cell(), r.combo.cell(), r.blindRules.cell(), r.blindCombo.cell(), r.model.cell(), r.model50.cell(), r.blindHeld.heldCell(), r.frozen.cell())
	}
	t.Logf("| all | %s | %s | %s | %s | %s | %s | %s | %s |", all.rules.cell(), all.combo.cell(), all.blindRules.cell(), all.blindCombo.cell(), all.model.cell(), all.model50.cell(), all.blindHeld.heldCell(), all.frozen.cell())
	t.Log("per language, all folds:")
	for _, l := range evalLangs {
		r := perLang[l]
		t.Logf("| %s | %s | %s | %s | %s | %s | %s | %s |", l, r.rules.cell(), r.combo.cell(), r.blindRules.cell(), r.blindCombo.cell(), r.model.cell(), r.blindHeld.heldCell(), r.frozen.cell())
	}
	// The newest set at other thresholds, for the record (never used to choose).
	for _, alone := range []float64{0.5, 0.7, 0.9} {
		for _, veto := range []float64{0, 0.1, 0.2} {
			var tl tallyRA
			for i, e := range exLast {
				tl.add(e.request, decision{alone, veto}.refuses(e.ruleRefused, pLast[i]))
			}
			t.Logf("%s at alone %.2f veto %.2f: %s", last, alone, veto, tl.cell())
		}
	}
}

// chooseModelAlone picks the model's own threshold the same way as
// chooseDecision, ignoring the rules.
func chooseModelAlone(o oof) float64 {
	grid := []float64{0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95}
	best, bestC := 0.5, math.Inf(1)
	for _, th := range grid {
		var t tallyRA
		for i, e := range o.ex {
			if selectable(e) {
				t.add(e.request, o.p[i] >= th)
			}
		}
		if c := cost(t.rates()); c < bestC {
			best, bestC = th, c
		}
	}
	return best
}

// BenchmarkOutboundModel is the learned reader's share of
// BenchmarkCheckOutbound: features and score of the same message, after
// the rules' reading.
func BenchmarkOutboundModel(b *testing.B) {
	m, err := loadedModel()
	if err != nil {
		b.Fatal(err)
	}
	r := readOutbound(nil, benchOutboundMessage)
	b.ReportAllocs()
	for b.Loop() {
		m.score(outboundFeatures(r.signals()))
	}
}

// TestOutboundModelFileDamaged: the sparse weights file round-trips, and
// a file cut short or pointing past the last bucket is refused rather
// than read into wrong weights.
func TestOutboundModelFileDamaged(t *testing.T) {
	m := &outboundModel{w: make([]float32, modelDim), bias: 0.5, alone: modelAlone, veto: modelVeto}
	m.w[0], m.w[7], m.w[modelDim-1] = 1, -0.25, 0.5
	good := m.encode()
	back, err := decodeOutboundModel(good)
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range []int{0, 7, 8, modelDim - 1} {
		if math.Abs(float64(back.w[i]-m.w[i])) > 1e-4 {
			t.Errorf("weight %d: %g, want %g", i, back.w[i], m.w[i])
		}
	}
	head := len(modelMagic) + 16 + 32
	pastEnd := append(append([]byte(nil), good[:head]...), binary.AppendUvarint(nil, uint64(modelDim+1))...)
	for _, c := range []struct {
		name string
		b    []byte
	}{
		{"cut in the header", good[:head-1]},
		{"cut in a weight", good[:len(good)-1]},
		{"past the last bucket", append(pastEnd, 1, 0)},
		{"zero step", append(append([]byte(nil), good[:head]...), 0, 1, 0)},
		{"other version", append([]byte("GCOM2"), good[len(modelMagic):]...)},
	} {
		if _, err := decodeOutboundModel(c.b); err == nil {
			t.Errorf("%s: decoded", c.name)
		}
	}
}

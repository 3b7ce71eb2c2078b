package nlu

import (
	"math"
	"math/rand/v2"
	"sort"
)

// Phrase is one training example: a text labelled with its intent.
type Phrase struct {
	Intent string `json:"intent"`
	Lang   string `json:"lang"`
	Text   string `json:"text"`
}

// model is a multinomial logistic regression over binary features, each
// example's features scaled to unit length. It is immutable once trained;
// retraining builds a new one.
type model struct {
	intents []string
	index   map[string]int32 // feature → row of weights
	weights []float32        // [feature*len(intents) + intent]
	bias    []float32
}

// Training settings. A few dozen passes converge on a few thousand
// phrases; the L2 penalty keeps any one n-gram from deciding alone.
const (
	epochs       = 20
	learningRate = 1.0
	l2           = 1e-4
	// minGradient: a class whose probability is already this close to its
	// target is not updated for an example; most classes soon are, which
	// makes a pass several times cheaper.
	minGradient = 1e-3
)

// example is a phrase as feature rows and a class.
type example struct {
	cols    []int32
	class   int
	settled bool // its intent had probability ≥ settledAt last time it was seen
}

// settledAt: an example the model already gets right with this probability
// is skipped in the next pass but one in recheckEvery, which makes late
// passes cheap (most phrases settle after a few passes).
const (
	settledAt    = 0.99
	recheckEvery = 3
)

// trainModel trains on the built-in phrases plus the operators' own.
func trainModel(builtin, extra []Phrase) *model {
	all := append(append([]Phrase(nil), builtin...), extra...)
	m := &model{index: map[string]int32{}}
	intentIdx := map[string]int{}
	for _, p := range all {
		if _, ok := intentIdx[p.Intent]; !ok {
			intentIdx[p.Intent] = len(m.intents)
			m.intents = append(m.intents, p.Intent)
		}
	}
	k := len(m.intents)
	perClass := make([]float64, k)
	exs := make([]example, 0, len(all))
	for _, p := range all {
		fs := append(featureSet(p.Text, nil), sumTags(largestSum(p.Text))...)
		e := example{class: intentIdx[p.Intent], cols: make([]int32, 0, len(fs))}
		for _, f := range fs {
			j, ok := m.index[f]
			if !ok {
				j = int32(len(m.index))
				m.index[f] = j
			}
			e.cols = append(e.cols, j)
		}
		if len(e.cols) > 0 {
			exs = append(exs, e)
			perClass[e.class]++
		}
	}
	m.weights = make([]float32, len(m.index)*k)
	m.bias = make([]float32, k)
	if len(exs) == 0 {
		return m
	}
	// Each intent weighs the same however many phrases it has: phrase
	// counts say nothing about how often customers ask.
	classWeight := make([]float64, k)
	for c := range classWeight {
		if perClass[c] > 0 {
			classWeight[c] = float64(len(exs)) / (float64(k) * perClass[c])
		}
	}
	rng := rand.New(rand.NewPCG(1, 2)) // fixed: the same phrases train the same model on every node
	probs := make([]float64, k)
	for epoch := range epochs {
		rate := learningRate / (1 + float64(epoch)*0.3)
		rng.Shuffle(len(exs), func(i, j int) { exs[i], exs[j] = exs[j], exs[i] })
		for i := range exs {
			e := &exs[i]
			if e.settled && epoch%recheckEvery != 0 {
				continue
			}
			scale := 1 / math.Sqrt(float64(len(e.cols)))
			m.scores(e.cols, scale, probs)
			softmax(probs)
			e.settled = probs[e.class] >= settledAt
			w := classWeight[e.class] * rate
			for c := range k {
				g := probs[c]
				if c == e.class {
					g -= 1
				}
				if math.Abs(g) < minGradient {
					continue
				}
				g *= w
				m.bias[c] -= float32(g)
				gs := float32(g * scale)
				for _, j := range e.cols {
					at := int(j)*k + c
					m.weights[at] -= gs + float32(l2*rate)*m.weights[at]
				}
			}
		}
	}
	return m
}

// scores fills out with the raw score of each intent.
func (m *model) scores(cols []int32, scale float64, out []float64) {
	k := len(m.intents)
	for c := range k {
		out[c] = float64(m.bias[c])
	}
	for _, j := range cols {
		row := m.weights[int(j)*k : int(j)*k+k]
		for c, w := range row {
			out[c] += float64(w) * scale
		}
	}
}

func softmax(v []float64) {
	maxV := math.Inf(-1)
	for _, x := range v {
		maxV = max(maxV, x)
	}
	sum := 0.0
	for i, x := range v {
		v[i] = math.Exp(x - maxV)
		sum += v[i]
	}
	for i := range v {
		v[i] /= sum
	}
}

// scored is one intent's probability.
type scored struct {
	Intent string
	Prob   float64
}

// columns maps features to the model's rows, dropping those it never saw.
func (m *model) columns(feats []string) []int32 {
	cols := make([]int32, 0, len(feats))
	for _, f := range feats {
		if j, ok := m.index[f]; ok {
			cols = append(cols, j)
		}
	}
	return cols
}

// probs returns each intent's probability (in m.intents' order) for the
// features, or nil when the model knows none of them.
func (m *model) probs(feats []string) []float64 {
	if m == nil || len(m.intents) == 0 {
		return nil
	}
	cols := m.columns(feats)
	if len(cols) == 0 {
		return nil
	}
	probs := make([]float64, len(m.intents))
	m.scores(cols, 1/math.Sqrt(float64(len(cols))), probs)
	softmax(probs)
	return probs
}

// classify returns the intents by probability, best first; nil when the
// features hold nothing the model knows.
func (m *model) classify(feats []string) []scored {
	probs := m.probs(feats)
	if probs == nil {
		return nil
	}
	out := make([]scored, len(m.intents))
	for c, in := range m.intents {
		out[c] = scored{in, probs[c]}
	}
	sort.Slice(out, func(i, k int) bool { return out[i].Prob > out[k].Prob })
	return out
}

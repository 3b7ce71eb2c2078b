package nlu

import (
	"math"
	"sort"
)

// Phrase is one training example: a text labelled with its intent.
type Phrase struct {
	Intent string `json:"intent"`
	Lang   string `json:"lang"`
	Text   string `json:"text"`
}

// model is a multinomial naive Bayes classifier over binary features.
// It is immutable once trained; retraining builds a new one.
type model struct {
	intents  []string
	index    map[string]int // feature → column
	logProb  [][]float64    // [intent][feature]
	logUnk   []float64      // per intent, for features seen in training but not with it
	priorLog []float64
}

// smoothing is the additive (Laplace) smoothing of feature counts.
const smoothing = 0.1

// trainModel trains on the built-in phrases plus the operators' own.
func trainModel(builtin, extra []Phrase) *model {
	all := append(append([]Phrase(nil), builtin...), extra...)
	m := &model{index: map[string]int{}}
	intentIdx := map[string]int{}
	for _, p := range all {
		if _, ok := intentIdx[p.Intent]; !ok {
			intentIdx[p.Intent] = len(m.intents)
			m.intents = append(m.intents, p.Intent)
		}
	}
	counts := make([]map[int]float64, len(m.intents))
	totals := make([]float64, len(m.intents))
	for i := range counts {
		counts[i] = map[int]float64{}
	}
	for _, p := range all {
		c := intentIdx[p.Intent]
		text, kinds := blankEntities(p.Text, nil)
		for _, f := range featureSet(text, kinds) {
			j, ok := m.index[f]
			if !ok {
				j = len(m.index)
				m.index[f] = j
			}
			counts[c][j]++
			totals[c]++
		}
	}
	v := float64(len(m.index))
	m.logProb = make([][]float64, len(m.intents))
	m.logUnk = make([]float64, len(m.intents))
	m.priorLog = make([]float64, len(m.intents))
	for c := range m.intents {
		denom := totals[c] + smoothing*v
		row := make([]float64, len(m.index))
		unk := math.Log(smoothing / denom)
		for j := range row {
			row[j] = unk
		}
		for j, n := range counts[c] {
			row[j] = math.Log((n + smoothing) / denom)
		}
		m.logProb[c] = row
		m.logUnk[c] = unk
		m.priorLog[c] = -math.Log(float64(len(m.intents))) // uniform: phrase counts say nothing about traffic
	}
	return m
}

// scored is one intent's probability.
type scored struct {
	Intent string
	Prob   float64
}

// classify returns the intents by probability, best first.
func (m *model) classify(text string, kinds []string) []scored {
	if m == nil || len(m.intents) == 0 {
		return nil
	}
	var cols []int
	for _, f := range featureSet(text, kinds) {
		if j, ok := m.index[f]; ok {
			cols = append(cols, j)
		}
	}
	if len(cols) == 0 {
		return nil
	}
	scores := make([]float64, len(m.intents))
	for c := range m.intents {
		s := m.priorLog[c]
		row := m.logProb[c]
		for _, j := range cols {
			s += row[j]
		}
		scores[c] = s
	}
	// Naive Bayes multiplies dependent features, which makes its posterior
	// absurdly sure; dividing by the square root of the feature count
	// tempers it into a usable confidence.
	temper := math.Sqrt(float64(len(cols)))
	maxS := math.Inf(-1)
	for c := range scores {
		scores[c] /= temper
		maxS = max(maxS, scores[c])
	}
	sum := 0.0
	for c := range scores {
		scores[c] = math.Exp(scores[c] - maxS)
		sum += scores[c]
	}
	out := make([]scored, len(m.intents))
	for c, in := range m.intents {
		out[c] = scored{in, scores[c] / sum}
	}
	sort.Slice(out, func(i, k int) bool { return out[i].Prob > out[k].Prob })
	return out
}

package nlu

import (
	"context"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
)

// tally counts right answers out of all.
type tally struct{ right, all int }

func (t *tally) add(ok bool) {
	t.all++
	if ok {
		t.right++
	}
}

func (t *tally) plus(o tally) { t.right += o.right; t.all += o.all }

func (t tally) rate() float64 {
	if t.all == 0 {
		return 0
	}
	return float64(t.right) / float64(t.all)
}

// evaluation is what an evaluation measured.
type evaluation struct {
	overall          tally
	byLang, byIntent map[string]*tally
	// High-stakes recall: labelled high-stakes messages the analyser flags
	// for a human at once (HighStakes or Distress). Handoff precision:
	// flagged messages that are labelled high stakes.
	stakesRecall, handoffPrecision tally
	misses                         []string // what was wrong, for -v
}

func evaluate(a *Analyzer, set []labelled) evaluation {
	ev := evaluation{byLang: map[string]*tally{}, byIntent: map[string]*tally{}}
	for _, l := range set {
		res := a.Inspect(context.Background(), l.Text, "")
		ok := res.Intent == l.Intent
		ev.overall.add(ok)
		count(ev.byLang, l.Lang, ok)
		count(ev.byIntent, l.Intent, ok)
		flagged := res.HighStakes || res.Distress
		if l.HighStakes {
			ev.stakesRecall.add(flagged)
		}
		if flagged {
			ev.handoffPrecision.add(l.HighStakes)
		}
		if !ok || flagged != l.HighStakes {
			ev.misses = append(ev.misses, fmt.Sprintf("%s want %s/hs=%v got %s %.2f/hs=%v: %s", l.ID, l.Intent, l.HighStakes, res.Intent, res.Confidence, flagged, l.Text))
		}
	}
	return ev
}

// merge adds another evaluation's counts to ev.
func (ev *evaluation) merge(o evaluation) {
	if ev.byLang == nil {
		ev.byLang, ev.byIntent = map[string]*tally{}, map[string]*tally{}
	}
	ev.overall.plus(o.overall)
	ev.stakesRecall.plus(o.stakesRecall)
	ev.handoffPrecision.plus(o.handoffPrecision)
	for _, part := range [][2]map[string]*tally{{ev.byLang, o.byLang}, {ev.byIntent, o.byIntent}} {
		for k, v := range part[1] {
			if part[0][k] == nil {
				part[0][k] = &tally{}
			}
			part[0][k].plus(*v)
		}
	}
	ev.misses = append(ev.misses, o.misses...)
}

func count(m map[string]*tally, k string, ok bool) {
	if m[k] == nil {
		m[k] = &tally{}
	}
	m[k].add(ok)
}

func (ev evaluation) report() string {
	var b strings.Builder
	fmt.Fprintf(&b, "intent accuracy %.1f %% (%d/%d); high-stakes recall %.1f %% (%d/%d); handoff precision %.1f %% (%d/%d)\n",
		100*ev.overall.rate(), ev.overall.right, ev.overall.all,
		100*ev.stakesRecall.rate(), ev.stakesRecall.right, ev.stakesRecall.all,
		100*ev.handoffPrecision.rate(), ev.handoffPrecision.right, ev.handoffPrecision.all)
	for _, part := range []struct {
		name string
		m    map[string]*tally
	}{{"language", ev.byLang}, {"intent", ev.byIntent}} {
		keys := make([]string, 0, len(part.m))
		for k := range part.m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		fmt.Fprintf(&b, "by %s:", part.name)
		for _, k := range keys {
			fmt.Fprintf(&b, " %s %d/%d", k, part.m[k].right, part.m[k].all)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// TestIntentCrossValidation leaves one labelled set out at a time: both
// models are trained on the phrases and the other sets, then measured on
// the one left out (labelled/README.md). The floors are the pooled
// figures rounded down, so a change that loses ground fails here.
func TestIntentCrossValidation(t *testing.T) {
	sets := builtinLabelled()
	var pooled evaluation
	for _, held := range sets {
		checkDevSet(t, held)
		if raceLight() && held.Name != raceFold {
			continue
		}
		ev := foldEvaluation(t, held.Name)
		t.Logf("%s left out: %s", held.Name, ev.report())
		if testing.Verbose() {
			for _, m := range ev.misses {
				t.Log(m)
			}
		}
		pooled.merge(ev)
	}
	if raceLight() {
		t.Logf("under -race only the %s fold is trained; the pooled floors are checked by the run without -race", raceFold)
		return
	}
	t.Logf("pooled over %d sets: %s", len(sets), pooled.report())
	// dev14b (helper intdata14b, 923 messages) joined as the tenth fold:
	// its own fold reads 88.6 % / 95.2 % / 91.9 % (it was never tuned on),
	// which took the pool from 93.6 / 99.2 / 86.2 to 93.0 / 98.7 / 85.9.
	// heldout5 (the fifth blind set, tuned on by stakes15) joined as the
	// eleventh fold, with stakes15's rules: 93.7 / 99.4 / 86.7; dev15
	// (helper intdata15, 875) as the twelfth, its fold 88.8 / 99.0 /
	// 90.7 after rules read from it: 93.4 / 99.6 / 85.6.
	const minAccuracy, minRecall, minPrecision = 0.933, 0.995, 0.855
	if pooled.overall.rate() < minAccuracy {
		t.Errorf("cross-validated intent accuracy %.3f < %.2f", pooled.overall.rate(), minAccuracy)
	}
	if pooled.stakesRecall.rate() < minRecall {
		t.Errorf("cross-validated high-stakes recall %.3f < %.2f", pooled.stakesRecall.rate(), minRecall)
	}
	if pooled.handoffPrecision.rate() < minPrecision {
		t.Errorf("cross-validated handoff precision %.3f < %.2f", pooled.handoffPrecision.rate(), minPrecision)
	}
}

// folds holds each leave-one-set-out evaluation once made: the
// cross-validation and the held-out tests read the same folds, and
// training one costs seconds.
var folds = struct {
	sync.Mutex
	m map[string]evaluation
}{m: map[string]evaluation{}}

// raceFold is the one fold trained under the race detector: the one
// TestIntentHeldOut2 measures, so the two tests share its training.
const raceFold = "heldout2"

// raceLight tells whether the tests that train models do less, as they
// do under the race detector: training is one goroutine's arithmetic,
// which the detector slows about tenfold and has nothing to find in.
// scripts/test.sh runs them again without -race, where they do all their
// work; GROUNDCREW_NLU_FULL=1 makes them do it under -race too.
func raceLight() bool {
	return raceDetector && os.Getenv("GROUNDCREW_NLU_FULL") == ""
}

// foldEvaluation measures the labelled set name with both models trained
// on the phrases and the other sets.
func foldEvaluation(t *testing.T, name string) evaluation {
	t.Helper()
	folds.Lock()
	defer folds.Unlock()
	if ev, ok := folds.m[name]; ok {
		return ev
	}
	sets := builtinLabelled()
	i := slices.IndexFunc(sets, func(s labelledSet) bool { return s.Name == name })
	if i < 0 {
		t.Fatalf("labelled/%s.jsonl is not embedded", name)
	}
	ev := evaluate(newFoldAnalyzer(builtinPhrases(), slices.Concat(sets[:i:i], sets[i+1:])), sets[i].Messages)
	folds.m[name] = ev
	return ev
}

// newFoldAnalyzer trains both models on phrases and sets alone.
func newFoldAnalyzer(phrases []Phrase, sets []labelledSet) *Analyzer {
	stakes := trainModel(stakesPhrases(phrases, sets), nil)
	return New(testRegistry(), WithPhrases(slices.Concat(phrases, asPhrases(sets))), func(a *Analyzer) { a.stakes = stakes })
}

// checkDevSet: every intent has at least 3 messages, and none is a
// training phrase (which would leak into the set's own measurement).
func checkDevSet(t *testing.T, set labelledSet) {
	t.Helper()
	per := map[string]int{}
	train := map[string]bool{}
	for _, p := range builtinPhrases() {
		train[strings.ToLower(p.Text)] = true
	}
	for _, l := range set.Messages {
		per[l.Intent]++
		if train[strings.ToLower(l.Text)] {
			t.Errorf("%s: message %s is a training phrase", set.Name, l.ID)
		}
	}
	for _, in := range DefaultIntents {
		if per[in] < 3 {
			t.Errorf("%s has %d messages for %s, want at least 3", set.Name, per[in], in)
		}
	}
	if len(per) != len(DefaultIntents) || !slices.Equal(sortedKeys(per), sortedCopy(DefaultIntents)) {
		t.Errorf("%s intents %v", set.Name, sortedKeys(per))
	}
}

func sortedKeys(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func sortedCopy(s []string) []string {
	out := slices.Clone(s)
	sort.Strings(out)
	return out
}

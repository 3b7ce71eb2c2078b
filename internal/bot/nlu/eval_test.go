package nlu

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"
)

// labelled is one message of an evaluation set (the held-out set's schema).
type labelled struct {
	ID         string `json:"id"`
	Lang       string `json:"lang"`
	Text       string `json:"text"`
	Intent     string `json:"intent"`
	HighStakes bool   `json:"high_stakes"`
}

func readLabelled(t *testing.T, path string) []labelled {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []labelled
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var l labelled
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, l)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// tally counts right answers out of all.
type tally struct{ right, all int }

func (t *tally) add(ok bool) {
	t.all++
	if ok {
		t.right++
	}
}

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
			fmt.Fprintf(&b, " %s %.0f%%", k, 100*part.m[k].rate())
		}
		b.WriteString("\n")
	}
	return b.String()
}

// TestIntentDev measures the dev set (testdata/dev.jsonl), written beside
// the training phrases and never part of them, and holds the floors.
func TestIntentDev(t *testing.T) {
	a := newTestAnalyzer(t)
	set := readLabelled(t, "testdata/dev.jsonl")
	checkDevSet(t, set)
	ev := evaluate(a, set)
	t.Log(ev.report())
	if testing.Verbose() {
		for _, m := range ev.misses {
			t.Log(m)
		}
	}
	const minAccuracy, minRecall, minPrecision = 0.85, 0.9, 0.6
	if ev.overall.rate() < minAccuracy {
		t.Errorf("dev intent accuracy %.3f < %.2f", ev.overall.rate(), minAccuracy)
	}
	if ev.stakesRecall.rate() < minRecall {
		t.Errorf("dev high-stakes recall %.3f < %.2f", ev.stakesRecall.rate(), minRecall)
	}
	if ev.handoffPrecision.rate() < minPrecision {
		t.Errorf("dev handoff precision %.3f < %.2f", ev.handoffPrecision.rate(), minPrecision)
	}
}

// checkDevSet: at least 10 messages per intent, and none is a training
// phrase.
func checkDevSet(t *testing.T, set []labelled) {
	t.Helper()
	per := map[string]int{}
	train := map[string]bool{}
	for _, p := range builtinPhrases() {
		train[strings.ToLower(p.Text)] = true
	}
	for _, l := range set {
		per[l.Intent]++
		if train[strings.ToLower(l.Text)] {
			t.Errorf("dev message %s is a training phrase", l.ID)
		}
	}
	for _, in := range DefaultIntents {
		if per[in] < 10 {
			t.Errorf("dev set has %d messages for %s, want at least 10", per[in], in)
		}
	}
	if len(per) != len(DefaultIntents) || !slices.Equal(sortedKeys(per), sortedCopy(DefaultIntents)) {
		t.Errorf("dev set intents %v", sortedKeys(per))
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

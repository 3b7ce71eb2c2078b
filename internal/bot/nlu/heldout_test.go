package nlu

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// heldOut2Path is the second blind set (internal/bot/testdata/heldout):
// written by someone who saw neither code nor data, and measured once by
// the lead on the finished analyser. The first held-out set, measured on
// 2026-12-05 (90.9 % intent accuracy, 81.9 % high-stakes recall, 90.4 %
// hand-off precision), is now labelled/heldout1.jsonl and trains both
// models.
const heldOut2Path = "../testdata/heldout/intents_heldout2.jsonl"

// TestIntentHeldOut2 measures the second blind set (written by helper
// blindlang, testdata/heldout/README_heldout2.md). Measured once by the
// lead on 2026-12-06: intent accuracy 97.2 % (664/683; target 95 %: met),
// high-stakes recall 89.9 % (98/109; target 100 %: not met), hand-off
// precision 84.5 % (98/116). Most missed high-stakes messages are phishing
// reports worded as a calm question ("does your support call customers?")
// with the loss further on. The floors are those figures rounded down; the
// set is development data from now on.
func TestIntentHeldOut2(t *testing.T) {
	// The folder is there (with the first set's README), so a wrong path
	// fails instead of skipping for ever.
	if _, err := os.Stat(filepath.Dir(heldOut2Path)); err != nil {
		t.Fatalf("the blind set's folder: %v", err)
	}
	if _, err := os.Stat(heldOut2Path); errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s is not there yet", heldOut2Path)
	}
	set := readLabelled(t, heldOut2Path)
	ev := evaluate(newTestAnalyzer(t), set)
	t.Log(ev.report())
	const minAccuracy, minRecall, minPrecision = 0.972, 0.899, 0.844
	if ev.overall.rate() < minAccuracy {
		t.Errorf("intent accuracy %.3f < %.3f", ev.overall.rate(), minAccuracy)
	}
	if ev.stakesRecall.rate() < minRecall {
		t.Errorf("high-stakes recall %.3f < %.3f", ev.stakesRecall.rate(), minRecall)
	}
	if ev.handoffPrecision.rate() < minPrecision {
		t.Errorf("handoff precision %.3f < %.3f", ev.handoffPrecision.rate(), minPrecision)
	}
	trained := map[string]bool{}
	for _, p := range builtinTraining() {
		trained[strings.ToLower(strings.TrimSpace(p.Text))] = true
	}
	seen := 0
	for _, l := range set {
		if trained[strings.ToLower(strings.TrimSpace(l.Text))] {
			seen++
		}
	}
	t.Logf("%d of %d messages are also training examples (phrases or labelled sets)", seen, len(set))
	if testing.Verbose() {
		for _, m := range ev.misses {
			t.Log(m)
		}
	}
}

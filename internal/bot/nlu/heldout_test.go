package nlu

import (
	"errors"
	"io/fs"
	"os"
	"testing"
)

// heldOut2Path is the second blind set (internal/bot/testdata/heldout):
// written by someone who saw neither code nor data, and measured once by
// the lead on the finished analyser. The first held-out set, measured on
// 2026-12-05 (90.9 % intent accuracy, 81.9 % high-stakes recall, 90.4 %
// hand-off precision), is now labelled/heldout1.jsonl and trains both
// models.
const heldOut2Path = "../testdata/heldout/intents_heldout2.jsonl"

// TestIntentHeldOut2 reports the blind set when it is there. It has no
// floors until it has been measured once: then the figures, rounded
// down, become them.
func TestIntentHeldOut2(t *testing.T) {
	if _, err := os.Stat(heldOut2Path); errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s is not there yet", heldOut2Path)
	}
	ev := evaluate(newTestAnalyzer(t), readLabelled(t, heldOut2Path))
	t.Log(ev.report())
	if testing.Verbose() {
		for _, m := range ev.misses {
			t.Log(m)
		}
	}
}

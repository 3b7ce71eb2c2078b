package nlu

import (
	"bytes"
	"compress/gzip"
	"flag"
	"io"
	"math"
	"os"
	"slices"
	"testing"
)

var generateTrained = flag.Bool("generate-trained-models", false, "write trained.bin.gz (go generate)")

// TestGenerateTrainedModels writes trained.bin.gz (go generate).
func TestGenerateTrainedModels(t *testing.T) {
	if !*generateTrained {
		t.Skip("run by go generate (-generate-trained-models)")
	}
	intents, stakes := trainBuiltinModels()
	b := encodeTrained(trainingSum(), intents, stakes)
	if err := os.WriteFile("trained.bin.gz", b, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote trained.bin.gz: %d bytes, %d features", len(b), len(intents.index))
}

// TestTrainedModelsAreCurrent: the embedded models were trained on this
// build's phrases, labelled sets and cues, and a retrain gives the same
// weights (so a change to the features or the training code that is not
// followed by go generate fails here).
func TestTrainedModelsAreCurrent(t *testing.T) {
	sum, ms, err := decodeTrained(trainedFile)
	if err != nil {
		t.Fatalf("embedded models: %v (run go generate ./internal/bot/nlu/)", err)
	}
	if sum != trainingSum() || len(ms) != 2 {
		t.Fatal("the phrases, labelled sets or cues changed since the models were trained: run go generate ./internal/bot/nlu/")
	}
	if testing.Short() {
		t.Skip("retrain skipped in -short")
	}
	if raceLight() {
		t.Log("the retrain is compared by the run without -race")
		return
	}
	intents, stakes := trainBuiltinModels()
	for i, fresh := range []*model{intents, stakes} {
		got := ms[i]
		if len(got.index) != len(fresh.index) || !slices.Equal(got.intents, fresh.intents) {
			t.Fatalf("model %d: %d features and intents %v, a retrain has %d and %v: run go generate ./internal/bot/nlu/",
				i, len(got.index), got.intents, len(fresh.index), fresh.intents)
		}
		// Quantised to int16: a weight may differ by half a step (and a
		// little more on an architecture with fused multiply-add).
		step := 0.0
		for _, w := range fresh.weights {
			step = math.Max(step, math.Abs(float64(w))/math.MaxInt16)
		}
		k := len(fresh.intents)
		worst := 0.0
		for f, j := range fresh.index {
			g, ok := got.index[f]
			if !ok {
				t.Fatalf("model %d: feature %q missing: run go generate ./internal/bot/nlu/", i, f)
			}
			for c := range k {
				worst = math.Max(worst, math.Abs(float64(fresh.weights[int(j)*k+c]-got.weights[int(g)*k+c])))
			}
		}
		if worst > step+1e-3 {
			t.Fatalf("model %d: a retrain differs from the embedded model by %.4g (step %.4g): run go generate ./internal/bot/nlu/", i, worst, step)
		}
	}
}

// TestDecodeTrainedRejectsDamage: a truncated or foreign file is refused,
// never half read (the analyser then trains instead).
func TestDecodeTrainedRejectsDamage(t *testing.T) {
	small := trainModel(builtinPhrases()[:60], nil)
	good := encodeTrained([32]byte{1}, small, small)
	raw := gunzipForTest(t, good)
	cases := map[string][]byte{
		"empty":     nil,
		"not gzip":  []byte("GCNLU1 plain"),
		"truncated": gzipForTest(raw[:len(raw)/2]),
		"trailing":  gzipForTest(append(bytes.Clone(raw), 0)),
		"old magic": gzipForTest(append([]byte("GCNLU0"), raw[6:]...)),
	}
	for name, b := range cases {
		if _, _, err := decodeTrained(b); err == nil {
			t.Errorf("%s: decoded without error", name)
		}
	}
	if sum, ms, err := decodeTrained(good); err != nil || sum != [32]byte{1} || len(ms) != 2 {
		t.Fatalf("round trip: %v, %d models", err, len(ms))
	}
}

func gzipForTest(b []byte) []byte {
	var z bytes.Buffer
	w := gzip.NewWriter(&z)
	w.Write(b)
	w.Close()
	return z.Bytes()
}

func gunzipForTest(t *testing.T, b []byte) []byte {
	t.Helper()
	z, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(z)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

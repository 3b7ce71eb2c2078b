package nlu

import (
	"os"
	"runtime"
	"testing"
)

// trainBuiltin trains both built-in models afresh, as a process does once.
func trainBuiltin() {
	trainModel(builtinTraining(), nil)
	trainModel(stakesPhrases(builtinPhrases(), builtinLabelled()), nil)
}

func BenchmarkTrain(b *testing.B) {
	for b.Loop() {
		trainBuiltin()
	}
}

// TestTrainCPU measures one training of both models' CPU time when
// GROUNDCREW_NLU_P99=1.
func TestTrainCPU(t *testing.T) {
	if os.Getenv("GROUNDCREW_NLU_P99") == "" {
		t.Skip("set GROUNDCREW_NLU_P99=1 to measure")
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	c0, _ := threadCPU()
	trainBuiltin()
	c1, _ := threadCPU()
	t.Logf("training both models on %d phrases and labelled messages: %v CPU", len(builtinTraining()), c1-c0)
}

package nlu

import (
	"os"
	"runtime"
	"testing"
)

func BenchmarkTrain(b *testing.B) {
	ps := builtinPhrases()
	for b.Loop() {
		trainModel(ps, nil)
	}
}

// TestTrainCPU measures one training's CPU time when GROUNDCREW_NLU_P99=1.
func TestTrainCPU(t *testing.T) {
	if os.Getenv("GROUNDCREW_NLU_P99") == "" {
		t.Skip("set GROUNDCREW_NLU_P99=1 to measure")
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	ps := builtinPhrases()
	c0, _ := threadCPU()
	trainModel(ps, nil)
	c1, _ := threadCPU()
	t.Logf("training on %d phrases: %v CPU", len(ps), c1-c0)
}

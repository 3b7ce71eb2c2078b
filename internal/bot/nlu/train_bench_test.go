package nlu

import (
	"runtime"
	"testing"
)

func BenchmarkTrain(b *testing.B) {
	ps := builtinPhrases()
	for b.Loop() {
		trainModel(ps, nil)
	}
}

func TestTrainCPU(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	ps := builtinPhrases()
	c0, _ := threadCPU()
	trainModel(ps, nil)
	c1, _ := threadCPU()
	t.Logf("training on %d phrases: %v CPU", len(ps), c1-c0)
}

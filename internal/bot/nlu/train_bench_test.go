package nlu

import (
	"os"
	"runtime"
	"testing"

	"github.com/groundcrew/groundcrew/internal/cputime"
)

func BenchmarkTrain(b *testing.B) {
	for b.Loop() {
		trainBuiltinModels()
	}
}

// TestTrainCPU measures, when GROUNDCREW_NLU_P99=1, what a process pays
// for the built-in models: loading them from the embedded file (what a
// node and a test binary do) and training them afresh (what they did
// before the file, and still do when it is stale).
func TestTrainCPU(t *testing.T) {
	if os.Getenv("GROUNDCREW_NLU_P99") == "" {
		t.Skip("set GROUNDCREW_NLU_P99=1 to measure")
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	c0, _ := cputime.Thread()
	if intents, _ := embeddedModels(); intents == nil {
		t.Fatal("the embedded models are stale: run go generate ./internal/bot/nlu/")
	}
	c1, _ := cputime.Thread()
	trainBuiltinModels()
	c2, _ := cputime.Thread()
	t.Logf("loading both models from the embedded file: %v CPU; training them on %d phrases and labelled messages: %v CPU", c1-c0, len(builtinTraining()), c2-c1)
}

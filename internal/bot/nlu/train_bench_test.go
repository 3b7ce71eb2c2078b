package nlu

import "testing"

func BenchmarkTrain(b *testing.B) {
	ps := builtinPhrases()
	for b.Loop() {
		trainModel(ps, nil)
	}
}

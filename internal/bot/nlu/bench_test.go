package nlu

import (
	"context"
	"os"
	"runtime"
	"testing"

	"github.com/groundcrew/groundcrew/internal/cputime"
)

// benchTexts are messages of the lengths and scripts the bot sees.
var benchTexts = []string{
	"my deposit has not arrived",
	"мой депозит USDT не пришёл, txid 3a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9",
	"I sent 500 USDT via TRC20 to TJCnKsPa7y5okkXvQAidZBzqx3QyQ6sxMW two hours ago and it is still not credited, order #20231105123456789",
	"充值三个小时还没到账，请帮忙查一下",
	"บัญชีของฉันโดนแฮก ช่วยด้วย",
	"Hallo, meine Auszahlung hängt seit gestern in Bearbeitung und ich brauche das Geld dringend für eine Rechnung",
}

func BenchmarkAnalyze(b *testing.B) {
	a := New(testRegistry())
	ctx := context.Background()
	i := 0
	for b.Loop() {
		a.Inspect(ctx, benchTexts[i%len(benchTexts)], "")
		i++
	}
}

// TestAnalyzeP99 measures the 99th percentile of one analysis when
// GROUNDCREW_NLU_P99=1 (a measurement for BENCHMARKS.md, not a test of the
// machine's speed).
func TestAnalyzeP99(t *testing.T) {
	if os.Getenv("GROUNDCREW_NLU_P99") == "" {
		t.Skip("set GROUNDCREW_NLU_P99=1 to measure")
	}
	a := New(testRegistry())
	ctx := context.Background()
	var dev []string
	for _, l := range builtinLabelled()[0].Messages {
		dev = append(dev, l.Text)
	}
	texts := append(dev, benchTexts...)
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	const n = 20000
	var times cputime.Times
	for i := range n {
		times.Measure(cputime.Thread, func() { a.Inspect(ctx, texts[i%len(texts)], "") })
	}
	t.Logf("analysis time (CPU: the thread's): %s", times.Report())
}

package detect

import (
	"testing"
	"time"
)

// benchMessages are short support messages across scripts, with the
// machine strings the cleaner drops.
var benchMessages = []string{
	"my withdrawal is still pending, TxID 0x9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0",
	"mi retiro sigue pendiente",
	"meu saque ainda não caiu",
	"çekim talebim hala beklemede",
	"lệnh rút tiền của tôi vẫn đang chờ",
	"wpłata 250 USDT nie dotarła",
	"мій вивід досі в обробці",
	"где мои деньги?",
	"充值250 USDT没到账",
	"出金がまだ保留中です",
	"출금이 아직 대기 중이에요",
	"การถอนเงินของฉันยังค้างอยู่",
	"سحبي لا يزال معلقا",
	"penarikan saya masih pending",
	"je n'ai pas reçu mon dépôt",
	"wo ist mein Geld?",
}

func BenchmarkDetectLanguage(b *testing.B) {
	b.ReportAllocs()
	start, n := cpuTime(), 0
	for i := 0; b.Loop(); i++ {
		DetectLanguage(benchMessages[i%len(benchMessages)], Priors{Page: "en"})
		n++
	}
	reportCPU(b, start, n)
}

func BenchmarkDetectArea(b *testing.B) {
	b.ReportAllocs()
	start, n := cpuTime(), 0
	for i := 0; b.Loop(); i++ {
		DetectArea(benchMessages[i%len(benchMessages)])
		n++
	}
	reportCPU(b, start, n)
}

// reportCPU adds the CPU time per message (GC included), which a loaded
// machine does not inflate the way it inflates ns/op.
func reportCPU(b *testing.B, start time.Duration, n int) {
	if used := cpuTime() - start; used > 0 && n > 0 {
		b.ReportMetric(float64(used.Nanoseconds())/float64(n), "cpu-ns/op")
	}
}

// BenchmarkDetectLanguageDevSet runs over every message of the dev set
// with its page language, one message per iteration.
func BenchmarkDetectLanguageDevSet(b *testing.B) {
	benchSet(b, "testdata/dev/lang_dev.jsonl")
}

// BenchmarkDetectLanguageHardSet is the same over the hard cases
// (romanized Chinese, Japanese, Korean and Arabic, mixed scripts), whose
// syllable checks are the slowest path.
func BenchmarkDetectLanguageHardSet(b *testing.B) {
	benchSet(b, "testdata/dev/lang_hard_dev.jsonl")
}

func benchSet(b *testing.B, path string) {
	set := readLabelledFile(b, path)
	b.ReportAllocs()
	start, n := cpuTime(), 0
	for i := 0; b.Loop(); i++ {
		l := set[i%len(set)]
		DetectLanguage(l.Text, Priors{Page: l.PageLang})
		n++
	}
	reportCPU(b, start, n)
}

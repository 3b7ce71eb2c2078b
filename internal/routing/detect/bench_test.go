package detect

import "testing"

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
	for i := 0; b.Loop(); i++ {
		DetectLanguage(benchMessages[i%len(benchMessages)], Priors{Page: "en"})
	}
}

func BenchmarkDetectArea(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		DetectArea(benchMessages[i%len(benchMessages)])
	}
}

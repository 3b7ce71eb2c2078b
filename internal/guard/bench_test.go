package guard

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// typicalMessages are chat messages of about 200 bytes, the size of most
// support messages.
func typicalMessages() []string {
	rng := rand.New(rand.NewPCG(3, 3))
	msgs := []string{
		"Hi, I want to know about the account balance, it shows zero since this morning. I deposited 250 USDT yesterday from my other exchange and the money still has not arrived. Please help me!",
		fillCorpus(rng, "I deposited {AMT} USDT yesterday but it still has not arrived. TxID: {TX}. The sender says it is confirmed on the network, can you check?"),
		"你好，我昨天充值了500 USDT，到现在还没有到账。交易哈希已经发给你们了，请帮我查一下是什么问题，谢谢。我的账户是用手机号注册的。",
		"Здравствуйте, я пополнил счёт на 300 USDT вчера, деньги не пришли. Хеш транзакции отправил в прошлом сообщении. Когда ждать зачисления?",
		"Hola, deposité 120 USDT ayer y todavía no aparece en mi cuenta. Ya verifiqué la dirección y la red es TRC20. ¿Pueden revisarlo por favor?",
		"my password is Hunter2! and my 2fa code is 123456, I can't log in, please help me fix my account quickly because I need to withdraw",
	}
	return msgs
}

func BenchmarkScan(b *testing.B) {
	d := NewDetector()
	msgs := typicalMessages()
	total := 0
	for _, m := range msgs {
		total += len(m)
	}
	b.SetBytes(int64(total / len(msgs)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		d.Scan(msgs[i%len(msgs)])
	}
}

func BenchmarkScanSeedPhrase(b *testing.B) {
	d := NewDetector()
	msg := "hi, my words are " + english12 + " please help"
	b.SetBytes(int64(len(msg)))
	b.ReportAllocs()
	for b.Loop() {
		d.Scan(msg)
	}
}

func BenchmarkScanLong(b *testing.B) {
	d := NewDetector()
	msg := strings.Repeat(typicalMessages()[0]+" ", 300) // ~60 KiB, the HTTP limit
	b.SetBytes(int64(len(msg)))
	b.ReportAllocs()
	for b.Loop() {
		d.Scan(msg)
	}
}

func BenchmarkCheckOutbound(b *testing.B) {
	msg := "Hello! Thanks for waiting. Your deposit is confirmed, see https://www.example-exchange.com/en/support/faq/123 for details. Never share your seed phrase or 2FA codes with anyone."
	allowed := []string{"example-exchange.com"}
	b.SetBytes(int64(len(msg)))
	b.ReportAllocs()
	for b.Loop() {
		CheckOutbound(msg, allowed)
	}
}

func BenchmarkNewDetector(b *testing.B) {
	for b.Loop() {
		NewDetector()
	}
}

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

// benchOutboundMessage is a typical agent message with a link.
const benchOutboundMessage = "Hello! Thanks for waiting. Your deposit is confirmed, see https://www.example-exchange.com/en/support/faq/123 for details. Never share your seed phrase or 2FA codes with anyone."

func BenchmarkCheckOutbound(b *testing.B) {
	msg := benchOutboundMessage
	allowed := []string{"example-exchange.com"}
	b.SetBytes(int64(len(msg)))
	b.ReportAllocs()
	for b.Loop() {
		CheckOutbound(msg, allowed)
	}
}

// BenchmarkNewLexicon is the word lists' one build per process, which
// every Detector then shares.
func BenchmarkNewLexicon(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := newLexicon(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScanNext is the inbound path per customer message as the ticket
// store runs it: decode the conversation's state, scan the message with
// it, encode the state again (sealing and the database are not included).
func BenchmarkScanNext(b *testing.B) {
	d := NewDetector()
	msgs := typicalMessages()
	total := 0
	for _, m := range msgs {
		total += len(m)
	}
	b.SetBytes(int64(total / len(msgs)))
	b.ReportAllocs()
	var state []byte
	maxState := 0
	for i := 0; b.Loop(); i++ {
		c := DecodeConversation(state)
		c.Bind(int64(i))
		d.ScanNext(&c, msgs[i%len(msgs)])
		state = c.Encode()
		maxState = max(maxState, len(state))
	}
	b.ReportMetric(float64(maxState), "state-bytes")
}

// BenchmarkScanNextHTML is the same for an HTML e-mail of about 2 KB.
func BenchmarkScanNextHTML(b *testing.B) {
	d := NewDetector()
	msg := generatedEmails(rand.New(rand.NewPCG(4, 4)))[0]
	b.SetBytes(int64(len(msg)))
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		var c Conversation
		d.ScanNext(&c, msg)
	}
}

// BenchmarkScanWindow is the previous way, for comparison: the ticket's
// last four customer messages scanned again with each new one (their
// reading and decryption not included).
func BenchmarkScanWindow(b *testing.B) {
	d := NewDetector()
	msgs := typicalMessages()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		var prev []string
		for k := 1; k <= 4; k++ {
			prev = append(prev, msgs[(i+k)%len(msgs)])
		}
		d.ScanWindow(prev, msgs[i%len(msgs)])
	}
}

// BenchmarkScanLongLists is the worst case for joining halves: 60 KiB of
// list words one a line, in blocks with a sentence between.
func BenchmarkScanLongLists(b *testing.B) {
	d := NewDetector()
	words := rawWords(b, listEnglish)
	var sb strings.Builder
	for i := 0; sb.Len() < 60<<10; i++ {
		sb.WriteString(words[(i*7)%len(words)] + "\n")
		if i%40 == 39 {
			sb.WriteString("that was the first card, now the second one\n")
		}
	}
	msg := sb.String()
	b.SetBytes(int64(len(msg)))
	b.ReportAllocs()
	for b.Loop() {
		d.Scan(msg)
	}
}

// BenchmarkScanNextShortReplies is the sparse joins' worst ordinary case:
// a chat of one- and two-word replies that are list words ("deposit",
// "same address", "again") with short remarks between, each message
// scanned with the state of the ones before it.
func BenchmarkScanNextShortReplies(b *testing.B) {
	d := NewDetector()
	msgs := []string{"deposit", "ok", "same address", "wallet", "still waiting", "again", "balance", "any update?",
		"account", "sorry", "order", "thank you", "network", "correct", "bitcoin", "almost", "hello?", "right"}
	b.ReportAllocs()
	var state []byte
	for i := 0; b.Loop(); i++ {
		c := DecodeConversation(state)
		c.Bind(int64(i))
		d.ScanNext(&c, msgs[i%len(msgs)])
		state = c.Encode()
	}
}

// BenchmarkScanPhraseSentenceEnd is an agent's note quoting a phrase and
// a warning after it: the sentence end bounds the redaction (sentenceBound).
func BenchmarkScanPhraseSentenceEnd(b *testing.B) {
	d := NewDetector()
	msg := "You wrote: " + english12 + ". Never share it with anyone."
	b.SetBytes(int64(len(msg)))
	b.ReportAllocs()
	for b.Loop() {
		d.Scan(msg)
	}
}

package guard

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzScan(f *testing.F) {
	for _, s := range []string{
		english12,
		"1. abandon 2) ability 3. able",
		"my password is Hunter2! and 2fa 123 456",
		"priv 4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318",
		"5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ",
		`{"crypto":{"ciphertext":"00","kdf":"scrypt"}}`,
		"的一是在不了有和人这中大",
		"あいこくしん　あいさつ",
		"ab\u200bandon \xff",
		"[1,2,3]",
		"-----BEGIN PRIVATE KEY-----\nabc",
		// Lead-ins, headings, ranges, ordinals in words, hesitations.
		"Wörter 1-3: abandon ability able\nи последние about above",
		"first: abandon, second ability, third able, on ikinci: about",
		"п'яте abandon ke-7 ability 1-6 arası: able 4. słowo about 5-е слово above",
		"abandon hmm ability, lopo and able\n第十一个词 abandon 10個目 ability",
		"las palabras son abandon ability\n出金（abandon ability）です",
		// OCR readings, a correction, a line before prose.
		"мягкий дипллом сюрприз вбли-\nзи голубой",
		"1番目 なまき\n2番目 おうたたい",
		"sorry, the 5th is abandon not able",
		"죄송해요 5번은 사과가 아니라 퇴직금예요",
		"abandon ability able.\nPlease never share them",
	} {
		f.Add(s)
	}
	d := NewDetector()
	f.Fuzz(func(t *testing.T, text string) {
		res := d.Scan(text)
		checkInvariants(t, text, res)
		for _, fd := range res.Findings {
			if fd.Kind != KindPrivateKey && !seedKinds[fd.Kind] {
				continue
			}
			secret := text[fd.Start:fd.End]
			if strings.TrimSpace(secret) != "" && strings.Contains(res.Redacted, secret) {
				t.Fatalf("redacted %q still holds %s %q", res.Redacted, fd.Kind, secret)
			}
		}
		if utf8.ValidString(text) && !utf8.ValidString(res.Redacted) {
			t.Fatalf("redaction broke UTF-8: %q", res.Redacted)
		}
		w := d.ScanWindow([]string{text, "abandon ability"}, text)
		checkInvariants(t, text, w)
		// As the next message of a conversation.
		var c Conversation
		d.ScanNext(&c, "abandon ability able about above absent")
		c.Bind(1)
		next := d.ScanNext(&c, text)
		if !next.HTML {
			checkInvariants(t, text, next)
		}
		for _, k := range next.Cuts {
			if k.Ref != 1 || k.Start < 0 || k.End > len("abandon ability able about above absent") || k.Start >= k.End {
				t.Fatalf("bad cut %+v", k)
			}
		}
		DecodeConversation(c.Encode())
	})
}

func FuzzCheckOutbound(f *testing.F) {
	for _, s := range []string{
		"Please send your seed phrase.",
		"Never share your password.",
		"https://example.com@evil.io/x www.xn--exmple-4nf.com",
		"http://[::1]:80/ xn--99999999.com",
		"请发送你的助记词。",
		// A secret's name that runs past its clause's comma used to
		// panic (the ninth held-out set found it).
		"Для восстановления нужны слова, которые вы записали при создании кошелька.",
		"Для відновлення потрібні слова, які ви записали при створенні гаманця.",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, v := range CheckOutbound(text, []string{"example.com"}) {
			if v.Start < 0 || v.End > len(text) || v.Start > v.End || v.Detail == "" {
				t.Fatalf("bad violation %+v for %q", v, text)
			}
			if v.Kind != ViolationAsksForSecret && v.Kind != ViolationLinkNotAllowed {
				t.Fatalf("bad kind %q", v.Kind)
			}
		}
	})
}

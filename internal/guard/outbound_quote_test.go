package guard

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestQuoteSplit(t *testing.T) {
	for _, c := range []struct {
		name, text      string
		ok              bool
		inside, outside string // substrings each side must hold
	}{
		{"a quoted scam", "Scammers often say 'normally we don't ask, but just this once send your private key'. Any message like that is fake.",
			true, "send your private key", "any message like that is fake"},
		{"guillemets", "Мошенники пишут «обычно не просим, но сейчас нужен приватный ключ». Это всегда обман.", true, "приватный ключ", "это всегда обман"},
		{"a Korean particle after the quote", "사기꾼들은 '걱정 마세요, 암호화돼 있으니 비밀번호 보내셔도 돼요'라고 합니다. 절대 보내지 마세요.", true, "비밀번호", "절대"},
		{"corner brackets", "「ウォレット確認のため12単語を送って」と連絡が来たら詐欺です。", true, "12単語", "詐欺"},
		{"a quoted button is the agent's own words", "Tap 'Export private key' and send me the screenshot.", false, "", ""},
		{"apostrophes are not quotes", "Don't share it, it's yours and we won't ask for it ever again.", false, "", ""},
		{"all quote", "\"send your twelve words to verify the wallet\"", false, "", ""},
		{"no quote", "Please send me your seed phrase now.", false, "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, in, ok := quoteSplit(Normalise(c.text).Text)
			if ok != c.ok {
				t.Fatalf("split %v, want %v (outside %q, inside %q)", ok, c.ok, out, in)
			}
			wantIn, wantOut := Normalise(c.inside).Text, Normalise(c.outside).Text
			if ok && (!strings.Contains(in, wantIn) || strings.Contains(out, wantIn) || !strings.Contains(out, wantOut)) {
				t.Errorf("outside %q, inside %q", out, in)
			}
		})
	}
}

func TestSpelledDigits(t *testing.T) {
	for _, c := range []struct {
		text string
		want bool
	}{
		{"Write it in letters if the digits don't send, like 'four two nine...'", true},
		{"Kodu yazıyla yazın: dört, yedi, sıfır... Filtre rakamları engelliyor.", true},
		{"Напишіть код словами: «чотири, дев'ять, два…»", true},
		{"اكتب الرمز بالحروف: أربعة، تسعة، اثنان...", true},
		{"验证码请用大写写出来，比如“叁伍柒…”", true},
		{"พิมพ์รหัสเป็นคำไทยนะคะ เช่น สี่ เก้า สอง...", true},
		{"인증번호는 한글로 써주세요: 사, 칠, 공…", true},
		{"It takes two or three days, one more if the network is busy.", false},
		{"Your code has six digits: 4 9 2 1 7 3.", false}, // digits are read elsewhere
		{"一个工作日内处理，请耐心等待。", false},
	} {
		if got := spelledDigits(Normalise(c.text).Text); got != c.want {
			t.Errorf("spelledDigits(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

// FuzzQuoteSplit: no panic; a split keeps valid text valid, and what it
// sets apart is a long quote.
func FuzzQuoteSplit(f *testing.F) {
	for _, s := range []string{"they say 'send your seed phrase now please'. fake.", "«a b c d» e f", "「あいうえおかきくけこ」と", "'''\"\"", "l'e 'x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		norm := Normalise(text).Text
		spelledDigits(norm)
		out, in, ok := quoteSplit(norm)
		if !ok {
			return
		}
		if countWords(in) < minQuoteWords {
			t.Fatalf("%q: set apart %q, shorter than a long quote", text, in)
		}
		if utf8.ValidString(norm) && (!utf8.ValidString(out) || !utf8.ValidString(in)) {
			t.Fatalf("%q: split into invalid UTF-8 %q | %q", text, out, in)
		}
	})
}

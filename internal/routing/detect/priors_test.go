package detect

import (
	"strings"
	"testing"
)

func TestDetectLanguageSignals(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		priors Priors
		want   string
		reason string // prefix of the reason
	}{
		{"Thai script beats an English page", "ถอนเงินไม่เข้า", Priors{Page: "en"}, "th", "script: Thai"},
		{"Arabic script", "لم يصل الإيداع", Priors{}, "ar", "script: Arabic"},
		{"Hangul", "출금이 안 돼요", Priors{Customer: "ja"}, "ko", "script: Hangul"},
		{"kana makes Han Japanese", "出金が反映されない", Priors{}, "ja", "script: Kana"},
		{"simplified Han is Chinese", "提现没到账", Priors{}, "zh", "script: Han"},
		{"Japanese-only kanji words", "入金未反映", Priors{}, "ja", "script: Han with Japanese"},
		{"Han alone with a Japanese customer", "凍結解除", Priors{Customer: "ja"}, "ja", "prior: customer"},
		{"Ukrainian letters", "де мої гроші", Priors{Page: "ru"}, "uk", "script: Cyrillic"},
		{"Russian letters", "где мои деньги, вывод не пришел", Priors{Page: "uk"}, "ru", "script: Cyrillic"},
		{"Chinese with an address and English glue", "转到TXYZabc123def456ghi789jkl012mno但是没显示 help", Priors{}, "zh", "script: Han"},
		{"Turkish letters", "çekim yapamıyorum", Priors{}, "tr", "text"},
		{"Vietnamese letters", "rút tiền chưa về", Priors{}, "vi", "text"},
		{"Polish letters", "wypłata nie dotarła", Priors{}, "pl", "text"},
		{"only machine strings: customer prior", "0x" + strings.Repeat("ab", 32) + " 250 USDT TRC20", Priors{Customer: "tr", Page: "en"}, "tr", "prior: customer"},
		{"only machine strings: page prior", "TXYZabc123def456ghi789jkl012mno", Priors{Page: "pt"}, "pt", "prior: page"},
		{"nothing at all: English default", "🙏🙏 ???", Priors{}, "en", "default"},
		{"unknown prior ignored", "", Priors{Page: "xx"}, "en", "default"},
		{"short ambiguous text follows the page", "ok", Priors{Page: "id"}, "id", "prior: page"},
		{"strong text beats a wrong page", "meu saque ainda não caiu na conta", Priors{Page: "es"}, "pt", "text"},
		{"close call goes to the prior", "por favor", Priors{Page: "pt"}, "pt", "prior: page"},
		{"Thai prior ignored for Latin text", "where is my deposit", Priors{Customer: "th"}, "en", "text"},
		{"shouting still detected", "WHERE IS MY MONEY PLEASE HELP", Priors{}, "en", "text"},
		{"Spanish marks", "¿dónde está?", Priors{}, "es", "text"},
		{"product words count for no language beside others", "el withdraw sigue pending desde ayer", Priors{}, "es", "text"},
		{"one product word alone leaves it to the page", "pending", Priors{Page: "it"}, "it", "prior: page"},
		{"product words alone lean to English", "staking withdraw pending", Priors{}, "en", "text"},
		{"an English page does not override mixing", "my order still pending tapi seller belum kirim", Priors{Page: "en"}, "id", "text"},
		{"pinyin", "wo de tibi hai mei daozhang", Priors{}, "zh", "text"},
		{"romaji", "shukkin ga mada desu", Priors{Page: "en"}, "ja", "text"},
		{"romanized Korean", "chulgeum i an dwaeyo", Priors{}, "ko", "text"},
		{"Arabizi digits", "ana 3amalt sa7b w ma wesel", Priors{}, "ar", "text"},
		{"出金 with simplified forms is Chinese", "出金一直没到账", Priors{Page: "ja"}, "zh", "script: Han"},
		{"Latin i inside a Ukrainian word", "код не пiдходить", Priors{}, "uk", "script: Cyrillic"},
		{"Indonesian with English mixed in", "please help saya kak urgent, WD stuck", Priors{Page: "en"}, "id", "text (mixed"},
		{"English with one foreign word stays English", "where is my withdrawal, gracias", Priors{}, "en", "text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := DetectLanguage(tt.text, tt.priors)
			if got.Code != tt.want || !strings.HasPrefix(got.Reason, tt.reason) {
				t.Fatalf("DetectLanguage(%q, %+v) = %+v, want %s with reason %q…", tt.text, tt.priors, got, tt.want, tt.reason)
			}
			if got.Confidence <= 0 || got.Confidence > 1 {
				t.Errorf("confidence %v outside (0, 1]", got.Confidence)
			}
		})
	}
}

func TestTokensDropMachineStrings(t *testing.T) {
	text := "Sent 1,250.50 USDT (TRC20) to TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE, TxID 0x" + strings.Repeat("f0", 32) +
		" see https://tronscan.org/#/transaction/abc or mail me at a.b@example.com 🙏 KYC"
	got := strings.Join(tokens(text), " ")
	if want := "sent to see or mail me at"; got != want {
		t.Errorf("tokens = %q, want %q", got, want)
	}
}

// TestUnstretch: a greeting's stretched last vowel is undone only for a
// word not listed as typed, and never for English doubled vowels.
func TestUnstretch(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"holaa", "hola"}, {"oii", "oi"}, {"obrigadaa", "obrigada"}, {"graziee", "graziee"},
		{"see", "see"}, {"too", "too"}, {"all", "all"}, {"aa", "aa"}, {"hola", "hola"},
	} {
		if got := unstretch(c.in); got != c.want {
			t.Errorf("unstretch(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestIsArabizi: digits inside words are Arabizi letters; amounts, units,
// ordinals, hashes and trade words are not.
func TestIsArabizi(t *testing.T) {
	for _, c := range []struct {
		w    string
		want bool
	}{
		{"sa7b", true}, {"3andi", true}, {"m3alla2", true}, {"7ad", true}, {"la2", true},
		{"24h", false}, {"3h", false}, {"2fa", false}, {"p2p", false}, {"3rd", false}, {"20x", false},
		{"trc20", false}, {"a1b2", false}, {"x7", false}, {"usdt", false}, {"3days", false}, {"9f8e7d6c5b", false},
	} {
		if got := isArabizi(c.w); got != c.want {
			t.Errorf("isArabizi(%q) = %v, want %v", c.w, got, c.want)
		}
	}
}

package nlu

import (
	"context"
	"math"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzAnalyze: any text gets a complete analysis whose entity offsets
// index the analysed text and whose confidence is a probability.
func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{
		"", "my deposit has not arrived", "мой депозит не пришёл 0x52908400098527886E0F7030069857D2E4169EE7",
		"😡😡😡", "\xff\xfe", "order #123456789 $1,200 500 USDT TRC20", "转人工", "ton compte", "5.000,50 € BEP20",
		strings.Repeat("a", 5000), "<script>alert(1)</script>", "ethereum:0x52908400098527886E0F7030069857D2E4169EE7?value=1",
	} {
		f.Add(s, "en")
	}
	a := New(testRegistry())
	f.Fuzz(func(t *testing.T, text, lang string) {
		res := a.Inspect(context.Background(), text, lang)
		if res.Lang == "" || res.Intent == "" || res.Entities == nil || res.Alternatives == nil {
			t.Fatalf("incomplete analysis %+v", res)
		}
		if res.Confidence < 0 || res.Confidence > 1 {
			t.Fatalf("confidence %v", res.Confidence)
		}
		capped := capText(text)
		if !utf8.ValidString(capped) {
			t.Fatal("capped text is not valid UTF-8")
		}
		for _, e := range res.Entities {
			if e.Start < 0 || e.Start >= e.End || e.End > len(capped) {
				t.Fatalf("entity %+v outside %d bytes", e, len(capped))
			}
		}
	})
}

// FuzzParsePhrases: a phrases file either parses or says which line is wrong.
func FuzzParsePhrases(f *testing.F) {
	f.Add("[fees]\nwhy so expensive\n# comment\n")
	f.Add("phrase first\n[fees]")
	f.Add("[Bad Name]\nx")
	f.Fuzz(func(t *testing.T, text string) {
		ps, err := parsePhrases("en", text)
		if err != nil {
			return
		}
		for _, p := range ps {
			if !ValidIntentName(p.Intent) || strings.TrimSpace(p.Text) == "" {
				t.Fatalf("parsed %+v", p)
			}
		}
	})
}

// FuzzLargestSum: any text gives a finite, non-negative sum.
func FuzzLargestSum(f *testing.F) {
	for _, s := range []string{"250 mil reais", "2천만원어치", "4万USDT", "1,2,3,4 $", "9999999999999999999999 btc", "R$ 1.000.000,00", "k k k 5k"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if s := largestSum(text); s < 0 || math.IsNaN(s) {
			t.Fatalf("largestSum(%q) = %v", text, s)
		}
	})
}

package detect

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/groundcrew/groundcrew/internal/ticket"
)

var fuzzSeeds = []string{
	"", " ", "my withdrawal is still pending", "¿dónde está mi dinero?", "转到TXYZ但是没显示",
	"出金が反映されない", "ถอนเงินไม่เข้า", "لم يصل الإيداع", "де мої гроші", "ÇEKİM BEKLEMEDE",
	"rút tiền chưa về", "0x" + strings.Repeat("ab", 32), "https://x.y/z a@b.c 🙏", "'''", "l'", "¿¡",
	"\xff\xfe", "İı", "a\u0301\u0301\u0301", strings.Repeat("ня ", 200),
	"el sa7b m3alla2", "wo de zhanghu bei dongjie le", "пiдходить", "kkkkkkkk", strings.Repeat("zhuang", 20),
}

// FuzzDetectLanguage: any input gives one of the 17 languages, a
// confidence in [0, 1] and a reason, and the priors only ever add
// languages from the list.
func FuzzDetectLanguage(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, "")
		f.Add(s, "ja")
	}
	f.Fuzz(func(t *testing.T, text, page string) {
		got := DetectLanguage(text, Priors{Page: page, Customer: page, Channel: page})
		if !slices.Contains(Languages, got.Code) {
			t.Fatalf("DetectLanguage(%q, %q) = %q, not one of the 17", text, page, got.Code)
		}
		if got.Confidence < 0 || got.Confidence > 1 || got.Reason == "" {
			t.Fatalf("DetectLanguage(%q) = %+v", text, got)
		}
		if !utf8.ValidString(got.Reason) {
			t.Fatalf("reason not UTF-8: %q", got.Reason)
		}
	})
}

// FuzzDetectArea: any input gives a known product area, a confidence in
// [0, 1], and terms only with an area other than "other".
func FuzzDetectArea(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		got := DetectArea(text)
		if !slices.Contains(ticket.ProductAreas, got.Name) {
			t.Fatalf("DetectArea(%q) = %q, not a product area", text, got.Name)
		}
		if got.Confidence < 0 || got.Confidence > 1 {
			t.Fatalf("DetectArea(%q) confidence %v", text, got.Confidence)
		}
		if (got.Name == "other") != (len(got.Matched) == 0) {
			t.Fatalf("DetectArea(%q) = %+v: terms and area disagree", text, got)
		}
	})
}

func TestLongInputIsBounded(t *testing.T) {
	long := strings.Repeat("我的提现还没到 withdrawal ", 5000)
	if got := DetectArea(long); got.Name != "withdrawals" {
		t.Errorf("DetectArea(long) = %+v", got)
	}
	if got := DetectLanguage(long, Priors{}); got.Code != "zh" {
		t.Errorf("DetectLanguage(long) = %+v", got)
	}
	if got := prefix("ab€", 3); got != "ab" {
		t.Errorf("prefix cut a rune: %q", got)
	}
}

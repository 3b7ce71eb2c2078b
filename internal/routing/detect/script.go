package detect

import (
	"strings"
	"unicode"
)

// scriptCounts holds how many letters of each script a message has.
type scriptCounts struct {
	latin, cyrillic, arabic, thai, han, kana, hangul, other int
}

func countScripts(words []string) scriptCounts {
	var c scriptCounts
	for _, w := range words {
		for _, r := range w {
			switch {
			case r < 0x250:
				if unicode.IsLetter(r) {
					c.latin++
				}
			case r >= 0x1E00 && r <= 0x1EFF: // Latin Extended Additional: Vietnamese
				c.latin++
			case unicode.Is(unicode.Cyrillic, r):
				c.cyrillic++
			case unicode.Is(unicode.Arabic, r):
				c.arabic++
			case unicode.Is(unicode.Thai, r):
				c.thai++
			case unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || r == 'ー':
				c.kana++
			case unicode.Is(unicode.Hangul, r):
				c.hangul++
			case unicode.Is(unicode.Han, r):
				c.han++
			case unicode.IsLetter(r):
				c.other++
			}
		}
	}
	return c
}

// script names the writing system that decides the language family. CJK
// characters carry a word or a syllable each, so they count more than
// alphabet letters: "我的 USDT 没到账 hi" is Chinese.
func (c scriptCounts) script() string {
	cjk := 3*c.han + 2*c.kana + 2*c.hangul
	best, name := 0, ""
	for _, s := range []struct {
		n    int
		name string
	}{{cjk, "cjk"}, {c.thai, "Thai"}, {c.arabic, "Arabic"}, {c.cyrillic, "Cyrillic"}} {
		if s.n > best {
			best, name = s.n, s.name
		}
	}
	// A few non-Latin letters inside Latin text still decide: code-mixing
	// goes from the customer's language towards English, not the other way.
	if name != "" && best*3 >= c.latin {
		return name
	}
	if c.latin > 0 {
		return "Latin"
	}
	return name
}

// cjkLanguage tells Japanese, Korean and Chinese apart: any kana is
// Japanese, Hangul is Korean, Han alone is Chinese unless it uses
// characters only Japanese writes (or the priors say Japanese and nothing
// says Chinese).
func cjkLanguage(words []string, c scriptCounts, p Priors) Language {
	switch {
	case c.kana > 0 && c.kana >= c.hangul:
		return Language{Code: "ja", Confidence: 0.99, Reason: "script: Kana"}
	case c.hangul > 0:
		return Language{Code: "ko", Confidence: 0.99, Reason: "script: Hangul"}
	}
	ja, zh := 0, 0
	for _, w := range words {
		for _, jw := range japaneseHanWords {
			if strings.Contains(w, jw) {
				ja++
			}
		}
		for _, r := range w {
			if japaneseKanji[r] {
				ja++
			}
			if simplifiedHan[r] {
				zh++
			}
		}
	}
	switch {
	case ja > zh:
		return Language{Code: "ja", Confidence: 0.8, Reason: "script: Han with Japanese-only kanji"}
	case zh == 0 && prior(p, "ja") != "":
		return Language{Code: "ja", Confidence: 0.6, Reason: "prior: " + prior(p, "ja") + " (Han only)"}
	}
	return Language{Code: "zh", Confidence: 0.95, Reason: "script: Han"}
}

// japaneseKanji are shinjitai forms and Japanese-only characters common in
// support text; Chinese writes them differently (払/付, 続/续, 戻/回).
var japaneseKanji = runeSet("払込戻続済変証険悪残専円気図歳売読駅関処応録")

// japaneseHanWords are words Japanese support text writes in kanji alone
// and Chinese does not use ("入金未反映").
var japaneseHanWords = []string{"入金", "出金", "口座", "着金", "反映", "残高", "振込", "解約", "返金", "本人確認", "送金"}

// simplifiedHan are simplified and traditional Chinese forms Japanese never
// writes.
var simplifiedHan = runeSet("麼嗎們這說還錢沒請問發帳戶幣對從讓们这么说币钱为还账户现转结码证请问给时间过从对后该无网络个吗呢啊吧让订单冻")

func runeSet(s string) map[rune]bool {
	m := make(map[rune]bool)
	for _, r := range s {
		m[r] = true
	}
	return m
}

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
	ja, zh := hanEvidence(words)
	switch {
	case ja > zh:
		return Language{Code: "ja", Confidence: 0.8, Reason: "script: Han with Japanese-only kanji"}
	case zh == 0 && prior(p, "ja") != "":
		return Language{Code: "ja", Confidence: 0.6, Reason: "prior: " + prior(p, "ja") + " (Han only)"}
	}
	return Language{Code: "zh", Confidence: 0.95, Reason: "script: Han"}
}

// hanEvidence weighs Han-only text's characters: a form only Japanese
// writes (shinjitai such as 払 and 続, kokuji such as 込) or a word only
// Japanese support text writes counts 2 for Japanese; a simplified form
// Japanese never writes counts 2 for Chinese, and a character Chinese
// writes all the time and Japanese hardly ever without kana (了, 吗, 的,
// 没) counts 1. 入金 and 出金 count little: Chinese traders write them too.
func hanEvidence(words []string) (ja, zh float64) {
	for _, w := range words {
		for _, jw := range japaneseHanWords {
			if strings.Contains(w, jw) {
				ja += 2
			}
		}
		for _, jw := range sharedHanWords {
			if strings.Contains(w, jw) {
				ja += 0.5
			}
		}
		for _, r := range w {
			switch {
			case japaneseKanji[r]:
				ja += 2
			case simplifiedHan[r]:
				zh += 2
			case chineseHan[r]:
				zh++
			}
		}
	}
	return ja, zh
}

// japaneseKanji are shinjitai forms and Japanese-only characters common in
// support text; Chinese writes them differently (払/付, 続/续, 戻/回).
var japaneseKanji = runeSet("払込戻続済変証険悪専円気図歳売読駅関処応録様発検験帰労実広伝転価両歩戦営権総覚択訳薬楽対説鉄単覧遅枠働拡継従仮亜囲桜穏渋斉剤粋稲隣齢歯県絵縦緑脳悩挙拠焼沢駆瀬髪徴")

// japaneseHanWords are words Japanese support text writes in kanji alone
// and Chinese does not use ("未反映", "口座凍結").
var japaneseHanWords = []string{"口座", "着金", "反映", "残高", "振込", "解約", "返金", "本人確認", "送金", "不具合", "手数料", "退会", "暗証", "問合", "注文", "番号", "取引"}

// sharedHanWords lean Japanese but Chinese crypto traders write them too.
var sharedHanWords = []string{"入金", "出金"}

// simplifiedHan are simplified forms Japanese never writes (and a few
// traditional ones it does not either; 請, 問, 帳, 還 and 幣 it does, and
// 号, 面, 置 and 爆 are the same in both).
var simplifiedHan = runeSet("麼嗎們這說錢沒發戶對從讓这么说币钱为还账户现转结码证请问给时间过从对后该无网络个吗呢啊吧让订单冻们败约仓买卖货资产额显认处务审录邮绑验帮经场钟头线关闭开启设换汇银续费维护种链达边实际删误冲击难题计划报错页输选择图标绪")

// chineseHan are characters Chinese writes all the time and Japanese
// hardly ever without kana around them.
var chineseHan = runeSet("的了吗呢吧没么怎什给让啊哦呀嘛啥咋谁哪我你她是很就也把被已还")

func runeSet(s string) map[rune]bool {
	m := make(map[rune]bool)
	for _, r := range s {
		m[r] = true
	}
	return m
}

package guard

import (
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestPiecesWithLeadInsAndLabels sends phrases the ways the third paste
// set's leaks and the development set showed: lead-ins and headings before
// pieces, fillers between, ranges, ordinals in words, a change of script,
// a typo with several readings. Every word must be cut, over five phrases
// each. {k} is word k; {k~} word k with its second letter dropped.
func TestPiecesWithLeadInsAndLabels(t *testing.T) {
	cases := []struct {
		name  string
		texts []string
	}{
		{"es lead-ins and filler", []string{"buenas", "las palabras son {1} {2} {3}", "espera", "{4} {5} {6} y {7}", "luego {8} {9}", "{10} {11} {12}"}},
		{"ru lead-in before the last two", []string{"слова: {1} {2}", "{3} {4} {5}", "ещё", "{6} {7}", "{8} {9} {10}", "и последние {11} {12}"}},
		{"it filler replies", []string{"allora", "{1} {2}", "{3} {4} {5}", "poi", "{6} {7}", "{8} {9} {10}", "e infine", "{11} {12}"}},
		{"de ranges with a sentence", []string{"Wörter 1-3: {1} {2} {3}", "Wörter 4-6: {4} {5} {6}", "moment, muss den Zettel suchen", "Wörter 7-9: {7} {8} {9}", "Wörter 10-12: {10} {11} {12}"}},
		{"tr numbered heading", []string{"1-6 arası: {1} {2} {3} {4} {5} {6}", "7-12 arası: {7} {8} {9} {10} {11} {12}"}},
		{"id ke-N", []string{"kata ke-1 {1}", "ke-2 {2}", "ke-3 {3}", "ke-4 {4}", "ke-5 {5}", "ke-6 {6}", "ke-7 {7}", "ke-8 {8}", "ke-9 {9}", "ke-10 {10}", "ke-11 {11}", "ke-12 {12}"}},
		{"pl N. słowo", []string{"1. słowo {1}\n2. słowo {2}\n3. słowo {3}\n4. słowo {4}\n5. słowo {5}\n6. słowo {6}\n7. słowo {7}\n8. słowo {8}\n9. słowo {9}\n10. słowo {10}\n11. słowo {11}\n12. słowo {12}"}},
		{"uk heading line", []string{"Re: звернення {1} {2}", "Надсилаю ще раз:\n{3} — {4} — {5} — {6} — {7}\n{8} — {9} — {10} — {11} — {12}"}},
		{"ja script change", []string{"出金できません（{1} {2} {3}）", "残りは {4} {5} {6} {7} {8} {9} {10} {11} {12} です。"}},
		{"en spelled ordinals", []string{"first word {1}, second {2}, third {3}, fourth {4}, fifth {5}, sixth {6}, seventh {7}, eighth {8}, ninth {9}, tenth {10}, eleventh {11}, twelfth {12}"}},
		{"tr compound ordinals", []string{"birinci: {1} ikinci: {2} üçüncü: {3} dördüncü: {4} beşinci: {5} altıncı: {6} yedinci: {7} sekizinci: {8} dokuzuncu: {9} onuncu: {10} on birinci: {11} on ikinci: {12}"}},
		{"ko alternating ordinals", []string{"첫번째 {1} 두번째 {2} 세번째 {3} 네번째 {4} 다섯번째 {5} 여섯번째 {6} 일곱번째 {7} 여덟번째 {8} 아홉번째 {9} 열번째 {10} 열한번째 {11} 열두번째 {12}"}},
		{"en hesitations", []string{"{1} {2} {3} hmm {4} {5} {6}", "{7} {8} umm {9} {10} {11} {12}"}},
		{"en typo in the middle", []string{"1-{1}\n2-{2}\n3-{3}\n4-{4}\n5-{5}\n6-{6}", "7-{7}\n8-{8}\n9-{9}\n10-{10~}\n11-{11}\n12-{12}"}},
	}
	placeholder := regexp.MustCompile(`\{(\d+)(~?)\}`)
	rng := rand.New(rand.NewPCG(8, 2026))
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for range 5 {
				words := mnemonic(t, rng, listEnglish, 12)
				var written []string
				texts := make([]string, len(c.texts))
				for i, tpl := range c.texts {
					texts[i] = placeholder.ReplaceAllStringFunc(tpl, func(m string) string {
						sub := placeholder.FindStringSubmatch(m)
						k, _ := strconv.Atoi(sub[1])
						w := words[k-1]
						if sub[2] == "~" {
							// Drop the second letter, or double it when
							// that spells another list word ("spoil": "soil").
							w = w[:1] + w[2:]
							if _, ok := sharedDetector.lex.lookup(keyOf(w)); ok {
								w = words[k-1][:2] + words[k-1][1:]
							}
						}
						written = append(written, w)
						return w
					})
				}
				stored, _ := talk(t, sharedDetector, texts)
				for i := range stored {
					stored[i] = markerWords.ReplaceAllString(stored[i], " ")
				}
				if left := leftover(stored, written); len(left) > 0 {
					t.Errorf("left %v in %q", left, strings.Join(stored, " | "))
				}
			}
		})
	}
}

// markerWords matches a marker, whose words are Groundcrew's.
var markerWords = regexp.MustCompile(`\[[^\]]*removed\]`)

// TestLeadInsKeepProse: what only looks like a lead-in stays.
func TestLeadInsKeepProse(t *testing.T) {
	for _, texts := range [][]string{
		{"I premi dello staking questo mese sono bassi", "La verifica dell'identità è stata rifiutata ma la foto è nitida"},
		{"the rest is fine, thanks", "and my wallet address is the same as before"},
		{"first I deposited, second I traded, third I tried to withdraw"},
	} {
		_, kinds := talk(t, sharedDetector, texts)
		for i, k := range kinds {
			if len(k) > 0 {
				t.Errorf("%q redacted %v", texts[i], k)
			}
		}
	}
}

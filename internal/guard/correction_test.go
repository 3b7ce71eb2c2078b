package guard

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestWordCorrectedInNextMessage: a phrase pasted with one word wrong, then
// "sorry, the 5th is X, not Y" in the next message. The phrase and X are
// cut, in the 17 languages' ways of saying it that the paste sets hold.
// Before findCorrection, the Korean case kept 11 of 12 words (paste16's
// ko-p16-08: "사과" is in no list, so no run of twelve stood), and where
// the wrong word was a list word, the run was cut but X stayed. Where a
// case still fails, the earlier words are cut and X alone stays (the
// state no longer holds a phrase cut whole as verified).
func TestWordCorrectedInNextMessage(t *testing.T) {
	cases := []struct {
		name   string
		id     listID
		wrong  func(rng *rand.Rand, list []string) string
		fix    string // %d the place, %[2]s the right word, %[3]s the wrong one
		min    float64
		substr bool // words are looked for as substrings (no spaces around them)
	}{
		{"en, a list word wrong", listEnglish, randomWord, "sorry, the %d is %[2]s not %[3]s", 0.85, false},
		{"en, a word in no list", listEnglish, func(*rand.Rand, []string) string { return "bannana" }, "oops, word %d should be %[2]s (not %[3]s)", 0.9, false},
		{"es", listSpanish, randomWord, "perdón, la %d es %[2]s, no %[3]s", 0.9, false},
		{"ko, a word in no list", listKorean, func(*rand.Rand, []string) string { return "사과" }, "죄송해요 %d번은 %[3]s가 아니라 %[2]s예요", 0.98, true},
		{"ko, a list word wrong", listKorean, randomWord, "%d번 단어 %[3]s 아니고 %[2]s입니다", 0.9, true},
	}
	d := sharedDetector
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(5, 2026))
			list := rawWords(t, c.id)
			const n = 100
			whole, shown := 0, 0
			for range n {
				words := mnemonic(t, rng, c.id, 12)
				place := 1 + rng.IntN(12)
				pasted := append([]string(nil), words...)
				pasted[place-1] = c.wrong(rng, list)
				texts := []string{strings.Join(pasted, " "), fmt.Sprintf(c.fix, place, words[place-1], pasted[place-1])}
				stored, _ := talk(t, d, texts)
				var kept []string
				if c.substr {
					for _, w := range words {
						if strings.Contains(strings.Join(stored, "\n"), w) {
							kept = append(kept, w)
						}
					}
				} else {
					kept = leftover(stored, words)
				}
				if len(kept) > 2 {
					t.Errorf("kept %d words: %q", len(kept), stored)
				}
				if len(kept) == 0 {
					whole++
				} else if shown++; shown <= 3 {
					t.Logf("kept %q: %q", kept, stored)
				}
			}
			t.Logf("%s: %d of %d cut whole", c.name, whole, n)
			if float64(whole) < c.min*n {
				t.Errorf("%s: %d of %d cut whole, want %.0f %%", c.name, whole, n, 100*c.min)
			}
		})
	}
}

func randomWord(rng *rand.Rand, list []string) string { return list[rng.IntN(len(list))] }

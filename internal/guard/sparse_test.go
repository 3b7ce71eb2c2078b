package guard

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestSparseJoins sends phrases the way a customer types them into a chat
// or a form, in short pieces with other text between: the shapes of the
// fourth held-out set's leaks, drawn afresh (other lists, other chatter,
// other splits) so that the join is tested, not those cases.
func TestSparseJoins(t *testing.T) {
	chatter := []struct {
		id   listID
		chat []string
	}{
		{listEnglish, []string{"hang on", "sorry my dog is barking", "is this right?", "lol", "brb", "one sec typing", "hmm", "wait lemme check", "ugh my eyes"}},
		{listSpanish, []string{"un momento", "jaja perdón", "ya casi", "espera que busco", "uff", "perdona la tardanza", "es correcto así?"}},
		{listFrench, []string{"attends", "pardon", "je cherche la feuille", "mdr", "ça y est presque", "c'est bon comme ça ?"}},
		{listItalian, []string{"aspetta", "scusa", "quasi finito", "cerco il foglio", "ok ci sono"}},
		{listPortuguese, []string{"peraí", "desculpa", "quase lá", "procurando o papel", "kkk"}},
		{listRussian, []string{"щас", "погоди найду листок", "почти всё", "сорри", "ага"}},
	}
	rng := rand.New(rand.NewPCG(2026, 12))
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	type shape struct {
		name  string
		build func(w []string, chat []string) []string // texts in order
	}
	shapes := []shape{
		{"one word a message, chatter every few words", func(w, chat []string) []string {
			var out []string
			for i, x := range w {
				out = append(out, x)
				if i%3 == 2 && i+1 < len(w) {
					out = append(out, pick(chat))
				}
			}
			return out
		}},
		{"two words a message, some with a remark after them", func(w, chat []string) []string {
			var out []string
			for i := 0; i < len(w); i += 2 {
				m := strings.Join(w[i:i+2], " ")
				if i == 4 {
					m += " " + strings.Fields(pick(chat))[0] + "?"
				}
				out = append(out, m)
				if i == 6 {
					out = append(out, pick(chat))
				}
			}
			return out
		}},
		{"three words a message, chatter between each", func(w, chat []string) []string {
			var out []string
			for i := 0; i < len(w); i += 3 {
				out = append(out, strings.Join(w[i:i+3], " "), pick(chat))
			}
			return out
		}},
		{"the first words in a form field, the rest after a lead-in", func(w, chat []string) []string {
			return []string{"Wallet problem", strings.Join(w[:3], " "), "and then " + strings.Join(w[3:], " ")}
		}},
		{"the last words in the subject, the rest on a line of the body", func(w, chat []string) []string {
			return []string{"Re: help " + strings.Join(w[9:], " "), "Hello,\n" + strings.Join(w[:9], " ") + "\nThank you"}
		}},
		{"two words in the subject, the rest in an HTML body", func(w, chat []string) []string {
			return []string{"Wallet " + strings.Join(w[:2], " "), "<div>Hello</div><div>" + strings.Join(w[2:], "<br>") + "</div><div>Thanks</div>"}
		}},
	}
	caught, total := 0, 0
	for _, c := range chatter {
		id, chat := c.id, c.chat
		for _, sh := range shapes {
			for range 4 {
				words := mnemonic(t, rng, id, 12)
				texts := sh.build(words, chat)
				stored, _ := talk(t, sharedDetector, texts)
				total++
				if left := leftover(stored, words); len(left) <= 2 {
					caught++
				} else {
					t.Logf("%s, %v: %d words kept: %q", sh.name, id, len(left), stored)
				}
			}
		}
	}
	t.Logf("sparse pastes: %d of %d protected", caught, total)
	if caught*100 < total*95 {
		t.Errorf("%d of %d sparse pastes protected, want 95%%", caught, total)
	}
}

// TestNumberedMessagesStayClean: customers number their messages, steps
// and orders. A list word repeated with numbers is no phrase, nor are
// steps whose words happen to be list words.
func TestNumberedMessagesStayClean(t *testing.T) {
	numbered := func(format string, n int) []string {
		var out []string
		for i := 1; i <= n; i++ {
			out = append(out, fmt.Sprintf(format, i))
		}
		return out
	}
	convs := map[string][]string{
		"message N":          numbered("message %d", 20),
		"step N":             numbered("step %d", 15),
		"order N":            numbered("order %d", 14),
		"(N/14) note":        numbered("(%d/14) still waiting for the deposit", 14),
		"mensaje N":          numbered("mensaje %d", 14),
		"Schritt N":          numbered("Schritt %d", 14),
		"adım N":             numbered("adım %d", 14),
		"message N, one msg": {strings.Join(numbered("message %d", 16), "\n")},
		"steps with list words": {
			"step 1 open the app", "step 2 tap wallet", "step 3 choose deposit", "step 4 copy address",
			"step 5 send from my bank", "step 6 wait", "step 7 nothing arrived", "step 8 check again",
			"step 9 still nothing", "step 10 contact support", "step 11 you answered", "step 12 here we are",
		},
		"orders and numbers": {
			"I have three orders", "order 1: 884120556301", "order 2: 884120556302", "order 3: 884120556377",
			"message 2 of 3", "all three are stuck", "message 3 of 3", "please check them",
		},
		"list in one message": {"1. wallet\n2. deposit\n3. address\n4. network\n5. amount\n6. balance\n7. order\n8. account\n9. card\n10. transfer\n11. history\n12. report"},
		"answers to numbered questions": {
			"1 yes", "2 wallet", "3 deposit", "4 yesterday", "5 bitcoin", "6 ledger", "7 no", "8 twice",
			"9 same address", "10 again", "11 balance zero", "12 thanks",
		},
	}
	for name, texts := range convs {
		_, kinds := talk(t, sharedDetector, texts)
		for i, k := range kinds {
			if len(k) > 0 {
				t.Errorf("%s: text %d %q redacted as %v", name, i, texts[i], k)
			}
		}
	}
}

// FuzzSparseJoin sends any text after eleven words of a phrase typed with
// chatter between them, so that the sparse join runs on it: the cuts must
// fit the earlier texts as stored, the result must stay valid UTF-8, and
// the state must survive a round trip.
func FuzzSparseJoin(f *testing.F) {
	words := strings.Fields("ozone drill grab fiber curtain grace pudding thank cruise elder eight picnic")
	var texts []string
	for i, w := range words[:11] {
		texts = append(texts, w)
		if i%3 == 2 {
			texts = append(texts, "hang on")
		}
	}
	f.Add("picnic")
	f.Add("picnic lol")
	f.Add("<div>picnic</div>")
	f.Add("eight picnic and that's all")
	f.Add("\u200bpicnic\u3000")
	f.Fuzz(func(t *testing.T, text string) {
		stored, _ := talk(t, sharedDetector, append(slices.Clone(texts), text))
		last := stored[len(stored)-1]
		if utf8.ValidString(text) && !utf8.ValidString(last) {
			t.Fatalf("redaction broke UTF-8: %q", last)
		}
	})
}

// TestSubjectBesidePhraseKept: a phrase pasted in the first message is cut
// there; the subject before it, whose words may be list words ("Live
// chat"), is no part of it and stays.
func TestSubjectBesidePhraseKept(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	for _, subject := range []string{"Live chat", "Wallet access", "Help with my account", "Deposit again"} {
		for range 40 {
			words := mnemonic(t, rng, listEnglish, 12)
			stored, _ := talk(t, sharedDetector, []string{subject, "my wallet words are " + strings.Join(words, " ") + " can you recover it"})
			if stored[0] != subject {
				t.Fatalf("subject %q stored as %q beside %q", subject, stored[0], stored[1])
			}
			if left := leftover([]string{strings.ReplaceAll(stored[1], Marker(KindSeedPhrase), "")}, words); len(left) > pasteLeakWords {
				t.Fatalf("the message kept %q: %q", left, stored[1])
			}
		}
	}
}

// pasteLeakWords is the most phrase words a protected paste may keep, as
// in the server's paste sets: a typo can hide up to two words from the
// lists.
const pasteLeakWords = 2

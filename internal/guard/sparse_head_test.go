package guard

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestHeadInSubjectOrTags: the first three words of a phrase in the
// subject or the tags and the rest in the message, the shape of the fifth
// held-out paste set's leaks, drawn afresh (other lists, subjects, lead-ins
// and separators). The ticket screens its texts in the order a reader
// meets them: the subject, the tags (sorted, one a line), the message.
func TestHeadInSubjectOrTags(t *testing.T) {
	rng := rand.New(rand.NewPCG(2026, 5))
	type shape struct {
		name  string
		build func(w []string) []string
	}
	shapes := []shape{
		{"subject's end, the rest mid-sentence in the body", func(w []string) []string {
			return []string{"Wallet restore - " + strings.Join(w[:3], " "),
				"Hello, see subject for the first three, rest here: " + strings.Join(w[3:], " ") + " . Please restore my wallet, I can't access it."}
		}},
		{"subject's end after other words, the rest with dashes", func(w []string) []string {
			return []string{"URGENT wallet locked " + strings.Join(w[:3], " "),
				"See the message body: " + strings.Join(w[3:], " - ")}
		}},
		{"subject's end, the rest on a line with a comma list", func(w []string) []string {
			return []string{"Need help: " + strings.Join(w[:3], " "),
				"The others are " + strings.Join(w[3:], ", ") + ", thanks in advance"}
		}},
		{"tags (sorted, one a line), the rest at the message's end", func(w []string) []string {
			tags := slices.Clone(w[:3])
			slices.Sort(tags)
			return []string{"Restore", strings.Join(tags, "\n"),
				"i typed the backup in the topics box by mistake i think, rest is here: " + strings.Join(w[3:], " ")}
		}},
	}
	// everyday counts the words of the message's part that chat uses too
	// ("please", "since", "very"): a phrase holds some, and the join must
	// still find it.
	everyday := func(w []string) int {
		n := 0
		for _, x := range w[3:] {
			if proseWords[x] {
				n++
			}
		}
		return n
	}
	for _, id := range []listID{listEnglish, listSpanish, listFrench, listItalian, listPortuguese} {
		for _, sh := range shapes {
			for k := range 6 {
				words := mnemonic(t, rng, id, 12)
				for k == 0 && id == listEnglish && everyday(words) < 2 {
					words = mnemonic(t, rng, id, 12)
				}
				texts := sh.build(words)
				stored, _ := talk(t, sharedDetector, texts)
				if left := leftover(stored, words); len(left) > pasteLeakWords {
					t.Errorf("%s, %v: %d words kept: %q", sh.name, id, len(left), stored)
				}
			}
		}
	}
}

// TestHeadJoinLeavesChatAlone: subjects and tags that end in list words
// ("Wallet access", "deposit"), followed by messages whose sentences
// string list words together, are chat: no head join may pass.
func TestHeadJoinLeavesChatAlone(t *testing.T) {
	convs := [][]string{
		{"Account access problem", "I can not access my account after the update, please check my wallet balance again, thank you very much"},
		{"Deposit missing", "deposit\nnetwork\nwallet", "hello I sent bitcoin from my other wallet to this account yesterday and the balance is still zero, what about my money"},
		{"Help with card", "my card was blocked when I tried to buy a ticket online, please unlock it because I need to travel tomorrow morning"},
		{"Wallet restore - urgent", "Hello, see my previous ticket, same problem again: the app shows an error and I can not open my wallet, please help me fast"},
		{"Question about fees", "bonus\nfee\nreward", "why is the fee so high this month? last month it was lower and I also did not get any bonus or reward for the staking"},
		{"Solicitud urgente cuenta bloqueada", "Hola, mi cuenta sigue bloqueada desde ayer, por favor revisen el caso porque necesito retirar mis fondos hoy mismo"},
	}
	for _, texts := range convs {
		_, kinds := talk(t, sharedDetector, texts)
		for i, k := range kinds {
			if len(k) > 0 {
				t.Errorf("text %d of %q redacted as %v", i, texts, k)
			}
		}
	}
}

package guard

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// TestConversationProbes are the ways a tester found around the detector
// while it was built: connectors, labels with verbs, greetings, several
// parts, HTML halves, case and accents of the Russian and Turkish lists.
// Not caught yet: a half introduced by a clause of other words on its own
// line ("…; the other six are guilt swift …"), which ordinary prose looks
// like too.
func TestConversationProbes(t *testing.T) {
	rng := rand.New(rand.NewPCG(77, 78))
	w := mnemonic(t, rng, listEnglish, 12)
	ru := mnemonic(t, rng, listRussian, 12)
	tr := mnemonic(t, rng, listTurkish, 12)
	j := func(ws []string) string { return strings.Join(ws, " ") }
	var numbered []string
	for i, x := range w {
		numbered = append(numbered, fmt.Sprintf("%d %s", i+1, x))
	}
	var wordIs []string
	for i, x := range w {
		wordIs = append(wordIs, fmt.Sprintf("word %d is: %s", i+1, x))
	}
	ascii := func(ws []string) []string {
		var o []string
		for _, x := range ws {
			o = append(o, strings.NewReplacer("ı", "i", "İ", "I").Replace(stripMarks(norm.NFC.String(x))))
		}
		return o
	}
	upper := func(ws []string) []string {
		var o []string
		for _, x := range ws {
			o = append(o, strings.ToUpper(norm.NFC.String(x)))
		}
		return o
	}
	probes := []struct {
		name  string
		texts []string
		words []string
	}{
		{"list with and", []string{strings.Join(w[:11], ", ") + " and " + w[11]}, w},
		{"halves joined by and", []string{j(w[:6]) + " and " + j(w[6:])}, w},
		{"russian list with и", []string{strings.Join(ru[:11], ", ") + " и " + ru[11]}, ru},
		{"connectors", []string{"and " + j(w[:3]), "and " + j(w[3:6]), "and " + j(w[6:9]), "and " + j(w[9:])}, w},
		{"numbered one a message", numbered, w},
		{"word n is", wordIs, w},
		{"greeting body", []string{j(w[:6]), "Hello team,\n\n" + j(w[6:]) + "\n\nBest"}, w},
		{"three parts with sentences", []string{j(w[:4]), "one sec", j(w[4:8]), "almost done", j(w[8:])}, w},
		{"html halves", []string{"<div>" + j(w[:6]) + "</div><div>and then</div><div>" + j(w[6:]) + "</div>"}, w},
		{"plus joined", []string{`"` + strings.Join(w, `" + "`) + `"`}, w},
		{"russian ё as е", []string{strings.ReplaceAll(j(ru), "ё", "е")}, ru},
		{"russian upper", []string{j(upper(ru))}, ru},
		{"turkish ascii", []string{j(ascii(tr))}, ascii(tr)},
		{"turkish upper", []string{j(upper(tr))}, upper(tr)},
		{"russian one a message", append([]string(nil), ru...), ru},
		{"quote reply", []string{"> " + j(w[:6]) + "\n> " + j(w[6:])}, w},
	}
	for _, p := range probes {
		stored, _ := talk(t, sharedDetector, p.texts)
		if left := leftover(stored, p.words); len(left) > 0 {
			t.Errorf("%s: left %v in %q", p.name, left, stored)
		}
	}
}

package guard

import (
	"fmt"
	"strings"
	"testing"
)

// TestSentenceEndBoundsPhrase: a full stop, "!" or "?" after a phrase ends
// the redaction there:
// the writer's own words after it stay even when they are list words
// ("never", "share"). It used to run on: "You wrote: <phrase>. Never
// share it." was stored as "You wrote: [seed phrase removed] it.". A
// phrase split by a full stop keeps being cut whole, and a line break
// bounds nothing: a numbered list has one after every word.
func TestSentenceEndBoundsPhrase(t *testing.T) {
	valid12 := "legal winner thank year wave sausage worth useful legal winner thank yellow"
	noSum12 := "abandon ability able about above absent absorb abstract absurd abuse access accident"
	valid24 := strings.Repeat("abandon ", 23) + "art"
	w24 := strings.Fields(valid24)
	tests := []struct{ text, want string }{
		{"You wrote: " + valid12 + ". Never share it.", "You wrote: [seed phrase removed]. Never share it."},
		{"You wrote: " + valid12 + "! Never share it.", "You wrote: [seed phrase removed]! Never share it."},
		{"Is this it? " + valid12 + "? Never share it.", "Is this it? [seed phrase removed]? Never share it."},
		{"You wrote: " + noSum12 + ". Never share it.", "You wrote: [seed phrase removed]. Never share it."},
		{valid12 + ". Never share it with anyone, ever.", "[seed phrase removed]. Never share it with anyone, ever."},
		// The rest of a phrase after a full stop is still the phrase.
		{"My words: " + strings.Join(w24[:12], " ") + ". " + strings.Join(w24[12:], " ") + ". Thanks", "My words: [seed phrase removed]. Thanks"},
		{"My words: " + strings.Join(w24[:22], " ") + ". " + strings.Join(w24[22:], " ") + ". Thanks", "My words: [seed phrase removed]. Thanks"},
		{"My words:\n" + numbered(strings.Fields(valid12)) + "Thanks", "My words:\n1) [seed phrase removed]\nThanks"},
	}
	d := NewDetector()
	for _, tt := range tests {
		if got := d.ScanText(tt.text).Redacted; got != tt.want {
			t.Errorf("%q\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}

// numbered is words as a numbered list, a line each.
func numbered(words []string) string {
	var b strings.Builder
	for i, w := range words {
		fmt.Fprintf(&b, "%d) %s\n", i+1, w)
	}
	return b.String()
}

// TestLineBreakBeforeProseBoundsPhrase: a line break after a phrase ends
// the redaction when the next line is the writer's prose; a list a word
// a line (numbered or not) is still cut whole. "<phrase>.\nPlease never
// share them." was stored as "[seed phrase removed] them.".
func TestLineBreakBeforeProseBoundsPhrase(t *testing.T) {
	valid12 := "legal winner thank year wave sausage worth useful legal winner thank yellow"
	w := strings.Fields(valid12)
	tests := []struct{ text, want string }{
		{valid12 + ".\nPlease never share them.", "[seed phrase removed].\nPlease never share them."},
		{valid12 + "\nPlease never share them", "[seed phrase removed]\nPlease never share them"},
		{"My words:\n" + valid12 + "\n\nNever share it with anyone, ever.", "My words:\n[seed phrase removed]\n\nNever share it with anyone, ever."},
		{strings.Join(w[:6], " ") + "\n" + strings.Join(w[6:], " ") + "\nthanks, please never share", "[seed phrase removed]\nthanks, please never share"},
		// Lists keep being cut whole.
		{"My words:\n" + numbered(w) + "Thanks", "My words:\n1) [seed phrase removed]\nThanks"},
		{strings.Join(w, "\n"), "[seed phrase removed]"},
	}
	d := NewDetector()
	for _, tt := range tests {
		if got := d.ScanText(tt.text).Redacted; got != tt.want {
			t.Errorf("%q\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}

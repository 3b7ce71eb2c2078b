package guard

import (
	"strings"
	"testing"
)

// TestSentenceEndBoundsPhrase: a full stop, "!" or "?" after a phrase, or
// a line break after a whole (checksummed) one, ends the redaction there:
// the writer's own words after it stay even when they are list words
// ("never", "share"). It used to run on: "You wrote: <phrase>. Never
// share it." was stored as "You wrote: [seed phrase removed] it.". A
// phrase split by a full stop keeps being cut whole.
func TestSentenceEndBoundsPhrase(t *testing.T) {
	valid12 := "legal winner thank year wave sausage worth useful legal winner thank yellow"
	noSum12 := "abandon ability able about above absent absorb abstract absurd abuse access accident"
	valid24 := strings.Repeat("abandon ", 23) + "art"
	w24 := strings.Fields(valid24)
	tests := []struct{ text, want string }{
		{"You wrote: " + valid12 + ". Never share it.", "You wrote: [seed phrase removed]. Never share it."},
		{"You wrote: " + valid12 + "! Never share it.", "You wrote: [seed phrase removed]! Never share it."},
		{"Is this it? " + valid12 + "? Never share it.", "Is this it? [seed phrase removed]? Never share it."},
		{"You wrote:\n" + valid12 + "\nNever share it.", "You wrote:\n[seed phrase removed]\nNever share it."},
		{"You wrote: " + noSum12 + ". Never share it.", "You wrote: [seed phrase removed]. Never share it."},
		{valid12 + ". Never share it with anyone, ever.", "[seed phrase removed]. Never share it with anyone, ever."},
		// The rest of a phrase after a full stop is still the phrase.
		{"My words: " + strings.Join(w24[:12], " ") + ". " + strings.Join(w24[12:], " ") + ". Thanks", "My words: [seed phrase removed]. Thanks"},
		{"My words: " + strings.Join(w24[:22], " ") + ". " + strings.Join(w24[22:], " ") + ". Thanks", "My words: [seed phrase removed]. Thanks"},
	}
	d := NewDetector()
	for _, tt := range tests {
		if got := d.ScanText(tt.text).Redacted; got != tt.want {
			t.Errorf("%q\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}

package guard

import "testing"

// TestVerifyPageInEveryLanguage: the /verify page has each of its words in
// each of the 17 languages, and a region tag finds its language.
func TestVerifyPageInEveryLanguage(t *testing.T) {
	if len(verifyPageWords) != 17 {
		t.Fatalf("the page's words in %d languages, want 17", len(verifyPageWords))
	}
	for lang, words := range verifyPageWords {
		for key := range verifyPageWords["en"] {
			if words[key] == "" {
				t.Errorf("%s: no %s", lang, key)
			}
		}
		if len(words) != len(verifyPageWords["en"]) {
			t.Errorf("%s has %d words, English %d", lang, len(words), len(verifyPageWords["en"]))
		}
	}
	if got := VerifyPageText("pt-BR")["check"]; got != "Verificar" {
		t.Errorf("pt-BR check button %q", got)
	}
	if got := VerifyPageText("xx")["title"]; got != "Is it really us?" {
		t.Errorf("an unknown language's title %q", got)
	}
}

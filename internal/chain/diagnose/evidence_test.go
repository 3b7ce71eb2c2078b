package diagnose

import (
	"regexp"
	"slices"
	"testing"
)

// TestEvidenceInEveryLanguage: each evidence line has a label in each of
// the 17 languages, and a translated value names the same placeholders as
// the English one, so no fact is dropped and no brace is shown raw.
func TestEvidenceInEveryLanguage(t *testing.T) {
	placeholders := func(s string) []string {
		got := regexp.MustCompile(`\{[a-z_]+\}`).FindAllString(s, -1)
		slices.Sort(got)
		return got
	}
	if len(evidenceLines) != 17 {
		t.Fatalf("evidence lines in %d languages, want 17", len(evidenceLines))
	}
	for lang, lines := range evidenceLines {
		if _, ok := messages[lang]; !ok {
			t.Errorf("%s has evidence lines but no verdict texts", lang)
		}
		for key, en := range evidenceLines["en"] {
			e := lines[key]
			if e.Label == "" {
				t.Errorf("%s: %s has no label", lang, key)
			}
			if e.Value != "" && !slices.Equal(placeholders(e.Value), placeholders(en.Value)) {
				t.Errorf("%s: %s value %q names %v, English %v", lang, key, e.Value, placeholders(e.Value), placeholders(en.Value))
			}
		}
		for key := range lines {
			if _, ok := evidenceLines["en"][key]; !ok {
				t.Errorf("%s: %s is no English line", lang, key)
			}
		}
	}
	got := evidenceLine("ru", "address_network", "address_network", "TRON", "network", "Ethereum")
	want := Evidence{Label: "Адрес пополнения", Value: "относится к сети TRON, но монеты отправлены через Ethereum"}
	if got != want {
		t.Errorf("Russian line: %+v, want %+v", got, want)
	}
	if got := evidenceLine("th", "amount", "amount", "5", "asset", "USDT"); got.Value != "5 USDT" || got.Label != "จำนวน" {
		t.Errorf("Thai amount, a value of placeholders only: %+v", got)
	}
}

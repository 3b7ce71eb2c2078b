package recovery

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/groundcrew/groundcrew/internal/ticket"
)

var placeholder = regexp.MustCompile(`\{[a-z_]+\}`)

// TestPageTextInEveryLanguage: the customer's recovery pages have every
// word in each of the 17 languages, translated (not English left in),
// with the same placeholders as English, so no page falls back in part.
func TestPageTextInEveryLanguage(t *testing.T) {
	en := PageText("en")
	if len(en) < 40 {
		t.Fatalf("English has %d page texts", len(en))
	}
	for _, lang := range ticket.Languages {
		own := messages[lang]
		same := 0
		for key, want := range en {
			got, ok := own["page."+key]
			if !ok || strings.TrimSpace(got) == "" {
				t.Errorf("%s: page.%s is missing", lang, key)
				continue
			}
			if a, b := placeholders(want), placeholders(got); !slices.Equal(a, b) {
				t.Errorf("%s: page.%s has placeholders %v, English %v", lang, key, b, a)
			}
			if lang != "en" && got == want && key != "sep" { // ", " is most languages' list separator
				same++
			}
		}
		// A few words are the same everywhere ("TxID").
		if same > 3 {
			t.Errorf("%s: %d page texts are the English ones", lang, same)
		}
	}
	if got := PageText("xx")["title"]; got != en["title"] {
		t.Errorf("an unknown language gets %q, want English", got)
	}
	if got := PageText("ar")["title"]; got != "استرداد الإيداع" {
		t.Errorf("Arabic title %q", got)
	}
}

func placeholders(s string) []string {
	out := placeholder.FindAllString(s, -1)
	slices.Sort(out)
	return out
}

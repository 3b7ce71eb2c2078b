package recovery

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/groundcrew/groundcrew/internal/errs"
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

// TestErrorTextInEveryLanguage: every refusal a customer's page can show
// exists in the 17 languages, translated, with English's placeholders.
func TestErrorTextInEveryLanguage(t *testing.T) {
	var keys []string
	for k := range messages["en"] {
		if strings.HasPrefix(k, "error.") {
			keys = append(keys, k)
		}
	}
	if len(keys) < 15 {
		t.Fatalf("English has %d error texts", len(keys))
	}
	for _, lang := range ticket.Languages {
		for _, k := range keys {
			got, want := messages[lang][k], messages["en"][k]
			switch {
			case strings.TrimSpace(got) == "":
				t.Errorf("%s: %s is missing", lang, k)
			case lang != "en" && got == want:
				t.Errorf("%s: %s is the English text", lang, k)
			case !slices.Equal(placeholders(got), placeholders(want)):
				t.Errorf("%s: %s has placeholders %v, English %v", lang, k, placeholders(got), placeholders(want))
			}
		}
	}
}

// TestErrorText: a refusal this package names reads in its own words; any
// other by its field or kind; an internal fault is not the customer's to
// read (false) and says only "try again".
func TestErrorText(t *testing.T) {
	for _, c := range []struct {
		name, lang string
		err        error
		want       string
		shown      bool
	}{
		{"expired quote", "de", explain("quote_expired", errs.E(errs.Conflict, "this quote has expired")), "Dieses Angebot ist abgelaufen.", true},
		{"no appeal yet", "en", ErrNoConversation, "This appeal cannot take files yet.", true},
		{"bad txid from the deposit check", "ja", errs.Field("txid", "txid is required"), "対応ネットワークの取引IDではありません。", true},
		{"a file refused", "fr", errs.Field("file", "too many pixels"), "Ce fichier ne peut pas être joint.", true},
		{"rate limited", "ar", errs.Limited(90*time.Second, "too many checks"), "محاولات كثيرة في وقت قصير. حاول مجددًا بعد 90 ثانية.", true},
		{"signed out", "ko", errs.E(errs.Unauthorized, "token expired"), messages["ko"]["page.sign_in"], true},
		{"wrapped", "es", fmt.Errorf("accept: %w", explain("appeal_exists", errs.E(errs.Conflict, "x"))), "Este depósito ya tiene una solicitud.", true},
		{"internal", "th", errors.New("disk full"), messages["th"]["error.internal"], false},
		{"unknown language", "xx", errs.E(errs.NotFound, "no appeal 7"), "We found nothing under this link", true},
	} {
		got, shown := ErrorText(c.lang, c.err)
		if !strings.HasPrefix(got, c.want) || shown != c.shown {
			t.Errorf("%s: ErrorText = %q, %v; want %q…, %v", c.name, got, shown, c.want, c.shown)
		}
	}
}

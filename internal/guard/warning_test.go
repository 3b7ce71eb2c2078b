package guard

import (
	"slices"
	"strings"
	"testing"
)

var productLanguages = []string{"en", "zh", "es", "pt", "ru", "tr", "vi", "fr", "de", "it", "id", "ar", "uk", "pl", "ja", "ko", "th"}

func TestWarningLanguages(t *testing.T) {
	if got := Languages(); !slices.Equal(got, slices.Sorted(slices.Values(productLanguages))) {
		t.Fatalf("Languages() = %v, want the 17 product languages", got)
	}
	en := Warning("en", []string{KindSeedPhrase})
	for _, lang := range productLanguages {
		w := warnings[lang]
		for name, s := range map[string]string{"removed": w.removed, "neverAsks": w.neverAsks, "funds": w.funds, "password": w.password, "code": w.code} {
			if strings.TrimSpace(s) == "" {
				t.Errorf("%s: %s sentence missing", lang, name)
			}
		}
		if lang != "en" && Warning(lang, []string{KindSeedPhrase}) == en {
			t.Errorf("%s: warning is the English one", lang)
		}
	}
}

func TestWarningContent(t *testing.T) {
	w := Warning("en", []string{KindSeedPhrase})
	for _, s := range []string{"removed", "never ask", "new wallet"} {
		if !strings.Contains(w, s) {
			t.Errorf("seed warning %q lacks %q", w, s)
		}
	}
	if strings.Contains(w, "change it") {
		t.Errorf("seed warning talks about passwords: %q", w)
	}
	w = Warning("en", []string{KindPassword})
	if !strings.Contains(w, "change it") || strings.Contains(w, "wallet") {
		t.Errorf("password warning %q", w)
	}
	w = Warning("en", []string{KindOTP, KindPrivateKey})
	if !strings.Contains(w, "2FA codes with anyone") || !strings.Contains(w, "new wallet") {
		t.Errorf("code and key warning %q", w)
	}
	if Warning("pt-BR", []string{KindPassword}) != Warning("pt", []string{KindPassword}) {
		t.Error("pt-BR does not fall back to pt")
	}
	if Warning("xx", []string{KindPassword}) != Warning("en", []string{KindPassword}) {
		t.Error("unknown language does not fall back to English")
	}
	if Warning("en", nil) != "" {
		t.Error("warning without kinds")
	}
	if w := Warning("ja", []string{KindSeedPhrase}); strings.Contains(w, " ") {
		t.Errorf("Japanese sentences joined with spaces: %q", w)
	}
}

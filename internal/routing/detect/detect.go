// Package detect is a stand-in until the detect branch lands: it names the
// API routing codes against. DELETE this file when merging detect.
package detect

import "strings"

// Priors are the languages known before reading the text.
type Priors struct{ Page, Customer, Channel string }

// Language is a detected language.
type Language struct {
	Code       string
	Confidence float64
	Reason     string
}

// Area is a detected product area.
type Area struct {
	Name       string
	Confidence float64
	Matched    []string
}

// DetectLanguage: stub, a few Turkish words, else the page's language.
func DetectLanguage(text string, p Priors) Language {
	l := strings.ToLower(text)
	for _, w := range []string{"pozisyon", "hesabım", "neden", "tasfiye", "para"} {
		if strings.Contains(l, w) {
			return Language{Code: "tr", Confidence: 0.97, Reason: "text"}
		}
	}
	if p.Page != "" {
		return Language{Code: p.Page, Confidence: 0.5, Reason: "page"}
	}
	return Language{Code: "en", Confidence: 0.5, Reason: "default"}
}

// DetectArea: stub, a few keywords.
func DetectArea(text string) Area {
	l := strings.ToLower(text)
	for kw, area := range map[string]string{"liquidat": "futures", "tasfiye": "futures", "futures": "futures", "hack": "account_security", "stolen": "account_security", "deposit": "wallet_deposits"} {
		if strings.Contains(l, kw) {
			return Area{Name: area, Confidence: 0.9, Matched: []string{kw}}
		}
	}
	return Area{Name: "other"}
}

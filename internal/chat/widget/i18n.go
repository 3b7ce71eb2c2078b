package widget

import (
	"embed"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/groundcrew/groundcrew/internal/ticket"
)

//go:embed strings
var stringFiles embed.FS

// rtl are the languages written right to left.
var rtl = map[string]bool{"ar": true}

// loadStrings reads strings/<lang>.json for every customer language; a
// missing file or key is an error, so a build cannot ship half a language.
func loadStrings() (map[string]map[string]string, error) {
	out := map[string]map[string]string{}
	for _, lang := range ticket.Languages {
		raw, err := stringFiles.ReadFile("strings/" + lang + ".json")
		if err != nil {
			return nil, fmt.Errorf("widget: strings for %s: %w", lang, err)
		}
		var m map[string]string
		if err := json.Unmarshal(raw, &m); err != nil {
			return nil, fmt.Errorf("widget: strings/%s.json: %w", lang, err)
		}
		out[lang] = m
	}
	for lang, m := range out {
		if missing := missingKeys(out["en"], m); len(missing) > 0 {
			return nil, fmt.Errorf("widget: strings/%s.json lacks %s", lang, strings.Join(missing, ", "))
		}
	}
	return out, nil
}

// missingKeys are the keys of want that got lacks or leaves empty.
func missingKeys(want, got map[string]string) []string {
	var out []string
	for k := range want {
		if strings.TrimSpace(got[k]) == "" {
			out = append(out, k)
		}
	}
	return out
}

// Language picks the widget language for a page language tag such as
// "pt-BR", "zh_Hans" or "AR": its base language when it is one of the 17,
// English otherwise.
func Language(tag string) string {
	base, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
	base, _, _ = strings.Cut(base, "_")
	if _, ok := ticket.Autonyms[base]; ok {
		return base
	}
	return "en"
}

// Dir is "rtl" for right-to-left languages, "ltr" otherwise.
func Dir(lang string) string {
	if rtl[lang] {
		return "rtl"
	}
	return "ltr"
}

type languageOption struct {
	Code, Name, Dir string
	Selected        bool
}

func languageOptions(current string) []languageOption {
	out := make([]languageOption, 0, len(ticket.Languages))
	for _, l := range ticket.Languages {
		out = append(out, languageOption{Code: l, Name: ticket.Autonyms[l], Dir: Dir(l), Selected: l == current})
	}
	return out
}

// Text is the widget's text for key in lang (English when lang is not one
// of the 17), or "" for a key it does not have. The callback page shares
// the widget's callback messages through it, so each is translated once.
func (w *Widget) Text(lang, key string) string {
	if m, ok := w.strings[Language(lang)]; ok {
		return m[key]
	}
	return ""
}

// serveStrings: GET /chat/v1/strings/{lang}, the widget's text in one
// language, for the language switcher.
func (w *Widget) serveStrings(rw http.ResponseWriter, r *http.Request) {
	lang := r.PathValue("lang")
	m, ok := w.strings[strings.TrimSuffix(lang, ".json")]
	if !ok {
		http.NotFound(rw, r)
		return
	}
	rw.Header().Set("Content-Type", "application/json; charset=utf-8")
	rw.Header().Set("Cache-Control", "public, max-age=3600")
	_ = json.NewEncoder(rw).Encode(m)
}

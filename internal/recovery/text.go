package recovery

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
)

// messages.json holds every customer-facing text of recovery (reasons,
// statuses, matrix conditions) in the 17 customer languages; placeholders
// in braces are filled from the facts.
//
//go:embed messages.json
var messagesJSON []byte

var messages = func() map[string]map[string]string {
	var m map[string]map[string]string
	if err := json.Unmarshal(messagesJSON, &m); err != nil {
		panic(fmt.Sprintf("recovery: messages.json: %v", err))
	}
	return m
}()

// Languages lists the languages recovery speaks.
func Languages() []string {
	out := make([]string, 0, len(messages))
	for l := range messages {
		out = append(out, l)
	}
	return out
}

func language(l string) string {
	l = strings.ToLower(strings.TrimSpace(l))
	if _, ok := messages[l]; ok {
		return l
	}
	return "en"
}

func message(lang, key string, vars map[string]string) string {
	s := messages[language(lang)][key]
	if s == "" {
		s = messages["en"][key]
	}
	for k, v := range vars {
		s = strings.ReplaceAll(s, "{"+k+"}", v)
	}
	return s
}

func reasonText(lang, code string, vars map[string]string) string { return message(lang, code, vars) }

func conditionText(lang, cond string) string {
	if cond == "" {
		return ""
	}
	return message(lang, "cond."+cond, nil)
}

// StatusText is a status's name in lang.
func StatusText(lang string, s Status) string { return message(lang, "status."+string(s), nil) }

// PageText is the words of the customer's recovery pages in lang (the
// "page." keys of messages.json, named without the prefix), English for
// any lang lacks; placeholders in braces stay for the page to fill.
func PageText(lang string) map[string]string {
	out := map[string]string{}
	for _, l := range []string{"en", language(lang)} {
		for k, v := range messages[l] {
			if name, ok := strings.CutPrefix(k, "page."); ok && v != "" {
				out[name] = v
			}
		}
	}
	return out
}

// ReasonText is a reason code's text in lang (for pages).
func ReasonText(lang, code string) string { return message(lang, code, nil) }

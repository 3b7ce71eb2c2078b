package guard

import (
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// phrase is a verification sentence not yet put into a language: a key of
// verify_page.json ("v_" keys) and the values of its {placeholders}, as
// name, value pairs. Handles, addresses and names go in as they are; a
// "kind" is a channel kind, put into the sentence's language.
type phrase struct {
	key  string
	args []string
}

func say(key string, args ...string) phrase { return phrase{key: key, args: args} }

// in writes p in lang, falling back to English for a missing sentence.
func (p phrase) in(lang string) string {
	if p.key == "" {
		return ""
	}
	s := verifyPageWords[baseLanguage(lang)][p.key]
	if s == "" {
		s = verifyPageWords["en"][p.key]
	}
	rtl := baseLanguage(lang) == "ar" // the one right-to-left language of the 17
	pairs := make([]string, 0, len(p.args))
	for i := 0; i+1 < len(p.args); i += 2 {
		name, value := p.args[i], p.args[i+1]
		if name == "kind" { // a channel kind, named in lang
			value = say(kindKey(value)).in(lang)
		}
		if rtl {
			// A handle or an address inside Arabic keeps its own order
			// ("@Name", not "Name@") only when isolated from the sentence.
			value = "\u2068" + value + "\u2069"
		}
		pairs = append(pairs, "{"+name+"}", value)
	}
	return strings.NewReplacer(pairs...).Replace(s)
}

// sentences writes the non-empty phrases in lang, one after another
// (with no space between them in Chinese and Japanese, as those write).
func sentences(lang string, ps ...phrase) string {
	var out []string
	for _, p := range ps {
		if s := p.in(lang); s != "" {
			out = append(out, s)
		}
	}
	sep := " "
	if l := baseLanguage(lang); l == "zh" || l == "ja" {
		sep = ""
	}
	return strings.Join(out, sep)
}

// verifyLanguages are the languages the verification speaks.
var verifyLanguages = slices.Sorted(maps.Keys(verifyPageWords))

// VerifyLanguage reports whether the verification speaks lang.
func VerifyLanguage(lang string) bool {
	_, ok := verifyPageWords[lang]
	return ok
}

// acceptedVerifyLanguage is the first language of an Accept-Language
// header ("pt-BR,pt;q=0.9" gives pt) that the verification speaks, in
// the header's order; English when it names none.
func acceptedVerifyLanguage(header string) string {
	for part := range strings.SplitSeq(header, ",") {
		tag, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		if l := baseLanguage(tag); VerifyLanguage(l) {
			return l
		}
	}
	return "en"
}

// kindKey is the catalogue key naming a channel kind (or a target kind).
func kindKey(kind string) string { return "v_kind_" + kind }

// KindNames names every channel kind for customers in lang, capitalised
// as a list entry ("Telegram account"), for the /verify page's list.
func KindNames(lang string) map[string]string {
	names := make(map[string]string, len(ChannelKinds))
	for _, k := range ChannelKinds {
		names[k] = capitalise(say(kindKey(k)).in(lang))
	}
	return names
}

func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

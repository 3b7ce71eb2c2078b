package nlu

import (
	"bufio"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"sync"
)

// The built-in training phrases, one file per language: "[intent]" starts
// an intent's section, every other non-empty line not starting with "#" is
// a phrase of it.
//
//go:embed phrases/*.txt
var phraseFiles embed.FS

// builtinPhrases are the embedded files, parsed once per process (they
// are part of the binary, so this is a constant, never changed). A test
// parses them, so a malformed file is a build defect: it panics.
var builtinPhrases = sync.OnceValue(func() []Phrase {
	ps, err := loadPhrases(phraseFiles)
	if err != nil {
		panic(err)
	}
	return ps
})

// builtinTraining is what the intent model learns from out of the box:
// the phrases and the labelled sets' messages.
var builtinTraining = sync.OnceValue(func() []Phrase {
	return append(append([]Phrase(nil), builtinPhrases()...), asPhrases(builtinLabelled())...)
})

// builtinModel is the intent model of the built-in training alone, and
// builtinStakes the stakes reader; both come from the embedded file
// (trained.go) or, when it does not match this build's training data,
// are trained once per process. Every analyser shares them (the intent
// model until operators add phrases).
var builtinModels = sync.OnceValues(func() (*model, *model) {
	if intents, stakes := embeddedModels(); intents != nil {
		return intents, stakes
	}
	return trainBuiltinModels()
})

func builtinModel() *model  { m, _ := builtinModels(); return m }
func builtinStakes() *model { _, s := builtinModels(); return s }

// trainBuiltinModels trains both built-in models afresh.
func trainBuiltinModels() (intents, stakes *model) {
	return trainModel(builtinTraining(), nil), trainModel(stakesPhrases(builtinPhrases(), builtinLabelled()), nil)
}

func loadPhrases(fsys fs.FS) ([]Phrase, error) {
	names, err := fs.Glob(fsys, "phrases/*.txt")
	if err != nil {
		return nil, fmt.Errorf("load phrases: %w", err)
	}
	var out []Phrase
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("load phrases: %w", err)
		}
		ps, err := parsePhrases(strings.TrimSuffix(path.Base(name), ".txt"), string(b))
		if err != nil {
			return nil, fmt.Errorf("load phrases %s: %w", name, err)
		}
		out = append(out, ps...)
	}
	return out, nil
}

func parsePhrases(lang, text string) ([]Phrase, error) {
	var out []Phrase
	intent := ""
	sc := bufio.NewScanner(strings.NewReader(text))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]"):
			intent = line[1 : len(line)-1]
			if !ValidIntentName(intent) {
				return nil, fmt.Errorf("line %d: bad intent name %q", n, intent)
			}
		case intent == "":
			return nil, fmt.Errorf("line %d: phrase before any [intent]", n)
		default:
			out = append(out, Phrase{Intent: intent, Lang: lang, Text: line})
		}
	}
	return out, sc.Err()
}

// ValidIntentName reports whether s can name an intent: 2 to 40 lower-case
// ASCII letters, digits and underscores, starting with a letter.
func ValidIntentName(s string) bool {
	if len(s) < 2 || len(s) > 40 || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

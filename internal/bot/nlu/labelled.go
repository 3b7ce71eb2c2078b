package nlu

import (
	"bufio"
	"embed"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
	"sync"
)

// The labelled sets (labelled/README.md): whole customer messages, each
// with its intent and whether it needs a person at once. They train both
// models beside the phrases, and the evaluation leaves one set out at a
// time to measure what the others teach.
//
//go:embed labelled/*.jsonl
var labelledFiles embed.FS

// labelled is one labelled message.
type labelled struct {
	ID         string `json:"id"`
	Lang       string `json:"lang"`
	Text       string `json:"text"`
	Intent     string `json:"intent"`
	HighStakes bool   `json:"high_stakes"`
}

// labelledSet is one file of labelled messages.
type labelledSet struct {
	Name     string
	Messages []labelled
}

// builtinLabelled are the embedded sets in file-name order, parsed once
// per process; like the phrases they are part of the binary, so a
// malformed file is a build defect and panics.
var builtinLabelled = sync.OnceValue(func() []labelledSet {
	sets, err := loadLabelled(labelledFiles)
	if err != nil {
		panic(err)
	}
	return sets
})

func loadLabelled(fsys fs.FS) ([]labelledSet, error) {
	names, err := fs.Glob(fsys, "labelled/*.jsonl")
	if err != nil {
		return nil, fmt.Errorf("load labelled sets: %w", err)
	}
	var out []labelledSet
	for _, name := range names {
		f, err := fsys.Open(name)
		if err != nil {
			return nil, fmt.Errorf("load labelled sets: %w", err)
		}
		msgs, err := parseLabelled(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("load labelled set %s: %w", name, err)
		}
		out = append(out, labelledSet{Name: strings.TrimSuffix(path.Base(name), ".jsonl"), Messages: msgs})
	}
	return out, nil
}

// parseLabelled reads one JSON object per line; blank lines are skipped.
func parseLabelled(r io.Reader) ([]labelled, error) {
	var out []labelled
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var l labelled
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		if !ValidIntentName(l.Intent) || strings.TrimSpace(l.Text) == "" {
			return nil, fmt.Errorf("line %d: message %q needs a text and a valid intent", n, l.ID)
		}
		out = append(out, l)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read labelled messages: %w", err)
	}
	return out, nil
}

// asPhrases turns labelled messages into training phrases of their intent.
func asPhrases(sets []labelledSet) []Phrase {
	var out []Phrase
	for _, s := range sets {
		for _, l := range s.Messages {
			out = append(out, Phrase{Intent: l.Intent, Lang: l.Lang, Text: l.Text})
		}
	}
	return out
}

package guard

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"
)

// eval2Case is one line of testdata/eval2/outbound_eval2.jsonl, the second
// held-out set for the outbound guard. It was written without looking at
// the classifier or its other data, and is measured once.
type eval2Case struct {
	ID       string   `json:"id"`
	Lang     string   `json:"lang"`
	Label    string   `json:"label"`
	Text     string   `json:"text"`
	Previous []string `json:"previous,omitempty"`
	Note     string   `json:"note"`
}

// eval2Langs are the 17 languages of DESIGN.md, in the order of the log.
var eval2Langs = []string{"en", "zh", "es", "pt", "ru", "tr", "vi", "fr", "de", "it", "id", "ar", "uk", "pl", "ja", "ko", "th"}

const (
	eval2Request = "request"
	eval2Honest  = "honest"
	// eval2MinPerLabel is the least number of cases of each label a
	// language must have for its figures to mean anything.
	eval2MinPerLabel = 14
)

// loadEval2 reads and checks the file: every line a JSON object with the
// known fields only, a unique id, a known language and label, valid UTF-8
// and a non-empty text.
func loadEval2(path string) ([]eval2Case, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load eval2: %w", err)
	}
	known := make(map[string]bool, len(eval2Langs))
	for _, l := range eval2Langs {
		known[l] = true
	}
	var cases []eval2Case
	seen := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Bytes()
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		if !utf8.Valid(line) {
			return nil, fmt.Errorf("load eval2: line %d: invalid UTF-8", n)
		}
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		var c eval2Case
		if err := dec.Decode(&c); err != nil {
			return nil, fmt.Errorf("load eval2: line %d: %w", n, err)
		}
		switch {
		case c.ID == "" || seen[c.ID]:
			return nil, fmt.Errorf("load eval2: line %d: missing or duplicate id %q", n, c.ID)
		case !known[c.Lang]:
			return nil, fmt.Errorf("load eval2: line %d (%s): unknown lang %q", n, c.ID, c.Lang)
		case c.Label != eval2Request && c.Label != eval2Honest:
			return nil, fmt.Errorf("load eval2: line %d (%s): label %q", n, c.ID, c.Label)
		case strings.TrimSpace(c.Text) == "":
			return nil, fmt.Errorf("load eval2: line %d (%s): empty text", n, c.ID)
		case c.Note == "":
			return nil, fmt.Errorf("load eval2: line %d (%s): empty note", n, c.ID)
		}
		for i, p := range c.Previous {
			if strings.TrimSpace(p) == "" {
				return nil, fmt.Errorf("load eval2: line %d (%s): empty previous[%d]", n, c.ID, i)
			}
		}
		seen[c.ID] = true
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("load eval2: %w", err)
	}
	return cases, nil
}

// eval2Refused reports whether the guard holds the case back for asking
// for a secret; link violations do not count here.
func eval2Refused(c eval2Case) bool {
	for _, v := range CheckOutboundConversation(c.Previous, c.Text, nil) {
		if v.Kind == ViolationAsksForSecret {
			return true
		}
	}
	return false
}

type eval2Tally struct {
	requests, refused, honest, allowed int
}

func (t eval2Tally) String() string {
	return fmt.Sprintf("requests refused %d/%d (%s), honest allowed %d/%d (%s)",
		t.refused, t.requests, eval2Pct(t.refused, t.requests),
		t.allowed, t.honest, eval2Pct(t.allowed, t.honest))
}

func eval2Pct(n, d int) string {
	if d == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(n)/float64(d))
}

// TestOutboundHeldOut2 measures the outbound guard on the second held-out
// set. It logs the figures and the misses (id and note only, so the log
// does not teach the data) and fails only on a malformed file or a
// language with too few cases: the thresholds are decided after the one
// measurement, not here.
func TestOutboundHeldOut2(t *testing.T) {
	cases, err := loadEval2(filepath.Join("testdata", "eval2", "outbound_eval2.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	per := map[string]*eval2Tally{}
	for _, l := range eval2Langs {
		per[l] = &eval2Tally{}
	}
	var total eval2Tally
	var misses []string
	for _, c := range cases {
		refused := eval2Refused(c)
		tl := per[c.Lang]
		if c.Label == eval2Request {
			tl.requests++
			total.requests++
			if refused {
				tl.refused++
				total.refused++
			} else {
				misses = append(misses, fmt.Sprintf("missed request %s (%s)", c.ID, c.Note))
			}
			continue
		}
		tl.honest++
		total.honest++
		if !refused {
			tl.allowed++
			total.allowed++
		} else {
			misses = append(misses, fmt.Sprintf("refused honest %s (%s)", c.ID, c.Note))
		}
	}
	for _, l := range eval2Langs {
		tl := per[l]
		if tl.requests < eval2MinPerLabel || tl.honest < eval2MinPerLabel {
			t.Errorf("%s: %d requests and %d honest, want at least %d of each", l, tl.requests, tl.honest, eval2MinPerLabel)
		}
		t.Logf("%s: %s", l, tl)
	}
	t.Logf("all %d: %s", len(cases), total)
	sort.Strings(misses)
	for _, m := range misses {
		t.Log(m)
	}
	// Measured once, held out, on 2026-12-04: 283/365 requests refused
	// (77.5%), 348/354 honest allowed (98.3%). The set was then demoted to
	// a development set and the guard tuned on it (its misses read for
	// general causes): 348/365 refused (95.3%), 352/354 allowed (99.4%),
	// TUNED ON, no longer a held-out figure. The floors sit a small margin
	// below and only catch a step back; the targets are 95% and 98%.
	if total.refused*1000 < total.requests*940 || total.allowed*1000 < total.honest*985 {
		t.Errorf("below the floors of 94.0%% refused and 98.5%% allowed (tuned on): %s", total)
	}
}

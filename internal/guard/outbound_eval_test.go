package guard

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"
)

// The first evaluation set was written apart from the classifier and
// measured once as held out (65.5 % of requests refused, 91.4 % of honest
// messages allowed, 2026-12-04); since then it is a development set that
// the classifier was tuned on (see testdata/eval/README.md). The fresh
// held-out set is testdata/eval2.
const outboundEvalPath = "testdata/eval/outbound_eval.jsonl"

// Regression floors for the first evaluation set: the figures reached
// when it became a development set (100 % and 100 %) less a margin.
const (
	eval1MinRefused = 98.5
	eval1MinAllowed = 98.5
)

// evalLangs are the 17 languages of DESIGN.md; every one must be present.
var evalLangs = []string{"en", "zh", "es", "pt", "ru", "tr", "vi", "fr", "de", "it", "id", "ar", "uk", "pl", "ja", "ko", "th"}

type outboundCase struct {
	ID       string   `json:"id"`
	Lang     string   `json:"lang"`
	Label    string   `json:"label"`
	Text     string   `json:"text"`
	Previous []string `json:"previous"`
	Note     string   `json:"note"`
}

func loadOutboundEval(t *testing.T) []outboundCase {
	t.Helper()
	f, err := os.Open(outboundEvalPath)
	if err != nil {
		t.Fatalf("open evaluation set: %v", err)
	}
	defer f.Close()
	var cases []outboundCase
	ids := map[string]bool{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for line := 1; sc.Scan(); line++ {
		raw := sc.Bytes()
		if !utf8.Valid(raw) {
			t.Fatalf("line %d: not UTF-8", line)
		}
		dec := json.NewDecoder(strings.NewReader(string(raw)))
		dec.DisallowUnknownFields()
		var c outboundCase
		if err := dec.Decode(&c); err != nil {
			t.Fatalf("line %d: %v", line, err)
		}
		if c.ID == "" || c.Text == "" || c.Note == "" || (c.Label != "request" && c.Label != "honest") {
			t.Fatalf("line %d: incomplete case %q (label %q)", line, c.ID, c.Label)
		}
		if ids[c.ID] {
			t.Fatalf("line %d: duplicate id %s", line, c.ID)
		}
		ids[c.ID] = true
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read evaluation set: %v", err)
	}
	return cases
}

// evalTally counts one language's (or all languages') results.
type evalTally struct {
	requests, refused int
	honest, allowed   int
}

func (e evalTally) String() string {
	return fmt.Sprintf("requests refused %3d/%3d (%5.1f%%)  honest allowed %3d/%3d (%5.1f%%)",
		e.refused, e.requests, pct(e.refused, e.requests), e.allowed, e.honest, pct(e.allowed, e.honest))
}

func pct(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return 100 * float64(n) / float64(d)
}

func refusedForSecret(vs []Violation) bool {
	for _, v := range vs {
		if v.Kind == ViolationAsksForSecret {
			return true
		}
	}
	return false
}

// TestOutboundEval1 measures the outbound guard on the first evaluation
// set (now a development set): recall on requests for a secret and the
// share of honest messages let through, per language and overall. It
// fails below the regression floors.
func TestOutboundEval1(t *testing.T) {
	cases := loadOutboundEval(t)
	per := map[string]*evalTally{}
	for _, l := range evalLangs {
		per[l] = &evalTally{}
	}
	var all evalTally
	var misses []string
	for _, c := range cases {
		tl, ok := per[c.Lang]
		if !ok {
			t.Fatalf("%s: language %q is not one of the 17", c.ID, c.Lang)
		}
		refused := refusedForSecret(CheckOutboundConversation(c.Previous, c.Text, nil))
		switch {
		case c.Label == "request":
			tl.requests++
			all.requests++
			if refused {
				tl.refused++
				all.refused++
			} else {
				misses = append(misses, fmt.Sprintf("missed request %s: %s", c.ID, c.Note))
			}
		case !refused:
			tl.honest++
			all.honest++
			tl.allowed++
			all.allowed++
		default:
			tl.honest++
			all.honest++
			misses = append(misses, fmt.Sprintf("refused honest %s: %s", c.ID, c.Note))
		}
	}
	for _, l := range evalLangs {
		tl := per[l]
		if tl.requests < 12 || tl.honest < 12 {
			t.Errorf("%s: only %d requests and %d honest messages; the set needs 12 of each", l, tl.requests, tl.honest)
		}
		t.Logf("%s  %s", l, tl)
	}
	t.Logf("all %s", all)
	sort.Strings(misses)
	for _, m := range misses {
		t.Log(m)
	}
	if r := pct(all.refused, all.requests); r < eval1MinRefused {
		t.Errorf("recall %.1f%% is below %.1f%%", r, eval1MinRefused)
	}
	if a := pct(all.allowed, all.honest); a < eval1MinAllowed {
		t.Errorf("honest allowed %.1f%% is below %.1f%%", a, eval1MinAllowed)
	}
}

// pasteCase is one template of internal/guard/testdata/eval/inbound_pastes.json.
type pasteCase struct {
	ID       string   `json:"id"`
	Lang     string   `json:"lang"`
	Words    int      `json:"words"`
	Subject  string   `json:"subject"`
	Messages []string `json:"messages"`
	Fields   struct {
		Name         string            `json:"name"`
		CustomFields map[string]string `json:"custom_fields"`
		Tags         []string          `json:"tags"`
	} `json:"fields"`
	HTML         bool   `json:"html"`
	WordCase     string `json:"word_case"`
	WordlistHint string `json:"wordlist_hint"`
	Note         string `json:"note"`
}

// TestHeldOutDataWellFormed keeps the other held-out files usable by the
// harnesses that fill and scan them: every paste names each of its words
// exactly once, and every clean conversation is long enough to matter.
func TestHeldOutDataWellFormed(t *testing.T) {
	raw, err := os.ReadFile("testdata/eval/inbound_pastes.json")
	if err != nil {
		t.Fatalf("read pastes: %v", err)
	}
	var pastes []pasteCase
	if err := json.Unmarshal(raw, &pastes); err != nil {
		t.Fatalf("decode pastes: %v", err)
	}
	if len(pastes) < 60 {
		t.Errorf("%d pastes, want at least 60", len(pastes))
	}
	langs := map[string]bool{}
	for _, p := range pastes {
		langs[p.Lang] = true
		if p.Words != 12 && p.Words != 24 || len(p.Messages) == 0 || p.Note == "" {
			t.Errorf("%s: incomplete paste", p.ID)
			continue
		}
		all := append([]string{p.Subject, p.Fields.Name}, p.Messages...)
		all = append(all, p.Fields.Tags...)
		for _, v := range p.Fields.CustomFields {
			all = append(all, v)
		}
		text := strings.Join(all, "\n")
		for k := 1; k <= p.Words; k++ {
			n := strings.Count(text, fmt.Sprintf("{%d}", k)) + strings.Count(text, fmt.Sprintf("{%d~}", k))
			if n != 1 {
				t.Errorf("%s: word %d appears %d times", p.ID, k, n)
			}
		}
		if strings.Contains(text, fmt.Sprintf("{%d}", p.Words+1)) {
			t.Errorf("%s: a placeholder beyond word %d", p.ID, p.Words)
		}
	}
	f, err := os.Open("testdata/eval/clean_conversations.jsonl")
	if err != nil {
		t.Fatalf("open conversations: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	convs := 0
	for sc.Scan() {
		var c struct {
			ID       string   `json:"id"`
			Lang     string   `json:"lang"`
			Messages []string `json:"messages"`
		}
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatalf("conversation %d: %v", convs+1, err)
		}
		convs++
		langs[c.Lang] = true
		if len(c.Messages) < 15 || len(c.Messages) > 40 {
			t.Errorf("%s: %d messages, want 15 to 40", c.ID, len(c.Messages))
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read conversations: %v", err)
	}
	if convs < 40 {
		t.Errorf("%d conversations, want at least 40", convs)
	}
	for _, l := range evalLangs {
		if !langs[l] {
			t.Errorf("language %s missing from pastes or conversations", l)
		}
	}
}

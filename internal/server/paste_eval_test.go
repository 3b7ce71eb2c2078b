package server

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/groundcrew/groundcrew/internal/ticket"
)

// The realistic pastes are sets written apart from the detector (see the
// READMEs in internal/guard/testdata/eval, eval2 and eval3; dev is this
// project's own): templates of how a
// hurried customer pastes a seed phrase, filled here with fresh valid
// mnemonics and sent through the API as a channel integration would. What
// is stored must not keep the phrase.
//
// Each set's floor is the count of protected cases it reaches now (see
// BENCHMARKS.md; the held-out figures, measured once, are in the comments
// below): the test guards against going back.
var pasteSets = []struct {
	path  string
	floor int // cases with at most pasteLeakFloor words stored
}{
	// Held out once (2026-12-04: 84/92), then used to improve the detector
	// (92/92 after, tuned on).
	{"../guard/testdata/eval/inbound_pastes.json", 92},
	// Held out, measured once on 2026-12-04 after all tuning: 118/125 and
	// 7/7. Then used to improve the detector (125/125 after, tuned on).
	{"../guard/testdata/eval2/inbound_pastes2.json", 125},
	{"../guard/testdata/eval2/inbound_pastes2_forms.json", 7},
	// Held out, measured once on 2026-12-04 after all tuning: 93/103.
	// Then used to improve the detector (103/103 after, tuned on).
	{"../guard/testdata/eval3/inbound_pastes3.json", 103},
	// Written while tuning on the third set (a development set, never held
	// out): 91/91.
	{"../guard/testdata/dev/inbound_pastes_dev.json", 91},
	// Held out, written without reading the guard, measured once on
	// 2026-12-04 after all tuning: 134/142 (eight leaks, see its README).
	// Then used to improve the detector (sparse joins across texts, the
	// subject's tail; 142/142 after): a tuned-on set now, no longer a
	// measure of unseen pastes.
	{"../guard/testdata/eval4/inbound_pastes4.json", 142},
	// Held out, written without reading the guard (12 to 24 words, HTML
	// from several mail clients, chat bursts, subjects and form fields),
	// measured once on 2026-12-04 after all tuning: 167/170. The three
	// leaks kept all words: the first three in the subject or the tags, the
	// rest in the message. Then used to improve the detector (a head in the
	// text before joins a long run of the latest, tags in any order;
	// 170/170 after): tuned on now.
	{"../guard/testdata/eval5/inbound_pastes5.json", 170},
	// Held out, written without reading the guard (15- and 18-word
	// phrases too, OCR copies, tables, 30 numbering styles), measured once
	// on 2026-12-05 after all tuning: 183/186. The leaks: a Chinese chat
	// burst with chatter (11 of 12 words kept), the first word in the
	// subject of a Turkish mail, a German single line with two typos.
	{"../guard/testdata/eval6/inbound_pastes6.json", 183},
	// Held out, written blind in session 19 (223 cases: OCR of recovery
	// cards, wallets' own phrase screens, password-manager exports, a word
	// corrected in the next message, 12 to 24 words in nine lists),
	// measured once on 2026-12-07 after all of that session's changes:
	// 219/223 (202 with no word stored). The leaks: a Chinese burst with
	// chatter, Russian OCR with е for ё and hyphenated line breaks,
	// Japanese OCR with two misread dakuten, a Korean phrase whose fifth
	// word is corrected in the next message (11 of 12 kept). Then used to
	// improve the detector (OCR readings, a corrected word, a line break
	// before prose; 222/223 after, 217 with no word stored; the Chinese
	// burst with chatter still leaks): tuned on now.
	{"../guard/testdata/paste16/inbound_pastes16.json", 222},
	// Held out, written blind in session 20 (248 cases: wallets' exports,
	// messenger forwards, voice dictation with numbers spelled out,
	// auto-correct, transliterated framing, words run together, 12 to 24
	// words in eleven lists), measured once on 2026-12-07 at e582bd4 after
	// all of that session's changes: 241/248 (239 with no word stored).
	// The seven leaks keep the whole phrase: voice dictation with a
	// homophone or spelled-out ordinals (zh, pt, fr, it, uk, ja) and a
	// Korean word with a jamo typo.
	{"../guard/testdata/paste17/inbound_pastes17.json", 241},
}

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
	WordCase     string `json:"word_case"` // "", upper, title or fullwidth
	Repeat       bool   `json:"repeat"`    // the phrase is pasted twice
	WordlistHint string `json:"wordlist_hint"`
	Note         string `json:"note"`
}

// pasteLeakFloor is the most phrase words a stored case may keep and still
// count as protected: a typo the customer made can hide up to two words
// from any dictionary, and two words of twelve leave 106 bits unknown.
const pasteLeakFloor = 2

func TestRealisticPastesAreRedacted(t *testing.T) {
	t.Parallel()
	app := newTestApp(t, "sqlite", false)
	// The sets share the app side by side: every case is a customer and a
	// ticket of its own (the case ids differ across sets), and one set in
	// a row was the package's longest chain of requests.
	for _, set := range pasteSets {
		t.Run(strings.TrimSuffix(set.path[strings.LastIndexByte(set.path, '/')+1:], ".json"), func(t *testing.T) {
			t.Parallel()
			ta := &testApp{App: app.App, URL: app.URL, t: t}
			protected, total := runPasteSet(t, ta, set.path)
			if protected < set.floor {
				t.Errorf("%d of %d pastes protected; this set had %d", protected, total, set.floor)
			}
		})
	}
}

// runPasteSet sends every case of the set at path and returns how many
// stored at most pasteLeakFloor words of their phrase.
func runPasteSet(t *testing.T, ta *testApp, path string) (protected, total int) {
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("pastes: %v", err)
	}
	var cases []pasteCase
	if err := json.Unmarshal(raw, &cases); err != nil {
		t.Fatalf("pastes %s: %v", path, err)
	}
	rng := rand.New(rand.NewPCG(7, 2026))
	var clean int
	for _, c := range cases {
		list := wordlistFor(t, c.WordlistHint)
		phrase := validMnemonic(rng, list, c.Words)
		filled := fillPaste(c, phrase, rng)
		stored := submitPaste(t, ta, c, filled)
		leaked := leakedWords(stored, filled)
		switch {
		case len(leaked) == 0:
			clean++
			protected++
		case len(leaked) <= pasteLeakFloor:
			protected++
			t.Logf("%s (%s): %d word(s) kept: %s", c.ID, c.Note, len(leaked), strings.Join(leaked, " "))
		default:
			t.Logf("LEAK %s (%s): %d of %d words kept", c.ID, c.Note, len(leaked), c.Words)
			if os.Getenv("PASTE_SHOW") != "" {
				t.Logf("  %q %q %q", filled.subject, filled.messages, filled.fields)
			}
		}
	}
	t.Logf("realistic pastes: %d/%d with no phrase word stored, %d/%d with at most %d", clean, len(cases), protected, len(cases), pasteLeakFloor)
	return protected, len(cases)
}

// filledPaste is a case with its placeholders replaced.
type filledPaste struct {
	subject  string
	messages []string
	name     string
	fields   map[string]string
	tags     []string
	words    []string // the words as inserted (typos and case included)
	framing  string   // the template's own text, for words it holds anyway
}

var placeholder = regexp.MustCompile(`\{(\d+|n)(~?)\}`)

func fillPaste(c pasteCase, phrase []string, rng *rand.Rand) filledPaste {
	f := filledPaste{words: make([]string, len(phrase)), fields: map[string]string{}}
	for i, w := range phrase {
		f.words[i] = inCase(w, c.WordCase)
	}
	var framing strings.Builder
	fill := func(s string) string {
		framing.WriteString(placeholder.ReplaceAllString(s, " "))
		framing.WriteString("\n")
		return placeholder.ReplaceAllStringFunc(s, func(m string) string {
			sub := placeholder.FindStringSubmatch(m)
			if sub[1] == "n" {
				return strconv.Itoa(c.Words)
			}
			k, _ := strconv.Atoi(sub[1])
			if k < 1 || k > len(f.words) {
				return m
			}
			if sub[2] == "~" {
				f.words[k-1] = typo(f.words[k-1], rng)
			}
			return f.words[k-1]
		})
	}
	f.subject = fill(c.Subject)
	for _, m := range c.Messages {
		f.messages = append(f.messages, fill(m))
	}
	f.name = fill(c.Fields.Name)
	for k, v := range c.Fields.CustomFields {
		f.fields[k] = fill(v)
	}
	for _, tag := range c.Fields.Tags {
		f.tags = append(f.tags, fill(tag))
	}
	f.framing = strings.ToLower(framing.String())
	return f
}

// inCase writes w as the case asks: in capitals, title case, or in
// full-width letters (U+FF41 on), as some phone keyboards type them.
func inCase(w, how string) string {
	switch how {
	case "upper":
		return strings.ToUpper(w)
	case "title":
		r := []rune(w)
		return strings.ToUpper(string(r[:1])) + string(r[1:])
	case "fullwidth":
		return strings.Map(func(r rune) rune {
			if r >= 'a' && r <= 'z' {
				return r - 'a' + '\uFF41'
			}
			return r
		}, w)
	}
	return w
}

// typo drops, doubles or swaps one letter, as a chat typo does.
func typo(w string, rng *rand.Rand) string {
	r := []rune(w)
	if len(r) < 3 {
		return w + w[len(w)-1:]
	}
	i := 1 + rng.IntN(len(r)-2)
	switch rng.IntN(3) {
	case 0:
		return string(r[:i]) + string(r[i+1:])
	case 1:
		return string(r[:i+1]) + string(r[i:])
	default:
		r[i], r[i+1] = r[i+1], r[i]
		return string(r)
	}
}

const defaultPasteSubject = "Help with my wallet"

// submitPaste sends the case as an integration would (the admin token holds
// message.write_as_customer) and returns every text Groundcrew stored for it.
func submitPaste(t *testing.T, ta *testApp, c pasteCase, f filledPaste) string {
	t.Helper()
	external := "u-paste-" + c.ID
	subject := f.subject
	if strings.TrimSpace(subject) == "" {
		subject = defaultPasteSubject
	}
	body := map[string]any{
		"subject": subject, "message": f.messages[0], "channel": "api",
		"customer":      map[string]any{"external_id": external, "name": f.name},
		"custom_fields": f.fields, "tags": f.tags,
	}
	if c.HTML {
		body["channel"] = "email"
	}
	var created json.RawMessage
	resp := ta.do("POST", "/api/v1/tickets", "", body, &created)
	if resp.StatusCode == http.StatusBadRequest {
		// Refused input (a tag cannot hold spaces, say) stores nothing.
		var n int
		if err := ta.db.QueryRow(t.Context(), `SELECT COUNT(*) FROM customers WHERE external_id = ?`, external).Scan(&n); err != nil || n != 0 {
			t.Fatalf("%s: refused with 400, yet %d customers stored (%v)", c.ID, n, err)
		}
		return ""
	}
	var tk ticket.Ticket
	if err := json.Unmarshal(created, &tk); resp.StatusCode != http.StatusCreated || err != nil {
		t.Fatalf("%s: create: status %d (%v)", c.ID, resp.StatusCode, err)
	}
	for _, m := range f.messages[1:] {
		path := fmt.Sprintf("/api/v1/tickets/%d/customer-messages", tk.ID)
		if resp := ta.do("POST", path, "", customerMessage(external, m), nil); resp.StatusCode != http.StatusCreated {
			t.Fatalf("%s: message: status %d", c.ID, resp.StatusCode)
		}
	}
	var got ticket.Ticket
	if resp := ta.do("GET", fmt.Sprintf("/api/v1/tickets/%d", tk.ID), "", nil, &got); resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: get: status %d", c.ID, resp.StatusCode)
	}
	var b strings.Builder
	b.WriteString(got.Subject + "\n")
	for _, m := range got.Messages {
		// The guard's own warning to the customer (a system message) is
		// Groundcrew's text: its words ("real", "right", "phrase") are not
		// the customer's.
		if m.AuthorKind == "system" {
			continue
		}
		b.WriteString(m.Body + "\n")
	}
	b.WriteString(strings.Join(got.Tags, "\n") + "\n")
	for k, v := range got.CustomFields {
		b.WriteString(k + " " + v + "\n")
	}
	var name string
	if err := ta.db.QueryRow(t.Context(), `SELECT name FROM customers WHERE external_id = ?`, external).Scan(&name); err != nil {
		t.Fatalf("%s: customer name: %v", c.ID, err)
	}
	b.WriteString(name + "\n")
	return strings.ToLower(b.String())
}

// markerText matches the guard's markers ("[seed phrase removed]"), whose
// words are Groundcrew's, not the customer's.
var markerText = regexp.MustCompile(`\[[^\]\n]*removed\]`)

// leakedWords lists the phrase words found in what was stored, leaving out
// words the template's own text holds (they prove nothing), the markers'
// words and those of the default subject.
func leakedWords(stored string, f filledPaste) []string {
	stored = markerText.ReplaceAllString(stored, " ")
	if strings.TrimSpace(f.subject) == "" {
		f.framing += "\n" + strings.ToLower(defaultPasteSubject)
	}
	tokens := map[string]bool{}
	for _, tok := range strings.FieldsFunc(stored, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsMark(r) }) {
		tokens[tok] = true
	}
	var out []string
	for _, w := range f.words {
		w = strings.ToLower(w)
		if cjkWord(w) {
			if strings.Contains(f.framing, w) || !strings.Contains(stored, w) {
				continue
			}
		} else if tokens[w] == false || wordIn(f.framing, w) {
			continue
		}
		out = append(out, w)
	}
	return out
}

func wordIn(text, w string) bool {
	for _, tok := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsMark(r) }) {
		if tok == w {
			return true
		}
	}
	return false
}

// cjkWord: Chinese and Japanese wordlist words are not space-delimited in
// what customers write, so they are looked for as substrings.
func cjkWord(w string) bool {
	for _, r := range w {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) {
			return true
		}
	}
	return false
}

// TestMnemonicOf checks the test's own generator against a BIP-39 reference
// vector (trezor/python-mnemonic vectors.json, English, entropy 7f×16).
func TestMnemonicOf(t *testing.T) {
	t.Parallel()
	entropy := make([]byte, 16)
	for i := range entropy {
		entropy[i] = 0x7f
	}
	got := strings.Join(mnemonicOf(wordlistFor(t, "english"), entropy), " ")
	if want := "legal winner thank year wave sausage worth useful legal winner thank yellow"; got != want {
		t.Fatalf("mnemonicOf(7f×16) = %q, want %q", got, want)
	}
}

func wordlistFor(t *testing.T, hint string) []string {
	t.Helper()
	if hint == "" {
		hint = "english"
	}
	raw, err := os.ReadFile("../guard/wordlists/bip39_" + hint + ".txt")
	if err != nil {
		t.Fatalf("wordlist %s: %v", hint, err)
	}
	words := strings.Fields(string(raw))
	if len(words) != 2048 {
		t.Fatalf("wordlist %s has %d words", hint, len(words))
	}
	return words
}

// validMnemonic draws a BIP-39 mnemonic of n words with a valid checksum:
// entropy of 32·n/3 bits, then the first n/3 bits of its SHA-256.
func validMnemonic(rng *rand.Rand, list []string, n int) []string {
	entropy := make([]byte, n*4/3)
	for i := range entropy {
		entropy[i] = byte(rng.IntN(256))
	}
	return mnemonicOf(list, entropy)
}

func mnemonicOf(list []string, entropy []byte) []string {
	n := len(entropy) * 3 / 4
	sum := sha256.Sum256(entropy)
	bits := append(append([]byte(nil), entropy...), sum[0])
	words := make([]string, n)
	for i := range words {
		idx := 0
		for b := 0; b < 11; b++ {
			pos := i*11 + b
			idx = idx<<1 | int(bits[pos/8]>>(7-pos%8)&1)
		}
		words[i] = list[idx]
	}
	return words
}

package guard

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
)

// devCase is one labelled agent message of testdata/outbound_dev.jsonl:
// a request for a secret (to be refused) or an honest message (to pass),
// with the same agent's earlier messages when the conversation matters.
type devCase struct {
	Lang     string   `json:"lang"`
	Label    string   `json:"label"`
	Text     string   `json:"text"`
	Previous []string `json:"previous,omitempty"`
}

// loadDevFile reads a set in the development set's format.
func loadDevFile(t *testing.T, path string) []devCase {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []devCase
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		var c devCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatalf("line %d: %v", n, err)
		}
		if c.Label != "request" && c.Label != "honest" || c.Lang == "" || c.Text == "" {
			t.Fatalf("line %d: bad case %+v", n, c)
		}
		out = append(out, c)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestOutboundDevSet measures the outbound guard on the development sets
// (both trained on by the learned reader) and fails below their figures
// rounded down. outbound_dev.jsonl reached 1,349 / 1,355 = 99.56 % of
// requests refused and 1,367 / 1,367 honest messages allowed;
// dev9/outbound_dev9.jsonl (parts of a phrase by position, "normally we
// don't ask, but", API secrets, kana, spaced letters, parts of public
// identifiers; README there) 100 % of both; dev10/outbound_dev10.jsonl
// (1,207 messages by helper outdata10, README there) 100 % of both once
// trained on (main's guard before it: see BENCHMARKS.md);
// dev10c/outbound_dev10c.jsonl (1,224 messages by helper outdata10b: eight
// request and eight honest ideas, each in 4-6 wordings per language)
// 100 % of both once trained on; the guard before it read it as unseen
// text at 84.3 % refused, 95.0 % allowed; dev10d/outbound_dev10d.jsonl
// (1,206 by helper outdata10d: parts of a secret by position in words,
// follow-ups that point back, API secrets, codes read out of an app, each
// with honest twins) 603/604 and 100 % once trained on, 77.2 % and 94.7 %
// as unseen text before. With dev10d in training the reader refuses one
// honest message of outbound_dev.jsonl (a QR code scanned and its code
// typed into the security page, es): 1,366/1,367. dev11/outbound_dev11.jsonl
// (1,312 by helper outdata11: the shapes eval9 and eval10 missed, quoted
// scams and explainers as honest twins; README there) was read as unseen
// text at 67.3 % refused, 89.6 % allowed by main's guard and 77.6 %, 94.4 %
// by guard11's before it trained on it; once trained on, 646/646 and
// 664/666 (a quoted scam, pl, that the rules refuse, and a vi checklist of
// habits: "don't read codes over the phone"). dev11b/outbound_dev11b.jsonl
// (1,503 by helper outdata11b: each language from its own list of local
// situations) was read once as unseen text after guard11, 679/746 refused
// (91.0 %), 741/757 allowed (97.9 %); 91.3 % and 97.6 % once the
// pointer-back signal was taken out of the reader; guard12 made it a fold
// and a training set: 100 % and 100 % since. dev12a (1,328 by outdata12a:
// requests without the secret's word, procedures in the third person,
// positions, follow-ups; honest warnings quoting scams, explanations),
// dev12b (1,465 by outdata12b: each language from its own local
// situations) and dev12c (1,197 by outdata12c, mostly honest) were read
// once as unseen text by guard12's branch with eval11 and dev11b in
// training: 79.4 % / 96.9 %, 82.9 % / 98.2 % and 91.1 % / 95.4 %; trained
// on since, each refuses every request and refuses one honest message.
// dev13a (1,374 by dev13a: eval12's miss kinds and their honest
// look-alikes) and dev13b (1,738 by dev13b: es/pt/it/fr requests, Chinese
// honest) were read once as unseen text by guard13's branch at 97bcc51
// (eval12 in training): 86.2 % / 91.5 % and 91.4 % / 95.4 %; trained on
// since, 689/689 and 684/685, 852/853 and 885/885. dev14a (1,300 by
// dev14a: eval13's miss kinds and their honest look-alikes) and dev14b
// (1,199 by dev14b: fr/tr/ru/uk/pl/id requests, zh/id/ar honest) were
// read once as unseen text by guard14's branch at 7610a2b (eval13 in
// training): 89.4 % / 98.5 % and 89.6 % / 96.5 %; trained on since, every
// message of both is read right. dev14b covers eight languages, so it is
// not in this table (a fold of the reader's cross-validation instead).
// dev15 (1,375 by dev15: cards, properties of a secret, brand codes,
// late asks that name no secret, and their honest look-alikes) was read
// once as unseen text by guard15's branch at f65ef90 (eval14 in
// training, the card kind and the late step in the rules): 90.0 % /
// 98.5 %; trained on since. dev16 (1,404 by dev16: charges paid at
// links, properties of a password, security answers, local logins, late
// turns, and honest explanations, national ID numbers and password rules)
// was read once as unseen text by guard16's branch at d1dee13 (eval15 in
// training, the fee-at-a-link ask in the rules): 81.0 % / 98.3 %. It is
// not trained on: the reader trained on it refused "Please enter the code
// from Google Authenticator to log in." (TestCheckOutboundAsks), so it
// waits for a fix (guard16's report).
func TestOutboundDevSet(t *testing.T) {
	for _, c := range []struct {
		path                   string
		minRefused, minAllowed float64
	}{
		{"testdata/outbound_dev.jsonl", 0.995, 0.999},
		{"testdata/dev9/outbound_dev9.jsonl", 1.0, 1.0},
		{"testdata/dev10/outbound_dev10.jsonl", 1.0, 1.0},
		{"testdata/dev10c/outbound_dev10c.jsonl", 1.0, 1.0},
		{"testdata/dev10d/outbound_dev10d.jsonl", 0.998, 1.0},
		{"testdata/dev11/outbound_dev11.jsonl", 1.0, 0.995}, // 663/666 since dev13a/b train the reader
		{"testdata/dev11b/outbound_dev11b.jsonl", 1.0, 1.0},
		{"testdata/dev12a/outbound_dev12a.jsonl", 1.0, 0.998},
		{"testdata/dev12b/outbound_dev12b.jsonl", 1.0, 0.998},
		{"testdata/dev12c/outbound_dev12c.jsonl", 1.0, 0.998},
		{"testdata/dev13a/outbound_dev13a.jsonl", 0.998, 0.998}, // 688/689 since eval15 trains the reader: a property ask ("contient le nom de votre chat ? oui ou non") scores 0.64
		{"testdata/dev13b/outbound_dev13b.jsonl", 0.998, 1.0},
		{"testdata/dev14a/outbound_dev14a.jsonl", 1.0, 1.0},
		{"testdata/dev15/outbound_dev15.jsonl", 1.0, 1.0},
	} {
		t.Run(c.path, func(t *testing.T) { measureDevFile(t, c.path, c.minRefused, c.minAllowed) })
	}
}

func measureDevFile(t *testing.T, path string, minRefused, minAllowed float64) {
	cases := loadDevFile(t, path)
	if len(cases) < 200 {
		t.Fatalf("development set has %d messages, want at least 300", len(cases))
	}
	type tally struct{ tp, fn, tn, fp int }
	per := map[string]*tally{}
	var all tally
	for _, c := range cases {
		refused := false
		for _, v := range CheckOutboundConversation(c.Previous, c.Text, nil) {
			if v.Kind == ViolationAsksForSecret {
				refused = true
			}
		}
		tl := per[c.Lang]
		if tl == nil {
			tl = &tally{}
			per[c.Lang] = tl
		}
		switch {
		case c.Label == "request" && refused:
			tl.tp++
			all.tp++
		case c.Label == "request":
			tl.fn++
			all.fn++
			t.Logf("missed request [%s] %q (previous %q)", c.Lang, c.Text, c.Previous)
		case refused:
			tl.fp++
			all.fp++
			t.Logf("refused honest [%s] %q (previous %q)", c.Lang, c.Text, c.Previous)
		default:
			tl.tn++
			all.tn++
		}
	}
	langs := make([]string, 0, len(per))
	for l := range per {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	if len(langs) != 17 {
		t.Errorf("development set covers %d languages, want 17", len(langs))
	}
	row := func(name string, x tally) string {
		refused := float64(x.tp) / float64(max(1, x.tp+x.fn))
		allowed := float64(x.tn) / float64(max(1, x.tn+x.fp))
		precision := float64(x.tp) / float64(max(1, x.tp+x.fp))
		return fmt.Sprintf("%-4s %4d %4d  %6.1f%%  %6.1f%%  %6.1f%%", name, x.tp+x.fn, x.tn+x.fp, 100*refused, 100*allowed, 100*precision)
	}
	var b strings.Builder
	b.WriteString("lang  req  hon  refused  allowed  precision\n")
	for _, l := range langs {
		b.WriteString(row(l, *per[l]) + "\n")
	}
	b.WriteString(row("all", all))
	fmt.Println(b.String())
	if r := float64(all.tp) / float64(all.tp+all.fn); r < minRefused {
		t.Errorf("%.1f%% of requests refused, want at least %.1f%%", 100*r, 100*minRefused)
	}
	if a := float64(all.tn) / float64(all.tn+all.fp); a < minAllowed {
		t.Errorf("%.1f%% of honest messages allowed, want at least %.1f%%", 100*a, 100*minAllowed)
	}
}

// BenchmarkCheckOutboundConversation checks a typical reply after five
// earlier messages of the same agent.
func BenchmarkCheckOutboundConversation(b *testing.B) {
	prev := []string{
		"Hello, thanks for contacting us!",
		"Could you tell me the transaction ID of the deposit?",
		"Thanks. I can see it on the blockchain; it needs 12 confirmations.",
		"Please never share your recovery phrase or 2FA codes with anyone, including us.",
		"It should arrive within the hour.",
	}
	msg := "Your deposit is confirmed, see https://www.example-exchange.com/en/support/faq/123 for details. If anything else comes up, just reply here."
	allowed := []string{"example-exchange.com"}
	CheckOutboundConversation(prev, msg, allowed) // build the vocabularies outside the loop
	b.ReportAllocs()
	for b.Loop() {
		CheckOutboundConversation(prev, msg, allowed)
	}
}

// TestOutboundCustomerCorpus: the clean customer chat of corpus_test.go
// (17 languages) talks about passwords, codes and phrases all the time
// without asking anyone for one.
func TestOutboundCustomerCorpus(t *testing.T) {
	n := 0
	for lang, msgs := range supportCorpus {
		for _, m := range msgs {
			n++
			for _, v := range CheckOutbound(m, nil) {
				if v.Kind == ViolationAsksForSecret {
					t.Errorf("%s: %q read as asking for a secret: %s", lang, m, v.Detail)
				}
			}
		}
	}
	if n < 600 {
		t.Fatalf("corpus of %d messages, want at least 600", n)
	}
}

package guard

import (
	"bytes"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// talk feeds texts to ScanNext one by one as the ticket store does: each
// stored under its ref (0, 1, 2...), the state encoded and decoded between
// texts, cuts applied to the stored texts. It returns the stored texts and
// the kinds each scan reported.
func talk(t testing.TB, d *Detector, texts []string) ([]string, [][]string) {
	t.Helper()
	var state []byte
	stored := make([]string, len(texts))
	kinds := make([][]string, len(texts))
	for i, text := range texts {
		c := DecodeConversation(state)
		if !bytes.Equal(c.Encode(), state) {
			t.Fatalf("state does not survive a round trip")
		}
		res := d.ScanNext(&c, text)
		stored[i], kinds[i] = res.Redacted, res.Kinds
		// Last first, as the ticket store applies them: two cuts of one
		// text keep their spans.
		cuts := slices.Clone(res.Cuts)
		slices.SortStableFunc(cuts, func(a, b Cut) int { return b.Start - a.Start })
		for _, k := range cuts {
			if k.Ref < 0 || k.Ref >= int64(i) {
				t.Fatalf("cut in text %d while scanning text %d", k.Ref, i)
			}
			body := stored[k.Ref]
			if k.Start < 0 || k.End > len(body) || !strings.HasPrefix(body[k.Start:], k.First) || !strings.HasSuffix(body[:k.End], k.Last) {
				t.Fatalf("cut %+v does not fit stored text %q", k, body)
			}
			stored[k.Ref] = body[:k.Start] + k.Marker + body[k.End:]
		}
		c.Bind(int64(i))
		state = c.Encode()
	}
	return stored, kinds
}

// leftover returns the phrase words still standing as words in stored.
func leftover(stored []string, words []string) []string {
	var out []string
	all := strings.Join(stored, "\n")
	for _, w := range words {
		if regexp.MustCompile(`(^|[^\pL])` + regexp.QuoteMeta(w) + `($|[^\pL])`).MatchString(all) {
			out = append(out, w)
		}
	}
	return out
}

func TestConversation(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	w12 := mnemonic(t, rng, listEnglish, 12)
	w24 := mnemonic(t, rng, listEnglish, 24)
	ru := mnemonic(t, rng, listRussian, 12)
	tr := mnemonic(t, rng, listTurkish, 12)
	join := func(ws []string) string { return strings.Join(ws, " ") }
	oneEach := func(ws []string) []string { return append([]string(nil), ws...) }
	chunks := func(ws []string, n int) []string {
		var out []string
		for i := 0; i < len(ws); i += n {
			out = append(out, join(ws[i:min(i+n, len(ws))]))
		}
		return out
	}
	htmlList := "<html><body><p>Hello,</p><p>my wallet words:</p><ol>"
	for _, w := range w12 {
		htmlList += "<li>" + w + "</li>"
	}
	htmlList += "</ol><p>Thanks,<br>Anna</p></body></html>"
	cases := []struct {
		name  string
		texts []string
		words []string
	}{
		{"one word a message, 12", oneEach(w12), w12},
		{"one word a message, 24", oneEach(w24), w24},
		{"three words a message", chunks(w12, 3), w12},
		{"two words a message, 24", chunks(w24, 2), w24},
		{"subject then greeting and body", []string{join(w12[:6]), "Hi, " + join(w12[6:]) + ". Is this safe?"}, w12},
		{"inline halves", []string{"my words: " + join(w12[:6]) + ". And the rest, " + join(w12[6:]) + "! help"}, w12},
		{"subject then body", []string{join(w12[:6]), join(w12[6:]) + "\nplease help, my balance is zero"}, w12},
		{"greeting first", []string{"Hello, I need help with my wallet", "here are the words", join(w12[:4]), join(w12[4:8]), join(w12[8:])}, w12},
		{"a sentence in a message between", []string{join(w12[:6]), "wait, let me find the rest of it", join(w12[6:])}, w12},
		{"a sentence between, one message", []string{join(w12[:6]) + "\nsorry, the other half:\n" + join(w12[6:]) + "\nthanks"}, w12},
		{"24 in halves with a sentence", []string{join(w24[:12]), "and the second card says", join(w24[12:])}, w24},
		{"html ordered list", []string{htmlList}, w12},
		{"russian, word a message", oneEach(ru), ru},
		{"turkish in threes", chunks(tr, 3), tr},
		{"one word a message with chat between", append(append(append(oneEach(w12[:4]), "ok"), append(oneEach(w12[4:9]), "one sec", "wait")...), oneEach(w12[9:])...), w12},
		{"three words a message with chat between", append(append(chunks(w12[:6], 3), "ok?"), chunks(w12[6:], 3)...), w12},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			stored, kinds := talk(t, sharedDetector, c.texts)
			if left := leftover(stored, c.words); len(left) > 0 {
				t.Errorf("words left: %v\nstored: %q", left, stored)
			}
			last := kinds[len(kinds)-1]
			if len(last) == 0 {
				t.Errorf("the text that completed the phrase reported no kind; stored %q", stored)
			}
		})
	}
}

// TestConversationClean runs long ordinary conversations through ScanNext:
// nothing is cut.
func TestConversationClean(t *testing.T) {
	for _, conv := range cleanConversations(rand.New(rand.NewPCG(21, 22))) {
		stored, _ := talk(t, sharedDetector, conv)
		for i, s := range stored {
			if strings.Contains(s, "removed]") {
				t.Errorf("false positive in message %d of %d: %q", i, len(conv), s)
			}
		}
	}
}

func TestConversationState(t *testing.T) {
	var c Conversation
	if c.Encode() != nil {
		t.Fatalf("empty state encodes to bytes")
	}
	sharedDetector.ScanNext(&c, "hello, about my account balance\nabandon ability able")
	c.Bind(7)
	b := c.Encode()
	if len(b) == 0 || len(b) > 200 {
		t.Fatalf("state of %d bytes", len(b))
	}
	d := DecodeConversation(b)
	if d.Words() != c.Words() || !bytes.Equal(d.Encode(), b) {
		t.Fatalf("round trip changed the state")
	}
	for _, bad := range [][]byte{{9}, {1}, {1, 0, 0, 1}, append(append([]byte(nil), b...), 0), b[:len(b)-1]} {
		if got := DecodeConversation(bad); got.Words() != 0 {
			t.Errorf("bad state %x decoded to %d words", bad, got.Words())
		}
	}
	// The state stays small however long the conversation.
	for i := range 500 {
		sharedDetector.ScanNext(&c, fillCorpus(rand.New(rand.NewPCG(uint64(i), 1)), "I deposited {AMT} USDT, account balance wrong, order {ORDER} again"))
		c.Bind(int64(i))
	}
	if n := len(c.Encode()); n > 2048 {
		t.Fatalf("state grew to %d bytes", n)
	}
}

func FuzzDecodeConversation(f *testing.F) {
	var c Conversation
	sharedDetector.ScanNext(&c, "abandon ability\nable about")
	c.Bind(3)
	f.Add(c.Encode())
	f.Add([]byte{})
	f.Add([]byte{1, 3, 0, 1, 2, 0, 5, 0, 0, 5, 'h', 'e', 'l', 'l', 'o'})
	f.Fuzz(func(t *testing.T, b []byte) {
		c := DecodeConversation(b)
		if c.Words() > maxItems {
			t.Fatalf("%d words", c.Words())
		}
		sharedDetector.ScanNext(&c, "abandon ability able about")
	})
}

// TestConversationRecall splits valid mnemonics of every list and length
// over messages in the ways customers do, and requires every word gone
// from what is stored.
func TestConversationRecall(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	sep := func(id listID) string {
		if id == listJapanese {
			return "\u3000"
		}
		return " "
	}
	splits := []struct {
		name string
		make func(ws []string, sep string) []string
	}{
		{"one word a message", func(ws []string, _ string) []string { return append([]string(nil), ws...) }},
		{"two words a message", func(ws []string, sep string) []string { return chunked(ws, 2, sep) }},
		{"three words a message", func(ws []string, sep string) []string { return chunked(ws, 3, sep) }},
		{"subject and body", func(ws []string, sep string) []string {
			h := len(ws) / 2
			return []string{strings.Join(ws[:h], sep), strings.Join(ws[h:], sep) + "\nis it safe?"}
		}},
		{"halves with a message between", func(ws []string, sep string) []string {
			h := len(ws) / 2
			return []string{strings.Join(ws[:h], sep), "one moment, I need to find the other paper", strings.Join(ws[h:], sep)}
		}},
		{"a lead-in, then eight words a message", func(ws []string, sep string) []string {
			return append([]string{"my account was drained overnight", "these are the words:"}, chunked(ws, 8, sep)...)
		}},
		{"one word a message, a chat word in the middle", func(ws []string, _ string) []string {
			h := len(ws) / 2
			out := append(append([]string(nil), ws[:h]...), "hold on")
			return append(append(out, ws[h:]...), "that is all")
		}},
		{"second half after a lead-in on its line", func(ws []string, sep string) []string {
			h := len(ws) / 2
			return []string{strings.Join(ws[:h], sep), "and after that comes " + strings.Join(ws[h:], sep)}
		}},
		{"both halves inside sentences, a sentence between", func(ws []string, sep string) []string {
			h := len(ws) / 2
			return []string{"So the opening part is " + strings.Join(ws[:h], sep) + ". I need to find the other card, hang on. Found it, the rest is " + strings.Join(ws[h:], sep)}
		}},
		{"halves inside sentences, a long sentence between", func(ws []string, sep string) []string {
			h := len(ws) / 2
			return []string{"the first part is " + strings.Join(ws[:h], sep) + ". I'm not sure if the next ones are right because my handwriting is bad and the paper got wet, but I think it goes " + strings.Join(ws[h:], sep) + ". can you check the balance?"}
		}},
		{"a third in the subject, the rest after a lead-in", func(ws []string, sep string) []string {
			k := len(ws) / 3
			return []string{strings.Join(ws[:k], sep), "continuing from the subject line, the remaining ones are " + strings.Join(ws[k:], sep) + " thanks"}
		}},
		{"two to four words a message, pacing replies between", func(ws []string, sep string) []string {
			pacing := []string{"ok", "next", "wait one sec", "tamam", "bekle", "warte", "espera", "ok next", "last ones", "đợi", "жди", "잠깐"}
			var out []string
			for i, k := 0, 0; i < len(ws); k++ {
				n := 2 + k%3
				out = append(out, strings.Join(ws[i:min(i+n, len(ws))], sep), pacing[k%len(pacing)])
				i += n
			}
			return out
		}},
		{"halves with a line between", func(ws []string, sep string) []string {
			h := len(ws) / 2
			return []string{"Hello,\n" + strings.Join(ws[:h], sep) + "\nthe rest is here:\n" + strings.Join(ws[h:], sep) + "\nThank you"}
		}},
	}
	total, missed := 0, 0
	for _, sp := range splits {
		for id := range listID(numBIP39) {
			for _, n := range []int{12, 24} {
				words := mnemonic(t, rng, id, n)
				total++
				stored, _ := talk(t, sharedDetector, sp.make(words, sep(id)))
				if left := leftover(stored, words); len(left) > 0 {
					missed++
					t.Errorf("%s, %s, %d words: left %v in %q", sp.name, listFiles[id].file, n, left, stored)
				}
			}
		}
	}
	t.Logf("phrases split over messages: %d of %d redacted whole (%d ways x 12 BIP-39 lists x 12 and 24 words, words spaced)", total-missed, total, len(splits))
}

func chunked(ws []string, n int, sep string) []string {
	var out []string
	for i := 0; i < len(ws); i += n {
		out = append(out, strings.Join(ws[i:min(i+n, len(ws))], sep))
	}
	return out
}

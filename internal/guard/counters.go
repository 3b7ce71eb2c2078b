package guard

import (
	"strings"
	"unicode"
)

// Customers number their messages and steps ("message 1", "message 2",
// "step 3 check again"). The number keeps a word that is also a list word
// coming back again and again, and short numbered replies pile up into a
// run of twelve list words. A phrase draws its words at random: a word
// twice in one phrase of thirty, three times almost never.

// dropCounters leaves out of a run the counters of numbered items: a
// word it holds three times or more, each time beside a number ("step 6
// choose deposit", "message 12", "1つ目 …"). The reference vectors
// repeat words too ("abandon abandon …", "letter advice cage …" three
// times), but never beside numbers.
func (s *scanner) dropCounters(words []int) []int {
	count := make(map[string]int, len(words))
	numbered := make(map[string]bool, len(words))
	for _, w := range words {
		k := s.key(w)
		if count[k]++; count[k] == 1 {
			numbered[k] = true
		}
		numbered[k] = numbered[k] && s.besideNumber(w)
	}
	out := words
	for i, w := range words {
		if k := s.key(w); count[k] < 3 || !numbered[k] {
			if len(out) < len(words) {
				out = append(out, w)
			}
			continue
		}
		if len(out) == len(words) {
			out = append(make([]int, 0, len(words)), words[:i]...)
		}
	}
	return out
}

func (s *scanner) key(w int) string {
	t := s.toks[w]
	return string(s.keys[t.ks:t.ke])
}

// besideNumber reports whether token w reads as a counter: a number on
// one side of it only, and a word on the same line on the other ("step 6",
// "message 12", "1つ目 あいこくしん"). An item between numbers ("1.
// abandon 2) abandon") is no counter.
func (s *scanner) besideNumber(w int) bool {
	from, to := 0, len(s.text)
	if w > 0 {
		from = s.toks[w-1].end
	}
	if w+1 < len(s.toks) {
		to = s.toks[w+1].start
	}
	digit := func(g string) bool { return strings.IndexFunc(g, unicode.IsDigit) >= 0 }
	before, after := s.text[from:s.toks[w].start], s.text[s.toks[w].end:to]
	if digit(before) == digit(after) {
		return false
	}
	if digit(after) {
		return true
	}
	return w+1 < len(s.toks) && !lineBreak(after)
}

// varied reports whether a run's words read as drawn at random: no word
// three times, and at least half of them different. A phrase has a word
// twice one time in thirty, three times almost never; a customer who
// numbers messages or steps ("message 1", "message 2", "step 3 check
// again") repeats the same word, which no checksum then backs. A phrase
// pasted twice has each word twice.
func (s *scanner) varied(words []int) bool {
	seen := make(map[string]int, len(words))
	for _, w := range words {
		t := s.toks[w]
		k := string(s.keys[t.ks:t.ke])
		if seen[k]++; seen[k] > 2 {
			return false
		}
	}
	return 2*len(seen) >= len(words)
}

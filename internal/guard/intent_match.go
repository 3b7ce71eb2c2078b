package guard

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A phrase matcher over normalised text: every vocabulary entry of every
// category in one Aho-Corasick automaton, so a message is read once
// whatever the size of the vocabularies.

type cat uint8

// Categories of vocabulary entries.
const (
	catSecret      cat = iota + 1 // names a secret (class says which)
	catNotSecret                  // a compound that contains a secret's name without being one: "password manager"
	catTransfer                   // asks for something to be handed over: send, tell, "what is your"
	catEntry                      // asks for something to be typed somewhere: enter, paste, confirm
	catChat                       // a destination that is this conversation: here, in this chat
	catSafeDest                   // a destination that is the customer's own: on our website, your own device
	catNeg                        // negation
	catNotNeg                     // a phrase with a negation word that negates nothing asked: "don't wait"
	catFrame                      // describes a request rather than making one: scams, "if anyone asks", "did you"
	catConj                       // starts a new clause: but, and, because
	catPronoun                    // refers back to a secret: it, them
	catWordNoun                   // "word", as in "the first word"
	catOrdinal                    // first, second, next, number 3
	catPlease                     // politeness that marks a request: please, por favor
	catToMe                       // a recipient that is the writer: me, us
	catNotVerb                    // a phrase with a request verb that asks nothing: "we will send you"
	catSeedCtx                    // talk of restoring a wallet: words asked for next are its phrase
	catAvoid                      // guarding against something: "to avoid scams"
	catRecv                       // what just arrived on the customer's phone: "the code you just received"
	catWh                         // a question word: "tell us which wallet ..."
	catSeedHint                   // makes "the words" a seed phrase: "you wrote down", "backup card", "wallet"
	catNotSeedHint                // makes "the words" something else: "error message", "button"
	catAskSee                     // asks what the customer sees: "what does it say", "what numbers"
	catQWord                      // a question word that asks for a value: "what", "which", "how many"
	catThreat                     // a condition of not doing something: "if you don't", "しないと"
	catPenalty                    // what a threat promises: "blocked", "frozen"
	catReward                     // what an offer promises, by the writer or in the passive: "we will unlock", "will be lifted"
	catHarm                       // what a warning promises: "will be stolen", "you will lose"
	catPhraseNoun                 // "phrase", "frase", "фраза": a seed phrase when the sentence says where it is written
	catMedia                      // a photo, screenshot or scan: a picture of a secret hands the secret over
	catMessenger                  // another messaging app: "WhatsApp", "Telegram", "微信"
	catReply                      // a verb of replying: "reply", "responde", "balas"
	catReplyWith                  // what a reply carries: "with", "con", "en y recopiant"
	catInstead                    // "instead of" (class flagAfter: written after its object, "の代わりに"): the secret it governs is not asked for
	catReview                     // a concept of the review layer (class says which; outbound_review.go)
	catNotWordNoun                // a compound that starts with "word" without being one: Thai "คำขอ" (request), "คำถาม" (question)
	catStep                       // the next step of a procedure under way: "now", "last step", "und jetzt"
	catFee                        // a charge owed to a third party: a parcel's fee, customs duty, a fine, a bill
	catCardData                   // a payment card's data other than its codes: "card details", "card number"
	catLinkWord                   // a link named as a word: "at the link", "по ссылке", "リンク"
	catBankLogin                  // a login of a bank or a public e-ID: "online banking", "Government Gateway", "Госуслуги"
)

type vocabEntry struct {
	cat   cat
	class secretClass
	whole bool // must end a word (scripts with spaces only)
	infix bool // may start inside a word (Turkish suffixes)
	text  string
}

type phraseMatch struct {
	start, end int // in the normalised text
	e          *vocabEntry
}

type acNode struct {
	keys []byte  // edges, looked up by linear scan: most nodes have one or two
	next []int32 // next[i] is the child along keys[i]
	fail int32
	out  []int32 // entries that end here (including through fail links)
}

func (n *acNode) child(c byte) (int32, bool) {
	for i, k := range n.keys {
		if k == c {
			return n.next[i], true
		}
	}
	return 0, false
}

type matcher struct {
	nodes   []acNode
	root    [256]int32 // the root's edges, dense: -1 for none
	entries []vocabEntry
}

// maxPhrase bounds the length in bytes of a vocabulary entry, so that
// code looking for matches that overlap a span need look only this far
// back.
const maxPhrase = 256

func newMatcher(entries []vocabEntry) *matcher {
	m := &matcher{nodes: []acNode{{}}}
	seen := map[string]bool{}
	for _, e := range entries {
		e.text = NormaliseString(e.text)
		if e.text == "" || len(e.text) > maxPhrase {
			continue
		}
		key := string(rune(e.cat)) + string(rune(e.class)) + fmt.Sprint(e.whole, e.infix) + e.text // a stem may repeat a whole word
		if seen[key] {
			continue
		}
		seen[key] = true
		m.entries = append(m.entries, e)
	}
	for id, e := range m.entries {
		n := int32(0)
		for i := 0; i < len(e.text); i++ {
			c := e.text[i]
			nx, ok := m.nodes[n].child(c)
			if !ok {
				nx = int32(len(m.nodes))
				m.nodes = append(m.nodes, acNode{})
				m.nodes[n].keys = append(m.nodes[n].keys, c)
				m.nodes[n].next = append(m.nodes[n].next, nx)
			}
			n = nx
		}
		m.nodes[n].out = append(m.nodes[n].out, int32(id))
	}
	// Breadth-first failure links.
	queue := append([]int32(nil), m.nodes[0].next...)
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for k, c := range m.nodes[n].keys {
			child := m.nodes[n].next[k]
			f := m.nodes[n].fail
			for {
				if nx, ok := m.nodes[f].child(c); ok && nx != child {
					m.nodes[child].fail = nx
					break
				}
				if f == 0 {
					m.nodes[child].fail = 0
					break
				}
				f = m.nodes[f].fail
			}
			m.nodes[child].out = append(m.nodes[child].out, m.nodes[m.nodes[child].fail].out...)
			queue = append(queue, child)
		}
	}
	for i := range m.root {
		m.root[i] = -1
	}
	for k, c := range m.nodes[0].keys {
		m.root[c] = m.nodes[0].next[k]
	}
	return m
}

// find returns the matches in s that sit on word boundaries, sorted by
// start, longest first.
func (m *matcher) find(s string) []phraseMatch {
	var out []phraseMatch
	n := int32(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		for {
			if n == 0 {
				if nx := m.root[c]; nx >= 0 {
					n = nx
				}
				break
			}
			if nx, ok := m.nodes[n].child(c); ok {
				n = nx
				break
			}
			n = m.nodes[n].fail
		}
		for _, id := range m.nodes[n].out {
			e := &m.entries[id]
			start := i + 1 - len(e.text)
			if boundaryOK(s, start, i+1, e) {
				out = append(out, phraseMatch{start, i + 1, e})
			}
		}
	}
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].start != out[b].start {
			return out[a].start < out[b].start
		}
		return out[a].end > out[b].end
	})
	return out
}

// spacedLetter reports letters of scripts that put spaces between words
// (where a phraseMatch must start, and sometimes end, a word).
func spacedLetter(r rune) bool {
	return unicode.IsLetter(r) && (r < 0x0590 || isArabic(r) || r >= 0x1E00 && r <= 0x1EFF)
}

func isArabic(r rune) bool { return r >= 0x0600 && r <= 0x06FF }

func arabicPrefix(r rune) bool { return r == 'و' || r == 'ف' || r == 'ب' || r == 'ل' }

// Pronouns and particles written onto a verb: "envíame", "inviaci",
// "kirimkan", "dímelo".
var attachedSuffixes = []string{"melo", "mela", "noslo", "nosla", "selo", "sela", "celo", "cela", "me", "nos", "ci", "mi", "lo", "la", "le", "los", "las", "kan", "nya", "te", "ها", "هم", "نا", "ني", "ي"}

func boundaryOK(s string, start, end int, e *vocabEntry) bool {
	first, _ := utf8.DecodeRuneInString(e.text)
	if spacedLetter(first) && start > 0 && !e.infix {
		r, n := utf8.DecodeLastRuneInString(s[:start])
		if isArabic(first) && arabicPrefix(r) {
			// "و" (and), "ف", "ب", "ل" are written onto the next word.
			r, _ = utf8.DecodeLastRuneInString(s[:start-n])
		}
		// A Latin acronym written onto Japanese ("届いたsmsコード") still
		// starts a word; only a letter of a spaced script continues one.
		if spacedLetter(r) || cyrillicMark(r) || unicode.IsDigit(r) && unicode.IsDigit(first) {
			return false
		}
	}
	last, _ := utf8.DecodeLastRuneInString(e.text)
	if !e.whole || !spacedLetter(last) && !cyrillicMark(last) || end >= len(s) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[end:])
	if !spacedLetter(r) && !cyrillicMark(r) {
		return true
	}
	if e.cat == catTransfer || e.cat == catEntry {
		rest := s[end:]
		for _, suf := range attachedSuffixes {
			if strings.HasPrefix(rest, suf) {
				r2, _ := utf8.DecodeRuneInString(rest[len(suf):])
				if !unicode.IsLetter(r2) {
					return true
				}
			}
		}
	}
	return false
}

// cyrillicMark reports the marks that normalisation leaves of "й", "ї" and
// "ё" (и, і, е with a breve or diaeresis): they belong to the letter, so
// "и" (and) does not end inside "його".
func cyrillicMark(r rune) bool { return r == '\u0306' || r == '\u0308' }

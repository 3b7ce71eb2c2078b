package guard

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/sha512"
	"hash/crc32"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// minRun is the number of list words in a row that is treated as a seed
// phrase even when no checksum confirms it. Ordinary prose never gets
// there: every language's everyday function words ("the", "my", "de",
// "的") are missing from the lists, so they break the run.
const minRun = 12

// findSeeds looks for runs of words from each list in turn, then for runs
// that mix the BIP-39 lists, then for Chinese written without spaces.
func (s *scanner) findSeeds() {
	if len(s.toks) >= 2*minPiece {
		for id := range numLists {
			s.runs(uint16(1)<<id, id, false)
		}
	}
	if len(s.toks) >= minRun {
		s.runs(bip39Mask, listEnglish, true)
	}
	s.findChinese()
	s.findCorrection()
	s.dropShadowed()
}

// dropShadowed drops unverified seed runs that only add a word or two on
// either side of a verified phrase: those words belong to the customer's
// sentence ("… about please help"), and the verified span says where the
// phrase ends.
func (s *scanner) dropShadowed() {
	var verified []hit
	for _, h := range s.hits {
		if h.rank >= rankVerified {
			verified = append(verified, h)
		}
	}
	if len(verified) == 0 {
		return
	}
	slices.SortFunc(verified, func(a, b hit) int { return a.Start - b.Start })
	out := s.hits[:0]
	for _, h := range s.hits {
		keep := true
		if h.rank < rankVerified {
			// Verified phrases do not overlap each other, so those that
			// overlap h sit together, from the first that ends after h starts.
			i, _ := slices.BinarySearchFunc(verified, h.Start, func(v hit, start int) int { return v.End - 1 - start })
			for ; i < len(verified) && verified[i].Start < h.End; i++ {
				v := verified[i]
				if v.End > h.Start && s.tokensIn(s.ownStart(h.Start, v.Start), v.Start) <= 2 && s.tokensIn(v.End, h.End) <= 2 {
					keep = false
					break
				}
			}
		}
		if keep {
			out = append(out, h)
		}
	}
	s.hits = out
}

// ownStart is where a run that reaches back to start belongs to a
// verified phrase at vstart: from start, unless the phrase begins a text
// of a conversation (or lies further in it) and the run reaches into
// earlier texts. Those are texts the customer wrote apart (a subject
// "Wrong memo tag" above a phrase typed into a "memo" field), so their
// words are not the phrase's, however many there are.
func (s *scanner) ownStart(start, vstart int) int {
	for _, at := range s.textStarts {
		if at > start && at <= vstart {
			start = at
		}
	}
	return start
}

// tokensIn counts the tokens that lie in [a, b).
func (s *scanner) tokensIn(a, b int) int {
	if a >= b {
		return 0
	}
	i, _ := slices.BinarySearchFunc(s.toks, a, func(t token, a int) int { return t.start - a })
	j, _ := slices.BinarySearchFunc(s.toks, b, func(t token, b int) int { return t.end - b })
	for j < len(s.toks) && s.toks[j].end <= b {
		j++
	}
	return max(0, j-i)
}

// runs finds maximal runs of tokens that belong to the lists in mask,
// tolerating what people put between the words of a seed phrase (numbers,
// punctuation, line breaks) and, now and then, one stray token.
func (s *scanner) runs(mask uint16, id listID, mixed bool) {
	toks := s.toks
	n := len(toks)
	words := s.words[:0]
	s.pieces, s.pieceWords = s.pieces[:0], s.pieceWords[:0]
	if !mixed {
		defer func() { s.chains(id) }()
	}
	for i := 0; i < n; {
		if toks[i].e.mask&mask == 0 || toks[i].weak {
			i++
			continue
		}
		start := i
		words = append(words[:0], i)
		bridges, freeAnd := 0, false
		// firstBridge is the first misspelled word the run took in, and
		// spent whether the run ended at a misspelled list word for want
		// of bridges: a weak word in the lead-in ("через Яндекс:") must not
		// take the place of the phrase's own typo.
		firstBridge, spent := -1, false
		// A misspelled first word (Russian, Japanese) is read only here,
		// before a run of list words, as runeTypo asks.
		if f := i - 1; f >= 0 && mask&runeTypoLists != 0 && s.gapOK(f, i) && s.runeTypo(&toks[f]) && toks[f].e.mask&mask != 0 {
			words = append(words[:0], f, i)
			if toks[f].weak {
				bridges, firstBridge = 1, f
			}
		}
		prev := i
		for j := i + 1; j < n; j++ {
			if !s.gapOK(prev, j) {
				break
			}
			if mask&runeTypoLists != 0 && s.nearRun(j, mask, len(words)) {
				s.runeTypo(&toks[j])
			}
			if toks[j].e.mask&mask != 0 && !toks[j].weak {
				words = append(words, j)
				prev = j
				continue
			}
			// A connector between two list words costs nothing however
			// often it comes: "peace and popular and arrive …" is a
			// phrase read out, not prose around one.
			if prev == words[len(words)-1] && s.connects(j, mask) {
				prev = j
				continue
			}
			if toks[j].e.mask&mask != 0 && bridges < 1+len(words)/minRun {
				bridges++ // a short misspelled word holds a word's place
				if firstBridge < 0 {
					firstBridge = j
				}
				words = append(words, j)
				prev = j
				continue
			}
			spent = toks[j].e.mask&mask != 0
			if bridges < 1+len(words)/minRun && j+1 < n && toks[j+1].e.mask&mask != 0 && s.bridgeable(j) && s.gapOK(j, j+1) {
				bridges++
				prev = j
				continue
			}
			// One "and" before a list word is free: "…, indx and spider"
			// has spent its bridge on the typo.
			if !freeAnd && j+1 < n && toks[j+1].e.mask&mask != 0 && !toks[j+1].weak && s.isConnector(j) && s.gapOK(j, j+1) {
				freeAnd = true
				prev = j
				continue
			}
			break
		}
		if len(words) > minRun {
			words = s.sentenceBound(id, words)
		}
		// Runs may be parts of a phrase joined across a gap (chain.go); one
		// of minRun words or more is redacted whole already, but may be
		// the longer part of a phrase whose first words came earlier.
		if !mixed && len(words) >= minPiece {
			s.pieces = append(s.pieces, piece{len(s.pieceWords), len(s.pieceWords) + len(words)})
			s.pieceWords = append(s.pieceWords, words...)
		}
		if len(words) == minRun-1 {
			words = s.edgeTypo(words, mask)
		}
		if len(words) >= minRun {
			// A short misspelled first word belongs to the run too.
			if f := words[0] - 1; f >= 0 && toks[f].weak && toks[f].e.mask&mask != 0 && s.gapOK(f, words[0]) {
				words = append(words[:1], words...)
				words[0] = f
			}
			s.evalRun(id, mixed, words)
		}
		i = words[len(words)-1] + 1
		if spent && firstBridge >= start {
			i = firstBridge + 1 // try again from after the first typo
		}
	}
	s.words = words
}

// nearRun reports whether unknown token j, after a run of n words,
// could be a misspelled word of it: a list word of mask follows, or the
// run lacks only its last word.
func (s *scanner) nearRun(j int, mask uint16, n int) bool {
	if s.toks[j].e.mask != 0 {
		return false
	}
	if n >= minRun-1 {
		return true
	}
	return j+1 < len(s.toks) && s.toks[j+1].e.mask&mask != 0 && s.gapOK(j, j+1)
}

// edgeTypo completes a run one word short of a phrase with the token right
// after or before it when that token is a near miss of a list word, even a
// short one ("bom" for "bomb"): a typo in the last word of a pasted phrase
// must not leave the other eleven words standing.
func (s *scanner) edgeTypo(words []int, mask uint16) []int {
	near := func(j int) bool {
		if mask&runeTypoLists != 0 && s.runeTypo(&s.toks[j]) {
			return s.toks[j].e.mask&mask != 0
		}
		t := s.toks[j]
		if t.e.mask&mask != 0 {
			return t.weak
		}
		if t.script != scOther || t.runes < 2 || proseWords[string(s.keys[t.ks:t.ke])] {
			return false
		}
		key := s.keys[t.ks:t.ke]
		if e, ok := s.d.lex.lookupTypo(key, 4); ok {
			return e.mask&mask != 0
		}
		// Short words have no index of their deletions (lookupTypo): look
		// through the list once, as this runs only beside such a run.
		return len(key) <= 5 && s.d.lex.nearShort(string(key), mask)
	}
	if j := words[len(words)-1] + 1; j < len(s.toks) && s.gapOK(j-1, j) && near(j) {
		return append(words, j)
	}
	if f := words[0] - 1; f >= 0 && s.gapOK(f, words[0]) && near(f) {
		return append([]int{f}, words...)
	}
	return words
}

// gapOK reports whether what lies between tokens a and b can separate two
// words of one seed phrase: no letters, at most a two-digit number, and
// short unless it is only white space.
func (s *scanner) gapOK(a, b int) bool {
	return gapOKText(s.text[s.toks[a].end:s.toks[b].start])
}

// gapOKText is gapOK for a gap given as text.
func gapOKText(g string) bool {
	if len(g) > 200 {
		return false
	}
	digits, visible := 0, 0
	for _, r := range g {
		if unicode.IsDigit(r) {
			if digits++; digits > 2 {
				return false
			}
		} else {
			digits = 0
		}
		if !unicode.IsSpace(r) && !isZeroWidth(r) {
			visible += gapWidth(r)
		}
	}
	// Padding of any width is fine; a long stretch of symbols is not.
	return visible <= 24
}

// gapWidth is what one visible rune of a gap counts for. The only letters
// in a gap are those of a dropped numbering label ("ลำดับที่", "слово"),
// which count one each whatever their script's byte length.
func gapWidth(r rune) int {
	if unicode.IsLetter(r) || unicode.IsMark(r) {
		return 1
	}
	return utf8.RuneLen(r)
}

// bridgeable reports whether token j may sit inside a run as noise: a
// short word in Latin script that is not one of the everyday words that
// mark ordinary prose, or an "and" before the last word.
func (s *scanner) bridgeable(j int) bool {
	t := s.toks[j]
	if t.script != scOther || t.runes > 10 {
		return false
	}
	key := s.keys[t.ks:t.ke]
	if connectors[string(key)] || s.andBetween(j) {
		return true // "…, answer and flame", "…, answer y flame"
	}
	return t.runes >= 2 && !proseWords[string(key)]
}

// connects reports whether token j is a connector followed by a list word
// of mask that is not a misspelling. A connector that is itself a list
// word of mask is not one here: the run takes it as a word.
func (s *scanner) connects(j int, mask uint16) bool {
	t, n := s.toks[j], len(s.toks)
	if t.e.mask&mask != 0 && !t.weak {
		return false
	}
	connector := connectors[string(s.keys[t.ks:t.ke])] || (t.e.mask == 0 && s.andBetween(j))
	return connector && j+1 < n && s.toks[j+1].e.mask&mask != 0 && !s.toks[j+1].weak && s.gapOK(j, j+1)
}

// isConnector reports whether token j is an "and" (or "then") that joins
// list words: connectors, or a one-letter "and" in lower case.
func (s *scanner) isConnector(j int) bool {
	t := s.toks[j]
	return t.e.mask == 0 && (connectors[string(s.keys[t.ks:t.ke])] || s.andBetween(j))
}

// evalRun classifies a run of at least minRun words and records it.
func (s *scanner) evalRun(id listID, mixed bool, words []int) {
	all := len(words)
	if words = s.dropCounters(words); len(words) < minRun {
		return
	}
	counted := len(words) < all
	if !mixed {
		words = s.apartRun(id, words)
	}
	h := hit{Finding: Finding{Kind: KindSeedPhrase}, rank: rankMedium}
	a, k := 0, len(words)
	var ok bool
	switch {
	case counted:
		// Numbered items ("step 6 choose deposit", "1つ目 …"): a phrase
		// only if all the words left are one, checksum and all; a window
		// of a longer run would pass by chance.
		mask := bip39Mask
		for _, w := range words {
			mask &= s.toks[w].e.mask
		}
		for l := range listID(numBIP39) {
			if mask&(1<<l) != 0 && !ok {
				_, _, ok = s.window(words, l, []int{len(words)}, bip39Valid)
			}
		}
		if !ok {
			return
		}
	case mixed:
		if s.phraseInside(words) {
			return // the phrase's own list found it, and ended it there
		}
	case id == listSLIP39:
		h.Kind = KindSLIP39
		a, k, ok = s.window(words, id, []int{20, 33}, rs1024Valid)
	case id == listMonero:
		h.Kind = KindMonero
		a, k, ok = s.window(words, id, []int{25, 13}, s.moneroValid)
	default:
		a, k, ok = s.window(words, id, []int{24, 21, 18, 15, 12}, bip39Valid)
		if id != listEnglish {
			break
		}
		// An Electrum seed passes a BIP-39 checksum now and then, and a
		// BIP-39 phrase an Electrum version check: the longer match wins,
		// Electrum on a tie.
		ea, ek, eok := s.window(words, id, []int{24, 13, 12}, s.electrumValid)
		switch {
		case eok && ok && ek == k && ea != a:
			// Both pass, shifted: one of them by chance (a typo of
			// "thank" after the phrase). Redact both spans.
			a, k = min(a, ea), max(a+k, ea+ek)-min(a, ea)
		case eok && (!ok || ek >= k):
			a, k, ok = ea, ek, true
			h.Kind = KindElectrum
			h.rank++
		}
	}
	if ok {
		h.rank += rankVerified - rankMedium
		// Keep the verified phrase alone when the run only adds a word or
		// two of the customer's own ("… about please help"); otherwise
		// redact the whole run, since a phrase with a typo can let a
		// shorter window pass by chance. Everyday words and words that are
		// list words only by a typo ("you sent …", "… please never share")
		// are the customer's, not the phrase's rest, and do not count.
		// A run that is itself as long as a phrase is one with a typo
		// whose shorter window passed by chance, unless an everyday word
		// touches the window: there the customer's sentence begins.
		if lengths, _ := s.phraseLengths(id); s.exact(words[:a]) > 2 || s.exact(words[a+k:]) > 2 ||
			(k < len(words) && slices.Contains(lengths, len(words)) && !s.proseAround(words, a, k)) {
			a, k = 0, len(words)
		}
	} else {
		a, k = 0, len(words)
		if !s.varied(words) {
			return // "message 1" … "message 12": one word, numbered
		}

		if s.seedContext() {
			h.rank = rankContext
		}
	}
	h.Start, h.End = s.toks[words[a]].start, s.toks[words[a+k-1]].end
	s.add(h)
}

// sentenceBound ends a run at a sentence end (".", "!", "?" or their CJK
// forms, then a space) that comes after a phrase's worth of words and
// before fewer than minPiece more (as exact counts them: everyday words
// and typos are the writer's), unless a longer phrase takes those in:
// in "You wrote: <phrase>. Never share it." the phrase ends at the full
// stop, and "never share", list words both, are the writer's own. A
// phrase split by a full stop in the middle keeps its rest (more words,
// or a phrase that passes its checksum ending past the stop), and so does
// one whose last words come in the next message of a conversation.
func (s *scanner) sentenceBound(id listID, words []int) []int {
	for e := minRun; e < len(words); e++ {
		if !s.sentenceEnd(words[e-1], words[e]) || s.exact(words[e:]) >= minPiece {
			continue
		}
		whole := s.phraseEndsAt(id, words, e)
		// After a whole phrase, only a longer one takes the words beyond
		// in; a window of the same length shifted into them passes a
		// checksum by chance.
		if s.phraseInto(id, words, e, whole) {
			return words
		}
		return words[:e]
	}
	return words
}

// sentenceEnd reports whether the gap between tokens a and b ends a
// sentence within one text. A line break does only when the next line is
// prose: a phrase pasted a word a line, or numbered, has one after every
// word, and a window ending at one passes a checksum by chance often
// enough to leave the list's last words in clear.
func (s *scanner) sentenceEnd(a, b int) bool {
	for _, at := range s.textStarts {
		if at > s.toks[a].end && at <= s.toks[b].start {
			return false // the next text: its words may finish the phrase
		}
	}
	g := s.text[s.toks[a].end:s.toks[b].start]
	if strings.ContainsAny(g, "\n\r") {
		return s.proseLine(b)
	}
	g = strings.TrimLeft(g, " \t")
	stop := strings.IndexFunc(g, func(r rune) bool { return !strings.ContainsRune(".!?。！？…", r) })
	return stop > 0 && unicode.IsSpace([]rune(g[stop:])[0])
}

// proseLine reports whether the line that token b starts reads as the
// writer's prose: it holds an everyday word ("please", "you") or a word
// in no list. A line of a pasted list holds list words only, its
// numbering dropped with the labels.
func (s *scanner) proseLine(b int) bool {
	end := strings.IndexAny(s.text[s.toks[b].start:], "\n\r")
	if end < 0 {
		end = len(s.text)
	} else {
		end += s.toks[b].start
	}
	for j := b; j < len(s.toks) && s.toks[j].start < end; j++ {
		t := s.toks[j]
		if t.e.mask == 0 || proseWords[string(s.keys[t.ks:t.ke])] {
			return true
		}
	}
	return false
}

// phraseEndsAt is the length of the longest phrase, checksum and all,
// that ends with words[e-1]; 0 when none does.
func (s *scanner) phraseEndsAt(id listID, words []int, e int) int {
	lengths, check := s.phraseLengths(id)
	longest := 0
	for _, l := range lengths {
		if l <= e {
			if _, _, ok := s.window(words[e-l:e], id, []int{l}, check); ok {
				longest = l
			}
		}
	}
	return longest
}

// phraseInto reports whether a phrase longer than minLen, checksum and
// all, ends among the words from e on: then those words are its last
// ones, not the writer's.
func (s *scanner) phraseInto(id listID, words []int, e, minLen int) bool {
	lengths, check := s.phraseLengths(id)
	for end := e + 1; end <= len(words); end++ {
		for _, l := range lengths {
			if l <= end && l > minLen {
				if _, _, ok := s.window(words[end-l:end], id, []int{l}, check); ok {
					return true
				}
			}
		}
		if id == listEnglish && end >= 13 && minLen < 13 {
			if _, _, ok := s.window(words[end-13:end], id, []int{13}, s.electrumValid); ok {
				return true
			}
		}
	}
	return false
}

// exact counts the words that are list words as written, not by a typo,
// and not everyday words ("please", "you", "help") that a customer's
// sentence around a phrase is made of.
func (s *scanner) exact(words []int) int {
	n := 0
	for _, w := range words {
		if t := s.toks[w]; !t.typo && !proseWords[string(s.keys[t.ks:t.ke])] {
			n++
		}
	}
	return n
}

// phraseInside reports whether a verified phrase found in one list lies
// in the mixed run words with no more than a customer's few words around
// it: then the phrase is cut and those words stay.
func (s *scanner) phraseInside(words []int) bool {
	for _, h := range s.hits {
		if h.rank < rankVerified || !seedKinds[h.Kind] || h.Start < s.toks[words[0]].start || h.End > s.toks[words[len(words)-1]].end {
			continue
		}
		a := s.wordsBefore(words, h.Start)
		b := s.wordsBefore(words, h.End)
		if s.exact(words[:a]) <= 2 && s.exact(words[b:]) <= 2 {
			return true
		}
	}
	return false
}

// proseAround reports whether an everyday word stands right before or
// after words[a:a+k].
func (s *scanner) proseAround(words []int, a, k int) bool {
	prose := func(w int) bool { t := s.toks[w]; return proseWords[string(s.keys[t.ks:t.ke])] }
	return a > 0 && prose(words[a-1]) || a+k < len(words) && prose(words[a+k])
}

// wordsBefore is how many of the run's words start before offset.
func (s *scanner) wordsBefore(words []int, offset int) int {
	n := 0
	for n < len(words) && s.toks[words[n]].start < offset {
		n++
	}
	return n
}

// apartRun drops the words of a run that lie in earlier texts of a
// conversation when the rest, from a text's start on, is a whole phrase
// on its own, checksum and all, and no longer phrase takes in the words
// before. Those texts are ones the customer wrote apart (a subject "Need
// help with my account" above a phrase typed into a "memo" field), and a
// window that reaches back into them passed by chance.
func (s *scanner) apartRun(id listID, words []int) []int {
	for _, at := range s.textStarts {
		n := s.wordsBefore(words, at)
		if n == 0 || n == len(words) {
			continue
		}
		rest := words[n:]
		if !s.wholePhrase(id, rest) {
			continue
		}
		lengths, check := s.phraseLengths(id)
		var longer []int
		for _, l := range lengths {
			if l > len(rest) {
				longer = append(longer, l)
			}
		}
		if _, _, ok := s.window(words, id, longer, check); !ok {
			return rest
		}
	}
	return words
}

// wholePhrase reports whether words are one phrase of list id, all of
// them, checksum and all.
func (s *scanner) wholePhrase(id listID, words []int) bool {
	lengths, check := s.phraseLengths(id)
	if !slices.Contains(lengths, len(words)) {
		return false
	}
	a, k, ok := s.window(words, id, []int{len(words)}, check)
	return ok && a == 0 && k == len(words)
}

// window finds a window of the given lengths over the run's words that
// passes check, and returns its start and length. Long runs are only
// tried at their two ends.
func (s *scanner) window(words []int, id listID, lengths []int, check func([]int16) bool) (int, int, bool) {
	var buf [64]int16
	idx := buf[:0]
	for _, w := range words {
		v := s.toks[w].e.idx[id]
		if v < 0 {
			v = 0
		}
		idx = append(idx, v)
	}
	n := len(idx)
	for _, k := range lengths {
		if k > n {
			continue
		}
		// Every window of this length that passes counts: a stray list
		// word before the phrase lets a shifted window pass one time in
		// sixteen, and that window must not leave the phrase's last word.
		first, last := -1, -1
		for a := 0; a+k <= n; a++ {
			if n > 48 && a != 0 && a+k != n {
				continue
			}
			if s.checkReadings(words[a:a+k], id, idx[a:a+k], check) {
				if first < 0 {
					first = a
				}
				last = a
			}
		}
		if first >= 0 {
			return first, last + k - first, true
		}
	}
	return 0, 0, false
}

// checkReadings runs check on the indexes of words, and when it fails,
// on the other readings of their typos (at most two typos, four readings
// each): a typo that is one edit from several list words must not hide a
// phrase whose checksum its true word passes.
func (s *scanner) checkReadings(words []int, id listID, idx []int16, check func([]int16) bool) bool {
	if check(idx) {
		return true
	}
	var pos [2]int
	var readings [2][]int16
	n := 0
	for i, w := range words {
		t := s.toks[w]
		if !t.typo {
			continue
		}
		if n == len(pos) {
			return false
		}
		r := s.d.lex.typoReadings(s.keys[t.ks:t.ke], id)
		if len(r) > 4 {
			r = r[:4]
		}
		pos[n], readings[n] = i, r
		n++
	}
	if n == 0 {
		return false
	}
	var buf [64]int16
	alt := append(buf[:0], idx...)
	var try func(p int) bool
	try = func(p int) bool {
		if p == n {
			return check(alt)
		}
		for _, v := range readings[p] {
			alt[pos[p]] = v
			if try(p + 1) {
				return true
			}
		}
		alt[pos[p]] = idx[pos[p]]
		return p+1 < n && try(p+1)
	}
	return try(0)
}

// bip39Valid checks a BIP-39 mnemonic's checksum: the first ENT/32 bits of
// SHA-256 of the entropy.
func bip39Valid(idx []int16) bool {
	n := len(idx)
	if n%3 != 0 || n < 12 || n > 24 {
		return false
	}
	var bits [33]byte
	pos := 0
	for _, v := range idx {
		for b := 10; b >= 0; b-- {
			if v>>b&1 == 1 {
				bits[pos/8] |= 0x80 >> (pos % 8)
			}
			pos++
		}
	}
	cs := n * 11 / 33
	ent := n*11 - cs
	sum := sha256.Sum256(bits[:ent/8])
	var got byte
	for i := range cs {
		p := ent + i
		got = got<<1 | bits[p/8]>>(7-p%8)&1
	}
	return got == sum[0]>>(8-cs)
}

// rs1024Valid checks a SLIP-39 share's Reed-Solomon checksum, with either
// customization string.
func rs1024Valid(idx []int16) bool {
	return rs1024(idx, "shamir") || rs1024(idx, "shamir_extendable")
}

func rs1024(idx []int16, custom string) bool {
	gen := [10]uint32{0xE0E040, 0x1C1C080, 0x3838100, 0x7070200, 0xE0E0009, 0x1C0C2412, 0x38086C24, 0x3090FC48, 0x21B1F890, 0x3F3F120}
	chk := uint32(1)
	step := func(v uint32) {
		b := chk >> 20
		chk = (chk&0xFFFFF)<<10 ^ v
		for i := range 10 {
			if b>>i&1 != 0 {
				chk ^= gen[i]
			}
		}
	}
	for i := 0; i < len(custom); i++ {
		step(uint32(custom[i]))
	}
	for _, v := range idx {
		step(uint32(v))
	}
	return chk == 1
}

// moneroValid checks a Monero seed's checksum word: the CRC-32 of the
// first three letters of every other word picks which word it repeats.
func (s *scanner) moneroValid(idx []int16) bool {
	words := s.d.lex.words[listMonero]
	n := len(idx)
	var buf [128]byte
	b := buf[:0]
	for _, v := range idx[:n-1] {
		w := words[v]
		if len(w) > 3 {
			w = w[:3]
		}
		b = append(b, w...)
	}
	c := crc32.ChecksumIEEE(b)
	return idx[c%uint32(n-1)] == idx[n-1]
}

// electrumValid reports an Electrum "new style" seed: the HMAC-SHA512 of
// the normalized phrase, keyed "Seed version", starts with a version
// prefix (01 standard, 100 segwit, 101 and 102 two-factor).
func (s *scanner) electrumValid(idx []int16) bool {
	words := s.d.lex.words[listEnglish]
	var buf [256]byte
	b := buf[:0]
	for i, v := range idx {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, words[v]...)
	}
	mac := hmac.New(sha512.New, []byte("Seed version"))
	mac.Write(b)
	sum := mac.Sum(nil)
	return sum[0] == 0x01 || (sum[0] == 0x10 && sum[1]>>4 <= 2)
}

// seedContext reports whether the message talks about seed phrases, which
// turns an unconfirmed run into a confident one.
func (s *scanner) seedContext() bool {
	if s.seedCtx == 0 {
		s.seedCtx = 2
		for _, k := range seedKeywords {
			if strings.Contains(s.lower, k) {
				s.seedCtx = 1
				break
			}
		}
	}
	return s.seedCtx == 1
}

var seedKeywords = []string{
	"seed", "mnemonic", "recovery phrase", "secret phrase", "backup phrase", "recovery words", "secret recovery",
	"12 words", "24 words", "12-word", "24-word", "wallet words",
	"助记词", "助記詞", "种子", "種子", "恢复短语", "恢復短語", "ニーモニック", "シード", "復元フレーズ", "リカバリーフレーズ",
	"시드", "복구 문구", "니모닉", "semilla", "frase de recuperación", "frase de recuperacion", "frase de recuperação",
	"frase-semente", "frase semente", "сид", "мнемони", "кодов", "kurtarma", "anahtar kelime", "cụm từ", "phrase de récupération",
	"phrase secrète", "wiederherstellungs", "frase di recupero", "frasa pemulihan", "fraza", "عبارة", "วลี",
}

// findChinese looks at Chinese characters written without spaces. Since
// each character of the Chinese lists is a word, and those lists hold the
// 2,048 most common characters, ordinary Chinese prose is made of list
// words too. So here a checksum is always required, and either the
// message must speak of a seed phrase (then the phrase may start or end a
// group of characters: "助记词是的一是…") or the groups must be all the
// message holds, and must not read like prose.
func (s *scanner) findChinese() {
	toks := s.toks
	for i := 0; i < len(toks); {
		if toks[i].script != scHan {
			i++
			continue
		}
		j, multi := i, toks[i].runes > 1
		for j+1 < len(toks) && toks[j+1].script == scHan && s.hanGapOK(j, j+1) {
			j++
			multi = multi || toks[j].runes > 1
		}
		total := 0
		for k := i; k <= j; k++ {
			total += toks[k].runes
		}
		if multi && total >= minRun {
			s.chineseGroups(toks[i : j+1])
		}
		i = j + 1
	}
}

// hanGapOK allows what may separate groups of one phrase: white space,
// numbering, ASCII punctuation, but not the punctuation of Chinese prose.
func (s *scanner) hanGapOK(a, b int) bool {
	if !s.gapOK(a, b) {
		return false
	}
	if s.toks[b].afterLabel {
		return true // "一、" numbering: its punctuation is not prose
	}
	return !strings.ContainsAny(s.text[s.toks[a].end:s.toks[b].start], "，。、；：！？“”（）")
}

type hanChar struct {
	start, end int
	mask       uint16
	idx        [2]int16
}

func (s *scanner) chineseGroups(groups []token) {
	lx := s.d.lex
	var chars []hanChar
	var starts, ends []int
	var key []byte
	for _, g := range groups {
		starts = append(starts, len(chars))
		for i := g.start; i < g.end; {
			r, size := utf8.DecodeRuneInString(s.text[i:])
			key, _ = appendRuneKey(key[:0], s.text[i:i+size], r, false)
			c := hanChar{start: i, end: i + size}
			if e, ok := lx.lookup(key); ok {
				c.mask = e.mask & hanMask
				c.idx = [2]int16{e.idx[listChineseSimplified], e.idx[listChineseTraditional]}
			}
			chars = append(chars, c)
			i += size
		}
		ends = append(ends, len(chars))
	}
	keyword := s.seedContext()
	wallet := !keyword && containsAny(s.text, hanWalletWords)
	onlyHan := s.onlyHan(groups[0].start, groups[len(groups)-1].end)
	if !keyword && !wallet && !onlyHan {
		return
	}
	n := len(chars)
	var anchors []int
	switch {
	case keyword:
		anchors = s.hanAnchors(chars)
	case wallet:
		anchors = s.copulaAnchors(chars, starts)
	}
	// try records chars[a:a+k] as a phrase if it is one; strict asks a
	// window that no group edge vouches for not to read as prose, even
	// beside a keyword.
	try := func(a, k int, strict bool) {
		if a < 0 || a+k > n {
			return
		}
		for li, id := range [2]listID{listChineseSimplified, listChineseTraditional} {
			bit := uint16(1) << id
			var buf [24]int16
			idx := buf[:0]
			ok := true
			for _, c := range chars[a : a+k] {
				if c.mask&bit == 0 {
					ok = false
					break
				}
				idx = append(idx, c.idx[li])
			}
			if !ok || !bip39Valid(idx) || ((strict || !keyword) && s.d.prose(idx)) {
				continue
			}
			s.add(hit{Finding: Finding{Kind: KindSeedPhrase, Start: chars[a].start, End: chars[a+k-1].end, Confidence: High}, rank: rankVerified})
			return
		}
	}
	for _, k := range []int{24, 21, 18, 15, 12} {
		for g := range starts {
			if keyword {
				try(starts[g], k, false)
				try(ends[g]-k, k, false)
				// A lead-in written without a space ("我的助记词是…请帮忙")
				// puts the phrase inside the group, right after the word
				// for seed phrase; a closing word may follow it.
				for _, a := range anchors {
					if a > starts[g] && a < ends[g] {
						try(a, k, true)
					}
				}
				continue
			}
			// "恢复钱包用的是…对吗": no word for seed phrase, but a wallet
			// and a copula or colon right before the characters.
			for _, a := range anchors {
				if a >= starts[g] && a < ends[g] {
					try(a, k, true)
				}
			}
			if !onlyHan {
				continue
			}
			for h := g; h < len(ends) && ends[h]-starts[g] <= k; h++ {
				if ends[h]-starts[g] == k {
					try(starts[g], k, false)
				}
			}
		}
	}
}

// hanSeedWords are the Chinese words for seed phrase that a phrase may
// follow without a space, and hanCopulas the characters that may stand
// between them ("助记词是…", "助记词为…").
var (
	hanSeedWords = []string{"助记词", "助記詞", "种子", "種子", "恢复短语", "恢復短語"}
	hanCopulas   = "是为為：:"
)

// hanWalletWords are the Chinese words for wallet: a text without a word
// for seed phrase that speaks of a wallet may still give its phrase after
// a copula ("恢复钱包用的是…").
var hanWalletWords = []string{"钱包", "錢包"}

func containsAny(text string, words []string) bool {
	for _, w := range words {
		if strings.Contains(text, w) {
			return true
		}
	}
	return false
}

// copulaAnchors are the indexes of chars right after a copula, and the
// starts of groups that follow a colon.
func (s *scanner) copulaAnchors(chars []hanChar, starts []int) []int {
	var out []int
	for i, c := range chars {
		if strings.Contains(hanCopulas, s.text[c.start:c.end]) {
			out = append(out, i+1)
		}
	}
	for g, a := range starts {
		from := 0
		if g > 0 && a > 0 {
			from = chars[a-1].end
		}
		if a < len(chars) {
			before := strings.TrimRight(s.text[from:chars[a].start], " ")
			if strings.HasSuffix(before, "：") || strings.HasSuffix(before, ":") {
				out = append(out, a)
			}
		}
	}
	return out
}

// hanAnchors are the indexes of chars right after a Chinese word for seed
// phrase, and after a copula that follows it.
func (s *scanner) hanAnchors(chars []hanChar) []int {
	var out []int
	for i, c := range chars {
		for _, w := range hanSeedWords {
			if !strings.HasPrefix(s.text[c.start:], w) {
				continue
			}
			a := i + utf8.RuneCountInString(w)
			out = append(out, a)
			if a < len(chars) && strings.Contains(hanCopulas, s.text[chars[a].start:chars[a].end]) {
				out = append(out, a+1)
			}
		}
	}
	return out
}

// onlyHan reports whether the text outside [a, b) holds no letters: the
// message is the groups and nothing else but numbering and punctuation.
func (s *scanner) onlyHan(a, b int) bool {
	for _, part := range [2]string{s.text[:a], s.text[b:]} {
		for _, r := range part {
			if unicode.IsLetter(r) {
				return false
			}
		}
	}
	return true
}

// prose reports whether a checksum-valid run of Chinese characters reads
// like ordinary text rather than random words. The lists are ordered by
// how common each character is; prose leans heavily on the most common
// ones, while a mnemonic draws all 2,048 evenly. The score is a
// log-likelihood ratio of a Zipf-like model against the uniform one; a
// random mnemonic exceeds the threshold less than once in 200,000 draws.
func (d *Detector) prose(idx []int16) bool {
	var score float64
	for _, v := range idx {
		score += d.zipf[v]
	}
	return score > 10
}

// proseWords are everyday words that never sit inside a seed phrase; one of
// them between two stretches of list words means prose, not noise.
var proseWords = setOf(
	"the", "an", "and", "or", "to", "of", "in", "on", "at", "for", "with", "my", "is", "are", "was", "were", "be", "been",
	"it", "its", "this", "that", "you", "we", "he", "she", "they", "me", "your", "our", "not", "no", "but", "so", "if",
	"as", "by", "from", "have", "has", "had", "do", "does", "did", "can", "will", "would", "should", "could", "just",
	"very", "please", "thanks", "thank", "hi", "hello", "dear", "ok", "okay", "yes", "what", "why", "how", "when",
	"where", "which", "who", "some", "more", "than", "then", "there", "here", "up", "out", "get", "got", "don", "didn",
	"doesn", "isn", "haven", "hasn", "won", "im", "ive", "am", "want", "need", "help", "know", "still", "already",
	"el", "la", "los", "las", "de", "del", "que", "en", "un", "una", "mi", "mis", "tu", "su", "es", "por", "para", "con",
	"se", "lo", "le", "al", "os", "as", "do", "da", "em", "um", "uma", "meu", "minha", "para", "com", "nao", "le", "les",
	"des", "du", "et", "ou", "une", "mon", "ma", "mes", "est", "pour", "avec", "pas", "je", "il", "lo", "gli", "di",
	"mio", "mia", "per", "non", "che", "der", "die", "das", "und", "oder", "ein", "eine", "mein", "meine", "ist", "fur",
	"mit", "nicht", "ich", "dan", "atau", "yang", "ke", "dari", "saya", "ini", "itu", "untuk", "dengan", "tidak", "nie",
	"jest", "to", "ze", "sie", "moj", "moja", "va", "cua", "toi", "la", "co", "khong", "ve", "bir", "bu", "icin", "ile",
	"degil", "ben",
)

package guard

// Join is the state of one conversation made of two, a and b, whose latest
// texts are aRef and bRef: their texts in the order they were written, so
// that a phrase typed partly in each is one phrase. A visitor who chats
// anonymously and then signs in brings the anonymous conversation's state
// to the customer's, who may have typed in another browser meanwhile.
//
// order gives each ref the key its text is sorted by (nil: the ref itself):
// for a message, its id, which grows with the time it was stored; for a
// subject (a negative ref), its ticket's first message's id, which it sorts
// just before, as it was scanned just before that message.
//
// Words in no list are counted, not kept, and a text with none in a list
// leaves no trace but that count. Where one side's text follows the
// other's, the words of those two texts beside the crossing count (all the
// words counted there, unless the list word starts or ends its text); those
// of texts with no list word, whose place in time is lost, do not.
func Join(a Conversation, aRef int64, b Conversation, bRef int64, order func(ref int64) int64) Conversation {
	a.Bind(aRef)
	b.Bind(bRef)
	switch {
	case len(a.items) == 0:
		b.tail, b.tailBrk = max(a.tail, b.tail), b.tailBrk || a.tailBrk || a.tail > 0
		b.trim()
		return b
	case len(b.items) == 0:
		a.tail, a.tailBrk = max(a.tail, b.tail), a.tailBrk || b.tailBrk || b.tail > 0
		a.trim()
		return a
	}
	sides := [2]Conversation{a, b}
	texts := [2][]joinText{textsOf(&a, order), textsOf(&b, order)}
	out := Conversation{items: make([]item, 0, len(a.items)+len(b.items)), tail: max(a.tail, b.tail), tailBrk: a.tailBrk || b.tailBrk}
	next, last := [2]int{}, -1
	for next[0] < len(texts[0]) || next[1] < len(texts[1]) {
		s := 0
		if next[0] == len(texts[0]) || (next[1] < len(texts[1]) && texts[1][next[1]].before(texts[0][next[0]])) {
			s = 1
		}
		t := texts[s][next[s]]
		next[s]++
		items := sides[s].items[t.from:t.to]
		start := len(out.items)
		out.items = append(out.items, items...)
		if last >= 0 && last != s {
			first := &out.items[start]
			if first.lead {
				first.gap = 0 // the words counted were in earlier texts
			}
			first.gap += texts[last][next[last]-1].trailing
			first.brkAfter = true
		}
		last = s
	}
	out.trim()
	return out
}

// joinText is one text of a conversation's state: its items [from, to),
// the key it is ordered by, and how many other words follow its last item
// in the text (at most: the count runs to the conversation's next list
// word, through any texts between).
type joinText struct {
	from, to int
	key      int64
	subject  bool // sorts before the message of the same key
	trailing int
}

func (t joinText) before(u joinText) bool {
	if t.key != u.key {
		return t.key < u.key
	}
	return t.subject && !u.subject
}

// textsOf splits c's items by text, each with its key.
func textsOf(c *Conversation, order func(int64) int64) []joinText {
	var out []joinText
	for i, it := range c.items {
		if i == 0 || it.ref != c.items[i-1].ref {
			t := joinText{from: i, key: it.ref, subject: it.ref < 0}
			if order != nil {
				t.key = order(it.ref)
			}
			out = append(out, t)
		}
		t := &out[len(out)-1]
		t.to = i + 1
		switch {
		case it.trail:
			t.trailing = 0
		case i+1 < len(c.items):
			t.trailing = c.items[i+1].gap
		default:
			t.trailing = c.tail
		}
	}
	return out
}

package guard

import "slices"

// Join is the state of one conversation made of two: earlier's texts,
// then later's, as if later's had come after earlier's latest text
// (bound to earlierRef). A visitor who chats anonymously and then signs in
// brings the anonymous conversation's state (later) to the customer's
// (earlier), so that a phrase begun before the sign-in and ended after it
// is one phrase. later's latest words stay unbound, for the next scan.
func Join(earlier Conversation, earlierRef int64, later Conversation) Conversation {
	earlier.Bind(earlierRef)
	if len(earlier.items) == 0 {
		return later
	}
	if len(later.items) == 0 {
		// later's words were in no list, but still lie between earlier's
		// words and what comes next.
		earlier.tail += later.tail
		earlier.tailBrk = earlier.tailBrk || later.tail > 0 || later.tailBrk
		earlier.trim()
		return earlier
	}
	out := Conversation{items: slices.Concat(earlier.items, later.items), tail: later.tail, tailBrk: later.tailBrk}
	first := &out.items[len(earlier.items)]
	first.gap += earlier.tail
	first.brkAfter = true // a text ended between the two
	out.trim()
	return out
}

package guard

// HoldsLatest reports whether words of the latest text (not yet bound by
// Bind) are kept as a possible part of a phrase that a later text may
// complete. Such a text may still be cut, so copies of it made now (events
// at rest, a live preview) would keep what the cut removes later.
func (c *Conversation) HoldsLatest() bool {
	for _, it := range c.items {
		if it.ref == PendingRef {
			return true
		}
	}
	return false
}

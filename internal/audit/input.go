package audit

// What a record keeps of a TxID or address field. Those fields are free
// text, and a hurried customer pastes what their wallet showed: a raw
// 64-hex private key has a TxID's shape and no format check tells them
// apart. The log is append-only, so it never keeps such input whole.

// ChainRefs names a TxID or address for the log: a keyed hash (the
// ticket search's blind index, so an auditor can match it) and the
// value's normal form, or ok false when the input is neither.
// *search.Index implements it.
type ChainRefs interface {
	ChainRef(input string) (digest, normal string, ok bool)
}

// NotChainInput stands in a record for a TxID or address field whose
// input has no network's format (words, a recovery phrase).
const NotChainInput = "(not a transaction id or address)"

// UseChainRefs makes ChainInput name values by refs' keyed hash; the
// server sets it once at start, before any request.
func (l *Log) UseChainRefs(refs ChainRefs) { l.refs = refs }

// ChainInput is what a record may keep of a TxID or address field's
// input: its first six and last four characters and its blind-index
// hash, "4a5e1e…da33 hmac:9f…", never the whole value; NotChainInput for
// anything that is neither. Without refs it keeps nothing of the input.
func (l *Log) ChainInput(input string) string {
	if l.refs == nil {
		return "(not kept)"
	}
	digest, normal, ok := l.refs.ChainRef(input)
	if !ok {
		return NotChainInput
	}
	return Abbreviate(normal) + " hmac:" + digest
}

// Abbreviate keeps a long value's first six and last four characters,
// enough to tell it at a glance and too little to use it as a key.
func Abbreviate(s string) string {
	r := []rune(s)
	if len(r) <= 10 {
		return "…"
	}
	return string(r[:6]) + "…" + string(r[len(r)-4:])
}

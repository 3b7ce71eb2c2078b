package store

import (
	"strconv"
	"strings"
)

// ParseKeyset reads a keyset-pagination cursor "at.id" (a time or other
// non-negative sort value, then a positive row id), as the inbox and the
// recovery queue hand them out; ok is false for anything else. Callers name
// the field in their own error.
func ParseKeyset(s string) (at, id int64, ok bool) {
	a, b, found := strings.Cut(s, ".")
	at, err1 := strconv.ParseInt(a, 10, 64)
	id, err2 := strconv.ParseInt(b, 10, 64)
	if !found || err1 != nil || err2 != nil || at < 0 || id <= 0 {
		return 0, 0, false
	}
	return at, id, true
}

package web

import (
	"bytes"
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/groundcrew/groundcrew/internal/errs"
)

// CheckJSONText is checkStrings for JSON read without Unmarshal (the chat
// widget's frames, which ignore unknown fields).
func CheckJSONText(body []byte) error { return checkStrings(body) }

// checkStrings refuses a JSON body whose strings (keys or values) hold
// invalid UTF-8, a NUL character or a lone UTF-16 surrogate escape, naming
// the field. encoding/json would silently turn the first and the last into
// U+FFFD and keep the NUL, so what is stored would not be what was sent.
// Bodies that are valid UTF-8 without a suspicious \u escape (nearly all)
// pass without the walk. A body that is not valid JSON passes: decoding
// reports it.
func checkStrings(body []byte) error {
	if utf8.Valid(body) && !suspectEscape(body) {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	var stack []frame
	for {
		start := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			return nil
		}
		raw := body[start:dec.InputOffset()]
		top := len(stack) - 1
		switch v := tok.(type) {
		case json.Delim:
			switch v {
			case '{', '[':
				stack = append(stack, frame{obj: v == '{', wantKey: v == '{'})
				continue
			default:
				stack = stack[:top]
				top--
			}
		case string:
			if top >= 0 && stack[top].obj && stack[top].wantKey {
				if problem := badText(raw); problem != "" {
					return errs.Field(fieldPath(stack, ""), "a field name in %s %s", orBody(fieldPath(stack, "")), problem)
				}
				stack[top].key, stack[top].wantKey = v, false
				continue
			}
			if problem := badText(raw); problem != "" {
				name := fieldPath(stack, "x")
				return errs.Field(name, "%s %s", orBody(name), problem)
			}
		}
		// A value ended: the next token is a key, or the next element.
		if top >= 0 {
			if stack[top].obj {
				stack[top].wantKey = true
			} else {
				stack[top].idx++
			}
		}
	}
}

// frame is one open object or array on the way to a value.
type frame struct {
	obj     bool
	key     string // the object's current key
	idx     int    // the array's current index
	wantKey bool
}

// fieldPath names the value being read: customer.email, tags[2]. With an
// empty leaf it names the innermost open container instead.
func fieldPath(stack []frame, leaf string) string {
	var b strings.Builder
	n := len(stack)
	if leaf == "" {
		n-- // the key belongs to the innermost object, named by its parents
	}
	for i := range n {
		f := stack[i]
		if f.obj {
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(f.key)
		} else {
			b.WriteString("[" + strconv.Itoa(f.idx) + "]")
		}
	}
	return b.String()
}

func orBody(name string) string {
	if name == "" {
		return "the body"
	}
	return name
}

// suspectEscape reports whether body has a \u escape that could be a NUL
// or a lone surrogate: \u0000, or \uD800–\uDFFF not in a high-low pair.
// Every real escape is one of the occurrences looked at, so a body it
// passes is sound; a literal "\\u0000" may be flagged, and the walk then
// clears it.
func suspectEscape(body []byte) bool {
	for i := 0; ; {
		j := bytes.Index(body[i:], []byte(`\u`))
		if j < 0 {
			return false
		}
		i += j
		r, ok := hex4(body[i+2:])
		switch {
		case !ok:
			i += 2
		case r == 0 || (r >= 0xDC00 && r <= 0xDFFF):
			return true
		case r >= 0xD800 && r <= 0xDBFF:
			low, ok := uint16(0), false
			if len(body) >= i+12 && body[i+6] == '\\' && body[i+7] == 'u' {
				low, ok = hex4(body[i+8:])
			}
			if !ok || low < 0xDC00 || low > 0xDFFF {
				return true
			}
			i += 12
		default:
			i += 6
		}
	}
}

// badText says what is wrong with the JSON string token in raw (which may
// start with separators and spaces), or "" when nothing is.
func badText(raw []byte) string {
	if !utf8.Valid(raw) {
		return "is not valid UTF-8"
	}
	for i := 0; i < len(raw); i++ {
		if raw[i] != '\\' || i+1 >= len(raw) {
			continue
		}
		if raw[i+1] != 'u' {
			i++ // \" \\ \n and the like
			continue
		}
		r, ok := hex4(raw[i+2:])
		if !ok {
			return "" // malformed: decoding reports it
		}
		switch {
		case r == 0:
			return "contains a NUL character"
		case r >= 0xDC00 && r <= 0xDFFF:
			return "contains a lone UTF-16 surrogate (not valid Unicode)"
		case r >= 0xD800 && r <= 0xDBFF:
			low, ok := uint16(0), false
			if i+11 < len(raw) && raw[i+6] == '\\' && raw[i+7] == 'u' {
				low, ok = hex4(raw[i+8:])
			}
			if !ok || low < 0xDC00 || low > 0xDFFF {
				return "contains a lone UTF-16 surrogate (not valid Unicode)"
			}
			i += 6
		}
		i += 5
	}
	return ""
}

func hex4(b []byte) (uint16, bool) {
	if len(b) < 4 {
		return 0, false
	}
	n, err := strconv.ParseUint(string(b[:4]), 16, 16)
	return uint16(n), err == nil
}

// CheckForm refuses a parsed form (url.Values) with a NUL or invalid UTF-8
// in a field's name or value, naming the field, as Unmarshal refuses them
// in JSON: a page form must not store what the API would not.
func CheckForm(form url.Values) error {
	for name, values := range form {
		if !utf8.ValidString(name) || strings.ContainsRune(name, 0) {
			return errs.Field("form", "a field name is not valid text")
		}
		for _, v := range values {
			switch {
			case !utf8.ValidString(v):
				return errs.Field(name, "%s is not valid UTF-8", name)
			case strings.ContainsRune(v, 0):
				return errs.Field(name, "%s contains a NUL character", name)
			}
		}
	}
	return nil
}

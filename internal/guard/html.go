package guard

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// HTML e-mail arrives as markup: a seed phrase pasted into a mail client
// becomes <ol><li>word</li>…</ol>, and "&nbsp;" sits between words. The
// detector reads the text a person sees instead: VisibleText renders the
// markup as plain text the way a mail reader lays it out.

// LooksLikeHTML reports whether text is HTML markup rather than chat that
// happens to hold a "<": a doctype, a comment, or at least two tags of
// real HTML elements.
func LooksLikeHTML(text string) bool {
	if !strings.Contains(text, "<") {
		return false
	}
	z := html.NewTokenizer(strings.NewReader(text))
	tags := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return false
		case html.DoctypeToken, html.CommentToken:
			return true
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			if atom.Lookup(name) != 0 {
				if tags++; tags >= 2 {
					return true
				}
			}
		}
	}
}

// VisibleText renders HTML as the text a reader sees: entities decoded,
// scripts, styles, comments and attributes left out, white space collapsed
// as a browser does, block elements and <br> on lines of their own, cells
// of a row separated by a tab, and list items numbered as the list shows
// them ("1. ", "a. ", "iv. ", "• ").
func VisibleText(src string) string {
	v := visible{}
	v.b.Grow(len(src) / 2)
	z := html.NewTokenizer(strings.NewReader(src))
	skip := atom.Atom(0) // inside an element whose text nobody sees
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return v.finish()
		case html.TextToken:
			if skip == 0 {
				v.text(string(z.Text()))
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			if skip != 0 {
				continue
			}
			var attrs map[string]string
			for hasAttr {
				var k, val []byte
				k, val, hasAttr = z.TagAttr()
				if attrs == nil {
					attrs = map[string]string{}
				}
				attrs[string(k)] = string(val)
			}
			if hiddenElements[a] && tt == html.StartTagToken {
				skip = a
				continue
			}
			v.open(a, attrs)
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if skip != 0 {
				if a == skip {
					skip = 0
				}
				continue
			}
			v.close(a)
		}
	}
}

// hiddenElements hold text that is never shown in the message.
var hiddenElements = map[atom.Atom]bool{atom.Script: true, atom.Style: true, atom.Title: true, atom.Template: true}

// blockElements start and end a line.
var blockElements = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Tr: true, atom.Table: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Blockquote: true,
	atom.Pre: true, atom.Section: true, atom.Article: true, atom.Header: true, atom.Footer: true, atom.Hr: true,
	atom.Dl: true, atom.Dt: true, atom.Dd: true, atom.Address: true, atom.Center: true, atom.Form: true,
	atom.Fieldset: true, atom.Figure: true, atom.Figcaption: true, atom.Main: true, atom.Nav: true, atom.Aside: true,
	atom.Tbody: true, atom.Thead: true, atom.Tfoot: true, atom.Caption: true, atom.Body: true, atom.Html: true,
}

// list is an open <ol> or <ul>: its kind of marker and the next number.
type list struct {
	ordered bool
	style   string // "1", "a", "A", "i", "I"
	next    int
}

type visible struct {
	b       strings.Builder
	lists   []list
	pre     int  // depth of <pre>/<textarea>: white space kept
	space   bool // a space is owed before the next text
	breaks  int  // line breaks owed before the next text (at most 2)
	started bool // some text has been written
	cells   int  // cells written in the current row
}

func (v *visible) lineBreak(n int) {
	v.space = false
	v.breaks = max(v.breaks, n)
}

func (v *visible) flush() {
	if v.started {
		if v.breaks > 0 {
			v.b.WriteString(strings.Repeat("\n", v.breaks))
		} else if v.space {
			v.b.WriteByte(' ')
		}
	}
	v.breaks, v.space = 0, false
	v.started = true
}

func (v *visible) text(t string) {
	if v.pre > 0 {
		if t != "" {
			v.flush()
			v.b.WriteString(t)
		}
		return
	}
	for len(t) > 0 {
		r, size := utf8.DecodeRuneInString(t)
		t = t[size:]
		if unicode.IsSpace(r) { // U+00A0 included: a space on screen
			v.space = true
			continue
		}
		v.flush()
		v.b.WriteRune(r)
	}
}

func (v *visible) open(a atom.Atom, attrs map[string]string) {
	switch a {
	case atom.Br:
		v.breaks = min(v.breaks+1, 2)
		if !v.started {
			v.breaks = 0
		}
		v.space = false
		return
	case atom.P, atom.Blockquote, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Table:
		v.lineBreak(2)
	case atom.Pre, atom.Textarea:
		v.lineBreak(1)
		v.pre++
	case atom.Ol, atom.Ul:
		l := list{ordered: a == atom.Ol, style: "1", next: 1}
		if t := attrs["type"]; t == "a" || t == "A" || t == "i" || t == "I" {
			l.style = t
		}
		if n, err := strconv.Atoi(strings.TrimSpace(attrs["start"])); err == nil && n > -1000 && n < 1000000 {
			l.next = n
		}
		v.lists = append(v.lists, l)
		v.lineBreak(1)
	case atom.Li:
		v.lineBreak(1)
		v.flush()
		v.b.WriteString(strings.Repeat("  ", max(0, len(v.lists)-1)))
		v.b.WriteString(v.itemMarker(attrs))
		v.space = false
	case atom.Tr:
		v.lineBreak(1)
		v.cells = 0
	case atom.Td, atom.Th:
		if v.cells > 0 {
			v.flush()
			v.b.WriteByte('\t')
		}
		v.cells++
	case atom.Img:
		// A picture's alternative text is what a reader without images sees.
		if alt := attrs["alt"]; alt != "" {
			v.text(" " + alt + " ")
		}
	default:
		if blockElements[a] {
			v.lineBreak(1)
		}
	}
}

func (v *visible) close(a atom.Atom) {
	switch a {
	case atom.P, atom.Blockquote, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Table:
		v.lineBreak(2)
	case atom.Pre, atom.Textarea:
		v.pre = max(0, v.pre-1)
		v.lineBreak(1)
	case atom.Ol, atom.Ul:
		if len(v.lists) > 0 {
			v.lists = v.lists[:len(v.lists)-1]
		}
		v.lineBreak(1)
	default:
		if blockElements[a] {
			v.lineBreak(1)
		}
	}
}

// itemMarker is what a reader sees before a list item.
func (v *visible) itemMarker(attrs map[string]string) string {
	if len(v.lists) == 0 {
		return "• "
	}
	l := &v.lists[len(v.lists)-1]
	if !l.ordered {
		return "• "
	}
	if n, err := strconv.Atoi(strings.TrimSpace(attrs["value"])); err == nil && n > -1000 && n < 1000000 {
		l.next = n
	}
	n := l.next
	l.next++
	switch l.style {
	case "a", "A":
		s := alphaNumber(n)
		if l.style == "A" {
			s = strings.ToUpper(s)
		}
		return s + ". "
	case "i", "I":
		s := romanNumber(n)
		if l.style == "I" {
			s = strings.ToUpper(s)
		}
		return s + ". "
	}
	return strconv.Itoa(n) + ". "
}

func (v *visible) finish() string {
	return strings.TrimSpace(v.b.String())
}

// alphaNumber counts a, b, … z, aa, ab, … as browsers do; 0 and below
// fall back to digits.
func alphaNumber(n int) string {
	if n <= 0 {
		return strconv.Itoa(n)
	}
	var b []byte
	for n > 0 {
		n--
		b = append([]byte{byte('a' + n%26)}, b...)
		n /= 26
	}
	return string(b)
}

// romanNumber writes 1 to 3999 in lower-case Roman numerals; others in
// digits, as browsers do.
func romanNumber(n int) string {
	if n <= 0 || n >= 4000 {
		return strconv.Itoa(n)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"}
	var b strings.Builder
	for i, val := range vals {
		for n >= val {
			b.WriteString(syms[i])
			n -= val
		}
	}
	return b.String()
}

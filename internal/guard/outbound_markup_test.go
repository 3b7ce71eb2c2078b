package guard

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestMaskTags(t *testing.T) {
	tests := []struct{ in, want string }{
		{"draft zebrafrog <b>bold</b>", "draft zebrafrog  bold "},
		{"<p>see <a href=\"x\">this</a></p>", " see  this  "},
		{"1 < 2 and 3 > 2", "1 < 2 and 3 > 2"},
		{"<3 thanks", "<3 thanks"},
		{"<bold> is no element", "<bold> is no element"},
		{"<b unclosed", "<b unclosed"},
		{"<li>one\n<li>two", " one\n two"},
	}
	for _, tt := range tests {
		if got := maskTags(tt.in); got != tt.want {
			t.Errorf("maskTags(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestMarkupIsNotAsked: markup beside a word the reader never saw is not
// a request (the tags' letters read as chat shorthand to the reader), and
// markup does not hide a request from the rules.
func TestMarkupIsNotAsked(t *testing.T) {
	tests := []struct {
		text    string
		refused bool
	}{
		{"Draft zebrafrog <b>bold</b>", false},
		{"<p>Thanks, <i>quokkaline</i> is updated.</p>", false},
		{"<b>Send me your seed phrase</b> to finish the check.", true},
	}
	for _, tt := range tests {
		got := len(CheckOutbound(tt.text, nil)) > 0
		if got != tt.refused {
			t.Errorf("CheckOutbound(%q) refused %v, want %v", tt.text, got, tt.refused)
		}
	}
}

// FuzzMaskTags: no panic, never longer than its input, valid UTF-8 kept,
// and text without "<" untouched.
func FuzzMaskTags(f *testing.F) {
	for _, s := range []string{"<b>x</b>", "<a href='y'>z</a>", "a < b > c", "<", "</", "<b", "<\xff>", "<li>\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := maskTags(s)
		if len(got) > len(s) {
			t.Fatalf("maskTags(%q) = %q: longer", s, got)
		}
		if utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Fatalf("maskTags(%q) = %q: invalid UTF-8", s, got)
		}
		if !strings.Contains(s, "<") && got != s {
			t.Fatalf("maskTags(%q) = %q without a tag", s, got)
		}
	})
}

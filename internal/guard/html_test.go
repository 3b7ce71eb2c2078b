package guard

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestVisibleText(t *testing.T) {
	cases := []struct{ name, html, want string }{
		{"paragraphs and entities", "<p>Hello&nbsp;team,</p><p>it&#39;s &lt;urgent&gt; &amp; sad</p>", "Hello team,\n\nit's <urgent> & sad"},
		{"ordered list", "<ol><li>one</li><li>two</li></ol>", "1. one\n2. two"},
		{"list start and type", `<ol start="3" type="i"><li>a</li><li>b</li></ol><ol type="A"><li>c</li></ol>`, "iii. a\niv. b\nA. c"},
		{"item value", `<ol><li value="7">x</li><li>y</li></ol>`, "7. x\n8. y"},
		{"bullets, nested", "<ul><li>x<ul><li>y</li></ul></li></ul>", "• x\n  • y"},
		{"breaks", "a<br>b<br/><br><br>c", "a\nb\n\nc"},
		{"hidden parts", "<head><title>T</title><style>p{}</style></head><script>var s='abandon'</script><!-- note -->seen", "seen"},
		{"white space collapsed", "  a \n\t b  ", "a b"},
		{"pre kept", "<pre>a  b\n c</pre>", "a  b\n c"},
		{"table", "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a\tb\nc"},
		{"image alt", `<img src="x.png" alt="my card">`, "my card"},
		{"broken markup", "<p>open <b>bold <i>both</p> after", "open bold both\n\nafter"},
	}
	for _, c := range cases {
		if got := VisibleText(c.html); got != c.want {
			t.Errorf("%s: VisibleText(%q) = %q, want %q", c.name, c.html, got, c.want)
		}
	}
	for _, s := range []string{"I pressed <Enter> then", "a < b and c > d", "just text", "1 <3 you"} {
		if LooksLikeHTML(s) {
			t.Errorf("LooksLikeHTML(%q) = true", s)
		}
	}
	for _, s := range []string{"<p>hi</p>", "<!DOCTYPE html><x>", "a<br>b<br>c", "<div>x<!-- y --></div>"} {
		if !LooksLikeHTML(s) {
			t.Errorf("LooksLikeHTML(%q) = false", s)
		}
	}
}

// TestHTMLPastes sends valid mnemonics of every list as HTML mail lays
// them out: no word may be left in what is stored.
func TestHTMLPastes(t *testing.T) {
	layouts := []struct {
		name         string
		open, close  string
		item         func(i int, w string) string
		between, end string
	}{
		{"ordered list", "<ol>", "</ol>", func(_ int, w string) string { return "<li>" + w + "</li>" }, "\r\n", ""},
		{"roman list", `<ol type="i">`, "</ol>", func(_ int, w string) string { return "<li><span>" + w + "</span></li>" }, "", ""},
		{"bullets", "<ul>", "</ul>", func(_ int, w string) string { return "<li>" + w + "</li>" }, "", ""},
		{"table", "<table>", "</table>", func(i int, w string) string { return fmt.Sprintf("<tr><td>%d</td><td>%s</td></tr>", i, w) }, "", ""},
		{"three columns", "<table><tr>", "</tr></table>", func(i int, w string) string {
			if i%3 == 0 {
				return "<td>" + w + "</td></tr><tr>"
			}
			return "<td>" + w + "</td>"
		}, "", ""},
		{"paragraphs", "", "", func(_ int, w string) string { return "<p>" + w + "</p>" }, "", ""},
		{"breaks", "<div>", "</div>", func(_ int, w string) string { return w + "<br>" }, "", ""},
		{"no-break spaces", "<div>", "</div>", func(_ int, w string) string { return w }, "&nbsp;", ""},
		{"styled words", "<div>", "</div>", func(_ int, w string) string { return `<span style="color:#333"><b>` + w + "</b></span>" }, " ", ""},
	}
	rng := rand.New(rand.NewPCG(9, 9))
	for _, l := range layouts {
		for id := range listID(numBIP39) {
			words := mnemonic(t, rng, id, 12)
			var b strings.Builder
			b.WriteString("<html><body><p>Hello, my wallet:</p>" + l.open)
			for i, w := range words {
				if i > 0 {
					b.WriteString(l.between)
				}
				b.WriteString(l.item(i+1, w))
			}
			b.WriteString(l.close + "<p>Regards</p></body></html>")
			res := sharedDetector.ScanText(b.String())
			if !res.HTML {
				t.Fatalf("%s: not read as HTML", l.name)
			}
			if left := leftover([]string{res.Redacted}, words); len(left) > 0 {
				t.Errorf("%s, %s: left %v in %q", l.name, listFiles[id].file, left, res.Redacted)
			}
			if !strings.Contains(res.Redacted, "Regards") {
				t.Errorf("%s: lost the rest of the mail: %q", l.name, res.Redacted)
			}
		}
	}
}

func FuzzVisibleText(f *testing.F) {
	for _, s := range []string{
		"<ol><li>abandon</li><li>ability</li></ol>",
		`<ol start="-5" type="i"><li value="99999999999">x`,
		"<table><tr><td>a<td>b<tr><td>c",
		"<script>x</script><style>", "<pre>a\n b", "&#xffffff; &amp &nbsp; <br/>",
		"<title>unterminated", "plain text", "\xff<b>\xfe</b>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		got := VisibleText(src)
		if utf8.ValidString(src) && !utf8.ValidString(got) {
			t.Fatalf("VisibleText(%q) = %q: invalid UTF-8", src, got)
		}
		if len(got) > 16*len(src)+16 {
			t.Fatalf("VisibleText grew %d bytes to %d", len(src), len(got))
		}
		res := sharedDetector.ScanText(src)
		if utf8.ValidString(src) && !utf8.ValidString(res.Redacted) {
			t.Fatalf("ScanText(%q) broke UTF-8: %q", src, res.Redacted)
		}
	})
}

// TestHTMLSourceOnly: a secret only the markup holds is not stored but
// still reported when the detector is sure of it; a long hex string in a
// link is neither.
func TestHTMLSourceOnly(t *testing.T) {
	wif := "5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ"
	res := sharedDetector.ScanText(`<div>hello</div><!-- my private key: ` + wif + ` --><p title="` + english12 + `">see</p>`)
	if strings.Contains(res.Redacted, "abandon") || strings.Contains(res.Redacted, wif) || res.Redacted != "hello\n\nsee" {
		t.Errorf("stored %q", res.Redacted)
	}
	if len(res.Kinds) != 2 {
		t.Errorf("kinds %v, want private_key and seed_phrase", res.Kinds)
	}
	res = sharedDetector.ScanText(`<p>hi</p><img src="https://t.example/o/4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318.gif">`)
	if len(res.Kinds) != 0 || res.Redacted != "hi" {
		t.Errorf("tracking pixel: %v %q", res.Kinds, res.Redacted)
	}
}

package email

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/groundcrew/groundcrew/internal/ticket"
)

func TestParse(t *testing.T) {
	cases := []struct {
		name    string
		raw     string
		subject string
		text    string
		auto    bool
		files   int
	}{
		{"plain", "From: A <a@Example.com>\nSubject: Hello\n\nHi there\n", "Hello", "Hi there", false, 0},
		{"rfc 2047 subject", "From: a@example.com\nSubject: =?UTF-8?B?0JTQtdC/0L7Qt9C40YI=?= =?ISO-8859-1?Q?_caf=E9?=\n\nx\n", "Депозит café", "x", false, 0},
		{"quoted-printable latin-1", "From: a@example.com\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\nD=E9p=F4t non cr=E9dit=E9\n", "", "Dépôt non crédité", false, 0},
		{"html only", "From: a@example.com\nContent-Type: text/html\n\n<p>Seed:</p><ol><li>one</li><li>two</li></ol><style>p{}</style>\n", "", "Seed:\n\n1. one\n2. two", false, 0},
		{"plain preferred", "From: a@example.com\nContent-Type: multipart/alternative; boundary=x\n\n--x\nContent-Type: text/html\n\n<b>html</b>\n--x\nContent-Type: text/plain\n\nplain\n--x--\n", "", "plain", false, 0},
		{"attachment", "From: a@example.com\nContent-Type: multipart/mixed; boundary=x\n\n--x\nContent-Type: text/plain\n\nsee file\n--x\nContent-Type: application/pdf\nContent-Disposition: attachment; filename=\"=?utf-8?q?r=C3=A9sum=C3=A9.pdf?=\"\n\n%PDF-1.4\n--x--\n", "", "see file", false, 1},
		{"auto-submitted", "From: a@example.com\nAuto-Submitted: auto-replied\n\naway\n", "", "away", true, 0},
		{"auto-submitted no", "From: a@example.com\nAuto-Submitted: no\n\nhi\n", "", "hi", false, 0},
		{"null return path", "Return-Path: <>\nFrom: a@example.com\n\nbounce\n", "", "bounce", true, 0},
		{"unknown charset", "From: a@example.com\nContent-Type: text/plain; charset=x-martian\n\nhello\n", "", "hello", false, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := Parse(crlf(c.raw))
			if err != nil {
				t.Fatal(err)
			}
			if p.Subject != c.subject || p.Text != c.text || (p.Auto != "") != c.auto || len(p.Files) != c.files {
				t.Errorf("got subject %q text %q auto %q files %d", p.Subject, p.Text, p.Auto, len(p.Files))
			}
			if p.From != "a@example.com" {
				t.Errorf("from %q", p.From)
			}
		})
	}
}

func TestParseRefuses(t *testing.T) {
	for name, raw := range map[string]string{
		"no from":     "Subject: x\n\nbody\n",
		"bad from":    "From: <<<\n\nbody\n",
		"bomb":        bomb(maxDepth + 2),
		"many parts":  "From: a@example.com\nContent-Type: multipart/mixed; boundary=x\n\n" + strings.Repeat("--x\nContent-Type: text/plain\n\nx\n", maxParts+5) + "--x--\n",
		"huge header": "From: a@example.com\nX-Long: " + strings.Repeat("a", 2<<20) + "\n\nbody\n",
	} {
		if _, err := Parse(crlf(raw)); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: %v, want ErrMalformed", name, err)
		}
	}
}

func TestVisible(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"gmail", "Thanks!\n\nOn Mon, 2 Mar 2026 at 10:00, Ana <a@x.com> wrote:\n> old\n", "Thanks!"},
		{"gmail wrapped", "Yes.\n\nOn Mon, 2 Mar 2026 at 10:00, Ana Maria Santos <ana.maria@example.com>\nwrote:\n> old\n", "Yes."},
		{"outlook", "Done.\n\n-----Original Message-----\nFrom: Support\nSent: Monday\n", "Done."},
		{"outlook header block", "Done.\n\nFrom: Support <s@x.com>\nSent: Monday, March 2, 2026 10:00\nTo: me\n", "Done."},
		{"outlook rule", "Done.\n\n________________________________\nFrom: Support\n", "Done."},
		{"signature", "Hi\n\n-- \nAna\n+1 555\n", "Hi"},
		{"iphone", "Ok\n\nSent from my iPhone\n", "Ok"},
		{"german", "Danke\n\nAm 02.03.2026 um 10:00 schrieb Ana <a@x.com>:\n> alt\n", "Danke"},
		{"russian", "Спасибо\n\n2 марта 2026 г., в 10:00, Анна <a@x.com> написал(а):\n> старое\n", "Спасибо"},
		{"inline reply keeps top", "Top line\n> quoted\nmore\n", "Top line"},
		{"all quote kept", "> only a quote\n", "> only a quote"},
		{"blank lines collapsed", "a\n\n\n\nb", "a\n\nb"},
		{"from in prose kept", "From: my phone I cannot log in\nplease help", "From: my phone I cannot log in\nplease help"},
	}
	for _, c := range cases {
		if got := Visible(c.in); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

func TestCheckAuth(t *testing.T) {
	trusted := []string{"mx.exchange.test"}
	cases := []struct {
		name    string
		headers []string
		want    string
	}{
		{"dmarc pass", []string{"mx.exchange.test; dmarc=pass header.from=example.com"}, AuthPass},
		{"dmarc fail", []string{"mx.exchange.test; dmarc=fail header.from=example.com"}, AuthFail},
		{"untrusted fail", []string{"mx.evil.test; dmarc=fail header.from=example.com"}, AuthNone},
		{"other domain", []string{"mx.exchange.test; dmarc=fail header.from=other.test"}, AuthNone},
		{"spf fail, dkim pass", []string{"mx.exchange.test; spf=fail smtp.mailfrom=example.com; dkim=pass header.d=example.com"}, AuthNone},
		{"spf fail, no dkim", []string{"mx.exchange.test; spf=fail smtp.mailfrom=example.com"}, AuthFail},
		{"none", nil, AuthNone},
		// The receiving server's header is the topmost; a sender can write
		// lower ones with the same authserv-id, which never count.
		{"spf fail, forged dkim pass below", []string{"mx.exchange.test; spf=fail smtp.mailfrom=example.com",
			"mx.exchange.test; dkim=pass header.d=example.com"}, AuthFail},
		{"no dmarc policy, forged dmarc pass below", []string{"mx.exchange.test; dmarc=none header.from=example.com",
			"mx.exchange.test; dmarc=pass header.from=example.com"}, AuthNone},
		{"garbage", []string{";;;="}, AuthNone},
	}
	for _, c := range cases {
		if got := CheckAuth(c.headers, trusted, "a@example.com"); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
}

func TestSubjectOf(t *testing.T) {
	for _, c := range []struct{ in, lang, want string }{
		{"Re: RE: Fwd: Deposit", "en", "Deposit"},
		{"Re: Help [#12-abcdefghij]", "", "Help"},
		{"  ", "", "(no subject)"},
		{"Re: ", "de", "(kein Betreff)"},
		{"", "ja", "（件名なし）"},
		{"Ответ: Отв: депозит", "ru", "депозит"},
		{"Regarding my card", "", "Regarding my card"},
		{"<script>alert(1)</script>", "", "<script>alert(1)</script>"},
	} {
		if got := subjectOf(c.in, c.lang); got != c.want {
			t.Errorf("subjectOf(%q, %q) = %q, want %q", c.in, c.lang, got, c.want)
		}
	}
	if len(noSubject) != len(ticket.Languages) {
		t.Errorf("(no subject) in %d languages, want the %d", len(noSubject), len(ticket.Languages))
	}
}

func TestReplyTokens(t *testing.T) {
	tk := tokens{key: []byte("0123456789abcdef0123456789abcdef")}
	addr := tk.address("support@exchange.test", 42)
	if id, ok := tk.fromAddress(addr); !ok || id != 42 {
		t.Errorf("%s: %d %v", addr, id, ok)
	}
	forged := strings.Replace(addr, "+t42-", "+t43-", 1)
	if _, ok := tk.fromAddress(forged); ok {
		t.Errorf("a token for 42 opened ticket 43")
	}
	if id, ok := tk.fromSubject("Re: x " + tk.subjectTag(7)); !ok || id != 7 {
		t.Errorf("subject token: %d %v", id, ok)
	}
	other := tokens{key: []byte("another key, another installation")}
	if _, ok := other.fromSubject("Re: x " + tk.subjectTag(7)); ok {
		t.Errorf("a token of another key was accepted")
	}
}

// FuzzParse: no mail makes the parser panic, loop or return text that is
// not valid UTF-8; and whatever it accepts has a sender.
func FuzzParse(f *testing.F) {
	f.Add(crlf("From: a@example.com\nSubject: =?koi8-r?B?7sXU?=\n\nhi\n"))
	f.Add(crlf(bomb(12)))
	f.Add(crlf("From: a@example.com\nContent-Type: multipart/mixed; boundary=x\n\n--x\nContent-Type: text/html\n\n<p>a</p>\n--x\nContent-Disposition: attachment; filename=a.png\nContent-Transfer-Encoding: base64\n\n!!!notbase64\n--x--\n"))
	f.Add(crlf("From: a@example.com\nContent-Type: text/plain; charset=utf-16\n\n\xff\xfeh\x00i\x00\n"))
	f.Add([]byte("From: \"=?utf-8?b?AAAA?=\" <a@b>\r\nIn-Reply-To: <<<>>>\r\nReferences: <a@b> junk <c@d>\r\n\r\n"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		p, err := Parse(raw)
		if err != nil {
			if !errors.Is(err, ErrMalformed) {
				t.Fatalf("error %v is not ErrMalformed", err)
			}
			return
		}
		if p.From == "" {
			t.Fatal("accepted a mail without a sender")
		}
		for _, s := range []string{p.Text, p.Subject, p.FromName, Visible(p.Text)} {
			if !utf8Valid(s) {
				t.Fatalf("invalid UTF-8 out: %q", s)
			}
		}
	})
}

// FuzzVisible: cutting quotes never grows the text or panics.
func FuzzVisible(f *testing.F) {
	f.Add("Thanks\n\nOn Mon, Ana wrote:\n> x\n")
	f.Add("-- \n")
	f.Add("From: a\nSent: b\n")
	f.Fuzz(func(t *testing.T, s string) {
		if got := Visible(s); len(got) > len(s) {
			t.Fatalf("Visible grew %q to %q", s, got)
		}
	})
}

func utf8Valid(s string) bool { return utf8.ValidString(s) }

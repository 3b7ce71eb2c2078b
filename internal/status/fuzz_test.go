package status

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/groundcrew/groundcrew/internal/errs"
)

// FuzzParseEmail: the subscription form's address. Whatever it accepts is
// one plain address with no spaces, markup or header breaks.
func FuzzParseEmail(f *testing.F) {
	for _, s := range []string{"a@example.com", " A@Example.COM ", "Name <a@example.com>", "a@b", "a@@b.c", "a@b.c\r\nBcc: x@y.z", `"a b"@c.d`, "", "<a@b.c>", "a@b.c, d@e.f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseEmail(s)
		if err != nil {
			if !errs.Is(err, errs.Invalid) {
				t.Fatalf("%q: %v is not invalid", s, err)
			}
			return
		}
		if strings.ContainsAny(got, " \t\r\n<>\",;") || strings.Count(got, "@") != 1 || len(got) > 254 {
			t.Fatalf("%q accepted as %q", s, got)
		}
	})
}

// FuzzNewIncident: an operator's JSON. Accepted input has English text,
// only the 17 languages, bounded valid text and known components.
func FuzzNewIncident(f *testing.F) {
	f.Add(`{"titles":{"en":"USDT on Tron delayed"},"bodies":{"en":"Investigating"},"components":["network:tron"],"asset":"usdt"}`)
	f.Add(`{"kind":"maintenance","titles":{"en":"x"},"bodies":{"en":"y"},"components":["product:card"],"starts_at":"2026-03-05T10:00:00Z","ends_at":"2026-03-05T11:00:00Z"}`)
	f.Add(`{"titles":{"xx":"y"},"components":[]}`)
	f.Add(`{"titles":{"en":"<b>x</b>"},"bodies":{"en":"\u0000"},"components":["network:tron","network:tron"],"impact":"degraded"}`)
	known := map[string]bool{"network:tron": true, "product:card": true}
	f.Fuzz(func(t *testing.T, doc string) {
		var in NewIncident
		if json.Unmarshal([]byte(doc), &in) != nil {
			return
		}
		if err := in.validate(func(c string) bool { return known[c] }, time.Unix(0, 0)); err != nil {
			if !errs.Is(err, errs.Invalid) {
				t.Fatalf("%v is not invalid", err)
			}
			return
		}
		if in.Titles[SourceLang] == "" || in.Bodies[SourceLang] == "" || len(in.Components) == 0 {
			t.Fatalf("accepted without English or components: %+v", in)
		}
		for _, texts := range []map[string]string{in.Titles, in.Bodies} {
			for lang, s := range texts {
				if !utf8.ValidString(s) || langOr(lang) != lang || utf8.RuneCountInString(s) > MaxBody {
					t.Fatalf("accepted %q: %q", lang, s)
				}
			}
		}
		for _, c := range in.Components {
			if !known[c] {
				t.Fatalf("accepted component %q", c)
			}
		}
	})
}

// FuzzPreferredLang: any Accept-Language header gives one of the 17.
func FuzzPreferredLang(f *testing.F) {
	for _, s := range []string{"ar-SA,ar;q=0.9", "", "*", "zh-Hant-TW", ";;,,", "EN"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, h string) {
		if l := preferredLang(h); langOr(l) != l {
			t.Fatalf("%q gave %q", h, l)
		}
	})
}

// FuzzUnsubscribeLink: the token of an unsubscribe link, from anyone's
// address bar. Only a token this server signed names an address, and it
// names the address it was signed for.
func FuzzUnsubscribeLink(f *testing.F) {
	s := New(Config{LinkKeys: [][]byte{[]byte("now-key-0123456789abcdef01234567"), []byte("old-key-0123456789abcdef01234567")}})
	signed := s.unsubscribeToken("a@example.com")
	for _, tok := range []string{signed, signed[:len(signed)-1] + "A", "YUBleGFtcGxlLmNvbQ.", ".", "", "%%%.xyz", strings.Repeat("A", 600) + "." + strings.Repeat("B", 24)} {
		f.Add(tok)
	}
	f.Fuzz(func(t *testing.T, tok string) {
		email, err := s.linkAddress(tok)
		if err != nil {
			if !errs.Is(err, errs.NotFound) {
				t.Fatalf("%q: %v is not a not-found", tok, err)
			}
			return
		}
		if s.unsubscribeToken(email) != tok && linkSignatureOf(tok) != linkSignature([]byte("old-key-0123456789abcdef01234567"), email) {
			t.Fatalf("%q accepted for %q, which no key signed", tok, email)
		}
	})
}

func linkSignatureOf(tok string) string {
	_, sig, _ := strings.Cut(tok, ".")
	return sig
}

package guard

import (
	"strings"
	"testing"
	"unicode/utf8"
)

var outboundSeeds = []string{
	"Please send your s33d phr4se here.",
	"s e e d p h r a s e, p.a.s.s.w.o.r.d",
	"раssword ѕееd\u200b phrase",
	"Ｓｅｎｄ ｙｏｕｒ ｐａｓｓｗｏｒｄ",
	"シードフレーズを送ってください。",
	"أرسل عبارة الاسترداد",
	"ส่ง รหัสผ่าน มา",
	"Kurtarma ifadenizi paylaşmayın.",
	"\xff\xfe s\u0301e\u0301e\u0301d",
	"a b c d e f g",
}

// FuzzNormalise: no panic, and the map back to the original is monotonic
// and within the text.
func FuzzNormalise(f *testing.F) {
	for _, s := range outboundSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		n := Normalise(text)
		prev := 0
		for i := 0; i <= len(n.Text); i++ {
			o := n.Orig(i)
			if o < prev || o > len(text) {
				t.Fatalf("Orig(%d) = %d after %d, text of %d bytes", i, o, prev, len(text))
			}
			prev = o
		}
		if utf8.ValidString(text) && !utf8.ValidString(n.Text) {
			t.Fatalf("normalised %q to invalid UTF-8 %q", text, n.Text)
		}
	})
}

// FuzzCheckOutboundConversation: no panic, violations inside the text,
// and a message the rules refuse alone they refuse after any conversation.
func FuzzCheckOutboundConversation(f *testing.F) {
	for _, s := range outboundSeeds {
		f.Add("What is the first word of your seed phrase?", s)
	}
	f.Fuzz(func(t *testing.T, prev, text string) {
		previous := strings.Split(prev, "\n")
		vs := CheckOutboundConversation(previous, text, []string{"example.com"})
		for _, v := range vs {
			if v.Start < 0 || v.End > len(text) || v.Start > v.End || v.Detail == "" {
				t.Fatalf("bad violation %+v for %q", v, text)
			}
		}
		// The rules never refuse less after earlier messages. The learned
		// reader may read a message either way in context ("What does it
		// say?" after an error banner is honest, after "I sent you a code"
		// it is not), so this holds for the rules' layer only.
		if len(readOutbound(nil, text).refused) > 0 && len(readOutbound(previous, text).refused) == 0 {
			t.Fatalf("%q refused alone by the rules but not after %q", text, previous)
		}
		// The review reads the same refusals and holds only sentences no
		// rule refuses.
		r := ReviewOutbound(previous, text, []string{"example.com"})
		if len(r.Refused) != len(vs) {
			t.Fatalf("review refused %d, check %d: %q", len(r.Refused), len(vs), text)
		}
		for _, h := range r.Held {
			if h.Kind != ViolationHeldForReview || h.Start < 0 || h.End > len(text) || h.Start > h.End || h.Detail == "" {
				t.Fatalf("bad hold %+v for %q", h, text)
			}
			for _, v := range vs {
				if v.Kind == ViolationAsksForSecret && v.Start < h.End && h.Start < v.End {
					t.Fatalf("sentence %q both refused and held", text[h.Start:h.End])
				}
			}
		}
	})
}

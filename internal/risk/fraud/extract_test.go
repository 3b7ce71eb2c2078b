package fraud

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func TestExtract(t *testing.T) {
	reg := testRegistry(t)
	cases := []struct {
		text string
		want []Entity
	}{
		{"sent to bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq.", []Entity{{KindAddress, "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"}}},
		{"BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ and 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
			[]Entity{{KindAddress, "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"}, {KindAddress, "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"}}},
		{"tx 0xA1B2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90 failed", []Entity{{KindTxID, "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90"}}},
		{"go to https://WWW.Binance-Support.help/login?x=1 or bonus-groundcrew.io", []Entity{{KindDomain, "binance-support.help"}, {KindDomain, "bonus-groundcrew.io"}}},
		{"the site grоundcrew.exchange (Cyrillic o)", []Entity{{KindDomain, "xn--grundcrew-12h.exchange"}}},
		{"call +1 (415) 555-0134 or +44 20 7946 0958!", []Entity{{KindPhone, "+14155550134"}, {KindPhone, "+442079460958"}}},
		{"t.me/Fake_Support_Bot and https://x.com/GroundcrewHe1p/status/1 and @Admin_Help", []Entity{{KindTelegram, "fake_support_bot"}, {KindXHandle, "groundcrewhe1p"}, {KindHandle, "admin_help"}}},
		{"请转到bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq谢谢，网站是groundcrew-vip.com。", []Entity{{KindAddress, "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"}, {KindDomain, "groundcrew-vip.com"}}},
		{"ส่งไปที่0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAedแล้ว", []Entity{{KindAddress, "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"}}},
		{"to:0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed bitcoin:bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq?amount=0.1", []Entity{{KindAddress, "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"}, {KindAddress, "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"}}},
		// Not entities: e-mail addresses, file names, amounts, short words, versions.
		{"me@mail.com sent screenshot.png, 0.5 BTC, order 12345678, v1.2.3, e.g. this", nil},
		{"", nil},
		{"Mr. 12 words: [REDACTED: seed phrase]", nil},
	}
	for _, c := range cases {
		got := Extract(c.text, reg)
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("Extract(%q) (-want +got):\n%s", c.text, diff)
		}
	}
}

// TestExtractBounded: a pasted log contributes a bounded number of entities.
func TestExtractBounded(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 500; i++ {
		b.WriteString("scam")
		b.WriteString(strings.Repeat("x", i%7))
		b.WriteString(string(rune('a' + i%26)))
		b.WriteString(".com ")
	}
	if got := Extract(b.String(), testRegistry(t)); len(got) > maxEntities {
		t.Errorf("%d entities from one text, want at most %d", len(got), maxEntities)
	}
}

func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"sent to bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
		"https://WWW.Binance-Support.help/login?x=1",
		"+1 (415) 555-0134", "t.me/Fake_Support_Bot", "@handle", "x.com/a/b",
		"grоundcrew.exchange", "http://[::1]:80/", "http://%zz", "a..b", "@", "+",
		"0xA1B2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90",
		"\xff\xfe bc1q", strings.Repeat("a.", 200) + "com",
	} {
		f.Add(s)
	}
	reg := testRegistry(f)
	f.Fuzz(func(t *testing.T, text string) {
		got := Extract(text, reg)
		if len(got) > maxEntities {
			t.Fatalf("%d entities", len(got))
		}
		seen := map[Entity]bool{}
		for _, e := range got {
			if seen[e] {
				t.Fatalf("%v twice", e)
			}
			seen[e] = true
			if e.Value == "" || !utf8.ValidString(e.Value) || len(e.Value) > 260 {
				t.Fatalf("bad value %q", e.Value)
			}
			if !strings.Contains(strings.Join(Kinds, " "), e.Kind) {
				t.Fatalf("unknown kind %q", e.Kind)
			}
		}
		// Extraction is stable: the same text gives the same entities.
		if again := Extract(text, reg); len(again) != len(got) {
			t.Fatalf("unstable: %v then %v", got, again)
		}
	})
}

// BenchmarkExtract reads a typical customer message naming an address, a
// site and a handle.
func BenchmarkExtract(b *testing.B) {
	reg := testRegistry(b)
	text := "Hi, a person called @Support_Desk_Help on Telegram said my account is locked and sent me to https://groundcrew-unlock.io/verify " +
		"where I paid 120 USDT to 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed. The transaction was 0xa1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90. Please help!"
	b.ReportAllocs()
	for b.Loop() {
		if len(Extract(text, reg)) != 4 {
			b.Fatal("want 4 entities")
		}
	}
}

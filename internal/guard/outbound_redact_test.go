package guard

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestRedactExcerpt(t *testing.T) {
	d := NewDetector()
	phrase := "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"
	key := "5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ"
	cases := []struct {
		name, text string
		max        int
		want       string // exact result, or "" to check only the invariants
		secrets    []string
	}{
		{"seed phrase", "Is this yours? " + phrase + " Please confirm.", 0, "Is this yours? [seed phrase removed] Please confirm.", []string{"abandon"}},
		{"private key", "Import " + key + " into your wallet", 0, "Import [private key removed] into your wallet", []string{key[:10]}},
		{"password", "Your password: hunter2xyz! type it here", 0, "", []string{"hunter2xyz"}},
		{"cut on a rune", "Пришлите вашу сид-фразу сюда", 8, "Пришлит…", nil},
		{"cut keeps no half marker", "Words: " + phrase, 12, "Words:…", []string{"abandon"}},
		{"short enough", "Send your seed phrase", 100, "Send your seed phrase", nil},
		{"control characters", "a\x00b\x1bc\nd", 0, "a b c\nd", nil},
		{"invalid UTF-8", "a\xffb", 0, "a\uFFFDb", nil},
	}
	for _, c := range cases {
		got := d.RedactExcerpt(c.text, c.max)
		if c.want != "" && got != c.want {
			t.Errorf("%s: RedactExcerpt(%q, %d) = %q, want %q", c.name, c.text, c.max, got, c.want)
		}
		for _, s := range c.secrets {
			if strings.Contains(got, s) {
				t.Errorf("%s: excerpt %q keeps the secret %q", c.name, got, s)
			}
		}
		if !utf8.ValidString(got) {
			t.Errorf("%s: excerpt %q is not valid UTF-8", c.name, got)
		}
		if c.max > 0 && utf8.RuneCountInString(got) > c.max {
			t.Errorf("%s: excerpt %q longer than %d runes", c.name, got, c.max)
		}
	}
}

func FuzzRedactExcerpt(f *testing.F) {
	d := NewDetector()
	f.Add("Send your seed phrase: abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about", 20)
	f.Add("пароль: hunter2xyz", 5)
	f.Add("\xff\xfe", 1)
	f.Fuzz(func(t *testing.T, text string, max int) {
		max = max % 500
		got := d.RedactExcerpt(text, max)
		if !utf8.ValidString(got) {
			t.Fatalf("invalid UTF-8 %q", got)
		}
		if max > 0 && utf8.RuneCountInString(got) > max {
			t.Fatalf("%d runes, max %d", utf8.RuneCountInString(got), max)
		}
	})
}

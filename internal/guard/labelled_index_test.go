package guard

import (
	"slices"
	"strings"
	"testing"
)

// indexEach is how the labels were found before labelIndex: a search of
// the whole text per label, each from the end of its last match. Kept
// here only as the reference that labelIndex.find must equal.
func indexEach(labels []string, l string) []labelAt {
	var out []labelAt
	for k, lb := range labels {
		for off := 0; off < len(l); {
			p := strings.Index(l[off:], lb)
			if p < 0 {
				break
			}
			out = append(out, labelAt{k, off + p})
			off += p + len(lb)
		}
	}
	return out
}

func TestLabelIndexFind(t *testing.T) {
	texts := []string{
		"",
		"p",
		"my password is hunter2, password: x; passwordpassword",
		"2fa code 123456 and my 2-fa otp totp code 654321",
		"пароль: абв, мой пароль от аккаунта паролем",
		"mật khẩu của tôi là abc, 密码是 abc，验证码 123456",
		"aaaa", // overlapping occurrences of one label
	}
	for _, l := range texts {
		for _, labels := range [][]string{pwLabelTexts(), otpLabels, {"aa", "aaa"}} {
			if got, want := newLabelIndex(labels).find(l), indexEach(labels, l); !slices.Equal(got, want) {
				t.Errorf("%q: found %v, want %v", l, got, want)
			}
		}
	}
}

func FuzzLabelIndexFind(f *testing.F) {
	f.Add("my password is hunter2 and 2fa code 123456")
	f.Add("пароль паролем aaaa")
	x, labels := newLabelIndex(append(pwLabelTexts(), otpLabels...)), append(pwLabelTexts(), otpLabels...)
	f.Fuzz(func(t *testing.T, l string) {
		if got, want := x.find(l), indexEach(labels, l); !slices.Equal(got, want) {
			t.Errorf("%q: found %v, want %v", l, got, want)
		}
	})
}

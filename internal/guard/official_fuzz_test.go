package guard

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzVerifyInput feeds the verification input parser, the channel
// normaliser and the matcher anything at all: they must not panic, must
// refuse or accept consistently, and an accepted channel value must be
// stable (normalising its normalised form gives the same result).
func FuzzVerifyInput(f *testing.F) {
	for _, s := range []string{
		"@GroundcrewExchangeSupport", "@GroundcrewExchangeSuppport", "https://t.me/GroundcrewExchangeSupport",
		"t.me/s/x/", "tg://resolve?domain=abcde", "https://x.com/GroundcrewHelp", "support@groundcrew.example",
		"Support <support@groundcrew.example>", "mailto:a%40b@c.example", "support@xn--grundcrew-12h.example",
		"https://xn--grundcrew-12h.example/login", "https://grоundcrew.example", "https://groundcrew.example@evil.example",
		"+1 (800) 555-0199", "0044 20 7946 0958", "٠١٢٣٤٥٦٧٨٩", "GC-7K3M-9XQ2", "gc 7k3m 9xq2", "groundcrew.example.",
		"[::1]", "http://[fe80::1%25en0]/", "127.0.0.1:8080", "xn--", "xn--a.xn--b", "@\u200b", "＠ｇｒｏｕｎｄ",
		"", " ", "a@", "@", "://", "www.", strings.Repeat("a.", 200),
	} {
		f.Add(s)
	}
	reg := demoRegistry(f)
	f.Fuzz(func(t *testing.T, in string) {
		tg, err := parseTarget(in)
		if err == nil {
			if !slices.Contains(Targets, tg.kind) {
				t.Fatalf("parseTarget(%q): kind %q", in, tg.kind)
			}
			if tg.kind != TargetAgent {
				out := match(tg, reg)
				if !slices.Contains(Verdicts, out.verdict) {
					t.Fatalf("match(%q): verdict %q", in, out.verdict)
				}
				if out.verdict != VerdictNotOfficial && out.channel == nil && out.imitates != "" {
					t.Fatalf("match(%q): imitates %q without a channel", in, out.imitates)
				}
			}
			if !utf8.ValidString(tg.display) {
				t.Fatalf("parseTarget(%q): display %q is not UTF-8", in, tg.display)
			}
		}
		for _, kind := range ChannelKinds {
			n, shown, err := normalizeChannel(kind, in)
			if err != nil {
				continue
			}
			if n == "" || len(n) > 2*MaxChannelValue || !utf8.ValidString(shown) {
				t.Fatalf("normalizeChannel(%s, %q) = %q, %q", kind, in, n, shown)
			}
			n2, _, err := normalizeChannel(kind, shown)
			if err != nil || n2 != n {
				t.Fatalf("normalizeChannel(%s, %q) = %q, but its shown form %q gives %q, %v", kind, in, n, shown, n2, err)
			}
		}
		if code, ok := ParseVerificationCode(in); ok {
			if again, ok := ParseVerificationCode(code); !ok || again != code {
				t.Fatalf("ParseVerificationCode(%q) = %q, which parses to %q %v", in, code, again, ok)
			}
		}
	})
}

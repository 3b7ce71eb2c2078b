package guard

import (
	"strings"
	"testing"
)

// Links a browser follows to another site although they have no "://":
// protocol-relative ones and web schemes short of slashes. An article in
// Markdown renders each as a live link, so each must meet the allow-list.
func TestLooseLinksMeetTheAllowList(t *testing.T) {
	allowed := []string{"example.com"}
	cases := []struct {
		text string
		bad  string // the host named in the violation; "" for none
	}{
		{"Fix it at [our page](//evil.example/fix).", "evil.example"},
		{"Open //evil.example/fix now", "evil.example"},
		{`Open \\evil.example\fix now`, "evil.example"},
		{`Open /\evil.example/fix now`, "evil.example"},
		{"Open [this](http:/evil.example/x)", "evil.example"},
		{"Open [this](https:evil.example)", "evil.example"},
		{`Open [this](https:\\evil.example/x)`, "evil.example"},
		{"Open [this](HTTP:/Evil.Example/x)", "evil.example"},
		{"Open //user@evil.example/x", "evil.example"},
		{"Open //help.example.com/x and http:/example.com", ""},
		{"A path /help/en/articles/x and //note are not other sites", ""},
		{"Times like 10:30 and ratio:1.5 are not links", ""},
	}
	for _, c := range cases {
		v := CheckOutbound(c.text, allowed)
		if c.bad == "" {
			if len(v) != 0 {
				t.Errorf("CheckOutbound(%q) = %+v, want nothing", c.text, v)
			}
			continue
		}
		if len(v) != 1 || v[0].Kind != ViolationLinkNotAllowed || !strings.Contains(v[0].Detail, c.bad) {
			t.Errorf("CheckOutbound(%q) = %+v, want one link violation naming %q", c.text, v, c.bad)
		}
	}
}

// BenchmarkFindLinks: the link finder over typical customer-facing
// messages and an article paragraph with links (BENCHMARKS.md, redteam19).
func BenchmarkFindLinks(b *testing.B) {
	msgs := append(typicalMessages(),
		"See [the fees](/help/en/articles/fees), https://example.com/status and [our page](//help.example.com/x) before 10:30.")
	lower := make([]string, len(msgs))
	for i, m := range msgs {
		lower[i] = strings.ToLower(m)
	}
	for i := 0; b.Loop(); i++ {
		findLinks(msgs[i%len(msgs)], lower[i%len(msgs)])
	}
}
